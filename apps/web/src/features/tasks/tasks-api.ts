import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { CreateTaskRequest, TaskAssignee, TaskDigestPreference, TaskList, TaskResponse, UpdateTaskRequest } from '@haven/domain';
import { api } from '../../app/api-client';
import { currentLocale } from '../../app/i18n';

export type Task = TaskResponse;
export type CreateTaskBody = CreateTaskRequest;
export type UpdateTaskBody = UpdateTaskRequest;

export interface TaskQuery {
  view?: 'mine' | 'assigned_by_me';
  caseId?: string;
  status?: 'open' | 'done' | 'cancelled';
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TaskQuery) => ['tasks', 'list', query] as const,
  assignees: ['tasks', 'assignees'] as const,
  digest: ['account', 'task-digest'] as const,
};

const PAGE = 100;

export function taskListOptions(query: TaskQuery) {
  return infiniteQueryOptions({
    queryKey: taskKeys.list(query),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      api<TaskList>('/api/tasks', { signal, query: { ...query, limit: PAGE, cursor: pageParam ?? undefined } }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function assigneesOptions() {
  return queryOptions({
    queryKey: taskKeys.assignees,
    queryFn: ({ signal }) => api<{ items: TaskAssignee[] }>('/api/tasks/assignees', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function digestOptions() {
  return queryOptions({
    queryKey: taskKeys.digest,
    queryFn: ({ signal }) => api<TaskDigestPreference>('/api/account/task-digest', { signal }),
  });
}

export const tasksApi = {
  create: (body: CreateTaskBody) => api<Task>('/api/tasks', { method: 'POST', body }),
  update: (id: string, body: UpdateTaskBody) => api<Task>(`/api/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  setDigest: (body: TaskDigestPreference) => api<TaskDigestPreference>('/api/account/task-digest', { method: 'PUT', body }),
};

/** "November 2026" for "2026-11" in the reader's language; a week key as it is. */
function periodLabel(key: string): { label: string; week: boolean } {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (!month) {
    return { label: key, week: true };
  }
  const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  return { label: new Intl.DateTimeFormat(currentLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date), week: false };
}

/** Generated tasks are stored with an English title; they are shown in the reader's language from what made them. */
export function taskTitle(task: Task, t: TFunction): string {
  const key = task.sourceKey ?? '';
  const reference = task.caseReference ?? '';
  if (task.source === 'contact_rule' && key.startsWith('contact:')) {
    const period = periodLabel(key.slice('contact:'.length));
    return t(period.week ? 'tasks.generated.contactWeek' : 'tasks.generated.contact', { period: period.label });
  }
  if (task.source === 'contact_rule' && key.startsWith('overdue:')) {
    // overdue:<period> for the case's supervisor, overdue:<period>:<user> when every supervisor is told.
    return t('tasks.generated.overdue', { reference, period: periodLabel(key.split(':')[1] ?? '').label });
  }
  if (task.source === 'risk_flag') {
    return t('tasks.generated.riskFlag', { reference });
  }
  return task.title;
}
