import { type FormEvent, useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, NativeSelect, Paper, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSignature, IconTrash } from '@tabler/icons-react';
import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONTACT_TYPES, type ContactType, CreateCaseNoteRequest, CreateNoteAddendumRequest, UpdateCaseNoteRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, emptyToUndefined, type FieldErrors, serverFieldErrors, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, formatDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { EmptyState, ErrorState, FormError, LoadingState } from '../../app/ui/states';
import type { CaseTabProps } from '../cases/case-tab';
import { caseKeys } from '../cases/cases-api';
import { usePermissions } from '../session/session-api';
import { type CaseNote, caseGoalsOptions, caseNotesOptions, type GoalChoice, noteKeys, notesApi } from './notes-api';

/** Notes show in the case's timeline, and a signed meaningful one is the case's last contact. */
function refreshNotes(queryClient: QueryClient, caseId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: noteKeys.ofCase(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
  ]);
}

interface NoteFormValues {
  contactOn: string;
  contactType: ContactType;
  meaningful: boolean;
  interpreterLanguage: string;
  interpreterName: string;
  durationMinutes: string;
  goalIds: string[];
  narrative: string;
}

function initialValues(note: CaseNote | null): NoteFormValues {
  return {
    contactOn: note?.contactOn ?? todayIsoDate(),
    contactType: note?.contactType ?? 'in_person',
    meaningful: note?.meaningful ?? true,
    interpreterLanguage: note?.interpreter?.language ?? '',
    interpreterName: note?.interpreter?.name ?? '',
    durationMinutes: note?.durationMinutes ? String(note.durationMinutes) : '',
    goalIds: note?.goalIds ?? [],
    narrative: note?.narrative ?? '',
  };
}

/** The form's values as the API's note fields (empty boxes are "not given"). */
function toContent(values: NoteFormValues) {
  const language = emptyToUndefined(values.interpreterLanguage);
  const duration = values.durationMinutes.trim();
  return {
    contactOn: values.contactOn,
    contactType: values.contactType,
    meaningful: values.meaningful,
    interpreter: language ? { language, name: emptyToUndefined(values.interpreterName) } : undefined,
    durationMinutes: duration === '' ? undefined : Number(duration),
    goalIds: values.goalIds.length > 0 ? values.goalIds : undefined,
    narrative: values.narrative,
  };
}

function NoteFormModal({ caseId, note, goals, onClose }: { caseId: string; note: CaseNote | null; goals: GoalChoice[]; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [values, setValues] = useState<NoteFormValues>(() => initialValues(note));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof NoteFormValues>(key: K, value: NoteFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: async (sign: boolean): Promise<CaseNote> => {
      const content = toContent(values);
      if (!note) {
        return notesApi.create(caseId, { ...content, sign });
      }
      const saved = await notesApi.update(caseId, note.id, { ...content, version: note.version });
      return sign ? notesApi.sign(caseId, note.id, saved.version) : saved;
    },
    onSuccess: async (saved) => {
      notifySuccess(saved.status === 'signed' ? t('notes.signed') : t('notes.saved'));
      await refreshNotes(queryClient, caseId);
      onClose();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(sign: boolean): void {
    const content = toContent(values);
    const parsed = note ? UpdateCaseNoteRequest.safeParse({ ...content, version: note.version }) : CreateCaseNoteRequest.safeParse({ ...content, sign });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    save.mutate(sign);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    submit(false);
  }

  const goalOptions = goals.map((goal) => ({ value: goal.id, label: goal.what }));
  return (
    <Modal opened onClose={onClose} title={note ? t('notes.editNote') : t('notes.newNote')} size="lg" fullScreen={phone}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormError error={save.isError && Object.keys(errors).length === 0 ? save.error : null} />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('notes.contactOn')}
              required
              max={todayIsoDate()}
              value={values.contactOn}
              onChange={(e) => set('contactOn', e.currentTarget.value)}
              error={errors.contactOn}
              miw={180}
            />
            <NativeSelect
              label={t('notes.contactType')}
              required
              value={values.contactType}
              onChange={(e) => set('contactType', e.currentTarget.value as ContactType)}
              data={CONTACT_TYPES.map((type) => ({ value: type, label: t(`notes.contactTypes.${type}`) }))}
              error={errors.contactType}
              miw={180}
            />
          </Group>
          <Switch
            label={t('notes.meaningful')}
            description={t('notes.meaningfulHelp')}
            checked={values.meaningful}
            onChange={(e) => set('meaningful', e.currentTarget.checked)}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('notes.interpreterLanguage')}
              description={t('notes.interpreterLanguageHelp')}
              maxLength={60}
              value={values.interpreterLanguage}
              onChange={(e) => set('interpreterLanguage', e.currentTarget.value)}
              error={errors['interpreter.language'] ?? errors.interpreter}
              miw={180}
            />
            <TextInput
              label={t('notes.interpreterName')}
              maxLength={200}
              disabled={values.interpreterLanguage.trim() === ''}
              value={values.interpreterName}
              onChange={(e) => set('interpreterName', e.currentTarget.value)}
              error={errors['interpreter.name']}
              miw={180}
            />
          </Group>
          <TextInput
            type="number"
            inputMode="numeric"
            label={t('notes.duration')}
            min={1}
            max={1440}
            value={values.durationMinutes}
            onChange={(e) => set('durationMinutes', e.currentTarget.value)}
            error={errors.durationMinutes}
            maw={220}
          />
          <MultiSelect
            label={t('notes.goals')}
            description={goalOptions.length > 0 ? t('notes.goalsHelp') : t('notes.noGoals')}
            data={goalOptions}
            disabled={goalOptions.length === 0}
            value={values.goalIds}
            onChange={(ids) => set('goalIds', ids)}
            error={errors.goalIds}
            searchable
            clearable
          />
          <Textarea
            label={t('notes.narrative')}
            required
            autosize
            minRows={5}
            maxLength={20000}
            value={values.narrative}
            onChange={(e) => set('narrative', e.currentTarget.value)}
            error={errors.narrative}
          />
          <Text size="sm" c="dimmed">
            {t('notes.signHelp')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="light" loading={save.isPending && save.variables === false}>
              {t('notes.saveDraft')}
            </Button>
            <Button leftSection={<IconSignature size={16} aria-hidden="true" />} loading={save.isPending && save.variables === true} onClick={() => submit(true)}>
              {t('notes.sign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AddendumForm({ caseId, note, onDone }: { caseId: string; note: CaseNote; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useMutation({
    mutationFn: (value: string) => notesApi.addAddendum(caseId, note.id, value),
    onSuccess: async () => {
      notifySuccess(t('notes.addendumAdded'));
      await refreshNotes(queryClient, caseId);
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateNoteAddendumRequest.safeParse({ text });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    add.mutate(parsed.data.text);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormError error={add.isError && Object.keys(errors).length === 0 ? add.error : null} />
        <Textarea
          label={t('notes.addendumLabel')}
          required
          autosize
          minRows={2}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
          data-autofocus
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={add.isPending}>
            {t('notes.addendumSave')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteItem({
  caseId,
  note,
  goals,
  canWrite,
  mine,
  onEdit,
}: {
  caseId: string;
  note: CaseNote;
  goals: GoalChoice[];
  canWrite: boolean;
  mine: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [addingAddendum, setAddingAddendum] = useState(false);
  const date = formatCalendarDate(note.contactOn);
  const refresh = () => refreshNotes(queryClient, caseId);
  const sign = useMutation({
    mutationFn: () => notesApi.sign(caseId, note.id, note.version),
    onSuccess: async () => {
      notifySuccess(t('notes.signed'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const remove = useMutation({
    mutationFn: () => notesApi.remove(caseId, note.id),
    onSuccess: async () => {
      notifySuccess(t('notes.deleted'));
      await refresh();
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  const goalNames = note.goalIds.map((id) => goals.find((goal) => goal.id === id)?.what ?? id);
  const isDraft = note.status === 'draft';

  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Group gap="xs">
            <Text fw={600}>{date}</Text>
            <Badge variant="light" color="blue.9">
              {t(`notes.contactTypes.${note.contactType}`)}
            </Badge>
            {note.meaningful ? (
              <Badge variant="filled" color="teal.9">
                {t('notes.meaningfulBadge')}
              </Badge>
            ) : null}
            {isDraft ? (
              <Badge variant="filled" color="indigo.9">
                {t('notes.draft')}
              </Badge>
            ) : null}
          </Group>
          {note.durationMinutes ? (
            <Text size="sm" c="dimmed">
              {t('notes.durationLine', { count: note.durationMinutes })}
            </Text>
          ) : null}
        </Group>
        {note.interpreter ? (
          <Text size="sm" c="dimmed">
            {note.interpreter.name
              ? t('notes.interpreterLineNamed', { language: note.interpreter.language, name: note.interpreter.name })
              : t('notes.interpreterLine', { language: note.interpreter.language })}
          </Text>
        ) : null}
        {goalNames.length > 0 ? (
          <Text size="sm">
            {t('notes.goals')}: {goalNames.join(', ')}
          </Text>
        ) : null}
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {note.narrative}
        </Text>
        {note.signedBy && note.signedAt ? (
          <Text size="sm" c="dimmed">
            {t('notes.signedBy', { name: note.signedBy.name, date: formatDate(note.signedAt) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('notes.draftHelp')}
          </Text>
        )}
        {note.addenda.length > 0 ? (
          <Stack gap={4} ps="md" style={{ borderInlineStart: '3px solid var(--mantine-color-gray-4)' }}>
            <Text size="sm" fw={600}>
              {t('notes.addenda')}
            </Text>
            <Stack component="ol" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
              {note.addenda.map((addendum) => (
                <li key={addendum.id}>
                  <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {addendum.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('notes.addendumBy', { name: addendum.author.name, date: formatDate(addendum.createdAt) })}
                  </Text>
                </li>
              ))}
            </Stack>
          </Stack>
        ) : null}
        {canWrite && isDraft && mine ? (
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden="true" />} aria-label={t('notes.editNoteFor', { date })} onClick={onEdit}>
              {t('common.edit')}
            </Button>
            <Button
              size="xs"
              leftSection={<IconSignature size={14} aria-hidden="true" />}
              aria-label={t('notes.signNoteFor', { date })}
              loading={sign.isPending}
              onClick={() => sign.mutate()}
            >
              {t('notes.sign')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red.9"
              leftSection={<IconTrash size={14} aria-hidden="true" />}
              aria-label={t('notes.deleteNoteFor', { date })}
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('notes.confirmDelete'))) {
                  remove.mutate();
                }
              }}
            >
              {t('notes.delete')}
            </Button>
          </Group>
        ) : null}
        {canWrite && !isDraft ? (
          addingAddendum ? (
            <AddendumForm caseId={caseId} note={note} onDone={() => setAddingAddendum(false)} />
          ) : (
            <Group>
              <Button size="xs" variant="light" aria-label={t('notes.addAddendumFor', { date })} onClick={() => setAddingAddendum(true)}>
                {t('notes.addAddendum')}
              </Button>
            </Group>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * The case's notes, newest contact first, with their addenda; a new note is saved as a draft or
 * signed at once. Signed notes are never edited: corrections are addenda.
 */
export function NotesTab({ caseId, readOnly }: CaseTabProps) {
  const { t } = useTranslation();
  const { can, session } = usePermissions();
  const canWrite = can('case.manage') && !readOnly;
  const notes = useInfiniteQuery(caseNotesOptions(caseId));
  const goals = useQuery(caseGoalsOptions(caseId));
  const [editing, setEditing] = useState<CaseNote | 'new' | null>(null);
  const goalChoices = goals.data ?? [];

  if (notes.isPending) {
    return <LoadingState />;
  }
  if (notes.isError) {
    return <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />;
  }
  const items = notes.data.pages.flatMap((page) => page.items);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('notes.title')}
        </Title>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('notes.newNote')}
          </Button>
        ) : null}
      </Group>
      {items.length === 0 ? (
        <EmptyState>{t('notes.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((note) => (
            <NoteItem
              key={note.id}
              caseId={caseId}
              note={note}
              goals={goalChoices}
              canWrite={canWrite}
              mine={note.author.id === session?.user.id}
              onEdit={() => setEditing(note)}
            />
          ))}
        </Stack>
      )}
      {notes.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={notes.isFetchingNextPage} onClick={() => void notes.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      {editing ? <NoteFormModal caseId={caseId} note={editing === 'new' ? null : editing} goals={goalChoices} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
