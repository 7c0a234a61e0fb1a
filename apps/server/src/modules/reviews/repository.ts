import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { caseReviews, cases, clients, programs, users } = schema;

export type ReviewRow = typeof caseReviews.$inferSelect;
export interface ReviewWithNames {
  review: ReviewRow;
  caseReference: string;
  reviewerName: string;
}

export async function programCaseSettings(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ caseSettings: programs.caseSettings })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row?.caseSettings ?? null;
}

/** A case the caller may read, by its reference (as typed, or in capitals: staff may type "c-2026-0042"). */
export async function findReadableCaseByReference(tx: Db, readable: SQL, reference: string) {
  const [row] = await tx
    .select({ kase: cases })
    .from(cases)
    .innerJoin(clients, and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)))
    .where(and(readable, inArray(cases.reference, [reference.trim(), reference.trim().toUpperCase()])))
    .limit(1);
  return row?.kase ?? null;
}

export async function insertReview(tx: Db, values: typeof caseReviews.$inferInsert): Promise<ReviewRow> {
  const [row] = await tx.insert(caseReviews).values(values).returning();
  return row!;
}

export async function insertFindingTask(tx: Db, values: typeof schema.tasks.$inferInsert): Promise<string> {
  const [row] = await tx.insert(schema.tasks).values(values).returning({ id: schema.tasks.id });
  return row!.id;
}

export interface ReviewCursor {
  reviewedOn: string;
  createdAt: Date;
  id: string;
}

/** Reviews of cases the caller may read (`readable`), newest first, one keyset page. */
export async function listReviews(
  tx: Db,
  readable: SQL,
  filter: { caseId?: string; reviewerId?: string; after?: ReviewCursor; id?: string; limit: number },
): Promise<ReviewWithNames[]> {
  const conditions: SQL[] = [readable];
  if (filter.caseId) {
    conditions.push(eq(caseReviews.caseId, filter.caseId));
  }
  if (filter.reviewerId) {
    conditions.push(eq(caseReviews.reviewerId, filter.reviewerId));
  }
  if (filter.id) {
    conditions.push(eq(caseReviews.id, filter.id));
  }
  if (filter.after) {
    const { reviewedOn, createdAt, id } = filter.after;
    conditions.push(
      or(
        lt(caseReviews.reviewedOn, reviewedOn),
        and(eq(caseReviews.reviewedOn, reviewedOn), lt(caseReviews.createdAt, createdAt)),
        and(eq(caseReviews.reviewedOn, reviewedOn), eq(caseReviews.createdAt, createdAt), lt(caseReviews.id, id)),
      )!,
    );
  }
  return tx
    .select({ review: caseReviews, caseReference: cases.reference, reviewerName: sql<string>`coalesce(${users.displayName}, '')` })
    .from(caseReviews)
    .innerJoin(cases, and(eq(cases.orgId, caseReviews.orgId), eq(cases.id, caseReviews.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)))
    .leftJoin(users, eq(users.id, caseReviews.reviewerId))
    .where(and(...conditions))
    .orderBy(desc(caseReviews.reviewedOn), desc(caseReviews.createdAt), desc(caseReviews.id))
    .limit(filter.limit);
}
