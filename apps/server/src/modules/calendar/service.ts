import {
  addDays,
  CALENDAR_EVENT_LIMIT,
  CALENDAR_EVENT_MINUTES,
  type CalendarEvent,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type CalendarQuery,
  type CalendarResponse,
  CHECKIN_AGENCY_LABELS,
  type CreateCalendarFeedRequest,
  HEARING_TYPE_LABELS,
  immigrationCourtTimeZone,
  isRole,
  roleCan,
  todayIn,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { type AuditActor, recordAudit } from '../../platform/audit.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { type Db, lockFor, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { auditMatter } from '../legal-matters/access.js';
import { requireAction } from '../organizations/service.js';
import { feedCalendar } from './feed.js';
import * as repo from './repository.js';

/** The feed covers a month back (what just happened) and a year ahead (what is coming). */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;
/** One member's year fits easily; the bound keeps a runaway feed from being unbounded. */
export const FEED_EVENT_LIMIT = 2000;

const MINUTE = 60_000;

/** "Amina Haddad" → "A.H.": first letters of the given and family names, whatever the script. */
export function initialsOf(givenName: string, familyName: string): string {
  return [givenName, familyName]
    .map((name) => Array.from(name.trim())[0])
    .filter((letter): letter is string => Boolean(letter))
    .map((letter) => `${letter.toLocaleUpperCase()}.`)
    .join('');
}

/** A zone name the runtime knows, or undefined (a stored name from an older tz database, say). */
function knownZone(name: string | null | undefined): string | undefined {
  if (!name) {
    return undefined;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

function matterFields(item: repo.DeadlineItem | repo.HearingItem | repo.CheckinItem, timeZone: string) {
  return {
    matterId: item.matterId,
    matterReference: item.matterReference,
    matterType: item.matterType,
    clientInitials: initialsOf(item.givenName, item.familyName),
    clientName: `${item.givenName} ${item.familyName}`.trim(),
    timeZone,
    responsible: { id: item.responsibleId, name: item.responsibleName ?? '' },
  };
}

/** An event and what the feed needs beyond the API's shape (for SEQUENCE, and what to hide). */
export interface CalendarItem {
  event: CalendarEvent;
  version: number;
  /** The client is protected (8 USC 1367): the feed names neither them nor the matter's type. */
  clientProtected: boolean;
}

/**
 * Reading a protected client's matter (8 USC 1367) is itself a record, in a list as on its page:
 * one `matter.read_sensitive` per protected matter among the items, naming where it was read.
 */
export async function auditProtectedReads(tx: Db, ctx: MemberContext, items: readonly CalendarItem[], view: 'calendar' | 'calendar_feed'): Promise<void> {
  for (const matterId of new Set(items.filter((item) => item.clientProtected).map((item) => item.event.matterId))) {
    await auditMatter(tx, ctx, 'matter.read_sensitive', { type: 'legal_matter', id: matterId }, { after: { view } });
  }
}

function timedEnd(start: Date, minutes: number): string {
  return new Date(start.getTime() + minutes * MINUTE).toISOString();
}

/**
 * Reads the calendar items of one window as `ctx` sees them (readableMatters: a protected client's
 * items only for assigned staff), sorted by start; at most `limit`, and whether there were more.
 * Each kind is read in start order with one row more than the limit, so the merged first `limit`
 * are exact.
 */
export async function readCalendarItems(
  tx: Db,
  ctx: MemberContext,
  window: Omit<repo.CalendarWindow, 'limit'>,
  limit: number,
): Promise<{ items: CalendarItem[]; truncated: boolean }> {
  const query = { ...window, limit: limit + 1 };
  const deadlines = await repo.listDeadlineItems(tx, ctx, query);
  const hearings = await repo.listHearingItems(tx, ctx, query);
  const checkins = await repo.listCheckinItems(tx, ctx, query);
  const tz = window.timeZone;
  const items: (CalendarItem & { sortKey: string })[] = [
    ...deadlines.map((d) => ({
      // An all-day item sorts before the day's timed ones.
      sortKey: `${d.dueOn}T00:00:00.000Z|0`,
      version: d.version,
      clientProtected: d.clientProtected,
      event: {
        kind: 'deadline' as const,
        id: d.id,
        ...matterFields(d, tz),
        ruleId: d.ruleId,
        title: d.title,
        subtype: d.deadlineKind,
        start: d.dueOn,
        end: null,
        allDay: true,
        status: d.status,
        location: null,
        judge: null,
        citation: d.citation,
      },
    })),
    ...hearings.map((h) => ({
      sortKey: `${todayIn(tz, h.startsAt)}T${h.startsAt.toISOString().slice(11)}|1`,
      version: h.version,
      clientProtected: h.clientProtected,
      event: {
        kind: 'hearing' as const,
        id: h.id,
        // Shown as the court's notice wrote it: the zone it was scheduled in, else the court's.
        ...matterFields(h, knownZone(h.timeZone) ?? immigrationCourtTimeZone(h.court) ?? tz),
        ruleId: null,
        title: HEARING_TYPE_LABELS[h.hearingType],
        subtype: h.hearingType,
        start: h.startsAt.toISOString(),
        end: timedEnd(h.startsAt, CALENDAR_EVENT_MINUTES[h.hearingType]),
        allDay: false,
        status: h.status,
        location: h.court,
        judge: h.judge,
        citation: null,
      },
    })),
    ...checkins.map((c) => ({
      sortKey: `${todayIn(tz, c.startsAt)}T${c.startsAt.toISOString().slice(11)}|1`,
      version: c.version,
      clientProtected: c.clientProtected,
      event: {
        kind: 'checkin' as const,
        id: c.id,
        ...matterFields(c, knownZone(c.timeZone) ?? tz),
        ruleId: null,
        title: CHECKIN_AGENCY_LABELS[c.agency],
        subtype: c.agency,
        start: c.startsAt.toISOString(),
        end: timedEnd(c.startsAt, CALENDAR_EVENT_MINUTES.checkin),
        allDay: false,
        status: c.status,
        location: c.location,
        judge: null,
        citation: null,
      },
    })),
  ];
  // Day first (the organization's day), then all-day before timed, then the instant.
  items.sort((a, b) => {
    const dayA = a.sortKey.slice(0, 10);
    const dayB = b.sortKey.slice(0, 10);
    if (dayA !== dayB) {
      return dayA < dayB ? -1 : 1;
    }
    const allDayA = a.sortKey.endsWith('|0') ? 0 : 1;
    const allDayB = b.sortKey.endsWith('|0') ? 0 : 1;
    if (allDayA !== allDayB) {
      return allDayA - allDayB;
    }
    return a.event.start < b.event.start ? -1 : a.event.start > b.event.start ? 1 : 0;
  });
  const truncated = items.length > limit;
  return { items: items.slice(0, limit).map(({ event, version, clientProtected }) => ({ event, version, clientProtected })), truncated };
}

function feedStatus(row: repo.CalendarFeedRow | undefined): CalendarFeedStatus {
  return {
    active: Boolean(row),
    createdAt: row?.createdAt.toISOString() ?? null,
    lastFetchedAt: row?.lastFetchedAt?.toISOString() ?? null,
    showFullNames: row?.showFullNames ?? false,
  };
}

/**
 * The legal calendar: hearings, check-ins and deadlines of readable matters, in the app and as a
 * per-member iCalendar feed. The feed's address is a bearer secret (32 random bytes; only its
 * SHA-256 is stored), shown once, revocable; whoever holds it reads the member's entries, so
 * entries carry initials and matter type unless the member chose full names — and a protected
 * client's entries always only initials and "Confidential matter". Suspending or removing a
 * member revokes their feeds (organizations/service.ts): reinstating them does not revive one.
 */
export class CalendarService {
  constructor(private readonly deps: AppDeps) {}

  async events(ctx: MemberContext, query: CalendarQuery): Promise<CalendarResponse> {
    requireAction(ctx, 'matter.read');
    if (query.scope === 'all') {
      requireAction(ctx, 'matter.read_all');
    }
    return inTenant(this.deps.database.db, ctx, async (tx) => {
      const timeZone = await organizationTimeZone(tx, ctx.subject.orgId);
      const { items, truncated } = await readCalendarItems(
        tx,
        ctx,
        { from: query.from, to: query.to, timeZone, mineOnly: query.scope === 'mine' },
        CALENDAR_EVENT_LIMIT,
      );
      // Staff see a protected client's matter type in the app (they are assigned to the client), and the read is recorded.
      await auditProtectedReads(tx, ctx, items, 'calendar');
      return { from: query.from, to: query.to, scope: query.scope, timeZone, events: items.map((item) => item.event), truncated };
    });
  }

  async feed(ctx: MemberContext): Promise<CalendarFeedStatus> {
    requireAction(ctx, 'matter.read');
    return inTenant(this.deps.database.db, ctx, async (tx) => feedStatus(await repo.findActiveFeed(tx, ctx.subject.orgId, ctx.subject.userId)));
  }

  /** A new address; any earlier one stops working at once (one live feed per member). */
  async createFeed(ctx: MemberContext, input: CreateCalendarFeedRequest): Promise<CalendarFeedCreated> {
    requireAction(ctx, 'matter.read');
    const token = randomToken(32);
    const row = await inTenant(this.deps.database.db, ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      await lockFor(tx, `calendar-feed:${orgId}:${userId}`);
      await this.revokeAll(tx, ctx);
      const feed = await repo.insertFeed(tx, { orgId, userId, tokenHash: sha256Hex(token), showFullNames: input.showFullNames });
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'calendar_feed.created',
        objectType: 'calendar_feed',
        objectId: feed.id,
        after: { showFullNames: feed.showFullNames },
      });
      return feed;
    });
    const url = `${this.deps.config.publicUrl}/api/calendar/feed/${token}.ics`;
    return { ...feedStatus(row), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  async revokeFeed(ctx: MemberContext): Promise<void> {
    requireAction(ctx, 'matter.read');
    await inTenant(this.deps.database.db, ctx, async (tx) => {
      await lockFor(tx, `calendar-feed:${ctx.subject.orgId}:${ctx.subject.userId}`);
      await this.revokeAll(tx, ctx);
    });
  }

  private async revokeAll(tx: Db, ctx: MemberContext): Promise<void> {
    for (const id of await repo.revokeFeeds(tx, ctx.subject.orgId, ctx.subject.userId)) {
      await recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action: 'calendar_feed.revoked', objectType: 'calendar_feed', objectId: id });
    }
  }

  /**
   * GET /api/calendar/feed/<token>.ics, with no session: the token is looked up by its hash
   * across organizations (a system read), then the entries are read as the member, in their
   * organization under row-level security and readableMatters — so a member who left, lost the
   * role, or was unassigned from a protected client sees those entries go at the next refresh.
   * Unknown, revoked and no-longer-allowed all answer the same 404.
   */
  async ics(token: string, actor: AuditActor, now: Date = new Date()): Promise<string> {
    const gone = () => notFound('Not found');
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
      throw gone();
    }
    const db = this.deps.database.db;
    const found = await systemTransaction(db, async (tx) => {
      const row = await repo.findServableFeed(tx, sha256Hex(token));
      if (row) {
        await repo.touchFeed(tx, row.feed.orgId, row.feed.id);
      }
      return row;
    });
    if (!found || !isRole(found.role) || !roleCan(found.role, 'matter.read')) {
      throw gone();
    }
    // An organization that requires two-step verification gives an unenrolled member nothing
    // but the set-up: the feed included.
    if (found.org.mfaRequired && !found.user.totpEnabledAt) {
      throw gone();
    }
    const user = {
      id: found.user.id,
      email: found.user.email,
      displayName: found.user.displayName,
      locale: found.user.locale,
      isPlatformAdmin: found.user.isPlatformAdmin,
      mfaEnabled: Boolean(found.user.totpEnabledAt),
    };
    // The feed acts as its member, never as a browser session: nothing here can change a record.
    const ctx: MemberContext = {
      subject: { userId: user.id, orgId: found.org.id, role: found.role },
      actor: { ...actor, userId: user.id },
      user,
      session: {
        id: `calendar-feed:${found.feed.id}`,
        csrfToken: '',
        expiresAt: now,
        lastSeenAt: now,
        user,
        activeOrg: { id: found.org.id, name: found.org.name, mfaRequired: found.org.mfaRequired, role: found.role, timeZone: found.org.timeZone },
      },
    };
    const timeZone = found.org.timeZone;
    const today = todayIn(timeZone, now);
    const { items } = await tenantTransaction(db, { orgId: found.org.id, userId: user.id }, async (tx) => {
      const read = await readCalendarItems(tx, ctx, { from: addDays(today, -FEED_DAYS_BACK), to: addDays(today, FEED_DAYS_AHEAD), timeZone, mineOnly: true }, FEED_EVENT_LIMIT);
      // Each poll carries protected clients' dates out of Haven: each is recorded.
      await auditProtectedReads(tx, ctx, read.items, 'calendar_feed');
      return read;
    });
    return feedCalendar({
      memberName: user.displayName,
      organizationName: found.org.name,
      items,
      showFullNames: found.feed.showFullNames,
      publicUrl: this.deps.config.publicUrl,
      now,
    });
  }
}
