import { type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateOrganizationRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { SESSION_KEY } from '../../app/query-client';
import { RequirePermission } from '../session/require-permission';
import { adminApi, adminKeys, organizationsOptions } from './admin-api';

const EMPTY = { name: '', adminEmail: '' };

function NewOrganizationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormState(EMPTY);
  const create = useMutation({
    mutationFn: adminApi.createOrganization,
    onSuccess: async (org, body) => {
      notifySuccess(t('organizations.created', { name: org.name, email: body.adminEmail }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.organizations });
      // The creator may have become a member (memberships in the session).
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      onDone();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateOrganizationRequest.safeParse(form.values);
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={create.isError && !Object.keys(form.errors).length ? create.error : null} />
        <TextInput
          label={t('organizations.name')}
          required
          value={form.values.name}
          onChange={(event) => form.setField('name', event.currentTarget.value)}
          error={form.errors.name}
          data-autofocus
        />
        <TextInput
          label={t('organizations.adminEmail')}
          description={t('organizations.adminEmailHelp')}
          type="email"
          required
          autoComplete="off"
          value={form.values.adminEmail}
          onChange={(event) => form.setField('adminEmail', event.currentTarget.value)}
          error={form.errors.adminEmail}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Organizations() {
  const { t } = useTranslation();
  const orgs = useQuery(organizationsOptions);
  const [opened, { open, close }] = useDisclosure(false);

  let content;
  if (orgs.isPending) {
    content = <LoadingState />;
  } else if (orgs.isError) {
    content = <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;
  } else if (orgs.data.items.length === 0) {
    content = <EmptyState>{t('organizations.empty')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('organizations.tableCaption')} minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('organizations.name')}</Table.Th>
            <Table.Th scope="col">{t('organizations.mfaRequired')}</Table.Th>
            <Table.Th scope="col">{t('organizations.languages')}</Table.Th>
            <Table.Th scope="col">{t('common.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orgs.data.items.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td fw={600}>{org.name}</Table.Td>
              <Table.Td>{org.mfaRequired ? t('common.yes') : t('common.no')}</Table.Td>
              <Table.Td>{org.languages.map((locale) => t(`languageNames.${locale}`)).join(', ')}</Table.Td>
              <Table.Td>{formatDate(org.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack>
      <PageTitle
        title={t('organizations.title')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={open}>
            {t('organizations.new')}
          </Button>
        }
      />
      {content}
      <Modal opened={opened} onClose={close} title={t('organizations.new')}>
        {opened ? <NewOrganizationForm onDone={close} /> : null}
      </Modal>
    </Stack>
  );
}

export function OrganizationsPage() {
  return (
    <RequirePermission platformAdmin>
      <Organizations />
    </RequirePermission>
  );
}
