import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { consents, documents, organizations, programs } = schema;
export type ConsentRow = typeof consents.$inferSelect;
export type ConsentInsert = typeof consents.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type DocumentInsert = typeof documents.$inferInsert;

export interface ConsentWithDocument {
  consent: ConsentRow;
  document: DocumentRow | null;
}

/*
 * Every query here names the organization and the client: callers have already checked that the
 * client is visible (clients/repository.ts findVisibleClient), and row-level security holds the
 * organization boundary a second time.
 */

function withDocument(orgId: string) {
  return and(eq(documents.orgId, orgId), eq(documents.id, consents.documentId));
}

export async function listConsents(tx: Db, orgId: string, clientId: string): Promise<ConsentWithDocument[]> {
  return tx
    .select({ consent: consents, document: documents })
    .from(consents)
    .leftJoin(documents, withDocument(orgId))
    .where(and(eq(consents.orgId, orgId), eq(consents.clientId, clientId)))
    .orderBy(desc(consents.signedOn), desc(consents.createdAt));
}

export async function findConsent(tx: Db, orgId: string, clientId: string, consentId: string): Promise<ConsentWithDocument | undefined> {
  const [row] = await tx
    .select({ consent: consents, document: documents })
    .from(consents)
    .leftJoin(documents, withDocument(orgId))
    .where(and(eq(consents.orgId, orgId), eq(consents.clientId, clientId), eq(consents.id, consentId)))
    .limit(1);
  return row;
}

/** Locks the consent row so a revocation and an upload on it are serialized. */
export async function lockConsent(tx: Db, orgId: string, consentId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${consents} where ${consents.orgId} = ${orgId} and ${consents.id} = ${consentId} for update`);
}

export async function insertConsent(tx: Db, values: ConsentInsert): Promise<ConsentRow> {
  const [row] = await tx.insert(consents).values(values).returning();
  return row!;
}

/** Sets the revocation once; a consent already revoked is left as it is (undefined). */
export async function revokeConsent(tx: Db, orgId: string, consentId: string, revokedOn: string, reason: string): Promise<ConsentRow | undefined> {
  const [row] = await tx
    .update(consents)
    .set({ revokedOn, revocationReason: reason, version: sql`${consents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(consents.orgId, orgId), eq(consents.id, consentId), isNull(consents.revokedOn)))
    .returning();
  return row;
}

export async function attachDocument(tx: Db, orgId: string, consentId: string, documentId: string): Promise<ConsentRow> {
  const [row] = await tx
    .update(consents)
    .set({ documentId, version: sql`${consents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(consents.orgId, orgId), eq(consents.id, consentId)))
    .returning();
  return row!;
}

export async function insertDocument(tx: Db, values: DocumentInsert): Promise<DocumentRow> {
  const [row] = await tx.insert(documents).values(values).returning();
  return row!;
}

export async function findActiveProgram(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId), eq(programs.active, true)))
    .limit(1);
  return row;
}

export async function organizationOf(tx: Db, orgId: string): Promise<{ name: string; timeZone: string }> {
  const [row] = await tx.select({ name: organizations.name, timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row ?? { name: '', timeZone: 'UTC' };
}
