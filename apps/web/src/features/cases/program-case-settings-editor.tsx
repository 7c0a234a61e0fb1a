import { useState, type FormEvent } from 'react';
import { Badge, Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Checkpoint, type ProgramCaseSettings, UpdateProgramRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Program } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';

interface CheckpointDraft {
  id: number;
  days: number | '';
  from: Checkpoint['from'];
  title: string;
}

let nextDraftId = 1;

const saveSettings = (programId: string, caseSettings: Partial<ProgramCaseSettings> | null) =>
  api<Program>(`/api/programs/${encodeURIComponent(programId)}`, { method: 'PATCH', body: { caseSettings } });

/**
 * How a program runs its cases (the contact rule, follow-up checkpoints, approvals, the
 * disbursement threshold and the case file review checklist), edited as a whole: saving stores
 * every setting; "back to the defaults" clears them.
 */
export function ProgramCaseSettingsEditor({ program, onClose }: { program: Program; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = program.caseSettings;
  const [minimum, setMinimum] = useState<number | ''>(settings.contactRule.minimum);
  const [period, setPeriod] = useState(settings.contactRule.period);
  const [planApproval, setPlanApproval] = useState(settings.planApprovalRequired);
  const [closureApproval, setClosureApproval] = useState(settings.closureApprovalRequired);
  const [thresholdDollars, setThreshold] = useState<number | ''>(settings.disbursementApprovalThresholdCents / 100);
  const [checkpoints, setCheckpoints] = useState<CheckpointDraft[]>(() => settings.checkpoints.map((c) => ({ ...c, id: nextDraftId++ })));
  const [checklist, setChecklist] = useState(settings.reviewChecklist.join('\n'));
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (caseSettings: Partial<ProgramCaseSettings> | null) => saveSettings(program.id, caseSettings),
    onSuccess: async () => {
      notifySuccess(t('cases.settings.saved'));
      await queryClient.invalidateQueries({ queryKey: ['programs'] });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateProgramRequest.safeParse({
      caseSettings: {
        contactRule: { minimum: minimum === '' ? undefined : minimum, period },
        checkpoints: checkpoints.map(({ days, from, title }) => ({ days: days === '' ? undefined : days, from, title })),
        planApprovalRequired: planApproval,
        closureApprovalRequired: closureApproval,
        disbursementApprovalThresholdCents: thresholdDollars === '' ? undefined : Math.round(thresholdDollars * 100),
        reviewChecklist: checklist
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      },
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data.caseSettings ?? null);
  }

  const err = (path: string) => errors[`caseSettings.${path}`];

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Group gap="xs">
          <Text size="sm">{t('cases.settings.intro')}</Text>
          <Badge variant="light" color={program.caseSettingsCustomized ? 'blue.9' : 'gray.8'}>
            {program.caseSettingsCustomized ? t('cases.settings.customized') : t('cases.settings.usingDefaults')}
          </Badge>
        </Group>
        <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('cases.settings.contactMinimum')}
            min={1}
            max={31}
            allowDecimal={false}
            value={minimum}
            onChange={(value) => setMinimum(typeof value === 'number' ? value : '')}
            error={err('contactRule.minimum')}
          />
          <NativeSelect
            label={t('cases.settings.contactPeriod')}
            data={(['calendar_month', 'week'] as const).map((p) => ({ value: p, label: t(`cases.settings.periods.${p}`) }))}
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value as typeof period)}
          />
        </Group>
        <Switch label={t('cases.settings.planApproval')} checked={planApproval} onChange={(e) => setPlanApproval(e.currentTarget.checked)} />
        <Switch label={t('cases.settings.closureApproval')} checked={closureApproval} onChange={(e) => setClosureApproval(e.currentTarget.checked)} />
        <NumberInput
          label={t('cases.settings.threshold')}
          min={0}
          decimalScale={2}
          value={thresholdDollars}
          onChange={(value) => setThreshold(typeof value === 'number' ? value : '')}
          error={err('disbursementApprovalThresholdCents')}
        />
        <Fieldset legend={t('cases.settings.checkpoints')} variant="unstyled">
          <Stack gap="sm">
            {checkpoints.map((checkpoint, index) => {
              const update = (change: Partial<CheckpointDraft>) => setCheckpoints((all) => all.map((c) => (c.id === checkpoint.id ? { ...c, ...change } : c)));
              return (
                <Group key={checkpoint.id} align="flex-end" gap="xs" wrap="wrap">
                  <NumberInput
                    label={t('cases.settings.checkpointDays')}
                    min={1}
                    max={3650}
                    allowDecimal={false}
                    w={110}
                    value={checkpoint.days}
                    onChange={(value) => update({ days: typeof value === 'number' ? value : '' })}
                    error={err(`checkpoints.${index}.days`)}
                  />
                  <NativeSelect
                    label={t('cases.settings.checkpointFrom')}
                    data={(['eligibility', 'case_opened'] as const).map((f) => ({ value: f, label: t(`cases.settings.checkpointFromOptions.${f}`) }))}
                    value={checkpoint.from}
                    onChange={(e) => update({ from: e.currentTarget.value as Checkpoint['from'] })}
                  />
                  <TextInput
                    label={t('cases.settings.checkpointTitle')}
                    style={{ flex: '1 1 12rem' }}
                    value={checkpoint.title}
                    onChange={(e) => update({ title: e.currentTarget.value })}
                    error={err(`checkpoints.${index}.title`)}
                  />
                  <Button
                    variant="subtle"
                    color="red.9"
                    aria-label={t('cases.settings.removeCheckpoint', { n: index + 1 })}
                    onClick={() => setCheckpoints((all) => all.filter((c) => c.id !== checkpoint.id))}
                  >
                    <IconTrash size={16} aria-hidden="true" />
                  </Button>
                </Group>
              );
            })}
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setCheckpoints((all) => [...all, { id: nextDraftId++, days: 90, from: 'case_opened', title: '' }])}
              disabled={checkpoints.length >= 20}
            >
              {t('cases.settings.addCheckpoint')}
            </Button>
          </Stack>
        </Fieldset>
        <Textarea
          label={t('cases.settings.reviewChecklist')}
          description={t('cases.settings.reviewChecklistHelp')}
          autosize
          minRows={4}
          value={checklist}
          onChange={(e) => setChecklist(e.currentTarget.value)}
          error={err('reviewChecklist')}
        />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Button variant="subtle" onClick={() => save.mutate(null)} disabled={!program.caseSettingsCustomized || save.isPending}>
            {t('cases.settings.reset')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('cases.settings.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
