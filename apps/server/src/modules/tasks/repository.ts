import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, schema } from '../../platform/db/index.js';

const { tasks, cases, users, memberships, clientAssignments } = schema;

export type TaskRow = typeof tasks.$inferSelect;

const assignees = alias(users, 'assignee');
const assigners = alias(users, 'assigner');

/** A task with the names and the case reference a list shows. */
export const taskColumns = {
  task: tasks,
  caseReference: cases.reference,
  assigneeName: assignees.displayName,
  assignerName: assigners.displayName,
};

export interface TaskWithNames {
  task: TaskRow;
  caseReference: string | null;
  assigneeName: string | null;
  assignerName: string | null;
}

/** Tasks joined with their case (when any) and the people's names; `where` may use `cases` and `clients`. */
export function selectTasks(tx: Db) {
  return tx
    .select(taskColumns)
    .from(tasks)
    .leftJoin(cases, and(eq(cases.orgId, tasks.orgId), eq(cases.id, tasks.caseId)))
    .leftJoin(schema.clients, and(eq(schema.clients.orgId, cases.orgId), eq(schema.clients.id, cases.clientId)))
    .leftJoin(assignees, eq(assignees.id, tasks.assignedTo))
    .leftJoin(assigners, eq(assigners.id, tasks.assignedBy));
}

export interface TaskFilter {
  orgId: string;
  /** The readable-case condition: a case task is listed only when its case is readable. */
  readable: SQL;
  assignedTo?: string;
  assignedBy?: string;
  caseId?: string;
  status?: TaskRow['status'];
  dueFrom?: string;
  dueTo?: string;
  after?: { dueOn: string; id: string };
  limit: number;
}

export async function listTasks(tx: Db, filter: TaskFilter): Promise<TaskWithNames[]> {
  const conditions: (SQL | undefined)[] = [eq(tasks.orgId, filter.orgId), or(isNull(tasks.caseId), filter.readable)];
  if (filter.assignedTo) {
    conditions.push(eq(tasks.assignedTo, filter.assignedTo));
  }
  if (filter.assignedBy) {
    conditions.push(eq(tasks.assignedBy, filter.assignedBy), ne(tasks.assignedTo, filter.assignedBy));
  }
  if (filter.caseId) {
    conditions.push(eq(tasks.caseId, filter.caseId));
  }
  if (filter.status) {
    conditions.push(eq(tasks.status, filter.status));
  }
  if (filter.dueFrom) {
    conditions.push(gte(tasks.dueOn, filter.dueFrom));
  }
  if (filter.dueTo) {
    conditions.push(lte(tasks.dueOn, filter.dueTo));
  }
  if (filter.after) {
    conditions.push(or(gt(tasks.dueOn, filter.after.dueOn), and(eq(tasks.dueOn, filter.after.dueOn), gt(tasks.id, filter.after.id))));
  }
  return selectTasks(tx)
    .where(and(...conditions))
    .orderBy(asc(tasks.dueOn), asc(tasks.id))
    .limit(filter.limit);
}

export async function findTask(tx: Db, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<TaskRow | undefined> {
  const query = tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findTaskWithNames(tx: Db, orgId: string, id: string): Promise<TaskWithNames | undefined> {
  const [row] = await selectTasks(tx)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)))
    .limit(1);
  return row;
}

export async function insertTask(tx: Db, values: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [row] = await tx.insert(tasks).values(values).returning();
  return row!;
}

/**
 * A generated task, made at most once: the unique (org, case, source key) index turns a second
 * run into nothing. Returns the new row, or undefined when it already existed.
 */
export async function insertGeneratedTask(tx: Db, values: typeof tasks.$inferInsert): Promise<TaskRow | undefined> {
  const [row] = await tx
    .insert(tasks)
    .values(values)
    .onConflictDoNothing({ target: [tasks.orgId, tasks.caseId, tasks.sourceKey] })
    .returning();
  return row;
}

export async function updateTask(tx: Db, row: TaskRow, version: number, values: Partial<TaskRow>): Promise<TaskRow | undefined> {
  const [updated] = await tx
    .update(tasks)
    .set({ ...values, version: row.version + 1 })
    .where(and(eq(tasks.orgId, row.orgId), eq(tasks.id, row.id), eq(tasks.version, version)))
    .returning();
  return updated;
}

/** Open generated tasks of a case with these source keys, marked done (by no one: the job saw the contact). */
export async function completeGeneratedTasks(tx: Db, orgId: string, caseId: string, sourceKeys: string[]): Promise<TaskRow[]> {
  if (sourceKeys.length === 0) {
    return [];
  }
  return tx
    .update(tasks)
    .set({ status: 'done', completedAt: new Date(), version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.caseId, caseId), eq(tasks.status, 'open'), inArray(tasks.sourceKey, sourceKeys)))
    .returning();
}

export interface ActiveMember {
  userId: string;
  name: string;
  role: string;
  email: string;
  locale: string;
  taskDigest: boolean;
}

const memberColumns = {
  userId: memberships.userId,
  name: users.displayName,
  role: memberships.role,
  email: users.email,
  locale: users.locale,
  taskDigest: memberships.taskDigest,
};

export async function findActiveMember(tx: Db, orgId: string, userId: string): Promise<ActiveMember | undefined> {
  const [row] = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .limit(1);
  return row;
}

export async function listActiveMembers(tx: Db, orgId: string, roles: readonly string[]): Promise<ActiveMember[]> {
  return tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, 'active'), inArray(memberships.role, [...roles])))
    .orderBy(asc(users.displayName), asc(memberships.userId))
    .limit(500);
}

/**
 * Who is alerted about a case (a risk flag, a missed contact period): its supervisor when the case
 * has an active one who may see the client; otherwise every active supervisor of the organization
 * (at most 20), so the alert is never lost. A protected client exists only for the staff assigned
 * to them: only an assigned supervisor is told (no one else — the case manager escalates in
 * person). `shared` says whether several people get it (their generated tasks need per-person keys).
 */
export async function caseAlertRecipients(
  tx: Db,
  orgId: string,
  kase: { supervisorId: string | null; clientId: string; clientProtected: boolean },
): Promise<{ recipients: ActiveMember[]; shared: boolean }> {
  const own = kase.supervisorId ? await findActiveMember(tx, orgId, kase.supervisorId) : undefined;
  if (kase.clientProtected) {
    const [assigned] = own
      ? await tx
          .select({ userId: clientAssignments.userId })
          .from(clientAssignments)
          .where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, kase.clientId), eq(clientAssignments.userId, own.userId)))
          .limit(1)
      : [];
    return { recipients: assigned ? [own!] : [], shared: false };
  }
  if (own) {
    return { recipients: [own], shared: false };
  }
  return { recipients: (await listActiveMembers(tx, orgId, ['supervisor'])).slice(0, 20), shared: true };
}

export async function setTaskDigest(tx: Db, orgId: string, userId: string, enabled: boolean): Promise<void> {
  await tx
    .update(memberships)
    .set({ taskDigest: enabled, updatedAt: new Date() })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}
