import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { documents } = schema;
export type DocumentRow = typeof documents.$inferSelect;

/*
 * Case documents are `documents` rows with the case's id and its client's. Queries name the
 * organization, the client and the case (the client index serves them); callers have already
 * found the case readable (cases/access.ts).
 */

export async function listCaseDocuments(
  tx: Db,
  orgId: string,
  kase: { id: string; clientId: string },
  page: { limit: number; kind?: string; after?: { at: Date; id: string } },
): Promise<DocumentRow[]> {
  const conditions: SQL[] = [eq(documents.orgId, orgId), eq(documents.clientId, kase.clientId), eq(documents.caseId, kase.id)];
  if (page.kind) {
    conditions.push(eq(documents.kind, page.kind));
  }
  if (page.after) {
    conditions.push(sql`(${documents.createdAt}, ${documents.id}) < (${page.after.at.toISOString()}::timestamptz, ${page.after.id}::uuid)`);
  }
  return tx
    .select()
    .from(documents)
    .where(and(...conditions))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(page.limit);
}

export async function findCaseDocument(tx: Db, orgId: string, caseId: string, documentId: string): Promise<DocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.caseId, caseId), eq(documents.id, documentId)))
    .limit(1);
  return row;
}

export async function insertDocument(tx: Db, values: typeof documents.$inferInsert): Promise<DocumentRow> {
  const [row] = await tx.insert(documents).values(values).returning();
  return row!;
}
