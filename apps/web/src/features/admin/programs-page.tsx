import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Stack, Switch, Table, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreateOfficeRequest, CreateProgramRequest, UpdateOfficeRequest, UpdateProgramRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Office, Program } from '../../app/api-types';
import { describeError, emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { adminApi, adminKeys, officesOptions, programsOptions } from './admin-api';

/** `null` = closed, `'new'` = create, otherwise the record being edited. */
type Editing<T> = null | 'new' | T;

function ProgramModal({ editing, onClose }: { editing: Editing<Program>; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = editing && editing !== 'new' ? editing : null;
  const initial = {
    name: existing?.name ?? '',
    code: existing?.code ?? '',
    description: existing?.description ?? '',
    active: existing?.active ?? true,
  };
  const form = useFormState(initial);
  const save = useMutation({
    mutationFn: async (): Promise<Program> => {
      if (existing) {
        const parsed = UpdateProgramRequest.safeParse({
          name: form.values.name,
          description: emptyToUndefined(form.values.description) ?? null,
          active: form.values.active,
        });
        if (!parsed.success) {
          throw parsed.error;
        }
        return adminApi.updateProgram(existing.id, parsed.data);
      }
      const parsed = CreateProgramRequest.safeParse({
        name: form.values.name,
        code: emptyToUndefined(form.values.code),
        description: emptyToUndefined(form.values.description),
      });
      if (!parsed.success) {
        throw parsed.error;
      }
      return adminApi.createProgram(parsed.data);
    },
    onSuccess: async (program) => {
      notifySuccess(t('programs.saved', { name: program.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.programs });
      onClose();
    },
    onError: (error) => form.setErrors('issues' in error ? zodFieldErrors(error as { issues: object[] }, t) : serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate();
  }

  const requestError = save.isError && !('issues' in save.error) && !Object.keys(form.errors).length ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={requestError} />
        <TextInput
          label={t('programs.name')}
          required
          value={form.values.name}
          onChange={(event) => form.setField('name', event.currentTarget.value)}
          error={form.errors.name}
          data-autofocus
        />
        {existing ? null : (
          <TextInput
            label={t('programs.code')}
            description={t('programs.codeHelp')}
            value={form.values.code}
            onChange={(event) => form.setField('code', event.currentTarget.value)}
            error={form.errors.code}
            classNames={{ input: 'ltr-value' }}
          />
        )}
        <Textarea
          label={t('programs.description')}
          autosize
          minRows={3}
          value={form.values.description}
          onChange={(event) => form.setField('description', event.currentTarget.value)}
          error={form.errors.description}
        />
        {existing ? (
          <Switch label={t('programs.active')} checked={form.values.active} onChange={(event) => form.setField('active', event.currentTarget.checked)} />
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

function OfficeModal({ editing, onClose }: { editing: Editing<Office>; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = editing && editing !== 'new' ? editing : null;
  const form = useFormState({
    name: existing?.name ?? '',
    address: existing?.address ?? '',
    phone: existing?.phone ?? '',
    active: existing?.active ?? true,
  });
  const save = useMutation({
    mutationFn: async (): Promise<Office> => {
      if (existing) {
        const parsed = UpdateOfficeRequest.safeParse({
          name: form.values.name,
          address: emptyToUndefined(form.values.address) ?? null,
          phone: emptyToUndefined(form.values.phone) ?? null,
          active: form.values.active,
        });
        if (!parsed.success) {
          throw parsed.error;
        }
        return adminApi.updateOffice(existing.id, parsed.data);
      }
      const parsed = CreateOfficeRequest.safeParse({
        name: form.values.name,
        address: emptyToUndefined(form.values.address),
        phone: emptyToUndefined(form.values.phone),
      });
      if (!parsed.success) {
        throw parsed.error;
      }
      return adminApi.createOffice(parsed.data);
    },
    onSuccess: async (office) => {
      notifySuccess(t('programs.saved', { name: office.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.offices });
      onClose();
    },
    onError: (error) => form.setErrors('issues' in error ? zodFieldErrors(error as { issues: object[] }, t) : serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate();
  }

  const requestError = save.isError && !('issues' in save.error) && !Object.keys(form.errors).length ? save.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={requestError} />
        <TextInput
          label={t('programs.name')}
          required
          value={form.values.name}
          onChange={(event) => form.setField('name', event.currentTarget.value)}
          error={form.errors.name}
          data-autofocus
        />
        <Textarea
          label={t('programs.address')}
          autosize
          minRows={2}
          autoComplete="street-address"
          value={form.values.address}
          onChange={(event) => form.setField('address', event.currentTarget.value)}
          error={form.errors.address}
        />
        <TextInput
          label={t('programs.phone')}
          type="tel"
          autoComplete="tel"
          value={form.values.phone}
          onChange={(event) => form.setField('phone', event.currentTarget.value)}
          error={form.errors.phone}
          classNames={{ input: 'ltr-value' }}
        />
        {existing ? (
          <Switch label={t('programs.active')} checked={form.values.active} onChange={(event) => form.setField('active', event.currentTarget.checked)} />
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

function ActiveCell({ name, active, canManage, onToggle, busy }: { name: string; active: boolean; canManage: boolean; onToggle: (next: boolean) => void; busy: boolean }) {
  const { t } = useTranslation();
  if (!canManage) {
    return (
      <Badge color={active ? 'blue' : 'gray'} variant="light">
        {active ? t('common.active') : t('common.inactive')}
      </Badge>
    );
  }
  return <Switch aria-label={t('programs.activeLabel', { name })} checked={active} disabled={busy} onChange={(event) => onToggle(event.currentTarget.checked)} />;
}

function ProgramsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const canManage = can('program.manage');
  const programs = useQuery(programsOptions);
  const [editing, setEditing] = useState<Editing<Program>>(null);
  const toggle = useMutation({
    mutationFn: ({ program, active }: { program: Program; active: boolean }) => adminApi.updateProgram(program.id, { active }),
    onSuccess: async (program) => {
      notifySuccess(t('programs.saved', { name: program.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.programs });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  let content;
  if (programs.isPending) {
    content = <LoadingState />;
  } else if (programs.isError) {
    content = <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />;
  } else if (programs.data.items.length === 0) {
    content = <EmptyState>{t('programs.emptyPrograms')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('programs.programs')} minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.name')}</Table.Th>
            <Table.Th scope="col">{t('programs.code')}</Table.Th>
            <Table.Th scope="col">{t('programs.description')}</Table.Th>
            <Table.Th scope="col">{t('programs.active')}</Table.Th>
            {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {programs.data.items.map((program) => (
            <Table.Tr key={program.id}>
              <Table.Td fw={600}>{program.name}</Table.Td>
              <Table.Td>
                <span className="ltr-value">{program.code ?? t('common.none')}</span>
              </Table.Td>
              <Table.Td>{program.description ?? t('common.none')}</Table.Td>
              <Table.Td>
                <ActiveCell
                  name={program.name}
                  active={program.active}
                  canManage={canManage}
                  busy={toggle.isPending && toggle.variables.program.id === program.id}
                  onToggle={(active) => toggle.mutate({ program, active })}
                />
              </Table.Td>
              {canManage ? (
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={<IconPencil size={14} aria-hidden="true" />}
                    aria-label={t('programs.editLabel', { name: program.name })}
                    onClick={() => setEditing(program)}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('programs.programs')}
        </Title>
        {canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('programs.newProgram')}
          </Button>
        ) : null}
      </Group>
      {content}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('programs.newProgram') : t('programs.editProgram')}>
        {editing !== null ? <ProgramModal key={editing === 'new' ? 'new' : editing.id} editing={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function OfficesSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const canManage = can('office.manage');
  const offices = useQuery(officesOptions);
  const [editing, setEditing] = useState<Editing<Office>>(null);
  const toggle = useMutation({
    mutationFn: ({ office, active }: { office: Office; active: boolean }) => adminApi.updateOffice(office.id, { active }),
    onSuccess: async (office) => {
      notifySuccess(t('programs.saved', { name: office.name }));
      await queryClient.invalidateQueries({ queryKey: adminKeys.offices });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  let content;
  if (offices.isPending) {
    content = <LoadingState />;
  } else if (offices.isError) {
    content = <ErrorState error={offices.error} onRetry={() => void offices.refetch()} />;
  } else if (offices.data.items.length === 0) {
    content = <EmptyState>{t('programs.emptyOffices')}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={t('programs.offices')} minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.name')}</Table.Th>
            <Table.Th scope="col">{t('programs.address')}</Table.Th>
            <Table.Th scope="col">{t('programs.phone')}</Table.Th>
            <Table.Th scope="col">{t('programs.active')}</Table.Th>
            {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {offices.data.items.map((office) => (
            <Table.Tr key={office.id}>
              <Table.Td fw={600}>{office.name}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-line' }}>{office.address ?? t('common.none')}</Table.Td>
              <Table.Td>
                <span className="ltr-value">{office.phone ?? t('common.none')}</span>
              </Table.Td>
              <Table.Td>
                <ActiveCell
                  name={office.name}
                  active={office.active}
                  canManage={canManage}
                  busy={toggle.isPending && toggle.variables.office.id === office.id}
                  onToggle={(active) => toggle.mutate({ office, active })}
                />
              </Table.Td>
              {canManage ? (
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={<IconPencil size={14} aria-hidden="true" />}
                    aria-label={t('programs.editLabel', { name: office.name })}
                    onClick={() => setEditing(office)}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('programs.offices')}
        </Title>
        {canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('programs.newOffice')}
          </Button>
        ) : null}
      </Group>
      {content}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('programs.newOffice') : t('programs.editOffice')}>
        {editing !== null ? <OfficeModal key={editing === 'new' ? 'new' : editing.id} editing={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function ProgramsAdmin() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <Stack gap="xl">
      <PageTitle title={t('programs.title')} />
      {can('program.read') ? <ProgramsSection /> : null}
      {can('office.read') ? <OfficesSection /> : null}
    </Stack>
  );
}

export function ProgramsPage() {
  return (
    <RequirePermission anyOf={['program.read', 'office.read']}>
      <ProgramsAdmin />
    </RequirePermission>
  );
}
