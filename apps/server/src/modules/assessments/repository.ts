import { and, asc, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { InstrumentDomain } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';

const { assessmentInstruments, assessments, cases, clients } = schema;
export type InstrumentRow = typeof assessmentInstruments.$inferSelect;
export type AssessmentRow = typeof assessments.$inferSelect;

/** Serializes the first-time creation of the default instrument within one organization. */
export async function lockInstrumentsOf(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`assessment_instruments:${orgId}`}))`);
}

export async function countInstruments(tx: Db, orgId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(assessmentInstruments).where(eq(assessmentInstruments.orgId, orgId));
  return row?.n ?? 0;
}

/** Current versions, by name (at most 200: an organization keeps a handful). */
export function listCurrentInstruments(tx: Db, orgId: string): Promise<InstrumentRow[]> {
  return tx
    .select()
    .from(assessmentInstruments)
    .where(and(eq(assessmentInstruments.orgId, orgId), eq(assessmentInstruments.current, true)))
    .orderBy(asc(assessmentInstruments.name), asc(assessmentInstruments.id))
    .limit(200);
}

export async function findInstrument(tx: Db, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<InstrumentRow | undefined> {
  const query = tx
    .select()
    .from(assessmentInstruments)
    .where(and(eq(assessmentInstruments.orgId, orgId), eq(assessmentInstruments.id, id)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertInstrument(
  tx: Db,
  values: { orgId: string; familyId?: string; name: string; version?: number; domains: InstrumentDomain[]; active?: boolean; createdBy: string },
): Promise<InstrumentRow> {
  const [row] = await tx
    .insert(assessmentInstruments)
    .values({ ...values, familyId: values.familyId ?? sql`gen_random_uuid()` })
    .returning();
  return row!;
}

export async function retireInstrumentVersion(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(assessmentInstruments)
    .set({ current: false })
    .where(and(eq(assessmentInstruments.orgId, orgId), eq(assessmentInstruments.id, id)));
}

export async function insertAssessment(tx: Db, values: typeof assessments.$inferInsert): Promise<AssessmentRow> {
  const [row] = await tx.insert(assessments).values(values).returning();
  return row!;
}

export interface AssessmentCursor {
  assessedOn: string;
  id: string;
}

/** A case's assessments, newest first, each with the instrument version it was made with. */
export async function listCaseAssessments(
  tx: Db,
  orgId: string,
  caseId: string,
  page: { after?: AssessmentCursor; limit: number },
): Promise<{ assessment: AssessmentRow; instrument: InstrumentRow }[]> {
  const conditions: SQL[] = [eq(assessments.orgId, orgId), eq(assessments.caseId, caseId)];
  if (page.after) {
    conditions.push(or(lt(assessments.assessedOn, page.after.assessedOn), and(eq(assessments.assessedOn, page.after.assessedOn), lt(assessments.id, page.after.id)))!);
  }
  return tx
    .select({ assessment: assessments, instrument: assessmentInstruments })
    .from(assessments)
    .innerJoin(assessmentInstruments, and(eq(assessmentInstruments.orgId, assessments.orgId), eq(assessmentInstruments.id, assessments.instrumentId)))
    .where(and(...conditions))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id))
    .limit(page.limit);
}

/** The newest assessment of a case with its instrument, or undefined when none was recorded. */
export async function newestCaseAssessment(tx: Db, orgId: string, caseId: string): Promise<{ assessment: AssessmentRow; instrument: InstrumentRow } | undefined> {
  const [row] = await listCaseAssessments(tx, orgId, caseId, { limit: 1 });
  return row;
}

/**
 * A client's assessments across the cases `readable` admits (the caller's case rule), newest
 * `limit` of them; the caller puts them in date order.
 */
export function listClientAssessments(
  tx: Db,
  orgId: string,
  clientId: string,
  readable: SQL,
  limit: number,
): Promise<{ assessment: AssessmentRow; instrument: InstrumentRow }[]> {
  return tx
    .select({ assessment: assessments, instrument: assessmentInstruments })
    .from(assessments)
    .innerJoin(cases, and(eq(cases.orgId, assessments.orgId), eq(cases.id, assessments.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)))
    .innerJoin(assessmentInstruments, and(eq(assessmentInstruments.orgId, assessments.orgId), eq(assessmentInstruments.id, assessments.instrumentId)))
    .where(and(eq(assessments.orgId, orgId), eq(assessments.clientId, clientId), readable))
    .orderBy(desc(assessments.assessedOn), desc(assessments.createdAt), desc(assessments.id))
    .limit(limit);
}
