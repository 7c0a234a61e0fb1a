import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { riskFlags, users } = schema;

export type RiskFlagRow = typeof riskFlags.$inferSelect;

/** A case has a handful of flags over its life; the list is still bounded. */
const MAX_FLAGS = 200;

export async function listRiskFlags(tx: Db, orgId: string, caseId: string): Promise<RiskFlagRow[]> {
  return tx
    .select()
    .from(riskFlags)
    .where(and(eq(riskFlags.orgId, orgId), eq(riskFlags.caseId, caseId)))
    .orderBy(desc(riskFlags.raisedOn), desc(riskFlags.createdAt), desc(riskFlags.id))
    .limit(MAX_FLAGS);
}

export async function findRiskFlag(tx: Db, orgId: string, caseId: string, flagId: string): Promise<RiskFlagRow | undefined> {
  const [row] = await tx
    .select()
    .from(riskFlags)
    .where(and(eq(riskFlags.orgId, orgId), eq(riskFlags.caseId, caseId), eq(riskFlags.id, flagId)))
    .limit(1)
    .for('update');
  return row;
}

export async function insertRiskFlag(tx: Db, values: typeof riskFlags.$inferInsert): Promise<RiskFlagRow> {
  const [row] = await tx.insert(riskFlags).values(values).returning();
  return row!;
}

export async function updateRiskFlag(tx: Db, row: RiskFlagRow, version: number, values: Partial<RiskFlagRow>): Promise<RiskFlagRow | undefined> {
  const [updated] = await tx
    .update(riskFlags)
    .set({ ...values, version: row.version + 1 })
    .where(and(eq(riskFlags.orgId, row.orgId), eq(riskFlags.id, row.id), eq(riskFlags.version, version)))
    .returning();
  return updated;
}

export async function displayNames(tx: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
