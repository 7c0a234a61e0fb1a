import { type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ACCREDITATION_LEVELS,
  type AccreditationLevel,
  BAR_STATUSES,
  type BarStatus,
  CreateCredentialRequest,
  CREDENTIAL_MESSAGES,
  type CredentialKind,
  credentialProblems,
  type CredentialResponse,
  UpdateCredentialRequest,
  US_STATE_CODES,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { membersOptions } from '../admin/admin-api';
import { credentialKeys, credentialsApi } from './credentials-api';

interface Values extends Record<string, unknown> {
  userId: string;
  kind: CredentialKind;
  barState: string;
  barNumber: string;
  barStatus: BarStatus | '';
  accreditationLevel: AccreditationLevel | '';
  expiresOn: string;
  renewalFiledOn: string;
  supervisingAttorney: boolean;
}

/**
 * Add or edit one credential. The kind switches the fields: an attorney's bar state, number and
 * status (and an optional card expiry); an accredited representative's level and expiry. The
 * same rules as the server (credentialProblems) are checked before sending.
 */
export function CredentialForm({ existing, onClose }: { existing: CredentialResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery({ ...membersOptions, enabled: existing === null });
  const form = useFormState<Values>({
    userId: existing?.member.id ?? '',
    kind: existing?.kind ?? 'attorney',
    barState: existing?.barState ?? '',
    barNumber: existing?.barNumber ?? '',
    barStatus: existing?.barStatus ?? (existing ? '' : 'active'),
    accreditationLevel: existing?.accreditationLevel ?? '',
    expiresOn: existing?.expiresOn ?? '',
    renewalFiledOn: existing?.renewalFiledOn ?? '',
    supervisingAttorney: existing?.supervisingAttorney ?? false,
  });
  const v = form.values;
  const attorney = v.kind === 'attorney';

  /**
   * Only the kind's own fields are sent; the others are cleared. A new expiry with the renewal
   * date left as it was records EOIR's decision: the filing no longer applies, so it is cleared.
   */
  function fields() {
    const decided = existing !== null && v.expiresOn !== (existing.expiresOn ?? '') && v.renewalFiledOn === (existing.renewalFiledOn ?? '');
    return {
      barState: attorney ? v.barState || null : null,
      barNumber: attorney ? v.barNumber.trim() || null : null,
      barStatus: attorney ? v.barStatus || null : null,
      accreditationLevel: attorney ? null : v.accreditationLevel || null,
      expiresOn: v.expiresOn || null,
      renewalFiledOn: attorney || decided ? null : v.renewalFiledOn || null,
      supervisingAttorney: attorney ? v.supervisingAttorney : false,
    };
  }

  const save = useMutation({
    mutationFn: async (): Promise<CredentialResponse> => {
      const body = fields();
      const problems = credentialProblems({ kind: v.kind, ...body, barStatus: body.barStatus as BarStatus | null, accreditationLevel: body.accreditationLevel as AccreditationLevel | null }, todayIsoDate());
      if (!existing && !v.userId) {
        problems.userId = CREDENTIAL_MESSAGES.notMember;
      }
      const first = Object.values(problems)[0];
      if (first) {
        // The same shape as the server's answer, so one path translates both.
        throw new ApiError(400, 'validation_failed', first, problems);
      }
      if (existing) {
        const parsed = UpdateCredentialRequest.safeParse({ ...body, version: existing.version });
        if (!parsed.success) {
          throw parsed.error;
        }
        return credentialsApi.update(existing.id, parsed.data);
      }
      const parsed = CreateCredentialRequest.safeParse({ userId: v.userId, kind: v.kind, ...body });
      if (!parsed.success) {
        throw parsed.error;
      }
      return credentialsApi.create(parsed.data);
    },
    onSuccess: async () => {
      notifySuccess(t('credentials.saved'));
      await queryClient.invalidateQueries({ queryKey: credentialKeys.all });
      onClose();
    },
    onError: (error) => {
      if ('issues' in error) {
        form.setErrors(zodFieldErrors(error as { issues: object[] }, t));
      } else {
        form.setErrors(serverFieldErrors(error, t));
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate();
  }

  const requestError = save.isError && !('issues' in save.error) && !Object.keys(form.errors).length ? save.error : null;
  const memberChoices = (members.data?.items ?? [])
    .filter((m) => m.status === 'active')
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((m) => ({ value: m.userId, label: `${m.displayName} (${t(`roles.${m.role}`)})` }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={requestError} />
        {existing ? (
          <Text fw={600}>
            {existing.member.name} · {t(`credentials.kinds.${existing.kind}`)}
          </Text>
        ) : (
          <>
            <NativeSelect
              label={t('credentials.member')}
              required
              data={[{ value: '', label: '—' }, ...memberChoices]}
              value={v.userId}
              onChange={(event) => form.setField('userId', event.currentTarget.value)}
              error={form.errors.userId}
              data-autofocus
            />
            <Stack gap={4}>
              <Text component="span" size="sm" fw={500} id="credential-kind-label">
                {t('credentials.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="credential-kind-label"
                fullWidth
                orientation="horizontal"
                data={(['attorney', 'accredited_representative'] as const).map((kind) => ({ value: kind, label: t(`credentials.kinds.${kind}`) }))}
                value={v.kind}
                onChange={(value) => form.setField('kind', value as CredentialKind)}
                styles={{ label: { whiteSpace: 'normal' } }}
              />
            </Stack>
          </>
        )}
        {attorney ? (
          <>
            <NativeSelect
              label={t('credentials.barState')}
              required
              data={[{ value: '', label: '—' }, ...US_STATE_CODES.map((code) => ({ value: code, label: code }))]}
              value={v.barState}
              onChange={(event) => form.setField('barState', event.currentTarget.value)}
              error={form.errors.barState}
            />
            <TextInput
              label={t('credentials.barNumber')}
              required
              value={v.barNumber}
              onChange={(event) => form.setField('barNumber', event.currentTarget.value)}
              error={form.errors.barNumber}
              classNames={{ input: 'ltr-value' }}
              autoComplete="off"
            />
            <NativeSelect
              label={t('credentials.barStatus')}
              required
              data={[{ value: '', label: '—' }, ...BAR_STATUSES.map((status) => ({ value: status, label: t(`credentials.barStatuses.${status}`) }))]}
              value={v.barStatus}
              onChange={(event) => form.setField('barStatus', event.currentTarget.value as BarStatus | '')}
              error={form.errors.barStatus}
            />
            <TextInput
              type="date"
              label={t('credentials.expiresOnAttorney')}
              description={t('common.optional')}
              value={v.expiresOn}
              onChange={(event) => form.setField('expiresOn', event.currentTarget.value)}
              error={form.errors.expiresOn}
            />
            <Checkbox
              label={t('credentials.supervisingAttorney')}
              description={t('credentials.supervisingHelp')}
              checked={v.supervisingAttorney}
              onChange={(event) => form.setField('supervisingAttorney', event.currentTarget.checked)}
              error={form.errors.supervisingAttorney}
            />
          </>
        ) : (
          <>
            <NativeSelect
              label={t('credentials.accreditationLevel')}
              required
              data={[{ value: '', label: '—' }, ...ACCREDITATION_LEVELS.map((level) => ({ value: level, label: t(`credentials.levels.${level}`) }))]}
              value={v.accreditationLevel}
              onChange={(event) => form.setField('accreditationLevel', event.currentTarget.value as AccreditationLevel | '')}
              error={form.errors.accreditationLevel}
            />
            <TextInput
              type="date"
              label={t('credentials.expiresOn')}
              description={t('credentials.expiresOnHelp')}
              required
              value={v.expiresOn}
              onChange={(event) => form.setField('expiresOn', event.currentTarget.value)}
              error={form.errors.expiresOn}
            />
            <TextInput
              type="date"
              label={t('credentials.renewalFiledOn')}
              description={t('credentials.renewalFiledOnHelp')}
              value={v.renewalFiledOn}
              max={todayIsoDate()}
              onChange={(event) => form.setField('renewalFiledOn', event.currentTarget.value)}
              error={form.errors.renewalFiledOn}
            />
          </>
        )}
        {form.errors.kind ? (
          <Text c="red.8" size="sm" role="alert">
            {form.errors.kind}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
