import { useMemo, type FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateClientRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../app/api-types';
import { emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { COMMON_CLIENT_LANGUAGES, allCountryCodes, countryName, languageName } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { clientFullName, createClient } from './clients-api';

const EMPTY = { givenName: '', familyName: '', preferredLanguage: '', countryOfBirth: '' };

export function CreateClientModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (client: Client) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState(EMPTY);
  const language = i18n.resolvedLanguage;

  const languageOptions = useMemo(
    () =>
      COMMON_CLIENT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) })).sort((a, b) =>
        a.label.localeCompare(b.label, language),
      ),
    [language],
  );
  const countryOptions = useMemo(
    () =>
      allCountryCodes()
        .map((code) => ({ value: code, label: countryName(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );

  const create = useMutation({
    mutationFn: createClient,
    onSuccess: async (client) => {
      notifySuccess(t('clients.created', { name: clientFullName(client) }));
      await queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
      form.reset(EMPTY);
      onCreated(client);
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateClientRequest.safeParse({
      givenName: form.values.givenName,
      familyName: form.values.familyName,
      preferredLanguage: emptyToUndefined(form.values.preferredLanguage),
      countryOfBirth: emptyToUndefined(form.values.countryOfBirth),
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    create.mutate(parsed.data);
  }

  function close(): void {
    form.reset(EMPTY);
    create.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('clients.createTitle')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={create.isError && !Object.keys(form.errors).length ? create.error : null} />
          <TextInput
            label={t('clients.givenName')}
            required
            autoComplete="off"
            value={form.values.givenName}
            onChange={(event) => form.setField('givenName', event.currentTarget.value)}
            error={form.errors.givenName}
            data-autofocus
          />
          <TextInput
            label={t('clients.familyName')}
            required
            autoComplete="off"
            value={form.values.familyName}
            onChange={(event) => form.setField('familyName', event.currentTarget.value)}
            error={form.errors.familyName}
          />
          <Select
            label={t('clients.preferredLanguage')}
            data={languageOptions}
            searchable
            clearable
            nothingFoundMessage={t('common.noOptions')}
            value={form.values.preferredLanguage || null}
            onChange={(value) => form.setField('preferredLanguage', value ?? '')}
            error={form.errors.preferredLanguage}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('clients.countryOfBirth')}
            data={countryOptions}
            searchable
            clearable
            nothingFoundMessage={t('common.noOptions')}
            value={form.values.countryOfBirth || null}
            onChange={(value) => form.setField('countryOfBirth', value ?? '')}
            error={form.errors.countryOfBirth}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('clients.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
