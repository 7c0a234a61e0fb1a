import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addYears,
  CONSENT_DATA_CATEGORIES,
  CONSENT_SIGNERS,
  type ConsentDataCategory,
  CreateConsentRequest,
  isIsoDate,
  type Locale,
  SUPPORTED_LOCALES,
} from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { NATIVE_LANGUAGE_NAMES } from '../../app/i18n';
import { todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { programsOptions } from '../admin/admin-api';
import { usePermissions } from '../session/session-api';
import { consentKeys, consentsApi } from './consents-api';

export function clientLocale(client: Pick<Client, 'preferredLanguage'>): Locale {
  const base = client.preferredLanguage?.toLowerCase().split('-')[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

interface Draft {
  recipientKind: 'organization' | 'program';
  recipientName: string;
  recipientProgramId: string;
  purpose: string;
  dataCategories: ConsentDataCategory[];
  signedBy: (typeof CONSENT_SIGNERS)[number];
  signerName: string;
  signedOn: string;
  expiresOn: string;
  formLanguage: Locale;
}

function ProgramSelect({ value, onChange, error }: { value: string; onChange: (id: string, name: string) => void; error?: string }) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const programs = useQuery({ ...programsOptions, enabled: can('program.read') });
  const active = (programs.data?.items ?? []).filter((p) => p.active);
  return (
    <NativeSelect
      label={t('consents.program')}
      required
      value={value}
      onChange={(e) => {
        const id = e.currentTarget.value;
        onChange(id, active.find((p) => p.id === id)?.name ?? '');
      }}
      error={error}
      data={[{ value: '', label: active.length ? '—' : t('consents.noPrograms') }, ...active.map((p) => ({ value: p.id, label: p.name }))]}
    />
  );
}

/** Records a consent the client (or guardian) has signed on paper; the paper is uploaded after. */
export function ConsentFormModal({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = todayIsoDate();
  const [draft, setDraft] = useState<Draft>({
    recipientKind: 'organization',
    recipientName: '',
    recipientProgramId: '',
    purpose: '',
    dataCategories: [],
    signedBy: 'client',
    signerName: `${client.givenName} ${client.familyName}`,
    signedOn: today,
    expiresOn: addYears(today, 1),
    formLanguage: clientLocale(client),
  });
  const [errors, setErrors] = useState<FieldErrors>({});

  function set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    setDraft((current) => {
      const next = { ...current, [key]: value };
      // The expiry follows the signing date until someone sets it: one year is the default and the limit.
      if (key === 'signedOn' && isIsoDate(value as string) && current.expiresOn === addYears(current.signedOn, 1)) {
        next.expiresOn = addYears(value as string, 1);
      }
      return next;
    });
    setErrors((current) => {
      const next = { ...current };
      delete next[key];
      return next;
    });
  }

  const record = useMutation({
    mutationFn: (body: Parameters<typeof consentsApi.record>[1]) => consentsApi.record(client.id, body),
    onSuccess: async (consent) => {
      notifySuccess(t('consents.recorded', { recipient: consent.recipientName }));
      await queryClient.invalidateQueries({ queryKey: consentKeys.ofClient(client.id) });
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = {
      recipientKind: draft.recipientKind,
      recipientName: draft.recipientName,
      ...(draft.recipientKind === 'program' ? { recipientProgramId: draft.recipientProgramId || undefined } : {}),
      purpose: draft.purpose,
      dataCategories: draft.dataCategories,
      signedBy: draft.signedBy,
      signerName: draft.signerName,
      signedOn: draft.signedOn,
      expiresOn: draft.expiresOn || undefined,
      formLanguage: draft.formLanguage,
    };
    const parsed = CreateConsentRequest.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    record.mutate(body);
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('consents.recordTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('consents.recordIntro', { name: `${client.givenName} ${client.familyName}` })}</Text>
          <FormError error={record.isError && Object.keys(errors).length === 0 ? record.error : null} />
          <Radio.Group
            label={t('consents.recipientKind')}
            required
            value={draft.recipientKind}
            onChange={(value) => set('recipientKind', value as Draft['recipientKind'])}
          >
            <Group mt="xs">
              <Radio value="organization" label={t('consents.recipientKinds.organization')} />
              <Radio value="program" label={t('consents.recipientKinds.program')} />
            </Group>
          </Radio.Group>
          {draft.recipientKind === 'organization' ? (
            <TextInput
              label={t('consents.recipientName')}
              required
              autoComplete="off"
              value={draft.recipientName}
              onChange={(e) => set('recipientName', e.currentTarget.value)}
              error={errors.recipientName}
              data-autofocus
            />
          ) : (
            <ProgramSelect
              value={draft.recipientProgramId}
              onChange={(id, name) => {
                set('recipientProgramId', id);
                set('recipientName', name);
              }}
              error={errors.recipientProgramId ?? errors.recipientName}
            />
          )}
          <Textarea
            label={t('consents.purpose')}
            description={t('consents.purposeHelp')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={draft.purpose}
            onChange={(e) => set('purpose', e.currentTarget.value)}
            error={errors.purpose}
          />
          <Checkbox.Group
            label={t('consents.categories')}
            required
            value={draft.dataCategories}
            onChange={(value) => set('dataCategories', CONSENT_DATA_CATEGORIES.filter((c) => value.includes(c)))}
            error={errors.dataCategories ?? errors['dataCategories.0']}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {CONSENT_DATA_CATEGORIES.map((category) => (
                <Checkbox key={category} value={category} label={t(`consents.category.${category}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Radio.Group label={t('consents.signedBy')} required value={draft.signedBy} onChange={(value) => set('signedBy', value as Draft['signedBy'])}>
            <Group mt="xs">
              {CONSENT_SIGNERS.map((signer) => (
                <Radio key={signer} value={signer} label={t(`consents.signers.${signer}`)} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput
            label={t('consents.signerName')}
            required
            autoComplete="off"
            value={draft.signerName}
            onChange={(e) => set('signerName', e.currentTarget.value)}
            error={errors.signerName}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('consents.signedOn')}
              required
              max={today}
              value={draft.signedOn}
              onChange={(e) => set('signedOn', e.currentTarget.value)}
              error={errors.signedOn}
            />
            <TextInput
              type="date"
              label={t('consents.expiresOn')}
              description={t('consents.expiresHelp')}
              required
              min={isIsoDate(draft.signedOn) ? draft.signedOn : undefined}
              max={isIsoDate(draft.signedOn) ? addYears(draft.signedOn, 1) : undefined}
              value={draft.expiresOn}
              onChange={(e) => set('expiresOn', e.currentTarget.value)}
              error={errors.expiresOn}
            />
          </SimpleGrid>
          <NativeSelect
            label={t('consents.formLanguage')}
            value={draft.formLanguage}
            onChange={(e) => set('formLanguage', e.currentTarget.value as Locale)}
            data={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: NATIVE_LANGUAGE_NAMES[locale] }))}
            error={errors.formLanguage}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('consents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
