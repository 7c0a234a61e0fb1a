import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ProgramLegalSettings, UpdateProgramRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Program } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { criterionLabel } from './acceptance-shared';

const saveSettings = (programId: string, legalSettings: Partial<ProgramLegalSettings> | null) =>
  api<Program>(`/api/programs/${encodeURIComponent(programId)}`, { method: 'PATCH', body: { legalSettings } });

/** "30, 14, 7" → [30, 14, 7]; anything that is not a whole number is kept for the schema to refuse. */
function parseOffsets(text: string): unknown[] {
  return text
    .split(/[,،\s]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * How a legal program runs its matters: reminder days before deadlines, hearings and check-ins,
 * when an unacknowledged item goes to the supervisor, the case selection criteria the supervising
 * attorney weighs, and how long closed files are kept. Saved as a whole; "back to the defaults"
 * clears them.
 */
export function ProgramLegalSettingsEditor({ program, onClose }: { program: Program; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = program.legalSettings;
  const [offsets, setOffsets] = useState(settings.reminderOffsets.join(', '));
  const [escalate, setEscalate] = useState<number | ''>(settings.escalateUnacknowledgedDays);
  const [criteria, setCriteria] = useState(settings.selectionCriteria.join('\n'));
  const [retention, setRetention] = useState<number | ''>(settings.retentionYears);
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation({
    mutationFn: (legalSettings: Partial<ProgramLegalSettings> | null) => saveSettings(program.id, legalSettings),
    onSuccess: async () => {
      notifySuccess(t('acceptance.settings.saved'));
      await queryClient.invalidateQueries({ queryKey: ['programs'] });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateProgramRequest.safeParse({
      legalSettings: {
        reminderOffsets: parseOffsets(offsets),
        escalateUnacknowledgedDays: escalate === '' ? undefined : escalate,
        selectionCriteria: criteria
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        retentionYears: retention === '' ? undefined : retention,
      },
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(parsed.data.legalSettings ?? null);
  }

  const err = (path: string) => errors[`legalSettings.${path}`] ?? Object.entries(errors).find(([field]) => field.startsWith(`legalSettings.${path}.`))?.[1];

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Group gap="xs">
          <Text size="sm">{t('acceptance.settings.intro')}</Text>
          <Badge variant="light" color={program.legalSettingsCustomized ? 'blue.9' : 'gray.8'}>
            {program.legalSettingsCustomized ? t('acceptance.settings.customized') : t('acceptance.settings.usingDefaults')}
          </Badge>
        </Group>
        <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
        <TextInput
          label={t('acceptance.settings.reminderOffsets')}
          description={t('acceptance.settings.reminderOffsetsHelp')}
          value={offsets}
          onChange={(e) => setOffsets(e.currentTarget.value)}
          error={err('reminderOffsets')}
          classNames={{ input: 'ltr-value' }}
        />
        <NumberInput
          label={t('acceptance.settings.escalate')}
          min={0}
          max={90}
          allowDecimal={false}
          value={escalate}
          onChange={(value) => setEscalate(typeof value === 'number' ? value : '')}
          error={err('escalateUnacknowledgedDays')}
        />
        <Textarea
          label={t('acceptance.settings.criteria')}
          description={t('acceptance.settings.criteriaHelp')}
          autosize
          minRows={4}
          value={criteria}
          onChange={(e) => setCriteria(e.currentTarget.value)}
          error={err('selectionCriteria')}
        />
        <Text size="xs" c="dimmed">
          {settings.selectionCriteria.map((code) => criterionLabel(code, t)).join(' · ')}
        </Text>
        <NumberInput
          label={t('acceptance.settings.retention')}
          min={1}
          max={50}
          allowDecimal={false}
          value={retention}
          onChange={(value) => setRetention(typeof value === 'number' ? value : '')}
          error={err('retentionYears')}
        />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Button variant="subtle" onClick={() => save.mutate(null)} disabled={!program.legalSettingsCustomized || save.isPending}>
            {t('acceptance.settings.reset')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('acceptance.settings.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
