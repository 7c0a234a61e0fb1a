import { and, asc, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import { visibleClients } from '../clients/repository.js';

const { households, householdMembers, clients } = schema;
export type HouseholdRow = typeof households.$inferSelect;
export type MemberRow = typeof householdMembers.$inferSelect;

export interface MemberWithClient extends MemberRow {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
}

export interface HouseholdCursor {
  name: string;
  id: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Households the caller may know of: any household with at least one member they may see.
 * A household of protected people only is as invisible as they are.
 */
function hasVisibleMember(orgId: string, userId: string): SQL {
  return sql`exists (select 1 from ${householdMembers} join ${clients} on ${clients.orgId} = ${householdMembers.orgId} and ${clients.id} = ${householdMembers.clientId}
    where ${householdMembers.orgId} = ${households.orgId} and ${householdMembers.householdId} = ${households.id} and ${visibleClients(orgId, userId)})`;
}

export async function listHouseholds(
  tx: Db,
  scope: { orgId: string; userId: string },
  filter: { clientId?: string; q?: string; after?: HouseholdCursor; limit: number },
): Promise<(HouseholdRow & { currentMembers: number })[]> {
  const conditions: SQL[] = [eq(households.orgId, scope.orgId), hasVisibleMember(scope.orgId, scope.userId)];
  if (filter.clientId) {
    conditions.push(
      sql`exists (select 1 from ${householdMembers} m where m.org_id = ${households.orgId} and m.household_id = ${households.id} and m.client_id = ${filter.clientId})`,
    );
  }
  if (filter.q) {
    conditions.push(ilike(households.name, `%${escapeLike(filter.q)}%`));
  }
  if (filter.after) {
    const a = filter.after;
    conditions.push(or(gt(households.name, a.name), and(eq(households.name, a.name), gt(households.id, a.id)))!);
  }
  // Spelled out: drizzle writes a one-table select's columns unqualified, which is ambiguous here.
  const currentMembers = sql<number>`(select count(*)::int from ${householdMembers} m join ${clients} c on c.org_id = m.org_id and c.id = m.client_id
    where m.org_id = households.org_id and m.household_id = households.id and m.left_on is null and c.deleted_at is null and c.merged_into is null
      and (c.is_protected = false or exists (select 1 from client_assignments a where a.org_id = c.org_id and a.client_id = c.id and a.user_id = ${scope.userId})))`;
  const rows = await tx
    .select({ household: households, currentMembers })
    .from(households)
    .where(and(...conditions))
    .orderBy(asc(households.name), asc(households.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.household, currentMembers: Number(r.currentMembers) }));
}

export async function findHousehold(tx: Db, scope: { orgId: string; userId: string }, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx
    .select()
    .from(households)
    .where(and(eq(households.orgId, scope.orgId), eq(households.id, id), hasVisibleMember(scope.orgId, scope.userId)))
    .limit(1);
  return row;
}

/** Members the caller may see, with their names; current members first. */
export async function visibleMembers(tx: Db, scope: { orgId: string; userId: string }, householdId: string): Promise<MemberWithClient[]> {
  const rows = await tx
    .select({ member: householdMembers, givenName: clients.givenName, familyName: clients.familyName, dateOfBirth: clients.dateOfBirth })
    .from(householdMembers)
    .innerJoin(clients, and(eq(clients.orgId, householdMembers.orgId), eq(clients.id, householdMembers.clientId)))
    .where(and(eq(householdMembers.orgId, scope.orgId), eq(householdMembers.householdId, householdId), visibleClients(scope.orgId, scope.userId)))
    .orderBy(sql`${householdMembers.leftOn} is not null`, asc(householdMembers.joinedOn), asc(clients.familyName), asc(clients.givenName))
    .limit(200);
  return rows.map((r) => ({ ...r.member, givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth }));
}

/**
 * Everyone in the household now, visible to the caller or not: the safety rule (no links with a
 * suspected abuser) must see the whole household, though the caller is never told who is in it.
 */
export async function currentMembersForSafety(tx: Db, orgId: string, householdId: string): Promise<{ clientId: string; suspectedAbuser: boolean }[]> {
  return tx
    .select({ clientId: householdMembers.clientId, suspectedAbuser: clients.suspectedAbuser })
    .from(householdMembers)
    .innerJoin(clients, and(eq(clients.orgId, householdMembers.orgId), eq(clients.id, householdMembers.clientId)))
    .where(and(eq(householdMembers.orgId, orgId), eq(householdMembers.householdId, householdId), isNull(householdMembers.leftOn)))
    .limit(500);
}

export async function findMember(tx: Db, orgId: string, householdId: string, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await tx
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.orgId, orgId), eq(householdMembers.householdId, householdId), eq(householdMembers.id, memberId)))
    .limit(1);
  return row;
}

export async function insertHousehold(tx: Db, orgId: string, name: string): Promise<HouseholdRow> {
  const [row] = await tx.insert(households).values({ orgId, name }).returning();
  return row!;
}

export async function renameHousehold(tx: Db, orgId: string, id: string, version: number, name: string): Promise<HouseholdRow | undefined> {
  const [row] = await tx
    .update(households)
    .set({ name, version: version + 1, updatedAt: new Date() })
    .where(and(eq(households.orgId, orgId), eq(households.id, id), eq(households.version, version)))
    .returning();
  return row;
}

/** Touches the household so concurrent membership changes are serialized by its row lock. */
export async function touchHousehold(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(households)
    .set({ version: sql`${households.version} + 1`, updatedAt: new Date() })
    .where(and(eq(households.orgId, orgId), eq(households.id, id)));
}

export async function insertMembers(tx: Db, values: (typeof householdMembers.$inferInsert)[]): Promise<void> {
  if (values.length > 0) {
    await tx.insert(householdMembers).values(values);
  }
}

export async function updateMember(tx: Db, orgId: string, id: string, values: { relationship?: string; leftOn?: string | null }): Promise<MemberRow> {
  const [row] = await tx
    .update(householdMembers)
    .set(values)
    .where(and(eq(householdMembers.orgId, orgId), eq(householdMembers.id, id)))
    .returning();
  return row!;
}

/** The clients among `ids` that the caller may see, with the safety flag. */
export async function visibleClientsById(
  tx: Db,
  scope: { orgId: string; userId: string },
  ids: readonly string[],
): Promise<{ id: string; suspectedAbuser: boolean; dateOfBirth: string | null }[]> {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select({ id: clients.id, suspectedAbuser: clients.suspectedAbuser, dateOfBirth: clients.dateOfBirth })
    .from(clients)
    .where(and(visibleClients(scope.orgId, scope.userId), inArray(clients.id, [...ids])));
}
