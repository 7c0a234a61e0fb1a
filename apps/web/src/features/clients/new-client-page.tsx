import { useState } from 'react';
import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidateItem } from '../../app/api-types';
import { type FieldErrors, serverFieldErrors } from '../../app/forms';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { FormError } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { ClientForm, focusFirstError } from './client-form';
import { buildCreateRequest, emptyClientForm, type ClientFormValues } from './client-form-values';
import { checkDuplicates, clientFullName, clientKeys, createClient, type CreateClientBody } from './clients-api';
import { DuplicateCandidateList } from './duplicate-candidates';

export function BackToClients() {
  const { t, i18n } = useTranslation();
  const BackIcon = i18n.dir() === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor renderRoot={(props) => <Link to="/clients" search={{}} {...props} />}>
      <Group gap={4} component="span" wrap="nowrap">
        <BackIcon size={16} aria-hidden="true" />
        {t('clients.backToList')}
      </Group>
    </Anchor>
  );
}

function NewClient() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)');
  const [values, setValues] = useState<ClientFormValues>(emptyClientForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [candidates, setCandidates] = useState<{ body: CreateClientBody; items: DuplicateCandidateItem[] } | null>(null);

  const create = useMutation({
    mutationFn: createClient,
    onSuccess: async (client) => {
      notifySuccess(t('clients.created', { name: clientFullName(client) }));
      await queryClient.invalidateQueries({ queryKey: clientKeys.lists });
      setCandidates(null);
      void navigate({ to: '/clients/$clientId', params: { clientId: client.id } });
    },
    onError: (error) => {
      setCandidates(null);
      setErrors(serverFieldErrors(error, t));
      focusFirstError();
    },
  });

  // Before a second record of the same person is made, the likely matches are shown (issue 3).
  const duplicateCheck = useMutation({
    mutationFn: async (body: CreateClientBody) => {
      const phones = (body.phones ?? []).map((p) => p.number);
      const found = await checkDuplicates({
        givenName: body.givenName,
        familyName: body.familyName,
        dateOfBirth: body.dateOfBirth ?? null,
        aNumber: body.aNumber ?? null,
        receiptNumbers: body.receiptNumbers ?? [],
        phones,
      });
      return { body, items: found.items };
    },
    onSuccess: ({ body, items }) => {
      if (items.length > 0) {
        setCandidates({ body, items });
      } else {
        create.mutate(body);
      }
    },
    onError: (error) => {
      setErrors(serverFieldErrors(error, t));
      focusFirstError();
    },
  });

  function submit(): void {
    const checked = buildCreateRequest(values, t);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    duplicateCheck.mutate(checked.body);
  }

  const requestError = create.error ?? duplicateCheck.error;
  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <Stack maw={960}>
      <BackToClients />
      <PageTitle title={t('clientForm.newTitle')} description={t('clientForm.newIntro')} />
      <ClientForm
        form={{ values, setValues, errors, setErrors }}
        mode="create"
        submitLabel={t('clientForm.register')}
        submitting={duplicateCheck.isPending || create.isPending}
        onSubmit={submit}
        onCancel={() => void navigate({ to: '/clients', search: {} })}
        notice={<FormError error={requestError && !hasFieldErrors ? requestError : null} />}
      />
      <Modal
        opened={candidates !== null}
        onClose={() => setCandidates(null)}
        title={t('duplicates.title')}
        size="lg"
        fullScreen={phone}
      >
        <Stack>
          <Text>{t('duplicates.intro')}</Text>
          <DuplicateCandidateList items={candidates?.items ?? []} openLabel={t('duplicates.openExisting')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={() => setCandidates(null)}>
              {t('duplicates.backToForm')}
            </Button>
            <Button variant="default" loading={create.isPending} onClick={() => candidates && create.mutate(candidates.body)}>
              {t('duplicates.registerAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function NewClientPage() {
  return (
    <RequirePermission anyOf={['client.create']}>
      <NewClient />
    </RequirePermission>
  );
}
