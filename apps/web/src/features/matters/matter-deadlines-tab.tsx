import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CreateManualDeadlineRequest, daysBetween, type MatterDeadline, type MatterDeadlineStatus, type MatterDetail } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, formatDateTime, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import { useSession } from '../session/session-api';
import { causeText, changeText, DeadlineStatusBadge } from './matter-labels';
import { matterDeadlinesOptions, mattersApi, representativesOptions, useRefreshMatter } from './matters-api';
import { ruleDeadlineTitle } from './deadline-labels';

const PHONE = '(max-width: 36em)';

/** "Days left: 40", "Due today", "Days past: 3" — counted from the organization's today. */
export function DaysLeft({ dueOn, today, status, kind }: { dueOn: string; today: string; status: MatterDeadlineStatus; kind?: MatterDeadline['kind'] }) {
  const { t } = useTranslation();
  if (status !== 'open') {
    return null;
  }
  const days = daysBetween(today, dueOn);
  // An earliest date opens a possibility: nothing is late once it is reached.
  if (kind === 'earliest-date') {
    return days > 0 ? <Text size="sm">{t('matters.deadlines.daysUntil', { count: days })}</Text> : null;
  }
  if (days === 0) {
    return (
      <Text size="sm" fw={700} c="red.9">
        {t('matters.deadlines.dueToday')}
      </Text>
    );
  }
  return days > 0 ? (
    <Text size="sm" fw={days <= 14 ? 700 : 400} c={days <= 14 ? 'orange.9' : undefined}>
      {t('matters.deadlines.daysLeft', { count: days })}
    </Text>
  ) : (
    <Text size="sm" fw={700} c="red.9">
      {t('matters.deadlines.daysOverdue', { count: -days })}
    </Text>
  );
}

/** People who can be responsible: the matter's own people, me, and the organization's representatives. */
function useResponsibleOptions(matter: MatterDetail) {
  const { data: session } = useSession();
  const representatives = useQuery(representativesOptions);
  const options = new Map<string, string>();
  if (matter.representative) {
    options.set(matter.representative.id, matter.representative.name);
  }
  if (matter.supervisingAttorney) {
    options.set(matter.supervisingAttorney.id, matter.supervisingAttorney.name);
  }
  if (session) {
    options.set(session.user.id, session.user.displayName);
  }
  for (const person of representatives.data?.items ?? []) {
    options.set(person.id, person.name);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

function AddDeadlineModal({ matter, onClose }: { matter: MatterDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const refresh = useRefreshMatter(matter.id);
  const people = useResponsibleOptions(matter);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(todayIsoDate());
  const [responsibleId, setResponsibleId] = useState<string | null>(matter.representative?.id ?? null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useMutation({
    mutationFn: (body: CreateManualDeadlineRequest) => mattersApi.addDeadline(matter.id, body),
    onSuccess: async () => {
      notifySuccess(t('matters.deadlines.added'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateManualDeadlineRequest.safeParse({ title, dueOn, responsibleId: responsibleId ?? '', ...(note.trim() ? { note } : {}) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    add.mutate(parsed.data);
  }
  return (
    <Modal opened onClose={onClose} title={t('matters.deadlines.addTitle')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={add.isError && Object.keys(errors).length === 0 ? add.error : null} />
          <TextInput label={t('matters.deadlines.titleField')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={200} />
          <TextInput label={t('matters.deadlines.dueOn')} type="date" required value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors.dueOn} />
          <Select
            label={t('matters.deadlines.responsible')}
            required
            data={people}
            value={responsibleId}
            onChange={setResponsibleId}
            error={errors.responsibleId}
            searchable
            nothingFoundMessage={t('common.noOptions')}
          />
          <Textarea label={t('matters.deadlines.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} autosize minRows={2} maxLength={2000} />
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

function ReassignModal({ matter, deadline, onClose }: { matter: MatterDetail; deadline: MatterDeadline; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE);
  const refresh = useRefreshMatter(matter.id);
  const people = useResponsibleOptions(matter);
  if (!people.some((p) => p.value === deadline.responsible.id)) {
    people.unshift({ value: deadline.responsible.id, label: deadline.responsible.name });
  }
  const [responsibleId, setResponsibleId] = useState<string | null>(deadline.responsible.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const assign = useMutation({
    mutationFn: (id: string) => mattersApi.assignDeadline(deadline.id, { responsibleId: id, version: deadline.version }),
    onSuccess: async () => {
      notifySuccess(t('matters.deadlines.reassigned'));
      await refresh();
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (responsibleId) {
      assign.mutate(responsibleId);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('matters.deadlines.reassignTitle', { title: ruleDeadlineTitle(t, deadline.ruleId, deadline.title) })} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={assign.isError && Object.keys(errors).length === 0 ? assign.error : null} />
          <Select
            label={t('matters.deadlines.responsible')}
            required
            data={people}
            value={responsibleId}
            onChange={setResponsibleId}
            error={errors.responsibleId ?? errors.version}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.noOptions')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('matters.deadlines.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending}>
              {t('matters.deadlines.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeadlineCard({ matter, deadline, today, onReassign }: { matter: MatterDetail; deadline: MatterDeadline; today: string; onReassign: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshMatter(matter.id);
  const complete = useMutation({
    mutationFn: () => mattersApi.completeDeadline(deadline.id, deadline.version),
    onSuccess: async () => {
      notifySuccess(t('matters.deadlines.completed'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const reviewNotes = deadline.notes.filter((note) => note.type === 'attorney-review');
  const versionNotes = deadline.notes.filter((note) => note.type === 'other-version');
  const otherNotes = deadline.notes.filter((note) => note.type !== 'attorney-review' && note.type !== 'other-version');
  const canWork = matter.capabilities.canManage && deadline.status === 'open';
  return (
    <Paper withBorder p="md" component="li" data-rule={deadline.ruleId ?? 'manual'}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Title order={3} size="h5" style={{ flex: '1 1 16rem', minWidth: 0 }}>
            {ruleDeadlineTitle(t, deadline.ruleId, deadline.title)}
          </Title>
          <Group gap={4} wrap="wrap">
            <DeadlineStatusBadge status={deadline.status} />
            <Badge variant="outline" color="gray.8">
              {t(`matters.deadlines.kinds.${deadline.kind}`)}
            </Badge>
            {deadline.source === 'manual' ? (
              <Badge variant="outline" color="gray.8">
                {t('matters.deadlines.manual')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <Group gap="md" wrap="wrap">
          <Text fw={600}>{t(deadline.kind === 'earliest-date' ? 'matters.deadlines.from' : 'matters.deadlines.due', { date: formatCalendarDate(deadline.dueOn) })}</Text>
          <DaysLeft dueOn={deadline.dueOn} today={today} status={deadline.status} kind={deadline.kind} />
        </Group>
        {reviewNotes.length > 0 ? (
          <Alert color="red.9" variant="light" title={t('matters.deadlines.attorneyReview')} icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
            <List size="sm">
              {reviewNotes.map((note) => (
                <List.Item key={note.text}>{note.text}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {deadline.citation ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('matters.deadlines.citation')}:
            </Text>{' '}
            {deadline.citation}
          </Text>
        ) : null}
        {deadline.explanation ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('matters.deadlines.explanation')}:
            </Text>{' '}
            {deadline.explanation}
          </Text>
        ) : null}
        {versionNotes.length > 0 || otherNotes.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('matters.deadlines.notes')}
            </Text>
            <List size="sm">
              {[...versionNotes, ...otherNotes].map((note) => (
                <List.Item key={note.text}>
                  <Text span size="sm" fw={600}>
                    {t(`matters.deadlines.noteTypes.${note.type as 'information'}`, { defaultValue: note.type })}:
                  </Text>{' '}
                  {note.text}
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {deadline.metByFilingId ? (
          <Text size="sm" c="teal.9">
            {t('matters.deadlines.metByFiling')}
          </Text>
        ) : null}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('matters.deadlines.responsibleIs', { name: deadline.responsible.name })}
          </Text>
          {canWork ? (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={onReassign}>
                {t('matters.deadlines.reassign')}
              </Button>
              {deadline.source === 'manual' ? (
                <Button size="xs" variant="light" onClick={() => complete.mutate()} loading={complete.isPending}>
                  {t('matters.deadlines.complete')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The matter's deadlines: computed (with rule, citation and plain explanation) and manual, and what moved and why. */
export function MatterDeadlinesTab({ matter }: { matter: MatterDetail }) {
  const { t } = useTranslation();
  const query = useQuery(matterDeadlinesOptions(matter.id));
  const [adding, setAdding] = useState(false);
  const [reassigning, setReassigning] = useState<MatterDeadline | null>(null);
  const today = matter.asOf;
  if (query.isPending) {
    return <LoadingState />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const open = query.data.items.filter((d) => d.status === 'open');
  const closed = query.data.items.filter((d) => d.status !== 'open');
  const list = (items: MatterDeadline[]) => (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((deadline) => (
        <DeadlineCard key={deadline.id} matter={matter} deadline={deadline} today={today} onReassign={() => setReassigning(deadline)} />
      ))}
    </Stack>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 20rem', minWidth: 0 }}>
          <Title order={2} size="h4">
            {t('matters.deadlines.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('matters.deadlines.description', { date: formatCalendarDate(today) })}
          </Text>
        </Stack>
        {matter.capabilities.canManage ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} variant="light" onClick={() => setAdding(true)}>
            {t('matters.deadlines.add')}
          </Button>
        ) : null}
      </Group>
      {query.data.items.length === 0 ? <EmptyState>{t('matters.deadlines.empty')}</EmptyState> : null}
      {open.length > 0 ? list(open) : null}
      {closed.length > 0 ? (
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('matters.deadlines.inactive')}
          </Title>
          {list(closed)}
        </Stack>
      ) : null}
      <Stack gap="sm" component="section" aria-labelledby="deadline-history-heading">
        <Title order={3} size="h5" id="deadline-history-heading">
          {t('matters.deadlines.history')}
        </Title>
        {query.data.history.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('matters.deadlines.historyEmpty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {query.data.history.map((entry) => (
              <Paper key={entry.id} withBorder p="sm" component="li">
                <Text size="sm" fw={600}>
                  {causeText(t, entry.cause)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(entry.occurredAt)} · {entry.actor ? t('matters.deadlines.byPerson', { name: entry.actor.name }) : t('matters.deadlines.byHaven')}
                </Text>
                <List size="sm" mt={4}>
                  {entry.changes.map((change) => (
                    <List.Item key={`${change.ruleId}-${change.toStatus}`}>{changeText(t, change)}</List.Item>
                  ))}
                </List>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {adding ? <AddDeadlineModal matter={matter} onClose={() => setAdding(false)} /> : null}
      {reassigning ? <ReassignModal matter={matter} deadline={reassigning} onClose={() => setReassigning(null)} /> : null}
    </Stack>
  );
}
