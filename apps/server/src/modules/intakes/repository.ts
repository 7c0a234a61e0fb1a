import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import { visibleClients } from '../clients/repository.js';

const { intakes, enrollments, clients } = schema;
export type IntakeRow = typeof intakes.$inferSelect;

export interface UpdatedCursor {
  updatedAt: Date;
  id: string;
}

export async function listIntakes(
  tx: Db,
  orgId: string,
  filter: { status?: IntakeRow['status']; createdBy?: string; after?: UpdatedCursor; limit: number },
): Promise<IntakeRow[]> {
  const conditions: SQL[] = [eq(intakes.orgId, orgId)];
  if (filter.status) {
    conditions.push(eq(intakes.status, filter.status));
  }
  if (filter.createdBy) {
    conditions.push(eq(intakes.createdBy, filter.createdBy));
  }
  if (filter.after) {
    const a = filter.after;
    conditions.push(or(lt(intakes.updatedAt, a.updatedAt), and(eq(intakes.updatedAt, a.updatedAt), lt(intakes.id, a.id)))!);
  }
  return tx
    .select()
    .from(intakes)
    .where(and(...conditions))
    .orderBy(desc(intakes.updatedAt), desc(intakes.id))
    .limit(filter.limit);
}

export async function findIntake(tx: Db, orgId: string, id: string): Promise<IntakeRow | undefined> {
  const [row] = await tx
    .select()
    .from(intakes)
    .where(and(eq(intakes.orgId, orgId), eq(intakes.id, id)))
    .limit(1);
  return row;
}

export async function insertIntake(tx: Db, values: typeof intakes.$inferInsert): Promise<IntakeRow> {
  const [row] = await tx.insert(intakes).values(values).returning();
  return row!;
}

export async function updateIntake(tx: Db, orgId: string, id: string, version: number, values: Partial<IntakeRow>): Promise<IntakeRow | undefined> {
  const [row] = await tx
    .update(intakes)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(intakes.orgId, orgId), eq(intakes.id, id), eq(intakes.version, version)))
    .returning();
  return row;
}

export async function enrollmentIdsOf(tx: Db, orgId: string, intakeIds: readonly string[]): Promise<Map<string, string[]>> {
  const byIntake = new Map<string, string[]>();
  if (intakeIds.length === 0) {
    return byIntake;
  }
  const rows = await tx
    .select({ intakeId: enrollments.intakeId, id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.orgId, orgId), inArray(enrollments.intakeId, [...intakeIds])))
    .limit(1000);
  for (const row of rows) {
    byIntake.set(row.intakeId!, [...(byIntake.get(row.intakeId!) ?? []), row.id]);
  }
  return byIntake;
}

/** Names of the listed clients that the caller may see, keyed by id. */
export async function visibleNames(
  tx: Db,
  scope: { orgId: string; userId: string },
  ids: readonly string[],
): Promise<Map<string, { id: string; givenName: string; familyName: string }>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({ id: clients.id, givenName: clients.givenName, familyName: clients.familyName })
    .from(clients)
    .where(and(visibleClients(scope.orgId, scope.userId), inArray(clients.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}
