import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { AddHouseholdMemberRequest, type RELATIONSHIPS, UpdateHouseholdRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import type { Household, HouseholdMember } from '../../app/api-types';
import { type FieldErrors, describeError, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { PageTitle } from '../../app/ui/page-title';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { relationshipLabel, relationshipOptions } from '../clients/client-labels';
import { clientFullName, clientSearchOptions } from '../clients/clients-api';
import { RequirePermission } from '../session/require-permission';
import { usePermissions } from '../session/session-api';
import { householdKeys, householdOptions, householdsApi } from './households-api';

const routeApi = getRouteApi('/app/households/$householdId');

type Relationship = (typeof RELATIONSHIPS)[number];

function useStoreHousehold() {
  const queryClient = useQueryClient();
  return (household: Household) => {
    queryClient.setQueryData(householdKeys.detail(household.id), household);
    // Lists of a member's households show member counts and names: refresh them.
    void queryClient.invalidateQueries({ queryKey: ['households', 'list'] });
  };
}

function RenameForm({ household, onDone }: { household: Household; onDone: () => void }) {
  const { t } = useTranslation();
  const store = useStoreHousehold();
  const queryClient = useQueryClient();
  const [name, setName] = useState(household.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const rename = useMutation({
    mutationFn: (body: { name: string; version: number }) => householdsApi.rename(household.id, body),
    onSuccess: (saved) => {
      store(saved);
      notifySuccess(t('households.renamed', { name: saved.name }));
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  const conflict = isApiError(rename.error) && rename.error.code === 'conflict';

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = UpdateHouseholdRequest.safeParse({ name, version: household.version });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    rename.mutate(parsed.data);
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {conflict ? (
            <Alert color="orange.9" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} title={t('households.conflictTitle')}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('households.conflictText')}</Text>
                <Button size="xs" variant="default" onClick={() => void queryClient.invalidateQueries({ queryKey: householdKeys.detail(household.id) })}>
                  {t('clients.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <FormError error={rename.isError && !errors.name ? rename.error : null} />
          )}
          <TextInput
            label={t('households.name')}
            required
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function MemberCard({ household, member, canEdit }: { household: Household; member: HouseholdMember; canEdit: boolean }) {
  const { t } = useTranslation();
  const store = useStoreHousehold();
  const [leaving, setLeaving] = useState(false);
  const [leftOn, setLeftOn] = useState(todayIsoDate());
  const [leftError, setLeftError] = useState<string | undefined>();
  const name = clientFullName(member);

  const update = useMutation({
    mutationFn: (body: { relationship?: Relationship; leftOn?: string | null }) => householdsApi.updateMember(household.id, member.id, body),
    onSuccess: (saved, body) => {
      store(saved);
      setLeaving(false);
      notifySuccess(body.leftOn ? t('households.markedLeft', { name }) : t('households.memberUpdated', { name }));
    },
    onError: (error) => {
      const fields = serverFieldErrors(error, t);
      if (fields.leftOn) {
        setLeftError(fields.leftOn);
      } else {
        notifyError(describeError(error, t));
      }
    },
  });

  function markLeft(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!leftOn) {
      setLeftError(t('validation.required'));
      return;
    }
    if (leftOn < member.joinedOn) {
      setLeftError(t('households.leftBeforeJoined'));
      return;
    }
    update.mutate({ leftOn });
  }

  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor fw={700} renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: member.clientId }} {...props} />}>
            {name}
          </Anchor>
          {!canEdit || !member.isCurrent ? <Badge variant="light" tt="none">{relationshipLabel(t, member.relationship)}</Badge> : null}
        </Group>
        <Text size="sm">
          {member.dateOfBirth ? `${t('clients.dateOfBirth')}: ${formatCalendarDate(member.dateOfBirth)} · ` : ''}
          {member.leftOn
            ? t('households.joinedAndLeft', { joined: formatCalendarDate(member.joinedOn), left: formatCalendarDate(member.leftOn) })
            : t('households.joinedOn', { date: formatCalendarDate(member.joinedOn) })}
        </Text>
        {canEdit && member.isCurrent ? (
          <>
            <NativeSelect
              label={t('households.relationshipOf', { name })}
              data={relationshipOptions(t)}
              value={member.relationship}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ relationship: e.currentTarget.value as Relationship })}
              maw={{ sm: 320 }}
            />
            {leaving ? (
              <form onSubmit={markLeft} noValidate>
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <TextInput
                    type="date"
                    label={t('households.leftOnFor', { name })}
                    required
                    min={member.joinedOn}
                    max={todayIsoDate()}
                    value={leftOn}
                    onChange={(e) => {
                      setLeftOn(e.currentTarget.value);
                      setLeftError(undefined);
                    }}
                    error={leftError}
                    data-autofocus
                  />
                  <Button type="submit" loading={update.isPending}>
                    {t('households.confirmLeft')}
                  </Button>
                  <Button variant="default" onClick={() => setLeaving(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </form>
            ) : (
              <Group>
                <Button size="xs" variant="default" onClick={() => setLeaving(true)} aria-label={t('households.markLeftFor', { name })}>
                  {t('households.markLeft')}
                </Button>
              </Group>
            )}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Looks a client up with the registry's search (names in any script, A-number, phone, receipt). */
function AddMemberForm({ household }: { household: Household }) {
  const { t } = useTranslation();
  const store = useStoreHousehold();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [clientId, setClientId] = useState<string | null>(null);
  const [relationship, setRelationship] = useState<Relationship>('child');
  const [joinedOn, setJoinedOn] = useState(todayIsoDate());
  const [errors, setErrors] = useState<FieldErrors>({});
  const results = useQuery(clientSearchOptions(debounced));
  const currentIds = new Set(household.members.filter((m) => m.isCurrent).map((m) => m.clientId));
  const options = (results.data?.items ?? [])
    .filter((c) => !currentIds.has(c.id))
    .map((c) => ({
      value: c.id,
      label: `${clientFullName(c)}${c.dateOfBirth ? ` · ${formatCalendarDate(c.dateOfBirth)}` : ''}${c.aNumberMasked ? ` · ${c.aNumberMasked}` : ''}`,
    }));
  const selectedLabel = clientId ? options.find((o) => o.value === clientId) : undefined;

  const add = useMutation({
    mutationFn: (body: { clientId: string; relationship: Relationship; joinedOn: string }) => householdsApi.addMember(household.id, body),
    onSuccess: (saved) => {
      store(saved);
      const added = saved.members.find((m) => m.clientId === clientId);
      notifySuccess(t('households.memberAdded', { name: added ? clientFullName(added) : '' }));
      setClientId(null);
      setSearch('');
      setErrors({});
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = AddHouseholdMemberRequest.safeParse({ clientId: clientId ?? '', relationship, joinedOn });
    if (!parsed.success) {
      const fieldErrors = zodFieldErrors(parsed.error, t);
      if (fieldErrors.clientId) {
        fieldErrors.clientId = t('households.chooseClient');
      }
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    add.mutate(parsed.data);
  }

  const known = new Set(['clientId', 'relationship', 'joinedOn']);
  const hasFieldErrors = Object.keys(errors).some((key) => known.has(key));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="household-add-heading">
      <Title order={2} size="h4" id="household-add-heading" mb="sm">
        {t('households.addMember')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={add.isError && !hasFieldErrors ? add.error : null} />
          <Select
            label={t('households.person')}
            description={t('households.personHelp')}
            placeholder={t('households.personPlaceholder')}
            required
            searchable
            data={selectedLabel && !options.includes(selectedLabel) ? [selectedLabel, ...options] : options}
            // The API already matched the query (typos, other scripts, identifiers): show all it found.
            filter={({ options: all }) => all}
            searchValue={search}
            onSearchChange={setSearch}
            value={clientId}
            onChange={(value) => {
              setClientId(value);
              setErrors((current) => {
                const next = { ...current };
                delete next.clientId;
                return next;
              });
            }}
            nothingFoundMessage={debounced.length < 2 ? t('households.typeToSearch') : results.isFetching ? t('app.loading') : t('common.noOptions')}
            error={errors.clientId}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('households.relationship')}
              description={t('households.relationshipHelp')}
              data={relationshipOptions(t)}
              value={relationship}
              onChange={(e) => setRelationship(e.currentTarget.value as Relationship)}
              error={errors.relationship}
            />
            <TextInput
              type="date"
              label={t('households.joined')}
              required
              max={todayIsoDate()}
              value={joinedOn}
              onChange={(e) => setJoinedOn(e.currentTarget.value)}
              error={errors.joinedOn}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconUserPlus size={16} aria-hidden="true" />} loading={add.isPending}>
              {t('households.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function MemberList({ id, title, members, household, canEdit, empty }: { id: string; title: string; members: HouseholdMember[]; household: Household; canEdit: boolean; empty: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {members.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {members.map((member) => (
            <MemberCard key={member.id} household={household} member={member} canEdit={canEdit} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function HouseholdView() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const { householdId } = routeApi.useParams();
  const household = useQuery(householdOptions(householdId));
  const [renaming, setRenaming] = useState(false);
  const canEdit = can('client.update');

  if (household.isPending) {
    return <LoadingState />;
  }
  if (household.isError) {
    const notFound = isApiError(household.error) && household.error.status === 404;
    return (
      <Stack>
        <PageTitle title={t('households.title')} />
        {notFound ? <EmptyState>{t('households.notFound')}</EmptyState> : <ErrorState error={household.error} onRetry={() => void household.refetch()} />}
      </Stack>
    );
  }

  const data = household.data;
  // The head first, then the others in the order they joined.
  const current = data.members
    .filter((m) => m.isCurrent)
    .sort((a, b) => Number(b.relationship === 'head') - Number(a.relationship === 'head') || a.joinedOn.localeCompare(b.joinedOn));
  const former = data.members.filter((m) => !m.isCurrent);
  return (
    <Stack maw={960}>
      <PageTitle
        title={data.name}
        description={t('households.currentCount', { count: current.length })}
        actions={
          canEdit && !renaming ? (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => setRenaming(true)}>
              {t('households.rename')}
            </Button>
          ) : null
        }
      />
      {renaming ? <RenameForm key={data.version} household={data} onDone={() => setRenaming(false)} /> : null}
      <MemberList id="household-current" title={t('households.currentMembers')} members={current} household={data} canEdit={canEdit} empty={t('households.noCurrent')} />
      {canEdit ? <AddMemberForm household={data} /> : null}
      <MemberList id="household-former" title={t('households.formerMembers')} members={former} household={data} canEdit={canEdit} empty={t('households.noFormer')} />
    </Stack>
  );
}

export function HouseholdPage() {
  return (
    <RequirePermission anyOf={['client.read']}>
      <HouseholdView />
    </RequirePermission>
  );
}
