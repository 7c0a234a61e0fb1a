import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconHome, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CreateHouseholdRequest, type Relationship } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { relationshipOptions, statusLabel } from '../clients/client-labels';
import { clientFullName, clientSearchOptions } from '../clients/clients-api';
import { clientHouseholdsOptions, householdKeys, householdOptions, householdsApi } from '../households/households-api';
import { usePermissions } from '../session/session-api';
import { RegisterPersonModal } from './register-person-modal';
import type { IntakePerson } from './use-intake-people';

interface PeopleStepProps {
  people: IntakePerson[];
  householdId: string | null | undefined;
  onPeopleChange: (clientIds: string[]) => void;
  onHouseholdChange: (householdId: string | null) => void;
  /** Field messages the server gave (data.clientIds.N). */
  errors: FieldErrors;
}

/** Finds people already in Haven with the registry's search (names in any script, identifiers). */
function FindPerson({ exclude, onPick }: { exclude: ReadonlySet<string>; onPick: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery(clientSearchOptions(debounced));
  const options = (results.data?.items ?? [])
    .filter((c) => !exclude.has(c.id))
    .map((c) => ({
      value: c.id,
      label: `${clientFullName(c)}${c.dateOfBirth ? ` · ${formatCalendarDate(c.dateOfBirth)}` : ''}${c.aNumberMasked ? ` · ${c.aNumberMasked}` : ''}`,
      name: clientFullName(c),
    }));
  return (
    <Select
      label={t('intakes.people.find')}
      description={t('households.personHelp')}
      placeholder={t('households.personPlaceholder')}
      searchable
      data={options}
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      value={null}
      onChange={(value) => {
        const picked = options.find((o) => o.value === value);
        if (picked) {
          onPick(picked.value, picked.name);
          setSearch('');
        }
      }}
      nothingFoundMessage={debounced.length < 2 ? t('households.typeToSearch') : results.isFetching ? t('app.loading') : t('common.noOptions')}
    />
  );
}

function defaultRelationship(index: number): Relationship {
  return index === 0 ? 'head' : index === 1 ? 'spouse' : 'child';
}

/** Groups the intake's people in a new household (head first), or links one the first person is in. */
function HouseholdSection({ people, householdId, onHouseholdChange }: Pick<PeopleStepProps, 'people' | 'householdId' | 'onHouseholdChange'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const primary = people[0];
  const [name, setName] = useState('');
  const [relationships, setRelationships] = useState<Record<string, Relationship>>({});
  const [joinedOn, setJoinedOn] = useState(todayIsoDate());
  const [errors, setErrors] = useState<FieldErrors>({});
  const linked = useQuery({ ...householdOptions(householdId ?? ''), enabled: Boolean(householdId) });
  const existing = useQuery({ ...clientHouseholdsOptions(primary?.id ?? ''), enabled: Boolean(primary) && !householdId });
  const [existingChoice, setExistingChoice] = useState('');

  const create = useMutation({
    mutationFn: householdsApi.create,
    onSuccess: async (household) => {
      queryClient.setQueryData(householdKeys.detail(household.id), household);
      await queryClient.invalidateQueries({ queryKey: ['households', 'list'] });
      notifySuccess(t('households.created', { name: household.name }));
      onHouseholdChange(household.id);
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  if (householdId) {
    return (
      <Paper withBorder p="sm" component="section" aria-labelledby="intake-household-heading">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5" id="intake-household-heading">
            {t('intakes.household.title')}
          </Title>
          <Button size="xs" variant="subtle" onClick={() => onHouseholdChange(null)}>
            {t('intakes.household.unlink')}
          </Button>
        </Group>
        {linked.data ? (
          <Stack gap={2} mt="xs">
            <Anchor fw={600} renderRoot={(props) => <Link to="/households/$householdId" params={{ householdId }} {...props} />}>
              {linked.data.name}
            </Anchor>
            <Text size="sm">{t('households.currentCount', { count: linked.data.members.filter((m) => m.isCurrent).length })}</Text>
            {people.some((p) => !linked.data.members.some((m) => m.isCurrent && m.clientId === p.id)) ? (
              <Text size="sm" c="dimmed">
                {t('intakes.household.notAllMembers')}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Paper>
    );
  }
  if (!primary) {
    return null;
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const householdName = name.trim() || t('households.defaultName', { family: primary?.client?.familyName ?? primary?.name ?? '' });
    const parsed = CreateHouseholdRequest.safeParse({
      name: householdName,
      members: people.map((person, index) => ({ clientId: person.id, relationship: relationships[person.id] ?? defaultRelationship(index), joinedOn })),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  const memberErrors = Object.entries(errors).filter(([key]) => key.startsWith('members'));
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="intake-household-heading">
      <Title order={3} size="h5" id="intake-household-heading" mb={4}>
        {t('intakes.household.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('intakes.household.intro')}
      </Text>
      {existing.data && existing.data.items.length > 0 ? (
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <NativeSelect
            label={t('intakes.household.existing', { name: primary.name })}
            data={[{ value: '', label: t('common.none') }, ...existing.data.items.map((h) => ({ value: h.id, label: h.name }))]}
            value={existingChoice}
            onChange={(e) => setExistingChoice(e.currentTarget.value)}
          />
          <Button variant="default" disabled={!existingChoice} onClick={() => onHouseholdChange(existingChoice)}>
            {t('intakes.household.link')}
          </Button>
        </Group>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={create.isError && Object.keys(errors).length === 0 ? create.error : null} />
          {memberErrors.length > 0 ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden="true" />}>
              {memberErrors.map(([key, message]) => (
                <Text key={key} size="sm">
                  {message}
                </Text>
              ))}
            </Alert>
          ) : null}
          <TextInput
            label={t('households.name')}
            placeholder={t('households.defaultName', { family: primary.client?.familyName ?? '' })}
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {people.map((person, index) => (
              <NativeSelect
                key={person.id}
                label={t('households.relationshipOf', { name: person.name })}
                data={relationshipOptions(t, { withHead: index === 0 })}
                value={relationships[person.id] ?? defaultRelationship(index)}
                disabled={index === 0}
                onChange={(e) => setRelationships((current) => ({ ...current, [person.id]: e.currentTarget.value as Relationship }))}
              />
            ))}
          </SimpleGrid>
          <TextInput
            type="date"
            label={t('households.joined')}
            required
            max={todayIsoDate()}
            value={joinedOn}
            onChange={(e) => setJoinedOn(e.currentTarget.value)}
            error={errors['members.0.joinedOn']}
            maw={{ sm: 240 }}
          />
          <Group>
            <Button type="submit" variant="light" leftSection={<IconHome size={16} aria-hidden="true" />} loading={create.isPending}>
              {t('intakes.household.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function PeopleStep({ people, householdId, onPeopleChange, onHouseholdChange, errors }: PeopleStepProps) {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [registering, setRegistering] = useState(false);
  const ids = people.map((p) => p.id);

  function add(id: string): void {
    if (!ids.includes(id)) {
      onPeopleChange([...ids, id]);
    }
  }

  return (
    <Stack gap="md">
      <Text>{t('intakes.people.intro')}</Text>
      <Paper withBorder p="sm" component="section" aria-labelledby="intake-people-heading">
        <Title order={3} size="h5" id="intake-people-heading" mb="xs">
          {t('intakes.people.listTitle', { count: people.length })}
        </Title>
        {errors['data.clientIds'] ? (
          <Text c="red.9" size="sm" role="alert" mb="xs">
            {errors['data.clientIds']}
          </Text>
        ) : null}
        {people.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('intakes.people.none')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {people.map((person, index) => {
              const status = person.client?.statuses.at(-1);
              const error = errors[`data.clientIds.${index}`];
              return (
                <Paper key={person.id} withBorder p="xs" component="li">
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Anchor fw={700} renderRoot={(props) => <Link to="/clients/$clientId" params={{ clientId: person.id }} {...props} />}>
                          {person.name}
                        </Anchor>
                        {index === 0 ? (
                          <Badge size="sm" variant="light" color="blue" tt="none">
                            {t('intakes.people.primary')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="sm" c="dimmed">
                        {person.client?.dateOfBirth ? `${t('clients.dateOfBirth')}: ${formatCalendarDate(person.client.dateOfBirth)}` : ''}
                        {status ? `${person.client?.dateOfBirth ? ' · ' : ''}${statusLabel(t, status.status)}` : ''}
                      </Text>
                      {error ? (
                        <Text c="red.9" size="sm" role="alert">
                          {error}
                        </Text>
                      ) : null}
                    </Stack>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden="true" />}
                      aria-label={t('intakes.people.removeFor', { name: person.name })}
                      style={{ flexShrink: 0 }}
                      onClick={() => onPeopleChange(ids.filter((id) => id !== person.id))}
                    >
                      {t('intakes.people.remove')}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="intake-add-heading">
        <Title order={3} size="h5" id="intake-add-heading" mb="xs">
          {t('intakes.people.addTitle')}
        </Title>
        <Stack gap="sm">
          <FindPerson exclude={new Set(ids)} onPick={(id) => add(id)} />
          {can('client.create') ? (
            <Group>
              <Button variant="light" leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={() => setRegistering(true)}>
                {t('intakes.people.register')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>
      {can('client.update') ? <HouseholdSection people={people} householdId={householdId} onHouseholdChange={onHouseholdChange} /> : null}
      {registering ? (
        <RegisterPersonModal
          opened={registering}
          onClose={() => setRegistering(false)}
          familyName={people[0]?.client?.familyName}
          onAdded={(id) => {
            add(id);
            setRegistering(false);
          }}
        />
      ) : null}
    </Stack>
  );
}
