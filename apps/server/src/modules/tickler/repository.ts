import { addDays, type CheckinAgency, type DeadlineKind, type HearingType, type MatterDeadlineSource, type MatterStatus, type MatterType, type Role, roleCan, type TicklerViewKind } from '@haven/domain';
import { and, asc, type Column, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, schema } from '../../platform/db/index.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { findReadableMatter } from '../legal-matters/access.js';

const { legalMatters, clients, programs, matterDeadlines, matterHearings, matterCheckins, users, ticklerReminders } = schema;

/** Matters whose items the tickler watches: screening and open (closed and declined are read-only). */
export const ACTIVE_MATTER_STATUSES: MatterStatus[] = ['screening', 'open'];

/** One deadline, hearing or check-in with what every view and the job need, in one shape. */
export interface TicklerRow {
  kind: TicklerViewKind;
  id: string;
  matterId: string;
  matterReference: string;
  matterType: MatterType;
  matterStatus: MatterStatus;
  programId: string;
  legalSettings: Record<string, unknown> | null;
  supervisingAttorneyId: string | null;
  clientId: string;
  givenName: string;
  familyName: string;
  clientProtected: boolean;
  /** Due date, or the local day of a hearing or check-in (in its own zone: the court's or the office's). */
  date: string;
  /** "09:30" local, for hearings and check-ins. */
  time: string | null;
  startsAt: Date | null;
  status: string;
  /** Still to be done: an open or missed deadline, a scheduled hearing or check-in, on an active matter. */
  pending: boolean;
  /** Pending and past its date (a missed deadline; an earliest-date reached is not overdue). */
  overdue: boolean;
  responsibleId: string;
  responsibleName: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  escalatedAt: Date | null;
  title: string | null;
  source: MatterDeadlineSource | null;
  ruleId: string | null;
  citation: string | null;
  deadlineKind: DeadlineKind | null;
  hearingType: HearingType | null;
  court: string | null;
  agency: CheckinAgency | null;
  location: string | null;
  version: number;
}

export interface ItemFilter {
  orgId: string;
  today: string;
  kinds: readonly TicklerViewKind[];
  /** Extra conditions on legal_matters and clients (readableMatters for people; nothing for the job). */
  scope?: SQL | undefined;
  responsibleId?: string | undefined;
  programId?: string | undefined;
  /** Only pending items (open deadlines, scheduled hearings and check-ins) of active matters. */
  pendingOnly: boolean;
  /** The window of dates; pending items before `from` (overdue) are included too. */
  from?: string | undefined;
  to?: string | undefined;
  /** The job: items after this id of their kind (keyset), and past items only until their overdue escalation. */
  afterId?: string | undefined;
  forJob?: boolean;
  limit: number;
}

const responsible = alias(users, 'tickler_responsible');
const acknowledger = alias(users, 'tickler_acknowledger');

function common() {
  return {
    matterId: legalMatters.id,
    matterReference: legalMatters.reference,
    matterType: legalMatters.type,
    matterStatus: legalMatters.status,
    programId: legalMatters.programId,
    legalSettings: programs.legalSettings,
    supervisingAttorneyId: legalMatters.supervisingAttorneyId,
    clientId: clients.id,
    givenName: clients.givenName,
    familyName: clients.familyName,
    clientProtected: clients.isProtected,
    responsibleName: responsible.displayName,
    acknowledgedByName: acknowledger.displayName,
  };
}

const activeMatter = inArray(legalMatters.status, ACTIVE_MATTER_STATUSES);

/**
 * The window condition on a date expression, with items still waiting to be done from before it
 * (`stillOpen`: an open manual deadline or a scheduled hearing nobody recorded the outcome of).
 */
function windowCondition(date: SQL, stillOpen: SQL, filter: ItemFilter): SQL | undefined {
  const inWindow = and(filter.from ? sql`${date} >= ${filter.from}` : undefined, filter.to ? sql`${date} <= ${filter.to}` : undefined);
  if (!filter.from) {
    return inWindow;
  }
  const overdueBefore = and(stillOpen, activeMatter, sql`${date} < ${filter.today}`);
  return or(inWindow, overdueBefore);
}

/** The job reads an item while a reminder may still be due, and a past one until its overdue escalation went out. */
function jobCondition(kind: TicklerViewKind, id: Column, date: SQL, filter: ItemFilter): SQL {
  const horizon = sql`${date} <= ${addDays(filter.today, 366)}`;
  const notYetEscalatedOverdue = sql`not exists (select 1 from ${ticklerReminders} where ${ticklerReminders.orgId} = ${filter.orgId} and ${ticklerReminders.itemKind} = ${kind} and ${ticklerReminders.itemId} = ${id} and ${ticklerReminders.step} = 'overdue')`;
  return and(horizon, or(sql`${date} >= ${filter.today}`, notYetEscalatedOverdue))!;
}

/** The day and time of a hearing or check-in where it takes place: in the zone it was scheduled in (the court's, the office's). */
function localDate(startsAt: Column, timeZone: Column): SQL<string> {
  return sql<string>`to_char((${startsAt} at time zone ${timeZone}), 'YYYY-MM-DD')`;
}
function localTime(startsAt: Column, timeZone: Column): SQL<string> {
  return sql<string>`to_char((${startsAt} at time zone ${timeZone}), 'HH24:MI')`;
}

/**
 * A deadline is pending while open or missed: the engine turns a past deadline into `missed` (the
 * hourly recompute), which is exactly when a supervising attorney must hear of it. An
 * earliest-date (a window opening) stays open and is never overdue.
 */
async function deadlines(tx: Db, filter: ItemFilter): Promise<TicklerRow[]> {
  const date = sql`${matterDeadlines.dueOn}`;
  const pendingStatus = inArray(matterDeadlines.status, ['open', 'missed']);
  const stillOpen = and(eq(matterDeadlines.status, 'open'), sql`${matterDeadlines.kind} <> 'earliest-date'`)!;
  const overdue = sql<boolean>`(${legalMatters.status} in ('screening', 'open') and (${matterDeadlines.status} = 'missed' or (${matterDeadlines.status} = 'open' and ${matterDeadlines.kind} <> 'earliest-date' and ${matterDeadlines.dueOn} < ${filter.today})))`;
  const overdueFirst = sql`case when ${overdue} then 0 else 1 end`;
  const rows = await tx
    .select({
      ...common(),
      id: matterDeadlines.id,
      date: matterDeadlines.dueOn,
      status: matterDeadlines.status,
      responsibleId: matterDeadlines.responsibleId,
      acknowledgedAt: matterDeadlines.acknowledgedAt,
      acknowledgedBy: matterDeadlines.acknowledgedBy,
      escalatedAt: matterDeadlines.escalatedAt,
      title: matterDeadlines.title,
      source: matterDeadlines.source,
      ruleId: matterDeadlines.ruleId,
      citation: matterDeadlines.citation,
      deadlineKind: matterDeadlines.kind,
      version: matterDeadlines.version,
      overdue,
    })
    .from(matterDeadlines)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterDeadlines.orgId), eq(legalMatters.id, matterDeadlines.matterId)))
    .innerJoin(clients, and(eq(clients.orgId, legalMatters.orgId), eq(clients.id, legalMatters.clientId)))
    .innerJoin(programs, and(eq(programs.orgId, legalMatters.orgId), eq(programs.id, legalMatters.programId)))
    .leftJoin(responsible, eq(responsible.id, matterDeadlines.responsibleId))
    .leftJoin(acknowledger, eq(acknowledger.id, matterDeadlines.acknowledgedBy))
    .where(
      and(
        eq(matterDeadlines.orgId, filter.orgId),
        filter.scope,
        filter.responsibleId ? eq(matterDeadlines.responsibleId, filter.responsibleId) : undefined,
        filter.programId ? eq(legalMatters.programId, filter.programId) : undefined,
        filter.pendingOnly ? and(pendingStatus, activeMatter) : undefined,
        windowCondition(date, stillOpen, filter),
        filter.forJob ? jobCondition('deadline', matterDeadlines.id, date, filter) : undefined,
        // A window that opened needs no reminder or escalation once it is open.
        filter.forJob ? sql`not (${matterDeadlines.kind} = 'earliest-date' and ${matterDeadlines.dueOn} < ${filter.today})` : undefined,
        filter.afterId ? gt(matterDeadlines.id, filter.afterId) : undefined,
      ),
    )
    .orderBy(...(filter.forJob ? [asc(matterDeadlines.id)] : [asc(overdueFirst), asc(matterDeadlines.dueOn), asc(matterDeadlines.id)]))
    .limit(filter.limit);
  return rows.map((row) => ({
    ...row,
    kind: 'deadline' as const,
    time: null,
    startsAt: null,
    pending: (row.status === 'open' || row.status === 'missed') && ACTIVE_MATTER_STATUSES.includes(row.matterStatus),
    overdue: Boolean(row.overdue),
    legalSettings: row.legalSettings ?? null,
    hearingType: null,
    court: null,
    agency: null,
    location: null,
  }));
}

async function hearings(tx: Db, filter: ItemFilter): Promise<TicklerRow[]> {
  const date = localDate(matterHearings.startsAt, matterHearings.timeZone);
  const pendingStatus = eq(matterHearings.status, 'scheduled');
  const overdueFirst = sql`case when ${matterHearings.status} = 'scheduled' and ${legalMatters.status} in ('screening', 'open') and ${date} < ${filter.today} then 0 else 1 end`;
  const rows = await tx
    .select({
      ...common(),
      id: matterHearings.id,
      date,
      time: localTime(matterHearings.startsAt, matterHearings.timeZone),
      startsAt: matterHearings.startsAt,
      status: matterHearings.status,
      responsibleId: matterHearings.responsibleId,
      acknowledgedAt: matterHearings.acknowledgedAt,
      acknowledgedBy: matterHearings.acknowledgedBy,
      escalatedAt: matterHearings.escalatedAt,
      hearingType: matterHearings.hearingType,
      court: matterHearings.court,
      version: matterHearings.version,
    })
    .from(matterHearings)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterHearings.orgId), eq(legalMatters.id, matterHearings.matterId)))
    .innerJoin(clients, and(eq(clients.orgId, legalMatters.orgId), eq(clients.id, legalMatters.clientId)))
    .innerJoin(programs, and(eq(programs.orgId, legalMatters.orgId), eq(programs.id, legalMatters.programId)))
    .leftJoin(responsible, eq(responsible.id, matterHearings.responsibleId))
    .leftJoin(acknowledger, eq(acknowledger.id, matterHearings.acknowledgedBy))
    .where(
      and(
        eq(matterHearings.orgId, filter.orgId),
        filter.scope,
        filter.responsibleId ? eq(matterHearings.responsibleId, filter.responsibleId) : undefined,
        filter.programId ? eq(legalMatters.programId, filter.programId) : undefined,
        filter.pendingOnly ? and(pendingStatus, activeMatter) : undefined,
        windowCondition(date, pendingStatus, filter),
        filter.forJob ? jobCondition('hearing', matterHearings.id, date, filter) : undefined,
        filter.afterId ? gt(matterHearings.id, filter.afterId) : undefined,
      ),
    )
    .orderBy(...(filter.forJob ? [asc(matterHearings.id)] : [asc(overdueFirst), asc(matterHearings.startsAt), asc(matterHearings.id)]))
    .limit(filter.limit);
  return rows.map((row) => ({
    ...row,
    kind: 'hearing' as const,
    ...scheduledState(row.status, row.matterStatus, row.date, filter.today),
    legalSettings: row.legalSettings ?? null,
    title: null,
    source: null,
    ruleId: null,
    citation: null,
    deadlineKind: null,
    agency: null,
    location: null,
  }));
}

async function checkins(tx: Db, filter: ItemFilter): Promise<TicklerRow[]> {
  const date = localDate(matterCheckins.startsAt, matterCheckins.timeZone);
  const pendingStatus = eq(matterCheckins.status, 'scheduled');
  const overdueFirst = sql`case when ${matterCheckins.status} = 'scheduled' and ${legalMatters.status} in ('screening', 'open') and ${date} < ${filter.today} then 0 else 1 end`;
  const rows = await tx
    .select({
      ...common(),
      id: matterCheckins.id,
      date,
      time: localTime(matterCheckins.startsAt, matterCheckins.timeZone),
      startsAt: matterCheckins.startsAt,
      status: matterCheckins.status,
      responsibleId: matterCheckins.responsibleId,
      acknowledgedAt: matterCheckins.acknowledgedAt,
      acknowledgedBy: matterCheckins.acknowledgedBy,
      escalatedAt: matterCheckins.escalatedAt,
      agency: matterCheckins.agency,
      location: matterCheckins.location,
      version: matterCheckins.version,
    })
    .from(matterCheckins)
    .innerJoin(legalMatters, and(eq(legalMatters.orgId, matterCheckins.orgId), eq(legalMatters.id, matterCheckins.matterId)))
    .innerJoin(clients, and(eq(clients.orgId, legalMatters.orgId), eq(clients.id, legalMatters.clientId)))
    .innerJoin(programs, and(eq(programs.orgId, legalMatters.orgId), eq(programs.id, legalMatters.programId)))
    .leftJoin(responsible, eq(responsible.id, matterCheckins.responsibleId))
    .leftJoin(acknowledger, eq(acknowledger.id, matterCheckins.acknowledgedBy))
    .where(
      and(
        eq(matterCheckins.orgId, filter.orgId),
        filter.scope,
        filter.responsibleId ? eq(matterCheckins.responsibleId, filter.responsibleId) : undefined,
        filter.programId ? eq(legalMatters.programId, filter.programId) : undefined,
        filter.pendingOnly ? and(pendingStatus, activeMatter) : undefined,
        windowCondition(date, pendingStatus, filter),
        filter.forJob ? jobCondition('checkin', matterCheckins.id, date, filter) : undefined,
        filter.afterId ? gt(matterCheckins.id, filter.afterId) : undefined,
      ),
    )
    .orderBy(...(filter.forJob ? [asc(matterCheckins.id)] : [asc(overdueFirst), asc(matterCheckins.startsAt), asc(matterCheckins.id)]))
    .limit(filter.limit);
  return rows.map((row) => ({
    ...row,
    kind: 'checkin' as const,
    ...scheduledState(row.status, row.matterStatus, row.date, filter.today),
    legalSettings: row.legalSettings ?? null,
    title: null,
    source: null,
    ruleId: null,
    citation: null,
    deadlineKind: null,
    hearingType: null,
    court: null,
  }));
}

function scheduledState(status: string, matterStatus: MatterStatus, date: string, today: string): { pending: boolean; overdue: boolean } {
  const pending = status === 'scheduled' && ACTIVE_MATTER_STATUSES.includes(matterStatus);
  return { pending, overdue: pending && date < today };
}

const READERS: Record<TicklerViewKind, (tx: Db, filter: ItemFilter) => Promise<TicklerRow[]>> = { deadline: deadlines, hearing: hearings, checkin: checkins };

/** Items of one kind (the job walks each kind by id). */
export function listItemsOfKind(tx: Db, kind: TicklerViewKind, filter: ItemFilter): Promise<TicklerRow[]> {
  return READERS[kind](tx, filter);
}

const KIND_ORDER: Record<TicklerViewKind, number> = { hearing: 0, checkin: 1, deadline: 2 };

/** Overdue first, then by date and time: what needs attention soonest on top. */
export function compareItems() {
  return (a: TicklerRow, b: TicklerRow): number => {
    const overdueA = a.overdue ? 0 : 1;
    const overdueB = b.overdue ? 0 : 1;
    return (
      overdueA - overdueB ||
      a.date.localeCompare(b.date) ||
      (a.time ?? '').localeCompare(b.time ?? '') ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.id.localeCompare(b.id)
    );
  };
}

/**
 * Items of the asked kinds in one list, overdue first then by date, at most `filter.limit` (and
 * whether more matched). Each kind reads at most limit + 1 rows in the same order, so the merged
 * first `limit` are exact.
 */
export async function listItems(tx: Db, filter: ItemFilter): Promise<{ rows: TicklerRow[]; truncated: boolean }> {
  const perKind = await Promise.all(filter.kinds.map((kind) => READERS[kind](tx, { ...filter, limit: filter.limit + 1 })));
  const all = perKind.flat().sort(compareItems());
  return { rows: all.slice(0, filter.limit), truncated: all.length > filter.limit };
}

/** The steps already recorded for these items ("30", "skipped:14", "escalation", "overdue") and when, per item. */
export async function recordedSteps(tx: Db, orgId: string, kind: TicklerViewKind, itemIds: string[]): Promise<Map<string, Map<string, Date>>> {
  const steps = new Map<string, Map<string, Date>>();
  if (itemIds.length === 0) {
    return steps;
  }
  const rows = await tx
    .select({ itemId: ticklerReminders.itemId, step: ticklerReminders.step, sentAt: ticklerReminders.sentAt })
    .from(ticklerReminders)
    .where(and(eq(ticklerReminders.orgId, orgId), eq(ticklerReminders.itemKind, kind), inArray(ticklerReminders.itemId, itemIds)))
    .limit(itemIds.length * 50);
  for (const row of rows) {
    const item = steps.get(row.itemId) ?? new Map<string, Date>();
    const known = item.get(row.step);
    item.set(row.step, known && known < row.sentAt ? known : row.sentAt);
    steps.set(row.itemId, item);
  }
  return steps;
}

/**
 * Records a step for an item and person; false when it was recorded already (a concurrent run):
 * the primary key (org, kind, item, step, user) is what makes each mail go out once.
 */
export async function recordStep(tx: Db, orgId: string, kind: TicklerViewKind, itemId: string, step: string, userId: string, at: Date): Promise<boolean> {
  const inserted = await tx
    .insert(ticklerReminders)
    .values({ orgId, itemKind: kind, itemId, step, userId, sentAt: at })
    .onConflictDoNothing()
    .returning({ step: ticklerReminders.step });
  return inserted.length > 0;
}

const TABLES = { deadline: matterDeadlines, hearing: matterHearings, checkin: matterCheckins } as const;

export async function markEscalated(tx: Db, orgId: string, kind: TicklerViewKind, itemId: string, at: Date): Promise<void> {
  const table = TABLES[kind];
  await tx
    .update(table)
    .set({ escalatedAt: at })
    .where(and(eq(table.orgId, orgId), eq(table.id, itemId)));
}

/** The bare item row (for acknowledgement), locked. */
export async function findItemForUpdate(tx: Db, orgId: string, kind: TicklerViewKind, itemId: string) {
  const table = TABLES[kind];
  const [row] = await tx
    .select({
      id: table.id,
      matterId: table.matterId,
      status: table.status,
      responsibleId: table.responsibleId,
      acknowledgedAt: table.acknowledgedAt,
      version: table.version,
    })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.id, itemId)))
    .limit(1)
    .for('update');
  return row;
}

export async function acknowledgeItem(tx: Db, orgId: string, kind: TicklerViewKind, itemId: string, userId: string, version: number, at: Date): Promise<boolean> {
  const table = TABLES[kind];
  const updated = await tx
    .update(table)
    .set({ acknowledgedAt: at, acknowledgedBy: userId, version: sql`${table.version} + 1`, ...(kind === 'deadline' ? { updatedAt: at } : {}) })
    .where(and(eq(table.orgId, orgId), eq(table.id, itemId), eq(table.version, version)))
    .returning({ id: table.id });
  return updated.length > 0;
}


/**
 * Whether a member may read a matter now — the same rule as their own requests: a role with
 * `matter.read`, and the matter readable to them (`readableMatters`: their own or every matter by
 * role, and a protected client only when assigned). Notices go only to such people: someone moved
 * to a role without matter access, or a representative of a client protected after the matter was
 * opened, hears nothing of it.
 */
export async function memberMayReadMatter(tx: Db, orgId: string, member: { userId: string; role: string }, matterId: string): Promise<boolean> {
  const role = member.role as Role;
  if (!roleCan(role, 'matter.read')) {
    return false;
  }
  // readableMatters reads only the subject: ask it as that member.
  const asMember = { subject: { orgId, userId: member.userId, role } } as MemberContext;
  return (await findReadableMatter(tx, asMember, matterId)) !== null;
}
