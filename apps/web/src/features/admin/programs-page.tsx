import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Badge, Button, Group, Modal, Stack, Switch, Table, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBriefcase, IconListCheck, IconPencil, IconPlus, IconScale } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { CreateOfficeRequest, CreateProgramRequest, UpdateOfficeRequest, UpdateProgramRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import type { Office, Program } from '../../app/api-types';
import { describeError, emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { ScrollTable } from '../../app/ui/scroll-table';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { ProgramLegalSettingsEditor } from '../acceptance/program-legal-settings-editor';
import { ProgramCaseSettingsEditor } from '../cases/program-case-settings-editor';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { adminApi, adminKeys, officesOptions, programsOptions } from './admin-api';
import { ProgramRulesEditor } from './program-rules-editor';
import { ProgramRulesSummary } from './program-rules-summary';

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

interface ManagedRecord {
  id: string;
  name: string;
  active: boolean;
}

interface ManagedSectionProps<T extends ManagedRecord> {
  title: string;
  emptyText: string;
  newLabel: string;
  editTitle: string;
  canManage: boolean;
  query: UseQueryResult<{ items: T[] }>;
  /** Header labels and cells of the columns between the name and the active switch. */
  columns: { header: string; cell: (record: T) => ReactNode }[];
  /** The table's width before it scrolls sideways. */
  minWidth?: number;
  /** More buttons next to "Edit" for a manager. */
  extraActions?: (record: T) => ReactNode;
  setActive: (record: T, active: boolean) => Promise<T>;
  queryKey: readonly unknown[];
  renderModal: (editing: 'new' | T, onClose: () => void) => ReactNode;
}

/** A titled table of named records with an active switch, an edit button and a create/edit modal. */
function ManagedSection<T extends ManagedRecord>(props: ManagedSectionProps<T>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { canManage, query } = props;
  const [editing, setEditing] = useState<Editing<T>>(null);
  const toggle = useMutation({
    mutationFn: ({ record, active }: { record: T; active: boolean }) => props.setActive(record, active),
    onSuccess: async (record) => {
      notifySuccess(t('programs.saved', { name: record.name }));
      await queryClient.invalidateQueries({ queryKey: props.queryKey });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  let content;
  if (query.isPending) {
    content = <LoadingState />;
  } else if (query.isError) {
    content = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  } else if (query.data.items.length === 0) {
    content = <EmptyState>{props.emptyText}</EmptyState>;
  } else {
    content = (
      <ScrollTable caption={props.title} minWidth={props.minWidth ?? 640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.name')}</Table.Th>
            {props.columns.map((column) => (
              <Table.Th scope="col" key={column.header}>
                {column.header}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('programs.active')}</Table.Th>
            {canManage ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((record) => (
            <Table.Tr key={record.id}>
              <Table.Td fw={600}>{record.name}</Table.Td>
              {props.columns.map((column) => (
                <Table.Td key={column.header}>{column.cell(record)}</Table.Td>
              ))}
              <Table.Td>
                <ActiveCell
                  name={record.name}
                  active={record.active}
                  canManage={canManage}
                  busy={toggle.isPending && toggle.variables.record.id === record.id}
                  onToggle={(active) => toggle.mutate({ record, active })}
                />
              </Table.Td>
              {canManage ? (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconPencil size={14} aria-hidden="true" />}
                      aria-label={t('programs.editLabel', { name: record.name })}
                      onClick={() => setEditing(record)}
                    >
                      {t('common.edit')}
                    </Button>
                    {props.extraActions?.(record)}
                  </Group>
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
          {props.title}
        </Title>
        {canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {props.newLabel}
          </Button>
        ) : null}
      </Group>
      {content}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? props.newLabel : props.editTitle}>
        {editing !== null ? (
          <Fragment key={editing === 'new' ? 'new' : editing.id}>{props.renderModal(editing, () => setEditing(null))}</Fragment>
        ) : null}
      </Modal>
    </Stack>
  );
}

function ProgramsSection() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const phone = useMediaQuery('(max-width: 48em)');
  const [editingRules, setEditingRules] = useState<Program | null>(null);
  const [editingCases, setEditingCases] = useState<Program | null>(null);
  const [editingLegal, setEditingLegal] = useState<Program | null>(null);
  const canManage = can('program.manage');
  return (
    <>
      <ManagedSection<Program>
        title={t('programs.programs')}
        emptyText={t('programs.emptyPrograms')}
        newLabel={t('programs.newProgram')}
        editTitle={t('programs.editProgram')}
        canManage={canManage}
        query={useQuery(programsOptions)}
        columns={[
          { header: t('programs.code'), cell: (program) => <span className="ltr-value">{program.code ?? t('common.none')}</span> },
          { header: t('programs.description'), cell: (program) => program.description ?? t('common.none') },
          { header: t('programRules.column'), cell: (program) => <ProgramRulesSummary program={program} /> },
        ]}
        minWidth={960}
        extraActions={(program) => (
          <>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconListCheck size={14} aria-hidden="true" />}
              aria-label={t('programRules.editFor', { name: program.name })}
              onClick={() => setEditingRules(program)}
            >
              {t('programRules.edit')}
            </Button>
            <Button size="compact-sm" variant="default" leftSection={<IconBriefcase size={14} aria-hidden="true" />} aria-label={t('cases.settings.editFor', { name: program.name })} onClick={() => setEditingCases(program)}>
              {t('cases.settings.title')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconScale size={14} aria-hidden="true" />}
              aria-label={t('acceptance.settings.editFor', { name: program.name })}
              onClick={() => setEditingLegal(program)}
            >
              {t('acceptance.settings.button')}
            </Button>
          </>
        )}
        setActive={(program, active) => adminApi.updateProgram(program.id, { active })}
        queryKey={adminKeys.programs}
        renderModal={(editing, onClose) => <ProgramModal editing={editing} onClose={onClose} />}
      />
      {canManage ? (
        <Modal
          opened={editingRules !== null}
          onClose={() => setEditingRules(null)}
          title={editingRules ? t('programRules.title', { name: editingRules.name }) : ''}
          size="lg"
          fullScreen={phone}
        >
          {editingRules ? <ProgramRulesEditor key={editingRules.id} program={editingRules} onClose={() => setEditingRules(null)} /> : null}
        </Modal>
      ) : null}
      {canManage ? (
        <Modal opened={editingCases !== null} onClose={() => setEditingCases(null)} title={editingCases ? `${t('cases.settings.title')} · ${editingCases.name}` : ''} size="lg" fullScreen={phone}>
          {editingCases ? <ProgramCaseSettingsEditor key={editingCases.id} program={editingCases} onClose={() => setEditingCases(null)} /> : null}
        </Modal>
      ) : null}
      {canManage ? (
        <Modal opened={editingLegal !== null} onClose={() => setEditingLegal(null)} title={editingLegal ? `${t('acceptance.settings.title')} · ${editingLegal.name}` : ''} size="lg" fullScreen={phone}>
          {editingLegal ? <ProgramLegalSettingsEditor key={editingLegal.id} program={editingLegal} onClose={() => setEditingLegal(null)} /> : null}
        </Modal>
      ) : null}
    </>
  );
}

function OfficesSection() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <ManagedSection<Office>
      title={t('programs.offices')}
      emptyText={t('programs.emptyOffices')}
      newLabel={t('programs.newOffice')}
      editTitle={t('programs.editOffice')}
      canManage={can('office.manage')}
      query={useQuery(officesOptions)}
      columns={[
        { header: t('programs.address'), cell: (office) => <span style={{ whiteSpace: 'pre-line' }}>{office.address ?? t('common.none')}</span> },
        { header: t('programs.phone'), cell: (office) => <span className="ltr-value">{office.phone ?? t('common.none')}</span> },
      ]}
      setActive={(office, active) => adminApi.updateOffice(office.id, { active })}
      queryKey={adminKeys.offices}
      renderModal={(editing, onClose) => <OfficeModal editing={editing} onClose={onClose} />}
    />
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
