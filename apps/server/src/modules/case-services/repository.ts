import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { caseServices, caseBudgets, disbursements, documents, programs } = schema;
export type CaseServiceRow = typeof caseServices.$inferSelect;
export type CaseBudgetRow = typeof caseBudgets.$inferSelect;
export type DisbursementRow = typeof disbursements.$inferSelect;

/*
 * Every query names the organization and the case: callers have already found the case readable
 * (cases/access.ts), and row-level security holds the organization boundary a second time.
 */

/** A budget line holds at most this many funding sources per case; the summary reads them all. */
export const MAX_BUDGET_LINES = 200;

type DateKey = { on: string; id: string };

export async function listServices(tx: Db, orgId: string, caseId: string, page: { limit: number; after?: DateKey }): Promise<CaseServiceRow[]> {
  const conditions: SQL[] = [eq(caseServices.orgId, orgId), eq(caseServices.caseId, caseId)];
  if (page.after) {
    conditions.push(sql`(${caseServices.providedOn}, ${caseServices.id}) < (${page.after.on}::date, ${page.after.id}::uuid)`);
  }
  return tx
    .select()
    .from(caseServices)
    .where(and(...conditions))
    .orderBy(desc(caseServices.providedOn), desc(caseServices.id))
    .limit(page.limit);
}

export async function insertService(tx: Db, values: typeof caseServices.$inferInsert): Promise<CaseServiceRow> {
  const [row] = await tx.insert(caseServices).values(values).returning();
  return row!;
}

export async function programCaseSettings(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ caseSettings: programs.caseSettings })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row?.caseSettings ?? null;
}

export async function listBudgets(tx: Db, orgId: string, caseId: string): Promise<CaseBudgetRow[]> {
  return tx
    .select()
    .from(caseBudgets)
    .where(and(eq(caseBudgets.orgId, orgId), eq(caseBudgets.caseId, caseId)))
    .orderBy(asc(caseBudgets.fundingSource), asc(caseBudgets.id))
    .limit(MAX_BUDGET_LINES);
}

export async function findBudgetBySource(tx: Db, orgId: string, caseId: string, fundingSource: string): Promise<CaseBudgetRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseBudgets)
    .where(and(eq(caseBudgets.orgId, orgId), eq(caseBudgets.caseId, caseId), sql`lower(${caseBudgets.fundingSource}) = lower(${fundingSource})`))
    .limit(1)
    .for('update');
  return row;
}

/** Locked: disbursements against one budget line are checked against its remainder one at a time. */
export async function findBudget(tx: Db, orgId: string, caseId: string, budgetId: string): Promise<CaseBudgetRow | undefined> {
  const [row] = await tx
    .select()
    .from(caseBudgets)
    .where(and(eq(caseBudgets.orgId, orgId), eq(caseBudgets.caseId, caseId), eq(caseBudgets.id, budgetId)))
    .limit(1)
    .for('update');
  return row;
}

export async function insertBudget(tx: Db, values: typeof caseBudgets.$inferInsert): Promise<CaseBudgetRow> {
  const [row] = await tx.insert(caseBudgets).values(values).returning();
  return row!;
}

export async function updateBudgetAmount(tx: Db, orgId: string, budgetId: string, version: number, amountCents: number): Promise<CaseBudgetRow | undefined> {
  const [row] = await tx
    .update(caseBudgets)
    .set({ amountCents, version: sql`${caseBudgets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(caseBudgets.orgId, orgId), eq(caseBudgets.id, budgetId), eq(caseBudgets.version, version)))
    .returning();
  return row;
}

/** Approved and pending totals per budget line of the case. */
export async function spentByBudget(tx: Db, orgId: string, caseId: string): Promise<Map<string, { approved: number; pending: number }>> {
  const rows = await tx
    .select({
      budgetId: disbursements.budgetId,
      approved: sql<string>`coalesce(sum(${disbursements.amountCents}) filter (where ${disbursements.status} = 'approved'), 0)::text`,
      pending: sql<string>`coalesce(sum(${disbursements.amountCents}) filter (where ${disbursements.status} = 'pending_approval'), 0)::text`,
    })
    .from(disbursements)
    .where(and(eq(disbursements.orgId, orgId), eq(disbursements.caseId, caseId)))
    .groupBy(disbursements.budgetId)
    .limit(MAX_BUDGET_LINES);
  return new Map(rows.map((row) => [row.budgetId, { approved: Number(row.approved), pending: Number(row.pending) }]));
}

export async function listDisbursements(
  tx: Db,
  orgId: string,
  caseId: string,
  page: { limit: number; after?: DateKey; status?: DisbursementRow['status'] },
): Promise<DisbursementRow[]> {
  const conditions: SQL[] = [eq(disbursements.orgId, orgId), eq(disbursements.caseId, caseId)];
  if (page.status) {
    conditions.push(eq(disbursements.status, page.status));
  }
  if (page.after) {
    conditions.push(sql`(${disbursements.paidOn}, ${disbursements.id}) < (${page.after.on}::date, ${page.after.id}::uuid)`);
  }
  return tx
    .select()
    .from(disbursements)
    .where(and(...conditions))
    .orderBy(desc(disbursements.paidOn), desc(disbursements.id))
    .limit(page.limit);
}

export async function findDisbursement(tx: Db, orgId: string, caseId: string, disbursementId: string): Promise<DisbursementRow | undefined> {
  const [row] = await tx
    .select()
    .from(disbursements)
    .where(and(eq(disbursements.orgId, orgId), eq(disbursements.caseId, caseId), eq(disbursements.id, disbursementId)))
    .limit(1)
    .for('update');
  return row;
}

export async function insertDisbursement(tx: Db, values: typeof disbursements.$inferInsert): Promise<DisbursementRow> {
  const [row] = await tx.insert(disbursements).values(values).returning();
  return row!;
}

/** Records the decision once; undefined when it was already decided. */
export async function decideDisbursement(
  tx: Db,
  orgId: string,
  disbursementId: string,
  decision: { status: 'approved' | 'denied'; decidedBy: string; decisionNote: string | null },
): Promise<DisbursementRow | undefined> {
  const [row] = await tx
    .update(disbursements)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(disbursements.orgId, orgId), eq(disbursements.id, disbursementId), eq(disbursements.status, 'pending_approval')))
    .returning();
  return row;
}

/** Budget lines and receipt documents named by disbursements (for their funding source and file name). */
export async function budgetSources(tx: Db, orgId: string, caseId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: caseBudgets.id, fundingSource: caseBudgets.fundingSource })
    .from(caseBudgets)
    .where(and(eq(caseBudgets.orgId, orgId), eq(caseBudgets.caseId, caseId)))
    .limit(MAX_BUDGET_LINES);
  return new Map(rows.map((row) => [row.id, row.fundingSource]));
}

export async function caseDocument(tx: Db, orgId: string, caseId: string, documentId: string) {
  const [row] = await tx
    .select({ id: documents.id, filename: documents.filename })
    .from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.caseId, caseId), eq(documents.id, documentId)))
    .limit(1);
  return row;
}

export async function caseDocumentNames(tx: Db, orgId: string, caseId: string, documentIds: string[]): Promise<Map<string, string>> {
  if (documentIds.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({ id: documents.id, filename: documents.filename })
    .from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.caseId, caseId), inArray(documents.id, documentIds)));
  return new Map(rows.map((row) => [row.id, row.filename]));
}
