import type { FormEvent } from 'react';
import { Alert, Button, Group, List, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CloseMatterRequest, type Locale, MATTER_CLOSING_REASONS, type MatterClosingReason, ReopenMatterRequest, SUPPORTED_LOCALES } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { ruleDeadlineTitle } from '../matters/deadline-labels';
import type { MatterTabProps } from '../matters/matter-tab';
import { usePermissions } from '../session/session-api';
import { acceptanceApi, type MatterAcceptance, matterAcceptanceOptions } from './acceptance-api';
import { StepCard, useRefreshMatter } from './acceptance-shared';

const FIELDS = ['reason', 'reasonDetail', 'summary', 'closedOn', 'letterLanguage'];

function CloseForm({ data }: { data: MatterAcceptance }) {
  const { t } = useTranslation();
  const refresh = useRefreshMatter(data.matter.id);
  const form = useFormState({
    reason: 'completed_granted' as MatterClosingReason,
    reasonDetail: '',
    summary: '',
    closedOn: todayIsoDate(),
    letterLanguage: data.client.documentLanguage as Locale,
  });
  const close = useMutation({
    mutationFn: (body: CloseMatterRequest) => acceptanceApi.close(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.closing.closedOk'));
      await refresh();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CloseMatterRequest.safeParse({ ...form.values, reasonDetail: emptyToUndefined(form.values.reasonDetail), version: data.matter.version });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    close.mutate(parsed.data);
  }
  // Errors the form has no field for (scheduled hearings, a stale version) are shown above it.
  const general = Object.entries(form.errors).filter(([field]) => !FIELDS.includes(field));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={close.isError && Object.keys(form.errors).length === 0 ? close.error : null} />
        {general.map(([field, message]) => (
          <Alert key={field} color="red" variant="light" role="alert">
            {message}
          </Alert>
        ))}
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('acceptance.closing.reason')}
            required
            data={MATTER_CLOSING_REASONS.map((reason) => ({ value: reason, label: t(`acceptance.closing.reasons.${reason}`) }))}
            value={form.values.reason}
            onChange={(e) => form.setField('reason', e.currentTarget.value as MatterClosingReason)}
            error={form.errors.reason}
            style={{ minWidth: '12rem' }}
          />
          <TextInput
            type="date"
            label={t('acceptance.closing.closedOn')}
            required
            min={data.matter.openedOn}
            max={todayIsoDate()}
            value={form.values.closedOn}
            onChange={(e) => form.setField('closedOn', e.currentTarget.value)}
            error={form.errors.closedOn}
            classNames={{ input: 'ltr-value' }}
            style={{ minWidth: '10rem' }}
          />
        </Group>
        {form.values.reason === 'other' ? (
          <TextInput label={t('acceptance.closing.reasonDetail')} required value={form.values.reasonDetail} onChange={(e) => form.setField('reasonDetail', e.currentTarget.value)} error={form.errors.reasonDetail} />
        ) : null}
        <Textarea
          label={t('acceptance.closing.summary')}
          required
          autosize
          minRows={3}
          value={form.values.summary}
          onChange={(e) => form.setField('summary', e.currentTarget.value)}
          error={form.errors.summary}
        />
        <NativeSelect
          label={t('acceptance.closing.letterLanguage')}
          data={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: NATIVE_LANGUAGE_NAMES[locale] }))}
          value={form.values.letterLanguage}
          onChange={(e) => form.setField('letterLanguage', e.currentTarget.value as Locale)}
          error={form.errors.letterLanguage}
        />
        {data.openDeadlines.length > 0 ? (
          <div>
            <Text size="sm">{t('acceptance.closing.openDeadlines')}</Text>
            <List size="sm" spacing={2}>
              {data.openDeadlines.map((deadline, i) => (
                <List.Item key={i}>
                  {formatCalendarDate(deadline.dueOn)} — <span dir="auto">{ruleDeadlineTitle(t, deadline.ruleId, deadline.title)}</span>
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        <Group>
          <Button type="submit" color="red.9" loading={close.isPending}>
            {t('acceptance.closing.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReopenForm({ data }: { data: MatterAcceptance }) {
  const { t } = useTranslation();
  const refresh = useRefreshMatter(data.matter.id);
  const form = useFormState({ reason: '' });
  const reopen = useMutation({
    mutationFn: (body: ReopenMatterRequest) => acceptanceApi.reopen(data.matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('acceptance.closing.reopenedOk'));
      await refresh();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = ReopenMatterRequest.safeParse({ reason: form.values.reason, version: data.matter.version });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    reopen.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={reopen.isError && !form.errors.reason ? reopen.error : null} />
        <Textarea label={t('acceptance.closing.reopenReason')} required autosize minRows={2} value={form.values.reason} onChange={(e) => form.setField('reason', e.currentTarget.value)} error={form.errors.reason} />
        <Group>
          <Button type="submit" variant="default" loading={reopen.isPending}>
            {t('acceptance.closing.reopen')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Closing a matter (seed 002 case closing procedures): a reason and summary, the closing letter
 * in the client's language, and the date until which the file is kept; a supervising attorney may reopen it.
 */
export function ClosingTab({ matterId, readOnly }: MatterTabProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const query = useQuery(matterAcceptanceOptions(matterId));
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const data = query.data;
  const closing = data.closing;
  const key = `${data.matter.id}:${data.matter.version}`;
  return (
    <Stack gap="md">
      <StepCard title={t('acceptance.closingTitle')} state={closing ? 'done' : data.matter.status === 'open' ? 'todo' : 'waiting'} label={t(closing ? 'acceptance.stepStatus.done' : 'acceptance.stepStatus.todo')}>
        <Text size="sm">{t('acceptance.closing.intro')}</Text>
        {closing ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t(`acceptance.closing.reasons.${closing.reason}`)}
              {closing.reasonDetail ? (
                <>
                  {' — '}
                  <span dir="auto">{closing.reasonDetail}</span>
                </>
              ) : null}
            </Text>
            <Text size="sm" c="dimmed">
              {t('acceptance.closing.closedBy', { name: closing.closedBy.name, date: formatCalendarDate(closing.closedOn) })}
            </Text>
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-line' }}>
              {closing.summary}
            </Text>
            <Text size="sm" fw={600}>
              {t('acceptance.closing.retention', { date: formatCalendarDate(closing.retentionUntil) })}
            </Text>
            <Text size="sm">
              {t('acceptance.closing.letterLanguage')}: {NATIVE_LANGUAGE_NAMES[closing.letterLanguage]}
            </Text>
            <Group mt="xs">
              <Button
                variant="default"
                leftSection={<IconPrinter size={16} aria-hidden="true" />}
                renderRoot={(props) => <Link to="/matters/$matterId/closing-letter" params={{ matterId }} {...props} />}
              >
                {t('acceptance.closing.printLetter')}
              </Button>
            </Group>
          </Stack>
        ) : data.matter.status === 'declined' ? (
          <Text size="sm">{t('acceptance.closing.declined')}</Text>
        ) : data.matter.status !== 'open' ? (
          <Text size="sm" c="dimmed">
            {t('acceptance.closing.onlyOpen')}
          </Text>
        ) : !readOnly && can('matter.manage') ? (
          <CloseForm key={key} data={data} />
        ) : null}
      </StepCard>
      {data.matter.status === 'closed' && data.callerIsSupervisingAttorney ? (
        <StepCard title={t('acceptance.closing.reopen')}>
          <ReopenForm key={key} data={data} />
        </StepCard>
      ) : null}
    </Stack>
  );
}
