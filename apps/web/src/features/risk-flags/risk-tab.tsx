import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, List, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MandatoryReportRecord, RaiseRiskFlagRequest, RISK_FLAG_KINDS, ResolveRiskFlagRequest, SafetyPlanRecord, type RiskFlagKind } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { usePermissions } from '../session/session-api';
import { taskKeys } from '../tasks/tasks-api';
import { caseRiskFlagsOptions, type RiskFlag, riskFlagKeys, riskFlagsApi } from './risk-flags-api';

/** Errors of a nested record ("safetyPlan.summary") shown on the form's own fields ("summary"). */
function within(errors: FieldErrors, prefix: string): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    result[field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field] = message;
  }
  return result;
}

function useInvalidate(caseId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: riskFlagKeys.ofCase(caseId) }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]);
}

function RaiseFlagModal({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const invalidate = useInvalidate(caseId);
  const form = useFormState({ kind: 'suicidal_ideation' as RiskFlagKind, raisedOn: todayIsoDate(), description: '' });
  const raise = useMutation({
    mutationFn: (body: RaiseRiskFlagRequest) => riskFlagsApi.raise(caseId, body),
    onSuccess: async () => {
      notifySuccess(t('risk.raised'));
      await invalidate();
      form.reset({ kind: 'suicidal_ideation', raisedOn: todayIsoDate(), description: '' });
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = RaiseRiskFlagRequest.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    raise.mutate(parsed.data);
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('risk.raise')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('risk.raiseHint')}</Text>
          <FormError error={raise.isError && !Object.keys(form.errors).length ? raise.error : null} />
          <NativeSelect
            label={t('risk.kind')}
            required
            data={RISK_FLAG_KINDS.map((kind) => ({ value: kind, label: t(`risk.kinds.${kind}`) }))}
            value={form.values.kind}
            onChange={(event) => form.setField('kind', event.currentTarget.value as RiskFlagKind)}
            error={form.errors.kind}
          />
          <TextInput
            type="date"
            label={t('risk.raisedOn')}
            required
            max={todayIsoDate()}
            value={form.values.raisedOn}
            onChange={(event) => form.setField('raisedOn', event.currentTarget.value)}
            error={form.errors.raisedOn}
            classNames={{ input: 'ltr-value' }}
          />
          <Textarea
            label={t('risk.description')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={form.values.description}
            onChange={(event) => form.setField('description', event.currentTarget.value)}
            error={form.errors.description}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('risk.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={raise.isPending}>
              {t('risk.submitRaise')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SafetyPlanForm({ caseId, flag }: { caseId: string; flag: RiskFlag }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(caseId);
  const form = useFormState({ summary: flag.safetyPlan?.summary ?? '', recordedOn: flag.safetyPlan?.recordedOn ?? todayIsoDate() });
  const save = useMutation({
    mutationFn: (safetyPlan: { summary: string; recordedOn: string }) => riskFlagsApi.update(caseId, flag.id, { safetyPlan, version: flag.version }),
    onSuccess: async () => {
      notifySuccess(t('risk.safetyPlanSaved'));
      await invalidate();
    },
    onError: (error) => form.setErrors(within(serverFieldErrors(error, t), 'safetyPlan')),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = SafetyPlanRecord.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('risk.safetyPlan')}>
      <Stack gap="sm">
        <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
        <Textarea
          label={t('risk.safetyPlanSummary')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          value={form.values.summary}
          onChange={(event) => form.setField('summary', event.currentTarget.value)}
          error={form.errors.summary}
        />
        <TextInput
          type="date"
          label={t('risk.recordedOn')}
          required
          max={todayIsoDate()}
          value={form.values.recordedOn}
          onChange={(event) => form.setField('recordedOn', event.currentTarget.value)}
          error={form.errors.recordedOn}
          classNames={{ input: 'ltr-value' }}
        />
        <Button type="submit" variant="light" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('risk.saveSafetyPlan')}
        </Button>
      </Stack>
    </form>
  );
}

function MandatoryReportForm({ caseId, flag }: { caseId: string; flag: RiskFlag }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(caseId);
  const form = useFormState({ reportedBy: '', reportedOn: todayIsoDate(), agency: '', reference: '' });
  const save = useMutation({
    mutationFn: (mandatoryReport: { reportedBy: string; reportedOn: string; agency: string; reference: string }) =>
      riskFlagsApi.update(caseId, flag.id, { mandatoryReport, version: flag.version }),
    onSuccess: async () => {
      notifySuccess(t('risk.reportSaved'));
      await invalidate();
    },
    onError: (error) => form.setErrors(within(serverFieldErrors(error, t), 'mandatoryReport')),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = MandatoryReportRecord.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }
  const field = (name: 'reportedBy' | 'agency' | 'reference', max: number) => (
    <TextInput
      label={t(`risk.${name}`)}
      required
      maxLength={max}
      value={form.values[name]}
      onChange={(event) => form.setField(name, event.currentTarget.value)}
      error={form.errors[name]}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('risk.mandatoryReport')}>
      <Stack gap="sm">
        <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
        {field('reportedBy', 200)}
        <TextInput
          type="date"
          label={t('risk.reportedOn')}
          required
          max={todayIsoDate()}
          value={form.values.reportedOn}
          onChange={(event) => form.setField('reportedOn', event.currentTarget.value)}
          error={form.errors.reportedOn}
          classNames={{ input: 'ltr-value' }}
        />
        {field('agency', 200)}
        {field('reference', 100)}
        <Button type="submit" variant="light" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('risk.saveReport')}
        </Button>
      </Stack>
    </form>
  );
}

function ResolveForm({ caseId, flag, onDone }: { caseId: string; flag: RiskFlag; onDone: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(caseId);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const resolve = useMutation({
    mutationFn: (body: ResolveRiskFlagRequest) => riskFlagsApi.resolve(caseId, flag.id, body),
    onSuccess: async () => {
      notifySuccess(t('risk.resolvedMessage'));
      await invalidate();
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ResolveRiskFlagRequest.safeParse({ note });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    resolve.mutate(parsed.data);
  }
  const blocking = [errors.safetyPlan, errors.mandatoryReport].filter(Boolean);
  return (
    <form onSubmit={submit} noValidate aria-label={t('risk.resolve')}>
      <Stack gap="sm">
        {blocking.length > 0 ? (
          <Alert color="red" role="alert">
            {blocking.join(' ')}
          </Alert>
        ) : (
          <FormError error={resolve.isError && !errors.note ? resolve.error : null} />
        )}
        <Textarea label={t('risk.resolveNote')} required autosize minRows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.note} />
        <Button type="submit" loading={resolve.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('risk.submitResolve')}
        </Button>
      </Stack>
    </form>
  );
}

function FlagCard({ caseId, flag, mayWork }: { caseId: string; flag: RiskFlag; mayWork: boolean }) {
  const { t } = useTranslation();
  const [resolving, setResolving] = useState(false);
  const open = flag.status === 'open';
  return (
    <Paper withBorder p="md" radius="md" component="li">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Title order={3} size="h4">
            {t(`risk.kinds.${flag.kind}`)}
          </Title>
          <Badge color={open ? 'red.9' : 'teal.9'} variant="filled" tt="none">
            {t(`risk.statuses.${flag.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('risk.raisedBy', { date: formatCalendarDate(flag.raisedOn), name: flag.raisedBy.name })}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{flag.description}</Text>
        {open && flag.required.length > 0 ? (
          <Alert color="orange.9" variant="light" title={t('risk.stillRequired')} icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
            <List size="sm">
              {flag.required.map((item) => (
                <List.Item key={item}>{t(`risk.required.${item}`)}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t('risk.safetyPlan')}
          </Title>
          {flag.safetyPlan ? (
            <>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {flag.safetyPlan.summary}
              </Text>
              <Text size="xs" c="dimmed">
                {t('risk.safetyPlanBy', { date: formatCalendarDate(flag.safetyPlan.recordedOn), name: flag.safetyPlan.recordedBy.name })}
              </Text>
            </>
          ) : null}
          {open && mayWork ? <SafetyPlanForm caseId={caseId} flag={flag} key={`plan-${flag.version}`} /> : null}
        </Stack>
        {flag.kind === 'child_abuse_neglect' || flag.mandatoryReport ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              {t('risk.mandatoryReport')}
            </Title>
            {flag.mandatoryReport ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t('risk.reportSummary', {
                  agency: flag.mandatoryReport.agency,
                  date: formatCalendarDate(flag.mandatoryReport.reportedOn),
                  by: flag.mandatoryReport.reportedBy,
                  reference: flag.mandatoryReport.reference,
                })}
              </Text>
            ) : open && mayWork ? (
              <MandatoryReportForm caseId={caseId} flag={flag} key={`report-${flag.version}`} />
            ) : null}
          </Stack>
        ) : null}
        {!open && flag.resolvedBy ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('risk.resolvedOn', { name: flag.resolvedBy.name, note: flag.resolutionNote ?? '' })}
          </Text>
        ) : null}
        {open && mayWork ? (
          resolving ? (
            <ResolveForm caseId={caseId} flag={flag} onDone={() => setResolving(false)} />
          ) : (
            <Button variant="default" onClick={() => setResolving(true)} style={{ alignSelf: 'flex-start' }}>
              {t('risk.resolve')}
            </Button>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The case's risk flags: raise one, record the safety plan and mandatory report, resolve — with a banner of what is still required. */
export function RiskTab({ caseId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [raising, setRaising] = useState(false);
  const flags = useQuery(caseRiskFlagsOptions(caseId));
  const mayWork = !readOnly && can('case.manage');
  const openFlags = (flags.data?.items ?? []).filter((flag) => flag.status === 'open');

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h3">
          {t('risk.heading')}
        </Title>
        {mayWork ? (
          <Button color="red.9" onClick={() => setRaising(true)}>
            {t('risk.raise')}
          </Button>
        ) : null}
      </Group>
      {openFlags.length > 0 ? (
        <Alert color="red" variant="filled" role="status" title={t('risk.openBanner', { count: openFlags.length })} icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
          <List size="sm" c="white">
            {openFlags.flatMap((flag) =>
              flag.required.map((item) => (
                <List.Item key={`${flag.id}-${item}`}>
                  {t(`risk.kinds.${flag.kind}`)}: {t(`risk.required.${item}`)}
                </List.Item>
              )),
            )}
          </List>
        </Alert>
      ) : null}
      {flags.isPending ? (
        <LoadingState />
      ) : flags.isError ? (
        <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />
      ) : flags.data.items.length === 0 ? (
        <EmptyState>{t('risk.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="md" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {flags.data.items.map((flag) => (
            <FlagCard key={flag.id} caseId={caseId} flag={flag} mayWork={mayWork} />
          ))}
        </Stack>
      )}
      {mayWork ? <RaiseFlagModal caseId={caseId} opened={raising} onClose={() => setRaising(false)} /> : null}
    </Stack>
  );
}
