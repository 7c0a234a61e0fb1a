import type { MatterStatus, MatterType } from '@haven/domain';
import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, lockFor, queryRows, schema } from '../../platform/db/index.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { matterClientJoin, readableMatters } from './access.js';

const { legalMatters, clients, programs, users, memberships, staffCredentials, matterParties, matterDeadlines, matterEvents, clientAssignments } = schema;

const representatives = alias(users, 'representative');
const supervisingAttorneys = alias(users, 'supervising_attorney');
const responsibles = alias(users, 'responsible');

/**
 * The next matter reference of the year, "M-2026-0042": serialized per organization with an
 * advisory lock for the rest of the transaction, so two openings never take the same number.
 */
export async function nextMatterReference(tx: Db, orgId: string, year: string): Promise<string> {
  await lockFor(tx, `matter-reference:${orgId}`);
  const [row] = await queryRows<{ top: number | null }>(
    tx,
    sql`select max(split_part(${legalMatters.reference}, '-', 3)::int) as top from ${legalMatters}
        where ${legalMatters.orgId} = ${orgId} and ${legalMatters.reference} ~ ${`^M-${year}-[0-9]+$`}`,
  );
  return `M-${year}-${String((row?.top ?? 0) + 1).padStart(4, '0')}`;
}

export async function findVisibleClient(tx: Db, orgId: string, clientId: string, visible: SQL) {
  const [row] = await tx
    .select({
      id: clients.id,
      givenName: clients.givenName,
      familyName: clients.familyName,
      dateOfBirth: clients.dateOfBirth,
      isProtected: clients.isProtected,
      protectionBasis: clients.protectionBasis,
    })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId), visible))
    .limit(1);
  return row;
}

export async function findProgram(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ id: programs.id, name: programs.name, active: programs.active })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row;
}

export async function findActiveMember(tx: Db, orgId: string, userId: string) {
  const [row] = await tx
    .select({ userId: memberships.userId, role: memberships.role, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .limit(1);
  return row;
}

/** Makes the client visible to these members (a protected client exists only for assigned staff). Returns those newly assigned. */
export async function assignToClient(tx: Db, orgId: string, clientId: string, userIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) {
    return [];
  }
  const inserted = await tx
    .insert(clientAssignments)
    .values(unique.map((userId) => ({ orgId, clientId, userId })))
    .onConflictDoNothing()
    .returning({ userId: clientAssignments.userId });
  return inserted.map((row) => row.userId);
}

/** Returns whether the record changed (a client already protected on a matter basis is left as it is). */
export async function markClientProtected(tx: Db, orgId: string, clientId: string, basis: 'vawa' | 't_visa' | 'u_visa'): Promise<boolean> {
  // A basis already on the record (another protected matter, or one set by hand) is kept.
  const changed = await tx
    .update(clients)
    .set({
      isProtected: true,
      protectionBasis: sql`coalesce(nullif(${clients.protectionBasis}, 'safety'), ${basis})`,
      version: sql`${clients.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(clients.orgId, orgId),
        eq(clients.id, clientId),
        or(eq(clients.isProtected, false), isNull(clients.protectionBasis), eq(clients.protectionBasis, 'safety')),
      ),
    )
    .returning({ id: clients.id });
  return changed.length > 0;
}

const nextDueSql = sql<string | null>`(select min(d.due_on)::text from ${matterDeadlines} d
  where d.org_id = ${legalMatters.orgId} and d.matter_id = ${legalMatters.id} and d.status = 'open' and d.kind <> 'earliest-date')`;

/** Ordering key: the next open deadline first; matters without one last. */
const urgencySql = sql<string>`coalesce(${nextDueSql}, '9999-12-31')`;

export interface MatterListFilter {
  mine: boolean;
  status?: MatterStatus;
  type?: MatterType;
  programId?: string;
  clientId?: string;
  representativeId?: string;
  after?: { urgency: string; id: string };
  limit: number;
}

export async function listMatters(tx: Db, ctx: MemberContext, filter: MatterListFilter) {
  const { userId } = ctx.subject;
  const conditions: SQL[] = [readableMatters(ctx)];
  if (filter.mine) {
    conditions.push(or(eq(legalMatters.representativeId, userId), and(eq(legalMatters.createdBy, userId), eq(legalMatters.status, 'screening')))!);
  }
  if (filter.status) {
    conditions.push(eq(legalMatters.status, filter.status));
  }
  if (filter.type) {
    conditions.push(eq(legalMatters.type, filter.type));
  }
  if (filter.programId) {
    conditions.push(eq(legalMatters.programId, filter.programId));
  }
  if (filter.clientId) {
    conditions.push(eq(legalMatters.clientId, filter.clientId));
  }
  if (filter.representativeId) {
    conditions.push(eq(legalMatters.representativeId, filter.representativeId));
  }
  if (filter.after) {
    conditions.push(sql`(${urgencySql}, ${legalMatters.id}) > (${filter.after.urgency}, ${filter.after.id}::uuid)`);
  }
  return tx
    .select({
      id: legalMatters.id,
      reference: legalMatters.reference,
      type: legalMatters.type,
      status: legalMatters.status,
      clientId: legalMatters.clientId,
      givenName: clients.givenName,
      familyName: clients.familyName,
      programId: legalMatters.programId,
      programName: programs.name,
      representativeId: legalMatters.representativeId,
      representativeName: representatives.displayName,
      openedOn: legalMatters.openedOn,
      urgency: urgencySql,
    })
    .from(legalMatters)
    .innerJoin(clients, matterClientJoin)
    .innerJoin(programs, and(eq(programs.orgId, legalMatters.orgId), eq(programs.id, legalMatters.programId)))
    .leftJoin(representatives, eq(representatives.id, legalMatters.representativeId))
    .where(and(...conditions))
    .orderBy(asc(urgencySql), asc(legalMatters.id))
    .limit(filter.limit);
}

/** The next open deadline of each matter (earliest-date items are possibilities, not deadlines). */
export async function nextDeadlines(tx: Db, orgId: string, matterIds: readonly string[]) {
  if (matterIds.length === 0) {
    return new Map<string, { id: string; dueOn: string; title: string; ruleId: string | null }>();
  }
  const rows = await queryRows<{ id: string; matter_id: string; due_on: string; title: string; rule_id: string | null }>(
    tx,
    sql`select distinct on (matter_id) id, matter_id, due_on::text as due_on, title, rule_id from ${matterDeadlines}
        where org_id = ${orgId} and matter_id in (${sql.join(
          matterIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and status = 'open' and kind <> 'earliest-date'
        order by matter_id, due_on, id`,
  );
  return new Map(rows.map((row) => [row.matter_id, { id: row.id, dueOn: row.due_on, title: row.title, ruleId: row.rule_id }]));
}

export async function matterDetailRow(tx: Db, orgId: string, matterId: string) {
  const [row] = await tx
    .select({
      matter: legalMatters,
      client: {
        givenName: clients.givenName,
        familyName: clients.familyName,
        preferredLanguage: clients.preferredLanguage,
        isProtected: clients.isProtected,
      },
      programName: programs.name,
      representativeName: representatives.displayName,
      supervisingAttorneyName: supervisingAttorneys.displayName,
    })
    .from(legalMatters)
    .innerJoin(clients, matterClientJoin)
    .innerJoin(programs, and(eq(programs.orgId, legalMatters.orgId), eq(programs.id, legalMatters.programId)))
    .leftJoin(representatives, eq(representatives.id, legalMatters.representativeId))
    .leftJoin(supervisingAttorneys, eq(supervisingAttorneys.id, legalMatters.supervisingAttorneyId))
    .where(and(eq(legalMatters.orgId, orgId), eq(legalMatters.id, matterId)))
    .limit(1);
  return row;
}

/** Active members holding a credential (the representative picker), with what they hold. */
export async function credentialedMembers(tx: Db, orgId: string) {
  return tx
    .select({
      userId: memberships.userId,
      name: users.displayName,
      role: memberships.role,
      kind: staffCredentials.kind,
      barState: staffCredentials.barState,
      barStatus: staffCredentials.barStatus,
      accreditationLevel: staffCredentials.accreditationLevel,
      expiresOn: staffCredentials.expiresOn,
      supervisingAttorney: staffCredentials.supervisingAttorney,
    })
    .from(staffCredentials)
    .innerJoin(memberships, and(eq(memberships.orgId, staffCredentials.orgId), eq(memberships.userId, staffCredentials.userId)))
    .innerJoin(users, eq(users.id, staffCredentials.userId))
    .where(and(eq(staffCredentials.orgId, orgId), eq(memberships.status, 'active')))
    .orderBy(asc(users.displayName), asc(memberships.userId))
    .limit(1000);
}

export async function listParties(tx: Db, orgId: string, matterId: string) {
  return tx
    .select()
    .from(matterParties)
    .where(and(eq(matterParties.orgId, orgId), eq(matterParties.matterId, matterId)))
    .orderBy(sql`case when ${matterParties.role} = 'client' then 0 else 1 end`, asc(matterParties.createdAt), asc(matterParties.id))
    .limit(200);
}

export async function countParties(tx: Db, orgId: string, matterId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${matterParties} where org_id = ${orgId} and matter_id = ${matterId}`);
  return row?.n ?? 0;
}

export async function findParty(tx: Db, orgId: string, partyId: string) {
  const [row] = await tx
    .select()
    .from(matterParties)
    .where(and(eq(matterParties.orgId, orgId), eq(matterParties.id, partyId)))
    .limit(1);
  return row;
}

const deadlineColumns = {
  deadline: matterDeadlines,
  responsibleName: responsibles.displayName,
};

/** A matter's deadlines: open ones first by date, then the rest, newest date first. Bounded. */
export async function listDeadlines(tx: Db, orgId: string, matterId: string) {
  return tx
    .select(deadlineColumns)
    .from(matterDeadlines)
    .leftJoin(responsibles, eq(responsibles.id, matterDeadlines.responsibleId))
    .where(and(eq(matterDeadlines.orgId, orgId), eq(matterDeadlines.matterId, matterId)))
    .orderBy(sql`case when ${matterDeadlines.status} = 'open' then 0 when ${matterDeadlines.status} = 'withdrawn' then 2 else 1 end`, sql`case when ${matterDeadlines.status} = 'open' then ${matterDeadlines.dueOn} end`, desc(matterDeadlines.dueOn), asc(matterDeadlines.id))
    .limit(200);
}

export async function findDeadline(tx: Db, orgId: string, deadlineId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select(deadlineColumns)
    .from(matterDeadlines)
    .leftJoin(responsibles, eq(responsibles.id, matterDeadlines.responsibleId))
    .where(and(eq(matterDeadlines.orgId, orgId), eq(matterDeadlines.id, deadlineId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: matterDeadlines }) : await query;
  return row;
}

/**
 * What moved and why, newest first: the recomputes only (their entries carry `changes`), so
 * acknowledgements, escalations and anything else recorded under this kind never crowd them out.
 */
export async function deadlineHistory(tx: Db, orgId: string, matterId: string, limit: number) {
  return tx
    .select({ event: matterEvents, actorName: users.displayName })
    .from(matterEvents)
    .leftJoin(users, eq(users.id, matterEvents.actorId))
    .where(and(eq(matterEvents.orgId, orgId), eq(matterEvents.matterId, matterId), eq(matterEvents.kind, 'deadlines_changed'), sql`${matterEvents.data} ? 'changes'`))
    .orderBy(desc(matterEvents.occurredAt), desc(matterEvents.id))
    .limit(limit);
}
