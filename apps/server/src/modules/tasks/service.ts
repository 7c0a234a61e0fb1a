import {
  addDays,
  type CreateTaskRequest,
  isIsoDate,
  ROLES,
  roleCan,
  type Role,
  TASK_MESSAGES,
  type TaskAssignee,
  type TaskDigestPreference,
  type TaskList,
  type TaskListQuery,
  type TaskResponse,
  todayIn,
  type UpdateTaskRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { caseClosed, caseForRead, caseForWork, findReadableCase, readableCases } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import * as repo from './repository.js';

/** Tasks belong to case work: its workers and its supervisors. */
export const TASK_ROLES: readonly Role[] = ROLES.filter((role) => roleCan(role, 'case.manage') || roleCan(role, 'case.supervise'));

export function requireCaseWork(ctx: MemberContext): void {
  if (!TASK_ROLES.includes(ctx.subject.role)) {
    throw forbidden();
  }
}

export function taskView(row: repo.TaskWithNames): TaskResponse {
  const { task } = row;
  return {
    id: task.id,
    caseId: task.caseId,
    caseReference: row.caseReference,
    title: task.title,
    detail: task.detail,
    dueOn: task.dueOn,
    assignedTo: { id: task.assignedTo, name: row.assigneeName ?? '' },
    assignedBy: task.assignedBy ? { id: task.assignedBy, name: row.assignerName ?? '' } : null,
    source: task.source,
    sourceKey: task.sourceKey,
    status: task.status,
    completedAt: task.completedAt?.toISOString() ?? null,
    version: task.version,
    createdAt: task.createdAt.toISOString(),
  };
}

/** The context of another member, to ask what they could see (an assignee must be able to read the case). */
function contextOf(ctx: MemberContext, member: repo.ActiveMember): MemberContext {
  return { ...ctx, subject: { orgId: ctx.subject.orgId, userId: member.userId, role: member.role as Role } };
}

/**
 * Tasks: a case manager's and supervisor's work with a due date, made by hand or by the
 * monitoring job (contact rule, checkpoints, escalation, risk flags). A task on a case is seen
 * only by those who can read the case; a task without one only by its assignee and assigner.
 */
export class TaskService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async today(tx: Db, orgId: string): Promise<string> {
    return todayIn(await organizationTimeZone(tx, orgId));
  }

  async list(ctx: MemberContext, query: TaskListQuery): Promise<TaskList> {
    requireCaseWork(ctx);
    let after: { dueOn: string; id: string } | undefined;
    if (query.cursor) {
      const [dueOn, id] = decodeCursor(query.cursor, 2) as [string, string];
      if (!isIsoDate(dueOn)) {
        throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
      }
      after = { dueOn, id };
    }
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      if (query.caseId) {
        await caseForRead(tx, ctx, query.caseId);
      }
      const view = query.view ?? (query.caseId ? undefined : 'mine');
      const today = await this.today(tx, orgId);
      const due =
        query.due === 'overdue'
          ? { dueTo: addDays(today, -1) }
          : query.due === 'today'
            ? { dueFrom: today, dueTo: today }
            : query.due === 'week'
              ? { dueFrom: today, dueTo: addDays(today, 6) }
              : {};
      const rows = await repo.listTasks(tx, {
        orgId,
        readable: readableCases(ctx),
        ...(view === 'mine' ? { assignedTo: userId } : view === 'assigned_by_me' ? { assignedBy: userId } : {}),
        ...(query.caseId ? { caseId: query.caseId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...due,
        ...(after ? { after } : {}),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(taskView),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.task.dueOn, last.task.id]) : null,
      };
    });
  }

  /** Who a task can be given to: active members who work or supervise cases. */
  async assignees(ctx: MemberContext): Promise<{ items: TaskAssignee[] }> {
    requireCaseWork(ctx);
    return this.tenant(ctx, async (tx) => {
      const members = await repo.listActiveMembers(tx, ctx.subject.orgId, TASK_ROLES);
      return { items: members.map((m) => ({ id: m.userId, name: m.name, role: m.role })) };
    });
  }

  /** An assignee other than the caller: active, working or supervising cases, and able to read the task's case. */
  private async requireAssignee(tx: Db, ctx: MemberContext, userId: string, caseId: string | null): Promise<void> {
    if (userId === ctx.subject.userId) {
      return;
    }
    const member = await repo.findActiveMember(tx, ctx.subject.orgId, userId);
    if (!member || !TASK_ROLES.includes(member.role as Role)) {
      throw badRequest(TASK_MESSAGES.assigneeNotAllowed, { assignedTo: TASK_MESSAGES.assigneeNotAllowed });
    }
    if (caseId && !(await findReadableCase(tx, contextOf(ctx, member), caseId))) {
      const message = 'This person cannot see this case';
      throw badRequest(message, { assignedTo: message });
    }
  }

  async create(ctx: MemberContext, input: CreateTaskRequest): Promise<TaskResponse> {
    requireCaseWork(ctx);
    const result = await this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      if (input.dueOn < (await this.today(tx, orgId))) {
        throw badRequest(TASK_MESSAGES.dueInPast, { dueOn: TASK_MESSAGES.dueInPast });
      }
      if (input.caseId) {
        await caseForWork(tx, ctx, input.caseId);
      }
      const assignedTo = input.assignedTo ?? userId;
      await this.requireAssignee(tx, ctx, assignedTo, input.caseId ?? null);
      const task = await repo.insertTask(tx, {
        orgId,
        caseId: input.caseId ?? null,
        title: input.title,
        detail: input.detail ?? null,
        dueOn: input.dueOn,
        assignedTo,
        assignedBy: userId,
        source: 'manual',
      });
      // Titles and details are free text that may name a person: the audit keeps ids and dates.
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'task.created',
        objectType: 'task',
        objectId: task.id,
        after: { caseId: task.caseId, assignedTo, dueOn: task.dueOn, source: 'manual' },
      });
      return (await repo.findTaskWithNames(tx, orgId, task.id))!;
    });
    return taskView(result);
  }

  async update(ctx: MemberContext, taskId: string, input: UpdateTaskRequest): Promise<TaskResponse> {
    requireCaseWork(ctx);
    const result = await this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const task = await repo.findTask(tx, orgId, taskId, { lock: true });
      if (!task) {
        throw notFound('Task not found');
      }
      const own = task.assignedTo === userId || task.assignedBy === userId;
      const kase = task.caseId ? await findReadableCase(tx, ctx, task.caseId) : null;
      // What one cannot see does not exist; what one sees but does not own is the supervisor's to change.
      if (task.caseId ? !kase : !own) {
        throw notFound('Task not found');
      }
      if (!own && !roleCan(ctx.subject.role, 'case.supervise')) {
        throw forbidden('Only the assignee, the person who assigned it or a supervisor can change this task');
      }
      if (task.version !== input.version) {
        throw conflict('This task was changed by someone else; reload it', { version: 'This task was changed by someone else; reload it' });
      }
      // A closed case is read-only, but its open tasks can still be closed off.
      const reschedules = input.dueOn !== undefined || input.assignedTo !== undefined || input.status === 'open';
      if (kase?.status === 'closed' && reschedules) {
        throw caseClosed();
      }
      const changes: Partial<repo.TaskRow> = {};
      if (input.dueOn !== undefined && input.dueOn !== task.dueOn) {
        if (input.dueOn < (await this.today(tx, orgId))) {
          throw badRequest(TASK_MESSAGES.dueInPast, { dueOn: TASK_MESSAGES.dueInPast });
        }
        changes.dueOn = input.dueOn;
      }
      if (input.assignedTo !== undefined && input.assignedTo !== task.assignedTo) {
        await this.requireAssignee(tx, ctx, input.assignedTo, task.caseId);
        changes.assignedTo = input.assignedTo;
        changes.assignedBy = userId;
      }
      if (input.status !== undefined && input.status !== task.status) {
        changes.status = input.status;
        changes.completedAt = input.status === 'open' ? null : new Date();
        changes.completedBy = input.status === 'open' ? null : userId;
      }
      const updated = Object.keys(changes).length === 0 ? task : await repo.updateTask(tx, task, input.version, changes);
      if (!updated) {
        throw conflict('This task was changed by someone else; reload it', { version: 'This task was changed by someone else; reload it' });
      }
      if (updated !== task) {
        const pick = (row: repo.TaskRow) => ({ status: row.status, dueOn: row.dueOn, assignedTo: row.assignedTo });
        await recordAudit(tx, { orgId, actor: ctx.actor, action: 'task.updated', objectType: 'task', objectId: task.id, before: pick(task), after: pick(updated) });
      }
      return (await repo.findTaskWithNames(tx, orgId, task.id))!;
    });
    return taskView(result);
  }

  async digestPreference(ctx: MemberContext): Promise<TaskDigestPreference> {
    return this.tenant(ctx, async (tx) => {
      const member = await repo.findActiveMember(tx, ctx.subject.orgId, ctx.subject.userId);
      if (!member) {
        throw notFound();
      }
      return { enabled: member.taskDigest };
    });
  }

  async setDigestPreference(ctx: MemberContext, input: TaskDigestPreference): Promise<TaskDigestPreference> {
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const member = await repo.findActiveMember(tx, orgId, userId);
      if (!member) {
        throw notFound();
      }
      if (member.taskDigest !== input.enabled) {
        await repo.setTaskDigest(tx, orgId, userId, input.enabled);
        await recordAudit(tx, {
          orgId,
          actor: ctx.actor,
          action: 'member.preferences_updated',
          objectType: 'member',
          objectId: userId,
          before: { taskDigest: member.taskDigest },
          after: { taskDigest: input.enabled },
        });
      }
      return { enabled: input.enabled };
    });
  }
}
