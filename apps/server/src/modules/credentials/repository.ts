import { addDays, CREDENTIAL_EXPIRING_DAYS, type CredentialStatus, type MatterType } from '@haven/domain';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { matterClientJoin, readableMatters } from '../legal-matters/access.js';

const { staffCredentials, orgRecognitions, users, memberships, offices, legalMatters, clients, ticklerReminders } = schema;

export type CredentialRow = typeof staffCredentials.$inferSelect;
export type RecognitionRow = typeof orgRecognitions.$inferSelect;

/** A credential with its holder as the admin page shows them. */
export interface CredentialWithMember extends CredentialRow {
  memberName: string;
  memberEmail: string;
  memberRole: string | null;
  memberStatus: string | null;
}

const withMember = {
  credential: staffCredentials,
  memberName: users.displayName,
  memberEmail: users.email,
  memberRole: memberships.role,
  memberStatus: memberships.status,
};

function flatten(rows: { credential: CredentialRow; memberName: string; memberEmail: string; memberRole: string | null; memberStatus: string | null }[]): CredentialWithMember[] {
  return rows.map((r) => ({ ...r.credential, memberName: r.memberName, memberEmail: r.memberEmail, memberRole: r.memberRole, memberStatus: r.memberStatus }));
}

/** The SQL twin of credentialStatus (@haven/domain) on `today`, for filtering lists. */
export function statusCondition(status: CredentialStatus, today: string): SQL {
  const inactive = and(eq(staffCredentials.kind, 'attorney'), or(isNull(staffCredentials.barStatus), ne(staffCredentials.barStatus, 'active')))!;
  const standing = or(ne(staffCredentials.kind, 'attorney'), eq(staffCredentials.barStatus, 'active'))!;
  const horizon = addDays(today, CREDENTIAL_EXPIRING_DAYS);
  switch (status) {
    case 'inactive':
      return inactive;
    case 'expired':
      return and(standing, lt(staffCredentials.expiresOn, today))!;
    case 'expiring':
      return and(standing, gte(staffCredentials.expiresOn, today), lte(staffCredentials.expiresOn, horizon))!;
    case 'valid':
      return and(standing, or(isNull(staffCredentials.expiresOn), gt(staffCredentials.expiresOn, horizon)))!;
  }
}

export async function listCredentials(
  tx: Db,
  orgId: string,
  filter: { userId?: string; kind?: CredentialRow['kind']; conditions?: SQL[]; after?: { name: string; id: string }; limit: number; orderByExpiry?: boolean },
): Promise<CredentialWithMember[]> {
  const rows = await tx
    .select(withMember)
    .from(staffCredentials)
    .innerJoin(users, eq(users.id, staffCredentials.userId))
    .leftJoin(memberships, and(eq(memberships.orgId, staffCredentials.orgId), eq(memberships.userId, staffCredentials.userId)))
    .where(
      and(
        eq(staffCredentials.orgId, orgId),
        filter.userId ? eq(staffCredentials.userId, filter.userId) : undefined,
        filter.kind ? eq(staffCredentials.kind, filter.kind) : undefined,
        ...(filter.conditions ?? []),
        filter.after
          ? or(gt(users.displayName, filter.after.name), and(eq(users.displayName, filter.after.name), gt(staffCredentials.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(...(filter.orderByExpiry ? [asc(staffCredentials.expiresOn)] : []), asc(users.displayName), asc(staffCredentials.id))
    .limit(filter.limit);
  return flatten(rows);
}

export async function findCredential(tx: Db, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<CredentialWithMember | null> {
  const query = tx
    .select(withMember)
    .from(staffCredentials)
    .innerJoin(users, eq(users.id, staffCredentials.userId))
    .leftJoin(memberships, and(eq(memberships.orgId, staffCredentials.orgId), eq(memberships.userId, staffCredentials.userId)))
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.id, id)))
    .limit(1);
  const rows = options.lock ? await query.for('update', { of: staffCredentials }) : await query;
  return flatten(rows)[0] ?? null;
}

export async function activeMember(tx: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .limit(1);
  return row !== undefined;
}

export async function credentialOfKind(tx: Db, orgId: string, userId: string, kind: CredentialRow['kind']): Promise<CredentialRow | null> {
  const [row] = await tx
    .select()
    .from(staffCredentials)
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.userId, userId), eq(staffCredentials.kind, kind)))
    .limit(1);
  return row ?? null;
}

export async function insertCredential(tx: Db, values: typeof staffCredentials.$inferInsert): Promise<CredentialRow> {
  const [row] = await tx.insert(staffCredentials).values(values).returning();
  return row!;
}

export async function updateCredential(tx: Db, orgId: string, id: string, values: Partial<typeof staffCredentials.$inferInsert>): Promise<void> {
  await tx
    .update(staffCredentials)
    .set({ ...values, version: sql`${staffCredentials.version} + 1`, updatedAt: new Date() })
    .where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.id, id)));
}

export async function deleteCredential(tx: Db, orgId: string, id: string): Promise<void> {
  await tx.delete(staffCredentials).where(and(eq(staffCredentials.orgId, orgId), eq(staffCredentials.id, id)));
}

/** Forgets the reminders sent for an item: a new expiry date starts its reminders afresh. */
export async function forgetReminders(tx: Db, orgId: string, itemKind: 'credential' | 'recognition', itemId: string): Promise<void> {
  await tx.delete(ticklerReminders).where(and(eq(ticklerReminders.orgId, orgId), eq(ticklerReminders.itemKind, itemKind), eq(ticklerReminders.itemId, itemId)));
}

export interface RecognitionWithOffice extends RecognitionRow {
  officeName: string | null;
}

export async function listRecognitions(tx: Db, orgId: string, filter: { after?: { expiresOn: string; id: string }; limit: number; id?: string; lock?: boolean }): Promise<RecognitionWithOffice[]> {
  const query = tx
    .select({ recognition: orgRecognitions, officeName: offices.name })
    .from(orgRecognitions)
    .leftJoin(offices, and(eq(offices.orgId, orgRecognitions.orgId), eq(offices.id, orgRecognitions.officeId)))
    .where(
      and(
        eq(orgRecognitions.orgId, orgId),
        filter.id ? eq(orgRecognitions.id, filter.id) : undefined,
        filter.after
          ? or(lt(orgRecognitions.expiresOn, filter.after.expiresOn), and(eq(orgRecognitions.expiresOn, filter.after.expiresOn), gt(orgRecognitions.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(orgRecognitions.expiresOn), asc(orgRecognitions.id))
    .limit(filter.limit);
  const rows = filter.lock ? await query.for('update', { of: orgRecognitions }) : await query;
  return rows.map((r) => ({ ...r.recognition, officeName: r.officeName }));
}

export async function officeExists(tx: Db, orgId: string, officeId: string): Promise<boolean> {
  const [row] = await tx.select({ id: offices.id }).from(offices).where(and(eq(offices.orgId, orgId), eq(offices.id, officeId))).limit(1);
  return row !== undefined;
}

export async function insertRecognition(tx: Db, values: typeof orgRecognitions.$inferInsert): Promise<RecognitionRow> {
  const [row] = await tx.insert(orgRecognitions).values(values).returning();
  return row!;
}

export async function updateRecognition(tx: Db, orgId: string, id: string, values: Partial<typeof orgRecognitions.$inferInsert>): Promise<void> {
  await tx
    .update(orgRecognitions)
    .set({ ...values, version: sql`${orgRecognitions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(orgRecognitions.orgId, orgId), eq(orgRecognitions.id, id)));
}

const ACTIVE_MATTER_STATUSES = ['screening', 'open'] as const;

/** Each (representative, matter type) pair among the matters still being worked: what the gate must re-check. */
export async function activeRepresentations(tx: Db, orgId: string): Promise<{ representativeId: string; type: MatterType }[]> {
  const rows = await tx
    .selectDistinct({ representativeId: legalMatters.representativeId, type: legalMatters.type })
    .from(legalMatters)
    .where(and(eq(legalMatters.orgId, orgId), inArray(legalMatters.status, [...ACTIVE_MATTER_STATUSES]), sql`${legalMatters.representativeId} is not null`))
    .limit(5000);
  return rows.filter((r): r is { representativeId: string; type: MatterType } => r.representativeId !== null);
}

export async function credentialsOf(tx: Db, orgId: string, userIds: string[]): Promise<CredentialRow[]> {
  if (userIds.length === 0) {
    return [];
  }
  return tx.select().from(staffCredentials).where(and(eq(staffCredentials.orgId, orgId), inArray(staffCredentials.userId, userIds))).limit(userIds.length * 2);
}

/**
 * Matters still being worked by one of these (representative, type) pairs: how many the caller
 * may see and the first `limit` of those by reference, and how many more they may not (a
 * protected client's matter is known only to staff assigned to the client: only its count is given).
 */
export async function mattersOf(tx: Db, ctx: MemberContext, pairs: { representativeId: string; type: MatterType }[], limit: number) {
  if (pairs.length === 0) {
    return { total: 0, hidden: 0, items: [] };
  }
  const orgId = ctx.subject.orgId;
  const condition = and(
    eq(legalMatters.orgId, orgId),
    inArray(legalMatters.status, [...ACTIVE_MATTER_STATUSES]),
    or(...pairs.map((p) => and(eq(legalMatters.representativeId, p.representativeId), eq(legalMatters.type, p.type)))),
  );
  const readable = and(condition, readableMatters(ctx));
  const [all] = await tx.select({ n: count() }).from(legalMatters).where(condition);
  const [total] = await tx.select({ n: count() }).from(legalMatters).innerJoin(clients, matterClientJoin).where(readable);
  const items = await tx
    .select({
      id: legalMatters.id,
      reference: legalMatters.reference,
      type: legalMatters.type,
      status: legalMatters.status,
      representativeId: legalMatters.representativeId,
      representativeName: users.displayName,
    })
    .from(legalMatters)
    .innerJoin(clients, matterClientJoin)
    .innerJoin(users, eq(users.id, legalMatters.representativeId))
    .where(readable)
    .orderBy(asc(legalMatters.reference))
    .limit(limit);
  return { total: total?.n ?? 0, hidden: (all?.n ?? 0) - (total?.n ?? 0), items };
}
