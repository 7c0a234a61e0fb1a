import { and, asc, desc, eq, gt, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import { isIsoDate } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { decodeCursor, decodeTimeCursor } from '../../platform/http/cursor.js';

const { matterFilings, matterHearings, matterCheckins, matterDecisions, users } = schema;

export type FilingRow = typeof matterFilings.$inferSelect;
export type HearingRow = typeof matterHearings.$inferSelect;
export type CheckinRow = typeof matterCheckins.$inferSelect;
export type DecisionRow = typeof matterDecisions.$inferSelect;

/** A cursor of (date, id): a forged or garbled date is a 400 like any other bad cursor, never a database error. */
function decodeDateCursor(cursor: string): [string, string] {
  const [on, id] = decodeCursor(cursor, 2) as [string, string];
  if (!isIsoDate(on)) {
    throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
  }
  return [on, id];
}

// ——— Filings ———

/** A matter's filings, newest filing date first; keyset on (filedOn, id). */
export async function listFilings(tx: Db, orgId: string, matterId: string, limit: number, cursor?: string): Promise<FilingRow[]> {
  const after = cursor ? decodeDateCursor(cursor) : null;
  return tx
    .select()
    .from(matterFilings)
    .where(
      and(
        eq(matterFilings.orgId, orgId),
        eq(matterFilings.matterId, matterId),
        after ? or(lt(matterFilings.filedOn, after[0]), and(eq(matterFilings.filedOn, after[0]), lt(matterFilings.id, after[1]))) : undefined,
      ),
    )
    .orderBy(desc(matterFilings.filedOn), desc(matterFilings.id))
    .limit(limit + 1);
}

export async function findFiling(tx: Db, orgId: string, filingId: string, options: { lock?: boolean } = {}): Promise<FilingRow | undefined> {
  const query = tx
    .select()
    .from(matterFilings)
    .where(and(eq(matterFilings.orgId, orgId), eq(matterFilings.id, filingId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertFiling(tx: Db, values: typeof matterFilings.$inferInsert): Promise<FilingRow> {
  const [row] = await tx.insert(matterFilings).values(values).returning();
  return row!;
}

export async function updateFiling(tx: Db, row: FilingRow, version: number, values: Partial<FilingRow>): Promise<FilingRow | undefined> {
  const [updated] = await tx
    .update(matterFilings)
    .set({ ...values, version: row.version + 1 })
    .where(and(eq(matterFilings.orgId, row.orgId), eq(matterFilings.id, row.id), eq(matterFilings.version, version)))
    .returning();
  return updated;
}

/** The newest live notice of appearance of each form (not rejected or withdrawn). */
export async function latestAppearances(tx: Db, orgId: string, matterId: string, forms: readonly string[]): Promise<FilingRow[]> {
  return tx
    .selectDistinctOn([matterFilings.form])
    .from(matterFilings)
    .where(
      and(
        eq(matterFilings.orgId, orgId),
        eq(matterFilings.matterId, matterId),
        inArray(matterFilings.form, [...forms]),
        notInArray(matterFilings.status, ['rejected', 'withdrawn']),
      ),
    )
    .orderBy(matterFilings.form, desc(matterFilings.filedOn), desc(matterFilings.createdAt));
}

/** The earliest live I-589: the date USCIS or the court received it is the engine's i589ReceiptDate. */
export async function earliestAsylumApplication(tx: Db, orgId: string, matterId: string): Promise<FilingRow | undefined> {
  const [row] = await tx
    .select()
    .from(matterFilings)
    .where(
      and(
        eq(matterFilings.orgId, orgId),
        eq(matterFilings.matterId, matterId),
        eq(matterFilings.form, 'I-589'),
        notInArray(matterFilings.status, ['rejected', 'withdrawn']),
      ),
    )
    .orderBy(sql`coalesce(${matterFilings.receivedOn}, ${matterFilings.filedOn})`, asc(matterFilings.id))
    .limit(1);
  return row;
}

// ——— Hearings and check-ins ———

/** A matter's hearings in date order (the next one first among the upcoming); keyset on (startsAt, id). */
export async function listHearings(tx: Db, orgId: string, matterId: string, limit: number, cursor?: string): Promise<HearingRow[]> {
  const after = cursor ? decodeTimeCursor(cursor) : null;
  return tx
    .select()
    .from(matterHearings)
    .where(
      and(
        eq(matterHearings.orgId, orgId),
        eq(matterHearings.matterId, matterId),
        after ? or(gt(matterHearings.startsAt, after.at), and(eq(matterHearings.startsAt, after.at), gt(matterHearings.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id))
    .limit(limit + 1);
}

export async function findHearing(tx: Db, orgId: string, hearingId: string, options: { lock?: boolean } = {}): Promise<HearingRow | undefined> {
  const query = tx
    .select()
    .from(matterHearings)
    .where(and(eq(matterHearings.orgId, orgId), eq(matterHearings.id, hearingId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertHearing(tx: Db, values: typeof matterHearings.$inferInsert): Promise<HearingRow> {
  const [row] = await tx.insert(matterHearings).values(values).returning();
  return row!;
}

export async function updateHearing(tx: Db, row: HearingRow, version: number, values: Partial<HearingRow>): Promise<HearingRow | undefined> {
  const [updated] = await tx
    .update(matterHearings)
    .set({ ...values, version: row.version + 1 })
    .where(and(eq(matterHearings.orgId, row.orgId), eq(matterHearings.id, row.id), eq(matterHearings.version, version)))
    .returning();
  return updated;
}

/** The matter's first hearing that was not cancelled: a judge decides only after one. */
export async function firstHearing(tx: Db, orgId: string, matterId: string): Promise<HearingRow | undefined> {
  const [row] = await tx
    .select()
    .from(matterHearings)
    .where(and(eq(matterHearings.orgId, orgId), eq(matterHearings.matterId, matterId), ne(matterHearings.status, 'cancelled')))
    .orderBy(asc(matterHearings.startsAt))
    .limit(1);
  return row;
}

export async function listCheckins(tx: Db, orgId: string, matterId: string, limit: number, cursor?: string): Promise<CheckinRow[]> {
  const after = cursor ? decodeTimeCursor(cursor) : null;
  return tx
    .select()
    .from(matterCheckins)
    .where(
      and(
        eq(matterCheckins.orgId, orgId),
        eq(matterCheckins.matterId, matterId),
        after ? or(gt(matterCheckins.startsAt, after.at), and(eq(matterCheckins.startsAt, after.at), gt(matterCheckins.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(matterCheckins.startsAt), asc(matterCheckins.id))
    .limit(limit + 1);
}

export async function findCheckin(tx: Db, orgId: string, checkinId: string, options: { lock?: boolean } = {}): Promise<CheckinRow | undefined> {
  const query = tx
    .select()
    .from(matterCheckins)
    .where(and(eq(matterCheckins.orgId, orgId), eq(matterCheckins.id, checkinId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertCheckin(tx: Db, values: typeof matterCheckins.$inferInsert): Promise<CheckinRow> {
  const [row] = await tx.insert(matterCheckins).values(values).returning();
  return row!;
}

export async function updateCheckin(tx: Db, row: CheckinRow, version: number, values: Partial<CheckinRow>): Promise<CheckinRow | undefined> {
  const [updated] = await tx
    .update(matterCheckins)
    .set({ ...values, version: row.version + 1 })
    .where(and(eq(matterCheckins.orgId, row.orgId), eq(matterCheckins.id, row.id), eq(matterCheckins.version, version)))
    .returning();
  return updated;
}

// ——— Decisions ———

export async function listDecisions(tx: Db, orgId: string, matterId: string, limit: number, cursor?: string): Promise<DecisionRow[]> {
  const after = cursor ? decodeDateCursor(cursor) : null;
  return tx
    .select()
    .from(matterDecisions)
    .where(
      and(
        eq(matterDecisions.orgId, orgId),
        eq(matterDecisions.matterId, matterId),
        after ? or(lt(matterDecisions.decidedOn, after[0]), and(eq(matterDecisions.decidedOn, after[0]), lt(matterDecisions.id, after[1]))) : undefined,
      ),
    )
    .orderBy(desc(matterDecisions.decidedOn), desc(matterDecisions.id))
    .limit(limit + 1);
}

export async function insertDecision(tx: Db, values: typeof matterDecisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(matterDecisions).values(values).returning();
  return row!;
}

export async function userNames(tx: Db, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Forgets the reminders the tickler sent for a hearing or check-in: once its date or the person
 * responsible changes, the reminders (30, 14, 7… days ahead) start afresh.
 */
export async function forgetReminders(tx: Db, orgId: string, itemKind: 'hearing' | 'checkin', itemId: string): Promise<void> {
  const { ticklerReminders } = schema;
  await tx.delete(ticklerReminders).where(and(eq(ticklerReminders.orgId, orgId), eq(ticklerReminders.itemKind, itemKind), eq(ticklerReminders.itemId, itemId)));
}
