import type { HearingType, MatterDeadlineStatus, MatterType } from '@haven/domain';
import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { matterClientJoin, readableMatters } from '../legal-matters/access.js';

const { calendarFeeds, clients, legalMatters, matterCheckins, matterDeadlines, matterHearings, memberships, organizations, users } = schema;

/** The deadline statuses a calendar shows: withdrawn ones no longer apply to the facts. */
export const CALENDAR_DEADLINE_STATUSES: MatterDeadlineStatus[] = ['open', 'met', 'missed', 'done'];

export interface CalendarWindow {
  /** First day, inclusive, in the organization's time zone. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  timeZone: string;
  /** Only what the caller is responsible for or on matters they represent. */
  mineOnly: boolean;
  /** Rows to read per kind (the caller asks for one more than it keeps, to know if there were more). */
  limit: number;
}

interface MatterColumns {
  matterId: string;
  matterReference: string;
  matterType: MatterType;
  givenName: string;
  familyName: string;
  /** A protected client (8 USC 1367): reading the item is audited, and the feed hides the matter type. */
  clientProtected: boolean;
  responsibleId: string;
  responsibleName: string | null;
}

export interface DeadlineItem extends MatterColumns {
  id: string;
  /** The engine's rule, for rule deadlines (the app shows the rule's title in the reader's language). */
  ruleId: string | null;
  title: string;
  deadlineKind: string;
  status: MatterDeadlineStatus;
  dueOn: string;
  citation: string | null;
  version: number;
}

export interface HearingItem extends MatterColumns {
  id: string;
  /** The zone the hearing was scheduled in (the court notice's). */
  timeZone: string;
  hearingType: HearingType;
  court: string;
  judge: string | null;
  startsAt: Date;
  status: string;
  version: number;
}

export interface CheckinItem extends MatterColumns {
  id: string;
  /** The zone the check-in was scheduled in. */
  timeZone: string;
  agency: 'ice_ero' | 'isap';
  location: string;
  startsAt: Date;
  status: string;
  version: number;
}

const matterColumns = {
  matterId: legalMatters.id,
  matterReference: legalMatters.reference,
  matterType: legalMatters.type,
  givenName: clients.givenName,
  familyName: clients.familyName,
  clientProtected: clients.isProtected,
  responsibleName: users.displayName,
};

/**
 * The midnight that starts `date` in `timeZone`, as an instant: timed items are kept by the
 * organization's days, so a 23:30 hearing on the last day is in the range and one at 00:15 the
 * next day is not.
 */
function startOfDay(date: string, timeZone: string): SQL {
  return sql`((${date})::date)::timestamp at time zone ${timeZone}`;
}

function nextDay(date: string): SQL {
  return sql`((${date})::date + 1)`;
}

/** Matters the caller may read, not declined (a declined matter was never ours to work). */
function readableLiveMatters(ctx: MemberContext): SQL {
  return and(readableMatters(ctx), ne(legalMatters.status, 'declined'))!;
}

function mine(ctx: MemberContext, responsibleColumn: typeof matterDeadlines.responsibleId | typeof matterHearings.responsibleId | typeof matterCheckins.responsibleId): SQL {
  return or(eq(responsibleColumn, ctx.subject.userId), eq(legalMatters.representativeId, ctx.subject.userId))!;
}

export async function listDeadlineItems(tx: Db, ctx: MemberContext, window: CalendarWindow): Promise<DeadlineItem[]> {
  return tx
    .select({
      ...matterColumns,
      id: matterDeadlines.id,
      ruleId: matterDeadlines.ruleId,
      title: matterDeadlines.title,
      deadlineKind: matterDeadlines.kind,
      status: matterDeadlines.status,
      dueOn: matterDeadlines.dueOn,
      citation: matterDeadlines.citation,
      responsibleId: matterDeadlines.responsibleId,
      version: matterDeadlines.version,
    })
    .from(matterDeadlines)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterDeadlines.orgId), eq(legalMatters.id, matterDeadlines.matterId)))
    .innerJoin(clients, matterClientJoin)
    .leftJoin(users, eq(users.id, matterDeadlines.responsibleId))
    .where(
      and(
        readableLiveMatters(ctx),
        eq(matterDeadlines.orgId, ctx.subject.orgId),
        inArray(matterDeadlines.status, CALENDAR_DEADLINE_STATUSES),
        gte(matterDeadlines.dueOn, window.from),
        lte(matterDeadlines.dueOn, window.to),
        window.mineOnly ? mine(ctx, matterDeadlines.responsibleId) : undefined,
      ),
    )
    .orderBy(asc(matterDeadlines.dueOn), asc(matterDeadlines.id))
    .limit(window.limit);
}

export async function listHearingItems(tx: Db, ctx: MemberContext, window: CalendarWindow): Promise<HearingItem[]> {
  return tx
    .select({
      ...matterColumns,
      id: matterHearings.id,
      timeZone: matterHearings.timeZone,
      hearingType: matterHearings.hearingType,
      court: matterHearings.court,
      judge: matterHearings.judge,
      startsAt: matterHearings.startsAt,
      status: matterHearings.status,
      responsibleId: matterHearings.responsibleId,
      version: matterHearings.version,
    })
    .from(matterHearings)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterHearings.orgId), eq(legalMatters.id, matterHearings.matterId)))
    .innerJoin(clients, matterClientJoin)
    .leftJoin(users, eq(users.id, matterHearings.responsibleId))
    .where(
      and(
        readableLiveMatters(ctx),
        eq(matterHearings.orgId, ctx.subject.orgId),
        gte(matterHearings.startsAt, startOfDay(window.from, window.timeZone)),
        lt(matterHearings.startsAt, sql`${nextDay(window.to)}::timestamp at time zone ${window.timeZone}`),
        window.mineOnly ? mine(ctx, matterHearings.responsibleId) : undefined,
      ),
    )
    .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id))
    .limit(window.limit);
}

export async function listCheckinItems(tx: Db, ctx: MemberContext, window: CalendarWindow): Promise<CheckinItem[]> {
  return tx
    .select({
      ...matterColumns,
      id: matterCheckins.id,
      timeZone: matterCheckins.timeZone,
      agency: matterCheckins.agency,
      location: matterCheckins.location,
      startsAt: matterCheckins.startsAt,
      status: matterCheckins.status,
      responsibleId: matterCheckins.responsibleId,
      version: matterCheckins.version,
    })
    .from(matterCheckins)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterCheckins.orgId), eq(legalMatters.id, matterCheckins.matterId)))
    .innerJoin(clients, matterClientJoin)
    .leftJoin(users, eq(users.id, matterCheckins.responsibleId))
    .where(
      and(
        readableLiveMatters(ctx),
        eq(matterCheckins.orgId, ctx.subject.orgId),
        gte(matterCheckins.startsAt, startOfDay(window.from, window.timeZone)),
        lt(matterCheckins.startsAt, sql`${nextDay(window.to)}::timestamp at time zone ${window.timeZone}`),
        window.mineOnly ? mine(ctx, matterCheckins.responsibleId) : undefined,
      ),
    )
    .orderBy(asc(matterCheckins.startsAt), asc(matterCheckins.id))
    .limit(window.limit);
}

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

/** The member's live feed in this organization (at most one: creating a feed revokes the others). */
export async function findActiveFeed(tx: Db, orgId: string, userId: string): Promise<CalendarFeedRow | undefined> {
  const [row] = await tx
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.orgId, orgId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(sql`${calendarFeeds.createdAt} desc`)
    .limit(1);
  return row;
}

/** Revokes every live feed of the member; returns the ids revoked. */
export async function revokeFeeds(tx: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.orgId, orgId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.map((row) => row.id);
}

export async function insertFeed(tx: Db, values: { orgId: string; userId: string; tokenHash: string; showFullNames: boolean }): Promise<CalendarFeedRow> {
  const [row] = await tx.insert(calendarFeeds).values(values).returning();
  return row!;
}

/**
 * System read (the feed URL carries no session): the feed behind a token hash, with its member's
 * membership, account and organization. Only rows that can still serve are returned: the feed
 * not revoked, the membership active.
 */
export async function findServableFeed(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select({
      feed: calendarFeeds,
      role: memberships.role,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        isPlatformAdmin: users.isPlatformAdmin,
        totpEnabledAt: users.totpEnabledAt,
      },
      org: { id: organizations.id, name: organizations.name, mfaRequired: organizations.mfaRequired, timeZone: organizations.timeZone },
    })
    .from(calendarFeeds)
    .innerJoin(memberships, and(eq(memberships.orgId, calendarFeeds.orgId), eq(memberships.userId, calendarFeeds.userId)))
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .innerJoin(organizations, eq(organizations.id, calendarFeeds.orgId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt), eq(memberships.status, 'active')))
    .limit(1);
  return row;
}

/** Notes a calendar app's read, at most once an hour (a feed is polled often; this is not a log). */
export async function touchFeed(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(calendarFeeds)
    .set({ lastFetchedAt: sql`now()` })
    .where(
      and(
        eq(calendarFeeds.orgId, orgId),
        eq(calendarFeeds.id, id),
        or(isNull(calendarFeeds.lastFetchedAt), lt(calendarFeeds.lastFetchedAt, sql`now() - interval '1 hour'`)),
      ),
    );
}
