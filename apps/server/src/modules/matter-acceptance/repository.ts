import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows, schema } from '../../platform/db/index.js';
import type { MatterAcceptanceJson, MatterAgreementJson } from '../../platform/db/schema.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { matterClientJoin, type MatterRow, readableMatters } from '../legal-matters/access.js';

const { legalMatters, matterParties, clients, users, memberships, programs, organizations, offices, matterHearings, matterCheckins, matterDeadlines } = schema;

/** What the conflict check keeps of each hit: ids, roles and the strength of the match — never names. */
export interface StoredConflictHit {
  matterId: string;
  partyRole: string;
  matchedRole: string;
  /** This matter's party that matched ('client' when it was the client record itself). */
  partyId?: string;
  matchedPartyId?: string;
  similarity?: number;
  sameDateOfBirth?: boolean;
}

/** legal_matters.acceptance as this module writes it: the shared shape plus the details it adds. */
export type StoredAcceptance = MatterAcceptanceJson & {
  screeningEligible?: boolean;
  screeningNotes?: string;
  conflictCheck?: NonNullable<MatterAcceptanceJson['conflictCheck']> & {
    hits: StoredConflictHit[];
    clearedBy?: string;
    clearedAt?: string;
    /** The matter's party ids when checked: a party added or removed later makes the check stale. */
    partyFingerprint?: string;
  };
};

export type PartyRow = typeof matterParties.$inferSelect;
export type ClientRow = typeof clients.$inferSelect;

/** At most this many of a matter's own people are compared; a matter has a handful. */
export const OWN_PARTY_LIMIT = 100;
/** At most this many hits are kept: beyond that the names are too common to review one by one. */
export const HIT_LIMIT = 200;
/** pg_trgm similarity needed for a match; a shared date of birth lowers it (spelling varies across forms). */
export const MATCH_THRESHOLD = 0.6;
export const MATCH_THRESHOLD_SAME_BIRTH_DATE = 0.45;

export async function partiesOf(tx: Db, orgId: string, matterId: string): Promise<PartyRow[]> {
  return tx
    .select()
    .from(matterParties)
    .where(and(eq(matterParties.orgId, orgId), eq(matterParties.matterId, matterId)))
    .orderBy(asc(matterParties.createdAt), asc(matterParties.id))
    .limit(OWN_PARTY_LIMIT);
}

export async function clientOf(tx: Db, orgId: string, clientId: string): Promise<ClientRow | undefined> {
  const [row] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .limit(1);
  return row;
}

export interface OwnPerson {
  key: string;
  role: string;
  name: string;
  dob: string | null;
}

export interface MatchRow {
  key: string;
  party_role: string;
  matched_party_id: string;
  matter_id: string;
  matched_role: string;
  score: number | string;
  same_dob: boolean;
}

/**
 * Every party of the organization's other matters whose name is like one of ours, best first, in
 * one bounded statement. Deliberately not narrowed to the matters the caller may read: a conflict
 * check that skips matters is useless. Row-level security still keeps it inside the organization;
 * the service decides what the caller is told about each hit.
 */
export async function findNameMatches(tx: Db, orgId: string, matterId: string, people: OwnPerson[]): Promise<MatchRow[]> {
  if (people.length === 0) {
    return [];
  }
  return queryRows<MatchRow>(
    tx,
    sql`
      select mine.key, mine.role as party_role, p.id as matched_party_id, p.matter_id, p.role as matched_role,
             similarity(mine.name, p.search_name) as score,
             (mine.dob is not null and p.date_of_birth = mine.dob) as same_dob
        from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as mine(key text, role text, name text, dob date)
        join ${matterParties} p on p.org_id = ${orgId} and p.matter_id <> ${matterId}
       where similarity(mine.name, p.search_name) >=
             case when mine.dob is not null and p.date_of_birth = mine.dob then ${MATCH_THRESHOLD_SAME_BIRTH_DATE}::real else ${MATCH_THRESHOLD}::real end
       order by score desc, p.matter_id, p.id
       limit ${HIT_LIMIT}`,
  );
}

export interface HitMatter {
  id: string;
  reference: string;
  type: MatterRow['type'];
  status: MatterRow['status'];
  clientId: string;
  clientProtected: boolean;
  /** Whether the caller may read this matter (the same rule as every matter query). */
  readable: boolean;
}

/** The matters hits point to, each with whether the caller may read it. */
export async function hitMatters(tx: Db, ctx: MemberContext, ids: string[]): Promise<Map<string, HitMatter>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({
      id: legalMatters.id,
      reference: legalMatters.reference,
      type: legalMatters.type,
      status: legalMatters.status,
      clientId: legalMatters.clientId,
      clientProtected: clients.isProtected,
      readable: sql<boolean>`coalesce(${readableMatters(ctx)}, false)`,
    })
    .from(legalMatters)
    .innerJoin(clients, matterClientJoin)
    .where(and(eq(legalMatters.orgId, ctx.subject.orgId), inArray(legalMatters.id, unique)));
  return new Map(rows.map((row) => [row.id, { ...row, readable: row.readable === true || String(row.readable) === 'true' }]));
}

export async function partyNames(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({ id: matterParties.id, name: matterParties.name })
    .from(matterParties)
    .where(and(eq(matterParties.orgId, orgId), inArray(matterParties.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function displayNames(tx: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function isActiveMember(tx: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.status === 'active';
}

export async function programOf(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ id: programs.id, name: programs.name, legalSettings: programs.legalSettings })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row;
}

export async function organizationContact(tx: Db, orgId: string) {
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  const officeRows = await tx
    .select({ name: offices.name, address: offices.address, phone: offices.phone })
    .from(offices)
    .where(and(eq(offices.orgId, orgId), eq(offices.active, true)))
    .orderBy(asc(offices.name), asc(offices.id))
    .limit(5);
  return { name: org?.name ?? '', offices: officeRows };
}

/** Hearings and check-ins still scheduled: a matter with one cannot close. */
export async function scheduledAppointments(tx: Db, orgId: string, matterId: string): Promise<number> {
  const [hearings] = await tx
    .select({ n: count() })
    .from(matterHearings)
    .where(and(eq(matterHearings.orgId, orgId), eq(matterHearings.matterId, matterId), eq(matterHearings.status, 'scheduled')));
  const [checkins] = await tx
    .select({ n: count() })
    .from(matterCheckins)
    .where(and(eq(matterCheckins.orgId, orgId), eq(matterCheckins.matterId, matterId), eq(matterCheckins.status, 'scheduled')));
  return Number(hearings?.n ?? 0) + Number(checkins?.n ?? 0);
}

export async function openDeadlines(tx: Db, orgId: string, matterId: string) {
  return tx
    .select({ ruleId: matterDeadlines.ruleId, title: matterDeadlines.title, dueOn: matterDeadlines.dueOn, citation: matterDeadlines.citation })
    .from(matterDeadlines)
    .where(and(eq(matterDeadlines.orgId, orgId), eq(matterDeadlines.matterId, matterId), eq(matterDeadlines.status, 'open')))
    .orderBy(asc(matterDeadlines.dueOn), asc(matterDeadlines.id))
    .limit(50);
}

export type MatterChange = Partial<Pick<MatterRow, 'status' | 'representativeId' | 'supervisingAttorneyId' | 'closedOn' | 'retentionUntil'>> & {
  acceptance?: StoredAcceptance;
  agreement?: MatterAgreementJson | null;
  closing?: MatterRow['closing'];
};

/** Writes a change to a matter the service has locked and whose version it checked. */
export async function updateMatter(tx: Db, matter: MatterRow, change: MatterChange): Promise<MatterRow> {
  const [row] = await tx
    .update(legalMatters)
    .set({ ...change, version: sql`${legalMatters.version} + 1`, updatedAt: new Date() })
    .where(and(eq(legalMatters.orgId, matter.orgId), eq(legalMatters.id, matter.id)))
    .returning();
  return row!;
}
