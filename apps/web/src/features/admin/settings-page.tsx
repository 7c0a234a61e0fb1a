import { useEffect, type FormEvent } from 'react';
import { Button, Card, MultiSelect, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SUPPORTED_LOCALES, UpdateOrganizationRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../app/api-types';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { SESSION_KEY } from '../../app/query-client';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { adminApi, adminKeys, organizationOptions } from './admin-api';

function valuesOf(org: Organization) {
  return { name: org.name, mfaRequired: org.mfaRequired, languages: [...org.languages] as string[], defaultLocale: org.defaultLocale as string };
}

function SettingsForm({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState(valuesOf(org));
  const { reset } = form;
  useEffect(() => {
    reset(valuesOf(org));
  }, [org, reset]);

  const languageOptions = SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: t(`languageNames.${locale}`) }));
  const save = useMutation({
    mutationFn: adminApi.updateOrganization,
    onSuccess: async (updated) => {
      queryClient.setQueryData(adminKeys.organization, updated);
      notifySuccess(t('settings.saved'));
      // The organization's name and MFA policy are part of the session (switcher, enrolment).
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateOrganizationRequest.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    save.mutate(parsed.data);
  }

  const defaultOptions = languageOptions.filter((option) => form.values.languages.includes(option.value));
  return (
    <Card withBorder padding="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack maw={520}>
          <FormError error={save.isError && !Object.keys(form.errors).length ? save.error : null} />
          <TextInput
            label={t('settings.name')}
            required
            value={form.values.name}
            onChange={(event) => form.setField('name', event.currentTarget.value)}
            error={form.errors.name}
          />
          <Switch
            label={t('settings.mfaRequired')}
            description={t('settings.mfaRequiredHelp')}
            checked={form.values.mfaRequired}
            onChange={(event) => form.setField('mfaRequired', event.currentTarget.checked)}
            error={form.errors.mfaRequired}
          />
          <MultiSelect
            label={t('settings.languages')}
            description={t('settings.languagesHelp')}
            data={languageOptions}
            value={form.values.languages}
            onChange={(languages) => {
              form.setField('languages', languages);
              if (!languages.includes(form.values.defaultLocale) && languages[0]) {
                form.setField('defaultLocale', languages[0]);
              }
            }}
            error={form.errors.languages}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('settings.defaultLanguage')}
            data={defaultOptions}
            value={form.values.defaultLocale}
            onChange={(value) => form.setField('defaultLocale', value ?? '')}
            allowDeselect={false}
            error={form.errors.defaultLocale}
            comboboxProps={{ withinPortal: true }}
          />
          <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('settings.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function Settings() {
  const { t } = useTranslation();
  const org = useQuery(organizationOptions);
  return (
    <Stack>
      <PageTitle title={t('settings.title')} />
      {org.isPending ? <LoadingState /> : org.isError ? <ErrorState error={org.error} onRetry={() => void org.refetch()} /> : <SettingsForm org={org.data} />}
    </Stack>
  );
}

export function SettingsPage() {
  return (
    <RequirePermission anyOf={['org.update']}>
      <Settings />
    </RequirePermission>
  );
}
