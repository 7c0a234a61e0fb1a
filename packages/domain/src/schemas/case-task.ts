import { z } from 'zod';
import { CalendarDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** What made a task: a person, the contact rule, a checkpoint, a review finding, a risk flag, a plan step. */
export const TASK_SOURCES = ['manual', 'contact_rule', 'checkpoint', 'review_finding', 'risk_flag', 'plan_step'] as const;
export const TaskSource = z.enum(TASK_SOURCES);
export type TaskSource = z.infer<typeof TaskSource>;

export const TASK_VIEWS = ['mine', 'assigned_by_me'] as const;
export const TASK_DUE_FILTERS = ['overdue', 'today', 'week'] as const;

export const TASK_MESSAGES = {
  dueInPast: 'The due date is in the past',
  assigneeNotAllowed: 'Choose an active member who works or supervises cases',
  title: 'Enter what needs to be done',
  nothingToChange: 'Change the status, the due date or the assignee',
} as const;

/**
 * GET /api/tasks. Without a case: the caller's tasks (`mine`, the default) or those they gave
 * others (`assigned_by_me`). With `caseId` and no view: every task of that case.
 */
export const TaskListQuery = z.strictObject({
  view: z.enum(TASK_VIEWS).optional(),
  caseId: Uuid.optional(),
  status: TaskStatus.optional(),
  /** overdue: due before today; today: due today; week: due from today to 6 days ahead. */
  due: z.enum(TASK_DUE_FILTERS).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const CreateTaskRequest = z.strictObject({
  title: z.string().trim().min(1, { error: TASK_MESSAGES.title }).max(200, { error: 'Use at most 200 characters' }),
  detail: z.string().trim().max(2000, { error: 'Use at most 2000 characters' }).optional(),
  /** Not before today in the organization's time zone (checked by the server, which knows it). */
  dueOn: CalendarDate,
  /** Default: the caller. */
  assignedTo: Uuid.optional(),
  caseId: Uuid.optional(),
});
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

export const UpdateTaskRequest = z
  .strictObject({
    status: TaskStatus.optional(),
    dueOn: CalendarDate.optional(),
    assignedTo: Uuid.optional(),
    version: z.int().min(1),
  })
  .refine((v) => v.status !== undefined || v.dueOn !== undefined || v.assignedTo !== undefined, {
    error: TASK_MESSAGES.nothingToChange,
    path: ['status'],
  });
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

const Person = z.object({ id: Uuid, name: z.string() });

export const TaskResponse = z.object({
  id: Uuid,
  caseId: Uuid.nullable(),
  /** The case's reference ("C-2026-0042"): never the client's name. */
  caseReference: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  dueOn: CalendarDate,
  assignedTo: Person,
  assignedBy: Person.nullable(),
  source: TaskSource,
  /** For generated tasks, what made them ("contact:2026-11", "overdue:2026-10", "checkpoint:90:eligibility"). */
  sourceKey: z.string().nullable(),
  status: TaskStatus,
  completedAt: IsoDateTime.nullable(),
  version: z.int(),
  createdAt: IsoDateTime,
});
export type TaskResponse = z.infer<typeof TaskResponse>;

export const TaskList = z.object({ items: z.array(TaskResponse), nextCursor: z.string().nullable() });
export type TaskList = z.infer<typeof TaskList>;

/** Someone a task can be given to: an active member who works or supervises cases. */
export const TaskAssignee = z.object({ id: Uuid, name: z.string(), role: z.string() });
export const TaskAssigneeList = z.object({ items: z.array(TaskAssignee) });
export type TaskAssignee = z.infer<typeof TaskAssignee>;

export const TaskDigestPreference = z.strictObject({ enabled: z.boolean() });
export type TaskDigestPreference = z.infer<typeof TaskDigestPreference>;
