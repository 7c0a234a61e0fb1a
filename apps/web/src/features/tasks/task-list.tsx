import type { FormEvent } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CreateTaskRequest } from '@haven/domain';
import { useTranslation } from 'react-i18next';
import { describeError, emptyToUndefined, serverFieldErrors, useFormState, zodFieldErrors } from '../../app/forms';
import { formatCalendarDate, todayIsoDate } from '../../app/ui/format';
import { notifyError, notifySuccess } from '../../app/ui/notify';
import { FormError } from '../../app/ui/states';
import { useSession } from '../session/session-api';
import { assigneesOptions, type Task, taskKeys, tasksApi, taskTitle } from './tasks-api';

/** One task as a card: stacks on a phone, with its due date, case and people, and "mark done". */
export function TaskCard({ task, showCase = true, readOnly = false }: { task: Task; showCase?: boolean; readOnly?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const title = taskTitle(task, t);
  const overdue = task.status === 'open' && task.dueOn < todayIsoDate();
  const done = useMutation({
    mutationFn: () => tasksApi.update(task.id, { status: 'done', version: task.version }),
    onSuccess: async () => {
      notifySuccess(t('tasks.done'));
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (error) => notifyError(describeError(error, t)),
  });
  return (
    <Paper withBorder p="sm" radius="md" component="li">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          {task.detail ? (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {task.detail}
            </Text>
          ) : null}
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 600 : undefined}>
              {overdue ? t('tasks.overdueSince', { date: formatCalendarDate(task.dueOn) }) : t('tasks.due', { date: formatCalendarDate(task.dueOn) })}
            </Text>
            {showCase && task.caseId && task.caseReference ? (
              <Anchor size="sm" renderRoot={(props) => <Link to="/cases/$caseId" params={{ caseId: task.caseId! }} {...props} />}>
                {t('tasks.caseRef', { reference: task.caseReference })}
              </Anchor>
            ) : null}
            <Badge variant="light" color="gray.8" tt="none">
              {t(`tasks.sources.${task.source}`)}
            </Badge>
            {task.status !== 'open' ? (
              <Badge variant="filled" color={task.status === 'done' ? 'teal.9' : 'gray.8'} tt="none">
                {t(`tasks.statuses.${task.status}`)}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {t('tasks.assignedToName', { name: task.assignedTo.name })}
            {task.assignedBy && task.assignedBy.id !== task.assignedTo.id ? ` · ${t('tasks.assignedByName', { name: task.assignedBy.name })}` : ''}
          </Text>
        </Stack>
        {task.status === 'open' && !readOnly ? (
          <Button size="sm" variant="light" loading={done.isPending} onClick={() => done.mutate()} aria-label={t('tasks.markDoneNamed', { title })}>
            {t('tasks.markDone')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

export function TaskCards({ tasks, showCase, readOnly }: { tasks: Task[]; showCase?: boolean; readOnly?: boolean }) {
  return (
    <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} showCase={showCase} readOnly={readOnly} />
      ))}
    </Stack>
  );
}

/** The new-task form: what, details, due date (today or later), whom; on a case when given one. */
export function NewTaskModal({ opened, onClose, caseId }: { opened: boolean; onClose: () => void; caseId?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const phone = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const assignees = useQuery({ ...assigneesOptions(), enabled: opened });
  const form = useFormState({ title: '', detail: '', dueOn: todayIsoDate(), assignedTo: '' });
  const create = useMutation({
    mutationFn: tasksApi.create,
    onSuccess: async () => {
      notifySuccess(t('tasks.created'));
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
      form.reset({ title: '', detail: '', dueOn: todayIsoDate(), assignedTo: '' });
      onClose();
    },
    onError: (error) => form.setErrors(serverFieldErrors(error, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const parsed = CreateTaskRequest.safeParse({
      title: form.values.title,
      detail: emptyToUndefined(form.values.detail),
      dueOn: form.values.dueOn,
      assignedTo: form.values.assignedTo || undefined,
      caseId,
    });
    if (!parsed.success) {
      form.setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    create.mutate(parsed.data);
  }

  const me = session.data?.user.id;
  const options = [
    { value: '', label: t('tasks.me') },
    ...(assignees.data?.items ?? []).filter((a) => a.id !== me).map((a) => ({ value: a.id, label: a.name })),
  ];

  return (
    <Modal opened={opened} onClose={onClose} title={caseId ? t('tasks.newTaskFor') : t('tasks.newTask')} fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={create.isError && !Object.keys(form.errors).length ? create.error : null} />
          <TextInput
            label={t('tasks.taskTitle')}
            required
            maxLength={200}
            value={form.values.title}
            onChange={(event) => form.setField('title', event.currentTarget.value)}
            error={form.errors.title}
          />
          <Textarea
            label={t('tasks.detail')}
            autosize
            minRows={2}
            maxLength={2000}
            value={form.values.detail}
            onChange={(event) => form.setField('detail', event.currentTarget.value)}
            error={form.errors.detail}
          />
          <TextInput
            type="date"
            label={t('tasks.dueOn')}
            required
            min={todayIsoDate()}
            value={form.values.dueOn}
            onChange={(event) => form.setField('dueOn', event.currentTarget.value)}
            error={form.errors.dueOn}
            classNames={{ input: 'ltr-value' }}
          />
          <NativeSelect
            label={t('tasks.assignedTo')}
            data={options}
            value={form.values.assignedTo}
            onChange={(event) => form.setField('assignedTo', event.currentTarget.value)}
            error={form.errors.assignedTo}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('tasks.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tasks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
