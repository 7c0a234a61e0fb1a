import { and, asc, desc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { formatReceiptNumber, MAX_MATTER_FEE_ROWS, type PovertyRegion } from '@haven/domain';
import { type Db, lockFor, queryRows, schema } from '../../platform/db/index.js';

const { feeSchedules, feeSettings, povertyGuidelines, matterCharges, feeWaivers, matterPayments, organizations, offices, clients, legalMatters } = schema;
export type FeeScheduleRow = typeof feeSchedules.$inferSelect;
export type FeeSettingsRow = typeof feeSettings.$inferSelect;
export type PovertyGuidelineRow = typeof povertyGuidelines.$inferSelect;
export type ChargeRow = typeof matterCharges.$inferSelect;
export type ChargeInsert = typeof matterCharges.$inferInsert;
export type WaiverRow = typeof feeWaivers.$inferSelect;
export type PaymentRow = typeof matterPayments.$inferSelect;

/*
 * Every query names the organization (and the matter where there is one): callers have already
 * found the matter readable (legal-matters/access.ts); row-level security holds the organization
 * boundary a second time.
 */

/* Fee schedule */

export async function listFeeSchedules(
  tx: Db,
  orgId: string,
  page: { limit: number; after?: { code: string; id: string }; active?: boolean },
): Promise<FeeScheduleRow[]> {
  const conditions: SQL[] = [eq(feeSchedules.orgId, orgId)];
  if (page.active !== undefined) {
    conditions.push(eq(feeSchedules.active, page.active));
  }
  if (page.after) {
    conditions.push(sql`(${feeSchedules.code}, ${feeSchedules.id}) > (${page.after.code}, ${page.after.id}::uuid)`);
  }
  return tx
    .select()
    .from(feeSchedules)
    .where(and(...conditions))
    .orderBy(asc(feeSchedules.code), asc(feeSchedules.id))
    .limit(page.limit);
}

export async function findFeeSchedule(tx: Db, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<FeeScheduleRow | undefined> {
  const query = tx
    .select()
    .from(feeSchedules)
    .where(and(eq(feeSchedules.orgId, orgId), eq(feeSchedules.id, id)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function feeScheduleCodeTaken(tx: Db, orgId: string, code: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: feeSchedules.id })
    .from(feeSchedules)
    .where(and(eq(feeSchedules.orgId, orgId), eq(feeSchedules.code, code)))
    .limit(1);
  return row !== undefined;
}

export async function insertFeeSchedule(tx: Db, values: typeof feeSchedules.$inferInsert): Promise<FeeScheduleRow> {
  const [row] = await tx.insert(feeSchedules).values(values).returning();
  return row!;
}

export async function updateFeeSchedule(
  tx: Db,
  orgId: string,
  id: string,
  version: number,
  changes: Partial<Pick<FeeScheduleRow, 'name' | 'amountCents' | 'slidingScale' | 'active' | 'matterType'>>,
): Promise<FeeScheduleRow | undefined> {
  const [row] = await tx
    .update(feeSchedules)
    .set({ ...changes, version: sql`${feeSchedules.version} + 1`, updatedAt: new Date() })
    .where(and(eq(feeSchedules.orgId, orgId), eq(feeSchedules.id, id), eq(feeSchedules.version, version)))
    .returning();
  return row;
}

/** Names and codes of the services charges point to. */
export async function feeScheduleCodes(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({ id: feeSchedules.id, code: feeSchedules.code })
    .from(feeSchedules)
    .where(and(eq(feeSchedules.orgId, orgId), inArray(feeSchedules.id, ids)));
  return new Map(rows.map((row) => [row.id, row.code]));
}

/* Settings and guidelines */

export async function findFeeSettings(tx: Db, orgId: string, options: { lock?: boolean } = {}): Promise<FeeSettingsRow | undefined> {
  const query = tx.select().from(feeSettings).where(eq(feeSettings.orgId, orgId)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertFeeSettings(tx: Db, values: typeof feeSettings.$inferInsert): Promise<FeeSettingsRow | undefined> {
  const [row] = await tx.insert(feeSettings).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateFeeSettings(
  tx: Db,
  orgId: string,
  version: number,
  changes: Pick<FeeSettingsRow, 'region' | 'bands'>,
): Promise<FeeSettingsRow | undefined> {
  const [row] = await tx
    .update(feeSettings)
    .set({ ...changes, version: sql`${feeSettings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(feeSettings.orgId, orgId), eq(feeSettings.version, version)))
    .returning();
  return row;
}

export async function listGuidelines(
  tx: Db,
  orgId: string,
  page: { limit: number; region?: PovertyRegion; after?: { year: number; region: string; id: string } },
): Promise<PovertyGuidelineRow[]> {
  const conditions: SQL[] = [eq(povertyGuidelines.orgId, orgId)];
  if (page.region) {
    conditions.push(eq(povertyGuidelines.region, page.region));
  }
  if (page.after) {
    // Newest year first, then region A→Z: the row comes after the cursor in that order.
    conditions.push(
      or(
        sql`${povertyGuidelines.year} < ${page.after.year}`,
        sql`(${povertyGuidelines.year} = ${page.after.year} and ${povertyGuidelines.region} > ${page.after.region})`,
      )!,
    );
  }
  return tx
    .select()
    .from(povertyGuidelines)
    .where(and(...conditions))
    .orderBy(desc(povertyGuidelines.year), asc(povertyGuidelines.region))
    .limit(page.limit);
}

export async function findGuideline(tx: Db, orgId: string, year: number, region: PovertyRegion): Promise<PovertyGuidelineRow | undefined> {
  const [row] = await tx
    .select()
    .from(povertyGuidelines)
    .where(and(eq(povertyGuidelines.orgId, orgId), eq(povertyGuidelines.year, year), eq(povertyGuidelines.region, region)))
    .limit(1)
    .for('update');
  return row;
}

export async function insertGuideline(tx: Db, values: typeof povertyGuidelines.$inferInsert): Promise<PovertyGuidelineRow> {
  const [row] = await tx.insert(povertyGuidelines).values(values).returning();
  return row!;
}

export async function updateGuideline(
  tx: Db,
  orgId: string,
  id: string,
  changes: Pick<PovertyGuidelineRow, 'firstPersonCents' | 'additionalPersonCents' | 'effectiveFrom'>,
): Promise<PovertyGuidelineRow> {
  const [row] = await tx
    .update(povertyGuidelines)
    .set(changes)
    .where(and(eq(povertyGuidelines.orgId, orgId), eq(povertyGuidelines.id, id)))
    .returning();
  return row!;
}

/** The guideline in force on a day: the newest that took effect on or before it, in the region. */
export async function guidelineInForce(tx: Db, orgId: string, region: PovertyRegion, onDate: string): Promise<PovertyGuidelineRow | undefined> {
  const [row] = await tx
    .select()
    .from(povertyGuidelines)
    .where(and(eq(povertyGuidelines.orgId, orgId), eq(povertyGuidelines.region, region), lte(povertyGuidelines.effectiveFrom, onDate)))
    .orderBy(desc(povertyGuidelines.effectiveFrom), desc(povertyGuidelines.year))
    .limit(1);
  return row;
}

/* A matter's charges, waivers and payments */

export async function listCharges(tx: Db, orgId: string, matterId: string): Promise<ChargeRow[]> {
  return tx
    .select()
    .from(matterCharges)
    .where(and(eq(matterCharges.orgId, orgId), eq(matterCharges.matterId, matterId)))
    .orderBy(desc(matterCharges.createdAt), desc(matterCharges.id))
    .limit(MAX_MATTER_FEE_ROWS);
}

export async function findCharge(tx: Db, orgId: string, matterId: string, chargeId: string): Promise<ChargeRow | undefined> {
  const [row] = await tx
    .select()
    .from(matterCharges)
    .where(and(eq(matterCharges.orgId, orgId), eq(matterCharges.matterId, matterId), eq(matterCharges.id, chargeId)))
    .limit(1);
  return row;
}

export async function insertCharge(tx: Db, values: typeof matterCharges.$inferInsert): Promise<ChargeRow> {
  const [row] = await tx.insert(matterCharges).values(values).returning();
  return row!;
}

/** Approved and requested waiver totals per charge of the matter. */
export async function waiverSumsByCharge(tx: Db, orgId: string, matterId: string): Promise<Map<string, { approved: number; requested: number }>> {
  const rows = await tx
    .select({
      chargeId: feeWaivers.chargeId,
      approved: sql<string>`coalesce(sum(${feeWaivers.amountCents}) filter (where ${feeWaivers.status} = 'approved'), 0)::text`,
      requested: sql<string>`coalesce(sum(${feeWaivers.amountCents}) filter (where ${feeWaivers.status} = 'requested'), 0)::text`,
    })
    .from(feeWaivers)
    .where(and(eq(feeWaivers.orgId, orgId), eq(feeWaivers.matterId, matterId)))
    .groupBy(feeWaivers.chargeId);
  return new Map(rows.map((row) => [row.chargeId, { approved: Number(row.approved), requested: Number(row.requested) }]));
}

export async function listWaivers(tx: Db, orgId: string, matterId: string): Promise<WaiverRow[]> {
  return tx
    .select()
    .from(feeWaivers)
    .where(and(eq(feeWaivers.orgId, orgId), eq(feeWaivers.matterId, matterId)))
    .orderBy(desc(feeWaivers.createdAt), desc(feeWaivers.id))
    .limit(MAX_MATTER_FEE_ROWS);
}

/** A waiver by id alone (the decision route names no matter); the caller then checks the matter. */
export async function findWaiver(tx: Db, orgId: string, waiverId: string): Promise<WaiverRow | undefined> {
  const [row] = await tx
    .select()
    .from(feeWaivers)
    .where(and(eq(feeWaivers.orgId, orgId), eq(feeWaivers.id, waiverId)))
    .limit(1);
  return row;
}

export async function insertWaiver(tx: Db, values: typeof feeWaivers.$inferInsert): Promise<WaiverRow> {
  const [row] = await tx.insert(feeWaivers).values(values).returning();
  return row!;
}

/** Records the decision once; undefined when it was already decided. */
export async function decideWaiver(
  tx: Db,
  orgId: string,
  waiverId: string,
  decision: { status: 'approved' | 'denied'; decidedBy: string; decisionNote: string | null },
): Promise<WaiverRow | undefined> {
  const [row] = await tx
    .update(feeWaivers)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(feeWaivers.orgId, orgId), eq(feeWaivers.id, waiverId), eq(feeWaivers.status, 'requested')))
    .returning();
  return row;
}

export async function listPayments(tx: Db, orgId: string, matterId: string): Promise<PaymentRow[]> {
  return tx
    .select()
    .from(matterPayments)
    .where(and(eq(matterPayments.orgId, orgId), eq(matterPayments.matterId, matterId)))
    .orderBy(desc(matterPayments.receivedOn), desc(matterPayments.createdAt), desc(matterPayments.id))
    .limit(MAX_MATTER_FEE_ROWS);
}

export async function findPayment(tx: Db, orgId: string, paymentId: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(matterPayments)
    .where(and(eq(matterPayments.orgId, orgId), eq(matterPayments.id, paymentId)))
    .limit(1);
  return row;
}

export async function insertPayment(tx: Db, values: typeof matterPayments.$inferInsert): Promise<PaymentRow> {
  const [row] = await tx.insert(matterPayments).values(values).returning();
  return row!;
}

/** Voids once; undefined when it was already void. The row stays: receipts are never deleted. */
export async function voidPayment(tx: Db, orgId: string, paymentId: string, voidedBy: string, voidReason: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .update(matterPayments)
    .set({ voidedAt: new Date(), voidedBy, voidReason })
    .where(and(eq(matterPayments.orgId, orgId), eq(matterPayments.id, paymentId), isNull(matterPayments.voidedAt)))
    .returning();
  return row;
}

/**
 * The next receipt number of the year, "R-2026-0007": serialized per organization with an
 * advisory lock for the rest of the transaction, so two cashiers never print the same number.
 */
export async function nextReceiptNumber(tx: Db, orgId: string, year: number): Promise<string> {
  await lockFor(tx, `receipt-number:${orgId}`);
  const [row] = await queryRows<{ top: number | null }>(
    tx,
    sql`select max(split_part(${matterPayments.receiptNumber}, '-', 3)::int) as top from ${matterPayments}
        where ${matterPayments.orgId} = ${orgId} and ${matterPayments.receiptNumber} ~ ${`^R-${year}-[0-9]+$`}`,
  );
  return formatReceiptNumber(year, (row?.top ?? 0) + 1);
}

export interface MatterMoney {
  chargedCents: number;
  waivedCents: number;
  pendingWaiverCents: number;
  paidCents: number;
}

/**
 * The matter's money in one statement. With `asOf`, only what had happened by then (a receipt's
 * "balance after"): charges made, waivers approved and payments recorded by that moment — the
 * payment `includePaymentId` counts even if it was voided later (the receipt shows it as it was).
 */
export async function matterMoney(tx: Db, orgId: string, matterId: string, asOf?: { includePaymentId: string }): Promise<MatterMoney> {
  const include = asOf?.includePaymentId ?? null;
  // The payment's own stored instant, read in SQL: PostgreSQL keeps microseconds, a JS Date only
  // milliseconds, so comparing with the Date would leave the payment itself out.
  const at = asOf
    ? sql`(select ${matterPayments.createdAt} from ${matterPayments} where ${matterPayments.orgId} = ${orgId} and ${matterPayments.id} = ${include}::uuid)`
    : sql`null::timestamptz`;
  const [row] = await queryRows<{ charged: string; waived: string; pending: string; paid: string }>(
    tx,
    sql`select
      (select coalesce(sum(${matterCharges.amountCents}), 0) from ${matterCharges}
        where ${matterCharges.orgId} = ${orgId} and ${matterCharges.matterId} = ${matterId}
          and (${at} is null or ${matterCharges.createdAt} <= ${at}))::text as charged,
      (select coalesce(sum(${feeWaivers.amountCents}), 0) from ${feeWaivers}
        where ${feeWaivers.orgId} = ${orgId} and ${feeWaivers.matterId} = ${matterId} and ${feeWaivers.status} = 'approved'
          and (${at} is null or ${feeWaivers.decidedAt} <= ${at}))::text as waived,
      (select coalesce(sum(${feeWaivers.amountCents}), 0) from ${feeWaivers}
        where ${feeWaivers.orgId} = ${orgId} and ${feeWaivers.matterId} = ${matterId} and ${feeWaivers.status} = 'requested')::text as pending,
      (select coalesce(sum(${matterPayments.amountCents}), 0) from ${matterPayments}
        where ${matterPayments.orgId} = ${orgId} and ${matterPayments.matterId} = ${matterId}
          and (${matterPayments.voidedAt} is null or ${matterPayments.id} = ${include}::uuid)
          and (${at} is null or ${matterPayments.createdAt} <= ${at}))::text as paid`,
  );
  return { chargedCents: Number(row?.charged ?? 0), waivedCents: Number(row?.waived ?? 0), pendingWaiverCents: Number(row?.pending ?? 0), paidCents: Number(row?.paid ?? 0) };
}

/* What a printed receipt names */

export async function organizationName(tx: Db, orgId: string): Promise<string> {
  const [row] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row?.name ?? '';
}

/** The office printed on receipts: the first active office with an address, else any active one. */
export async function receiptOffice(tx: Db, orgId: string): Promise<{ name: string; address: string | null; phone: string | null } | undefined> {
  const [row] = await tx
    .select({ name: offices.name, address: offices.address, phone: offices.phone })
    .from(offices)
    .where(and(eq(offices.orgId, orgId), eq(offices.active, true)))
    .orderBy(sql`${offices.address} is null`, asc(offices.name), asc(offices.id))
    .limit(1);
  return row;
}

export async function matterClient(tx: Db, orgId: string, matterId: string): Promise<{ name: string; preferredLanguage: string | null } | undefined> {
  const [row] = await tx
    .select({ givenName: clients.givenName, familyName: clients.familyName, preferredName: clients.preferredName, preferredLanguage: clients.preferredLanguage })
    .from(legalMatters)
    .innerJoin(clients, and(eq(clients.orgId, legalMatters.orgId), eq(clients.id, legalMatters.clientId)))
    .where(and(eq(legalMatters.orgId, orgId), eq(legalMatters.id, matterId)))
    .limit(1);
  return row ? { name: `${row.givenName} ${row.familyName}`, preferredLanguage: row.preferredLanguage } : undefined;
}
