import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, List, Modal, NativeSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type DeadlineChange, MATTER_PARTY_ROLES, type MatterDetail, MatterPartyInput, type MatterPartyRole } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { changeText, factSourceText } from './matter-labels';
import { matterPartiesOptions, mattersApi, useRefreshMatter } from './matters-api';

const PHONE = '(max-width: 36em)';

const DATE_FACTS = [
  'lastArrivalDate',
  'dateOfBirth',
  'i589ReceiptDate',
  'asylumGrantDate',
  'ijDecisionDate',
  'finalOrderDate',
  'addressChangeDate',
  'rfeIssueDate',
  'rfeDueDateOnNotice',
  'eadExpiryDate',
  'refugeeAdmissionDate',
  'lprDate',
  'orrEligibilityDate',
] as const;
const FLAG_FACTS = ['inRemovalProceedings', 'unaccompaniedChild', 'sijsCandidate', 'marriedToUsCitizen', 'rfeMailed'] as const;
const EDITABLE_FACTS = [...DATE_FACTS, ...FLAG_FACTS, 'juvenileCourtState', 'rcaCounting'] as const;
type EditableFact = (typeof EDITABLE_FACTS)[number];
const FACT_ORDER: readonly string[] = [...EDITABLE_FACTS, 'eadClockStops'];

function isDateFact(name: string): boolean {
  return (DATE_FACTS as readonly string[]).includes(name);
}
function isFlagFact(name: string): boolean {
  return (FLAG_FACTS as readonly string[]).includes(name);
}

/** A fact's value in words: a date in the reader's language, yes/no, a code's label. */
function useFactValue() {
  const { t } = useTranslation();
  return (name: string, value: unknown): string => {
    if (value === undefined || value === null || value === '') {
      return t('matters.facts.notKnown');
    }
    if (isDateFact(name) && typeof value === 'string') {
      return formatCalendarDate(value);
    }
    if (typeof value === 'boolean') {
      return value ? t('matters.facts.yes') : t('matters.facts.no');
    }
    if (name === 'rcaCounting' && (value === 'exact-date' || value === 'calendar-month')) {
      return t(`matters.facts.rcaCountingOptions.${value}`);
    }
    if (name === 'eadClockStops' && Array.isArray(value)) {
      return t('matters.facts.clockStops', { count: value.length });
    }
    return String(value);
  };
}

function FactsView({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const valueOf = useFactValue();
  const names = FACT_ORDER.filter((name) => matter.effectiveFacts[name] !== undefined);
  if (names.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('matters.facts.notKnown')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="dl" m={0}>
      {names.map((name) => {
        const source = matter.sources[name];
        return (
          <div key={name} data-fact={name}>
            <Text component="dt" size="sm" fw={600}>
              {t(`matters.facts.names.${name as EditableFact}`)}
            </Text>
            <Text component="dd" m={0}>
              {valueOf(name, matter.effectiveFacts[name])}
            </Text>
            {source ? (
              <Text component="dd" m={0} size="xs" c="dimmed">
                {factSourceText(t, source)}
              </Text>
            ) : null}
          </div>
        );
      })}
    </SimpleGrid>
  );
}

type Draft = Record<EditableFact, string>;

function draftOf(facts: Record<string, unknown>): Draft {
  const draft = {} as Draft;
  for (const name of EDITABLE_FACTS) {
    const value = facts[name];
    draft[name] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'string' ? value : '';
  }
  return draft;
}

function factsOf(draft: Draft, keep: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (keep.eadClockStops !== undefined) {
    facts.eadClockStops = keep.eadClockStops;
  }
  for (const name of EDITABLE_FACTS) {
    const value = draft[name].trim();
    if (value === '') {
      continue;
    }
    facts[name] = isFlagFact(name) ? value === 'yes' : value;
  }
  return facts;
}

function FactsEditor({ matter, onDone }: { matter: MatterDetail; onDone: (changes: DeadlineChange[]) => void }) {
  const { t } = useTranslation();
  const valueOf = useFactValue();
  const refresh = useRefreshMatter(matter.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(matter.facts));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () => mattersApi.putFacts(matter.id, { facts: factsOf(draft, matter.facts), version: matter.version }),
    onSuccess: async (result) => {
      notifySuccess(t('matters.facts.saved'));
      await refresh();
      onDone(result.changes);
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  const set = (name: EditableFact, value: string) => {
    setDraft((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      const next = { ...current };
      delete next[`facts.${name}`];
      return next;
    });
  };
  /** Facts that came from a filing or decision are changed there, not here. */
  const derived = (name: string) => {
    const kind = matter.sources[name]?.kind;
    return kind === 'filing' || kind === 'decision';
  };
  const hint = (name: EditableFact): string | undefined => {
    const source = matter.sources[name];
    if (derived(name) && source) {
      return `${factSourceText(t, source)}: ${valueOf(name, matter.effectiveFacts[name])}. ${t('matters.facts.derived')}`;
    }
    if (source?.kind === 'client' && draft[name] === '') {
      return t('matters.facts.fromClient', { value: valueOf(name, matter.effectiveFacts[name]) });
    }
    if (source?.kind === 'matter_type' && draft[name] === '') {
      return `${factSourceText(t, source)}: ${valueOf(name, matter.effectiveFacts[name])}`;
    }
    return undefined;
  };
  const known = new Set(EDITABLE_FACTS.map((name) => `facts.${name}`));
  const otherErrors = Object.entries(errors).filter(([field]) => !known.has(field));
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setErrors({});
    save.mutate();
  }
  const yesNo = [
    { value: '', label: t('matters.facts.notKnown') },
    { value: 'yes', label: t('matters.facts.yes') },
    { value: 'no', label: t('matters.facts.no') },
  ];
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
        {otherErrors.length > 0 ? (
          <Alert color="red.9" variant="light" role="alert">
            <List size="sm">
              {otherErrors.map(([field, message]) => (
                <List.Item key={field}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {DATE_FACTS.map((name) => (
            <TextInput
              key={name}
              type="date"
              label={t(`matters.facts.names.${name}`)}
              value={derived(name) ? '' : draft[name]}
              onChange={(e) => set(name, e.currentTarget.value)}
              disabled={derived(name)}
              description={hint(name)}
              error={errors[`facts.${name}`]}
            />
          ))}
          {FLAG_FACTS.map((name) => (
            <NativeSelect key={name} label={t(`matters.facts.names.${name}`)} data={yesNo} value={draft[name]} onChange={(e) => set(name, e.currentTarget.value)} description={hint(name)} error={errors[`facts.${name}`]} />
          ))}
          <TextInput
            label={t('matters.facts.names.juvenileCourtState')}
            value={draft.juvenileCourtState}
            onChange={(e) => set('juvenileCourtState', e.currentTarget.value.toUpperCase())}
            maxLength={2}
            error={errors['facts.juvenileCourtState']}
          />
          <NativeSelect
            label={t('matters.facts.names.rcaCounting')}
            data={[
              { value: '', label: t('matters.facts.notKnown') },
              { value: 'exact-date', label: t('matters.facts.rcaCountingOptions.exact-date') },
              { value: 'calendar-month', label: t('matters.facts.rcaCountingOptions.calendar-month') },
            ]}
            value={draft.rcaCounting}
            onChange={(e) => set('rcaCounting', e.currentTarget.value)}
            error={errors['facts.rcaCounting']}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone([])}>
            {t('matters.facts.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('matters.facts.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the last save did to the deadlines. */
export function DeadlineChangesAlert({ changes, onClose }: { changes: readonly DeadlineChange[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal.9" variant="light" title={t('matters.deadlines.changesTitle')} withCloseButton closeButtonLabel={t('common.close')} onClose={onClose} role="status">
      {changes.length === 0 ? (
        t('matters.deadlines.noChanges')
      ) : (
        <List size="sm">
          {changes.map((change) => (
            <List.Item key={`${change.ruleId}-${change.toStatus}`}>{changeText(t, change)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function AddPartyModal({ matterId, onClose }: { matterId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const refresh = useRefreshMatter(matterId);
  const [role, setRole] = useState<MatterPartyRole>('derivative');
  const [name, setName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [relationship, setRelationship] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useMutation({
    mutationFn: (body: MatterPartyInput) => mattersApi.addParty(matterId, body),
    onSuccess: async () => {
      notifySuccess(t('matters.parties.added'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = MatterPartyInput.safeParse({ role, name, ...(dateOfBirth ? { dateOfBirth } : {}), ...(relationship.trim() ? { relationship } : {}) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    add.mutate(parsed.data);
  }
  return (
    <Modal opened onClose={onClose} title={t('matters.parties.addTitle')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={add.isError && Object.keys(errors).length === 0 ? add.error : null} />
          <Select
            label={t('matters.parties.role')}
            required
            data={MATTER_PARTY_ROLES.filter((r) => r !== 'client').map((r) => ({ value: r, label: t(`matters.parties.roles.${r}`) }))}
            value={role}
            onChange={(value) => setRole((value as MatterPartyRole | null) ?? 'derivative')}
            allowDeselect={false}
            error={errors.role}
          />
          <TextInput label={t('matters.parties.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={200} />
          <TextInput label={t('matters.parties.dateOfBirth')} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.currentTarget.value)} error={errors.dateOfBirth} />
          <TextInput label={t('matters.parties.relationship')} value={relationship} onChange={(e) => setRelationship(e.currentTarget.value)} error={errors.relationship} maxLength={120} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('matters.deadlines.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('matters.deadlines.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Parties({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const parties = useQuery(matterPartiesOptions(matter.id));
  const refresh = useRefreshMatter(matter.id);
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: mattersApi.removeParty,
    onSuccess: async () => {
      notifySuccess(t('matters.parties.removed'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="matter-parties-heading">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <Title order={2} size="h4" id="matter-parties-heading">
            {t('matters.parties.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('matters.parties.description')}
          </Text>
        </Stack>
        {matter.capabilities.canManage ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('matters.parties.add')}
          </Button>
        ) : null}
      </Group>
      {parties.isPending ? (
        <LoadingState />
      ) : parties.isError ? (
        <ErrorState error={parties.error} onRetry={() => void parties.refetch()} />
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {parties.data.items.map((party) => (
            <Group key={party.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600}>{party.name}</Text>
                  <Badge variant="light" color={party.role === 'adverse_party' ? 'red.9' : 'gray.8'}>
                    {t(`matters.parties.roles.${party.role}`)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {[party.relationship, party.dateOfBirth ? formatCalendarDate(party.dateOfBirth) : null].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {matter.capabilities.canManage && party.role !== 'client' ? (
                <ActionIcon variant="subtle" color="red.9" aria-label={t('matters.parties.remove', { name: party.name })} onClick={() => remove.mutate(party.id)} loading={remove.isPending && remove.variables === party.id}>
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {adding ? <AddPartyModal matterId={matter.id} onClose={() => setAdding(false)} /> : null}
    </Paper>
  );
}

/** The matter's overview: its facts with where each came from (and the editor), and its parties. */
export function MatterOverviewTab({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [changes, setChanges] = useState<DeadlineChange[] | null>(null);
  return (
    <Stack gap="md">
      {changes ? <DeadlineChangesAlert changes={changes} onClose={() => setChanges(null)} /> : null}
      <Paper withBorder p="md" component="section" aria-labelledby="matter-facts-heading">
        <Group justify="space-between" align="flex-start" gap="xs" mb="sm" wrap="wrap">
          <Stack gap={2} style={{ flex: '1 1 18rem', minWidth: 0 }}>
            <Title order={2} size="h4" id="matter-facts-heading">
              {t('matters.facts.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('matters.facts.description', { date: formatCalendarDate(matter.asOf) })}
            </Text>
          </Stack>
          {matter.capabilities.canManage && !editing ? (
            <Button size="xs" variant="light" leftSection={<IconPencil size={14} aria-hidden="true" />} onClick={() => setEditing(true)}>
              {t('matters.facts.edit')}
            </Button>
          ) : null}
        </Group>
        {editing ? (
          <FactsEditor
            matter={matter}
            onDone={(result) => {
              setEditing(false);
              if (result.length > 0) {
                setChanges(result);
              }
            }}
          />
        ) : (
          <FactsView matter={matter} />
        )}
      </Paper>
      <Parties matter={matter} />
    </Stack>
  );
}
