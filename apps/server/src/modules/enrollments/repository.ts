import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import { visibleClients } from '../clients/repository.js';

const { enrollments, exceptionRequests, programs, clients, organizations } = schema;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type ExceptionRow = typeof exceptionRequests.$inferSelect;

export interface Scope {
  orgId: string;
  userId: string;
}

/** Newest first, keyed by (created_at, id). */
export interface CreatedCursor {
  createdAt: Date;
  id: string;
}

function before(column: { createdAt: typeof enrollments.createdAt; id: typeof enrollments.id } | { createdAt: typeof exceptionRequests.createdAt; id: typeof exceptionRequests.id }, cursor: CreatedCursor): SQL {
  return or(lt(column.createdAt, cursor.createdAt), and(eq(column.createdAt, cursor.createdAt), lt(column.id, cursor.id)))!;
}

export async function organizationTimeZone(tx: Db, orgId: string): Promise<string> {
  const [row] = await tx.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row?.timeZone ?? 'UTC';
}

/** Enrollments of clients the caller may see, with the program name. */
export async function listEnrollments(
  tx: Db,
  scope: Scope,
  filter: { clientId?: string; programId?: string; status?: 'active' | 'exited'; after?: CreatedCursor; limit: number },
): Promise<(EnrollmentRow & { programName: string })[]> {
  const conditions: SQL[] = [eq(enrollments.orgId, scope.orgId), visibleClients(scope.orgId, scope.userId)];
  if (filter.clientId) {
    conditions.push(eq(enrollments.clientId, filter.clientId));
  }
  if (filter.programId) {
    conditions.push(eq(enrollments.programId, filter.programId));
  }
  if (filter.status) {
    conditions.push(eq(enrollments.status, filter.status));
  }
  if (filter.after) {
    conditions.push(before(enrollments, filter.after));
  }
  const rows = await tx
    .select({ enrollment: enrollments, programName: programs.name })
    .from(enrollments)
    .innerJoin(clients, and(eq(clients.orgId, enrollments.orgId), eq(clients.id, enrollments.clientId)))
    .innerJoin(programs, and(eq(programs.orgId, enrollments.orgId), eq(programs.id, enrollments.programId)))
    .where(and(...conditions))
    .orderBy(desc(enrollments.createdAt), desc(enrollments.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.enrollment, programName: r.programName }));
}

export async function findEnrollment(tx: Db, scope: Scope, id: string): Promise<(EnrollmentRow & { programName: string }) | undefined> {
  const [row] = await tx
    .select({ enrollment: enrollments, programName: programs.name })
    .from(enrollments)
    .innerJoin(clients, and(eq(clients.orgId, enrollments.orgId), eq(clients.id, enrollments.clientId)))
    .innerJoin(programs, and(eq(programs.orgId, enrollments.orgId), eq(programs.id, enrollments.programId)))
    .where(and(eq(enrollments.orgId, scope.orgId), eq(enrollments.id, id), visibleClients(scope.orgId, scope.userId)))
    .limit(1);
  return row ? { ...row.enrollment, programName: row.programName } : undefined;
}

export async function insertEnrollment(tx: Db, values: typeof enrollments.$inferInsert): Promise<EnrollmentRow> {
  const [row] = await tx.insert(enrollments).values(values).returning();
  return row!;
}

export async function updateEnrollment(tx: Db, orgId: string, id: string, version: number, values: Partial<EnrollmentRow>): Promise<EnrollmentRow | undefined> {
  const [row] = await tx
    .update(enrollments)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(enrollments.orgId, orgId), eq(enrollments.id, id), eq(enrollments.version, version)))
    .returning();
  return row;
}

export async function exceptionsFor(tx: Db, orgId: string, clientId: string): Promise<ExceptionRow[]> {
  return tx
    .select()
    .from(exceptionRequests)
    .where(and(eq(exceptionRequests.orgId, orgId), eq(exceptionRequests.clientId, clientId)))
    .orderBy(desc(exceptionRequests.createdAt))
    .limit(200);
}

/** Approved exceptions already used by an enrollment: one exception admits one enrollment. */
export async function usedExceptionIds(tx: Db, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await tx
    .select({ id: enrollments.exceptionRequestId })
    .from(enrollments)
    .where(and(eq(enrollments.orgId, orgId), inArray(enrollments.exceptionRequestId, [...ids])));
  return new Set(rows.map((r) => r.id!));
}

export interface ExceptionWithNames extends ExceptionRow {
  givenName: string;
  familyName: string;
  programName: string | null;
}

/** Exception requests about clients the caller may see; `requestedBy` narrows to one requester's. */
export async function listExceptions(
  tx: Db,
  scope: Scope,
  filter: { status?: ExceptionRow['status']; clientId?: string; requestedBy?: string; after?: CreatedCursor; limit: number },
): Promise<ExceptionWithNames[]> {
  const conditions: SQL[] = [eq(exceptionRequests.orgId, scope.orgId), visibleClients(scope.orgId, scope.userId)];
  if (filter.status) {
    conditions.push(eq(exceptionRequests.status, filter.status));
  }
  if (filter.clientId) {
    conditions.push(eq(exceptionRequests.clientId, filter.clientId));
  }
  if (filter.requestedBy) {
    conditions.push(eq(exceptionRequests.requestedBy, filter.requestedBy));
  }
  if (filter.after) {
    conditions.push(before(exceptionRequests, filter.after));
  }
  const rows = await tx
    .select({ exception: exceptionRequests, givenName: clients.givenName, familyName: clients.familyName, programName: programs.name })
    .from(exceptionRequests)
    .innerJoin(clients, and(eq(clients.orgId, exceptionRequests.orgId), eq(clients.id, exceptionRequests.clientId)))
    .leftJoin(programs, and(eq(programs.orgId, exceptionRequests.orgId), eq(programs.id, exceptionRequests.programId)))
    .where(and(...conditions))
    .orderBy(desc(exceptionRequests.createdAt), desc(exceptionRequests.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.exception, givenName: r.givenName, familyName: r.familyName, programName: r.programName }));
}

export async function findException(tx: Db, scope: Scope, id: string): Promise<ExceptionWithNames | undefined> {
  const [row] = await listExceptionsById(tx, scope, id);
  return row;
}

async function listExceptionsById(tx: Db, scope: Scope, id: string): Promise<ExceptionWithNames[]> {
  const rows = await tx
    .select({ exception: exceptionRequests, givenName: clients.givenName, familyName: clients.familyName, programName: programs.name })
    .from(exceptionRequests)
    .innerJoin(clients, and(eq(clients.orgId, exceptionRequests.orgId), eq(clients.id, exceptionRequests.clientId)))
    .leftJoin(programs, and(eq(programs.orgId, exceptionRequests.orgId), eq(programs.id, exceptionRequests.programId)))
    .where(and(eq(exceptionRequests.orgId, scope.orgId), eq(exceptionRequests.id, id), visibleClients(scope.orgId, scope.userId)))
    .limit(1);
  return rows.map((r) => ({ ...r.exception, givenName: r.givenName, familyName: r.familyName, programName: r.programName }));
}

export async function insertException(tx: Db, values: typeof exceptionRequests.$inferInsert): Promise<ExceptionRow> {
  const [row] = await tx.insert(exceptionRequests).values(values).returning();
  return row!;
}

/** Decides a request that is still open; undefined if someone decided it first. */
export async function decideException(
  tx: Db,
  orgId: string,
  id: string,
  decision: { status: 'approved' | 'denied'; decidedBy: string; decisionNote: string },
): Promise<ExceptionRow | undefined> {
  const [row] = await tx
    .update(exceptionRequests)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(exceptionRequests.orgId, orgId), eq(exceptionRequests.id, id), eq(exceptionRequests.status, 'requested')))
    .returning();
  return row;
}
