import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ProgramCaseSettings } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';

const { plans, programs, caseEvents, organizations, clients, users } = schema;
export type PlanRow = typeof plans.$inferSelect;
export type PlanInsert = typeof plans.$inferInsert;

export interface CreatedCursor {
  createdAt: Date;
  id: string;
}

/** A case's plans, newest first, superseded ones included. */
export function listPlans(tx: Db, orgId: string, caseId: string, page: { after?: CreatedCursor; limit: number }): Promise<PlanRow[]> {
  const conditions: SQL[] = [eq(plans.orgId, orgId), eq(plans.caseId, caseId)];
  if (page.after) {
    conditions.push(or(lt(plans.createdAt, page.after.createdAt), and(eq(plans.createdAt, page.after.createdAt), lt(plans.id, page.after.id)))!);
  }
  return tx
    .select()
    .from(plans)
    .where(and(...conditions))
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(page.limit);
}

export async function newestPlan(tx: Db, orgId: string, caseId: string): Promise<PlanRow | undefined> {
  const [row] = await listPlans(tx, orgId, caseId, { limit: 1 });
  return row;
}

export async function findOpenPlan(tx: Db, orgId: string, caseId: string): Promise<PlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.caseId, caseId), inArray(plans.status, ['draft', 'submitted'])))
    .limit(1);
  return row;
}

export async function findPlan(tx: Db, orgId: string, caseId: string, planId: string, options: { lock?: boolean } = {}): Promise<PlanRow | undefined> {
  const query = tx
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.caseId, caseId), eq(plans.id, planId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertPlan(tx: Db, values: PlanInsert): Promise<PlanRow> {
  const [row] = await tx.insert(plans).values(values).returning();
  return row!;
}

/** Writes the change only if the plan is still at `version`; undefined when it moved on. */
export async function updatePlan(tx: Db, orgId: string, planId: string, version: number, values: Partial<PlanInsert>): Promise<PlanRow | undefined> {
  const [row] = await tx
    .update(plans)
    .set({ ...values, version: sql`${plans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(plans.orgId, orgId), eq(plans.id, planId), eq(plans.version, version)))
    .returning();
  return row;
}

/** The approved plan of a case gives way to a newly approved one. */
export async function supersedeApproved(tx: Db, orgId: string, caseId: string): Promise<string[]> {
  const rows = await tx
    .update(plans)
    .set({ status: 'superseded', version: sql`${plans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(plans.orgId, orgId), eq(plans.caseId, caseId), eq(plans.status, 'approved')))
    .returning({ id: plans.id });
  return rows.map((r) => r.id);
}

export async function programCaseSettings(tx: Db, orgId: string, programId: string): Promise<Partial<ProgramCaseSettings> | null> {
  const [row] = await tx
    .select({ caseSettings: programs.caseSettings })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row?.caseSettings ?? null;
}

/** The supervisor's note of the newest return of each plan (kept with the case's events). */
export async function returnNotes(tx: Db, orgId: string, caseId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.orgId, orgId), eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'plan_returned')))
    .orderBy(desc(caseEvents.occurredAt))
    .limit(200);
  const notes = new Map<string, string>();
  for (const { data } of rows) {
    const planId = typeof data.planId === 'string' ? data.planId : null;
    const note = typeof data.note === 'string' ? data.note : null;
    if (planId && note && !notes.has(planId)) {
      notes.set(planId, note);
    }
  }
  return notes;
}

export async function printNames(
  tx: Db,
  orgId: string,
  ids: { clientId: string; programId: string; caseManagerId: string },
): Promise<{ organizationName: string; programName: string; clientName: string; preferredLanguage: string | null; caseManagerName: string }> {
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  const [program] = await tx
    .select({ name: programs.name })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, ids.programId)))
    .limit(1);
  const [client] = await tx
    .select({ givenName: clients.givenName, familyName: clients.familyName, preferredLanguage: clients.preferredLanguage })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, ids.clientId)))
    .limit(1);
  const [manager] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ids.caseManagerId)).limit(1);
  return {
    organizationName: org?.name ?? '',
    programName: program?.name ?? '',
    clientName: client ? `${client.givenName} ${client.familyName}` : '',
    preferredLanguage: client?.preferredLanguage ?? null,
    caseManagerName: manager?.name ?? '',
  };
}
