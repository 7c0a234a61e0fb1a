import {
  type Action,
  type ChargeResponse,
  type CreateChargeRequest,
  type CreateFeeScheduleRequest,
  type CreatePaymentRequest,
  type CreateWaiverRequest,
  DEFAULT_SLIDING_BANDS,
  FEE_MESSAGES,
  type FeeSchedulePage,
  type FeeScheduleQuery,
  type FeeScheduleResponse,
  type FeeSettingsRequest,
  type FeeSettingsResponse,
  type MatterFeesResponse,
  matterBalanceCents,
  matterDueNowCents,
  type PaymentReceiptResponse,
  type PaymentResponse,
  type PovertyGuidelinePage,
  type PovertyGuidelineQuery,
  type PovertyGuidelineResponse,
  type PovertyRegion,
  roleCan,
  type SavePovertyGuidelineRequest,
  type SlidingBand,
  slidingScaleFee,
  todayIn,
  type UpdateFeeScheduleRequest,
  type VoidPaymentRequest,
  type WaiverDecisionRequest,
  type WaiverResponse,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { staffNames } from '../case-notes/repository.js';
import { staffRef } from '../case-notes/service.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { auditMatter, auditSensitiveMatterRead, matterForRead, matterForWork, type MatterRow, recordMatterEvent } from '../legal-matters/access.js';
import * as repo from './repository.js';

function requireAnyAction(ctx: MemberContext, actions: readonly Action[]): void {
  if (!actions.some((action) => roleCan(ctx.subject.role, action))) {
    throw forbidden();
  }
}

/** Reading the fee schedule and the scale: anyone who works matters, and those who configure fees. */
const FEE_READERS = ['matter.read', 'fee.configure'] as const;

const codeTaken = () => conflict(FEE_MESSAGES.codeTaken, { code: FEE_MESSAGES.codeTaken });

/**
 * Fees of a legal program (seed 002): a fee schedule per service, a sliding scale by household
 * size and income against the poverty guidelines an admin enters, and on each matter its charges
 * (with the scale's working kept), waivers (asked by one person, decided by another), payments
 * with sequential receipt numbers (voided, never deleted) and the balance. Audit events carry ids,
 * codes and amounts — never income, household size or the text of reasons.
 */
export class FeesService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async today(tx: Db, ctx: MemberContext): Promise<string> {
    return todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
  }

  private audit(tx: Db, ctx: MemberContext, action: Parameters<typeof recordAudit>[1]['action'], objectType: string, objectId: string, change: { before?: unknown; after?: unknown }) {
    return recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action, objectType, objectId, ...change });
  }

  /* Fee schedule */

  private scheduleView(row: repo.FeeScheduleRow): FeeScheduleResponse {
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      matterType: row.matterType ?? null,
      amountCents: row.amountCents,
      slidingScale: row.slidingScale,
      active: row.active,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async listSchedules(ctx: MemberContext, query: FeeScheduleQuery): Promise<FeeSchedulePage> {
    requireAnyAction(ctx, FEE_READERS);
    let after: { code: string; id: string } | undefined;
    if (query.cursor) {
      const [code, id] = decodeCursor(query.cursor, 2) as [string, string];
      after = { code, id };
    }
    return this.tenant(ctx, async (tx) => {
      const rows = await repo.listFeeSchedules(tx, ctx.subject.orgId, {
        limit: query.limit + 1,
        after,
        active: query.active === undefined ? undefined : query.active === 'true',
      });
      const shown = rows.slice(0, query.limit);
      const last = shown.at(-1);
      return { items: shown.map((row) => this.scheduleView(row)), nextCursor: rows.length > query.limit && last ? encodeCursor([last.code, last.id]) : null };
    });
  }

  async createSchedule(ctx: MemberContext, input: CreateFeeScheduleRequest): Promise<FeeScheduleResponse> {
    requireAction(ctx, 'fee.configure');
    try {
      return await this.tenant(ctx, async (tx) => {
        if (await repo.feeScheduleCodeTaken(tx, ctx.subject.orgId, input.code)) {
          throw codeTaken();
        }
        const row = await repo.insertFeeSchedule(tx, {
          orgId: ctx.subject.orgId,
          code: input.code,
          name: input.name,
          matterType: input.matterType ?? null,
          amountCents: input.amountCents,
          slidingScale: input.slidingScale,
        });
        const after = { code: row.code, matterType: row.matterType, amountCents: row.amountCents, slidingScale: row.slidingScale, active: row.active };
        await this.audit(tx, ctx, 'fee_schedule.saved', 'fee_schedule', row.id, { after });
        return this.scheduleView(row);
      });
    } catch (err) {
      // Two admins adding the same code at once: the unique index answers for the second.
      if (isUniqueViolation(err)) {
        throw codeTaken();
      }
      throw err;
    }
  }

  async updateSchedule(ctx: MemberContext, id: string, input: UpdateFeeScheduleRequest): Promise<FeeScheduleResponse> {
    requireAction(ctx, 'fee.configure');
    return this.tenant(ctx, async (tx) => {
      const current = await repo.findFeeSchedule(tx, ctx.subject.orgId, id, { lock: true });
      if (!current) {
        throw notFound('Service not found');
      }
      const { version, ...changes } = input;
      const row = await repo.updateFeeSchedule(tx, ctx.subject.orgId, id, version, changes);
      if (!row) {
        throw conflict('Someone else changed this service since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      const shape = (r: repo.FeeScheduleRow) => ({ matterType: r.matterType, amountCents: r.amountCents, slidingScale: r.slidingScale, active: r.active });
      await this.audit(tx, ctx, 'fee_schedule.saved', 'fee_schedule', id, {
        before: shape(current),
        after: { code: row.code, ...shape(row), renamed: row.name !== current.name },
      });
      return this.scheduleView(row);
    });
  }

  /* Sliding scale settings */

  private settingsView(row: repo.FeeSettingsRow | undefined): FeeSettingsResponse {
    if (!row) {
      return { region: 'contiguous', bands: DEFAULT_SLIDING_BANDS.map((band) => ({ ...band })), version: 0, isDefault: true, updatedAt: null };
    }
    return { region: row.region, bands: row.bands, version: row.version, isDefault: false, updatedAt: row.updatedAt.toISOString() };
  }

  private async scale(tx: Db, orgId: string): Promise<{ region: PovertyRegion; bands: SlidingBand[] }> {
    const row = await repo.findFeeSettings(tx, orgId);
    return row ? { region: row.region, bands: row.bands } : { region: 'contiguous', bands: DEFAULT_SLIDING_BANDS.map((band) => ({ ...band })) };
  }

  async getSettings(ctx: MemberContext): Promise<FeeSettingsResponse> {
    requireAnyAction(ctx, FEE_READERS);
    return this.tenant(ctx, async (tx) => this.settingsView(await repo.findFeeSettings(tx, ctx.subject.orgId)));
  }

  /** The organization's scale: version 0 saves over the defaults the first time; then the version read. */
  async saveSettings(ctx: MemberContext, input: FeeSettingsRequest): Promise<FeeSettingsResponse> {
    requireAction(ctx, 'fee.configure');
    const stale = () => conflict(FEE_MESSAGES.settingsVersion, { version: 'The record has changed' });
    return this.tenant(ctx, async (tx) => {
      const current = await repo.findFeeSettings(tx, ctx.subject.orgId, { lock: true });
      let row: repo.FeeSettingsRow | undefined;
      if (!current) {
        if (input.version !== 0) {
          throw stale();
        }
        row = await repo.insertFeeSettings(tx, { orgId: ctx.subject.orgId, region: input.region, bands: input.bands });
      } else {
        row = await repo.updateFeeSettings(tx, ctx.subject.orgId, input.version, { region: input.region, bands: input.bands });
      }
      if (!row) {
        throw stale();
      }
      await this.audit(tx, ctx, 'fee_settings.saved', 'fee_settings', ctx.subject.orgId, {
        before: current ? { region: current.region, bands: current.bands } : { defaults: true },
        after: { region: row.region, bands: row.bands },
      });
      return this.settingsView(row);
    });
  }

  /* Poverty guidelines */

  private guidelineView(row: repo.PovertyGuidelineRow): PovertyGuidelineResponse {
    return {
      id: row.id,
      year: row.year,
      region: row.region,
      firstPersonCents: row.firstPersonCents,
      additionalPersonCents: row.additionalPersonCents,
      effectiveFrom: row.effectiveFrom,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async listGuidelines(ctx: MemberContext, query: PovertyGuidelineQuery): Promise<PovertyGuidelinePage> {
    requireAnyAction(ctx, FEE_READERS);
    let after: { year: number; region: string; id: string } | undefined;
    if (query.cursor) {
      const [year, region, id] = decodeCursor(query.cursor, 3) as [string, string, string];
      if (!/^\d{4}$/.test(year)) {
        throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
      }
      after = { year: Number(year), region, id };
    }
    return this.tenant(ctx, async (tx) => {
      const rows = await repo.listGuidelines(tx, ctx.subject.orgId, { limit: query.limit + 1, region: query.region, after });
      const shown = rows.slice(0, query.limit);
      const last = shown.at(-1);
      return {
        items: shown.map((row) => this.guidelineView(row)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.year), last.region, last.id]) : null,
      };
    });
  }

  /** One year and region's HHS figures, as the admin types them from the Federal Register. */
  async saveGuideline(ctx: MemberContext, year: number, region: PovertyRegion, input: SavePovertyGuidelineRequest): Promise<PovertyGuidelineResponse> {
    requireAction(ctx, 'fee.configure');
    if (Number(input.effectiveFrom.slice(0, 4)) !== year) {
      throw badRequest(FEE_MESSAGES.effectiveFromYear, { effectiveFrom: FEE_MESSAGES.effectiveFromYear });
    }
    return this.tenant(ctx, async (tx) => {
      const figures = { firstPersonCents: input.firstPersonCents, additionalPersonCents: input.additionalPersonCents, effectiveFrom: input.effectiveFrom };
      const current = await repo.findGuideline(tx, ctx.subject.orgId, year, region);
      let row: repo.PovertyGuidelineRow;
      if (current) {
        row = await repo.updateGuideline(tx, ctx.subject.orgId, current.id, figures);
      } else {
        try {
          row = await repo.insertGuideline(tx, { orgId: ctx.subject.orgId, year, region, ...figures });
        } catch (err) {
          if (isUniqueViolation(err)) {
            throw conflict('Someone else saved this year’s guidelines at the same moment. Reload to see them.', { year: 'Saved by someone else' });
          }
          throw err;
        }
      }
      await this.audit(tx, ctx, 'poverty_guideline.saved', 'poverty_guideline', row.id, {
        before: current
          ? { year, region, firstPersonCents: current.firstPersonCents, additionalPersonCents: current.additionalPersonCents, effectiveFrom: current.effectiveFrom }
          : undefined,
        after: { year, region, ...figures },
      });
      return this.guidelineView(row);
    });
  }

  /* A matter's money */

  private async chargeViews(tx: Db, orgId: string, matterId: string, rows: repo.ChargeRow[], names: Map<string, string>): Promise<ChargeResponse[]> {
    const sums = await repo.waiverSumsByCharge(tx, orgId, matterId);
    const codes = await repo.feeScheduleCodes(tx, orgId, [...new Set(rows.flatMap((row) => (row.feeScheduleId ? [row.feeScheduleId] : [])))]);
    return rows.map((row) => ({
      id: row.id,
      matterId: row.matterId,
      feeScheduleId: row.feeScheduleId,
      feeScheduleCode: row.feeScheduleId ? (codes.get(row.feeScheduleId) ?? null) : null,
      description: row.description,
      fullCents: row.fullCents,
      amountCents: row.amountCents,
      slidingScale:
        row.householdSize !== null && row.annualIncomeCents !== null && row.povertyPercent !== null && row.feePercent !== null && row.guidelineYear !== null
          ? { householdSize: row.householdSize, annualIncomeCents: row.annualIncomeCents, povertyPercent: row.povertyPercent, feePercent: row.feePercent, guidelineYear: row.guidelineYear }
          : null,
      waivedCents: sums.get(row.id)?.approved ?? 0,
      pendingWaiverCents: sums.get(row.id)?.requested ?? 0,
      recordedBy: staffRef(names, row.createdBy),
      createdAt: row.createdAt.toISOString(),
    }));
  }

  private waiverView(row: repo.WaiverRow, names: Map<string, string>): WaiverResponse {
    return {
      id: row.id,
      matterId: row.matterId,
      chargeId: row.chargeId,
      amountCents: row.amountCents,
      reason: row.reason,
      status: row.status,
      requestedBy: staffRef(names, row.requestedBy),
      decidedBy: row.decidedBy ? staffRef(names, row.decidedBy) : null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionNote: row.decisionNote,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private paymentView(row: repo.PaymentRow, names: Map<string, string>): PaymentResponse {
    return {
      id: row.id,
      matterId: row.matterId,
      receiptNumber: row.receiptNumber,
      amountCents: row.amountCents,
      method: row.method,
      receivedOn: row.receivedOn,
      receivedBy: staffRef(names, row.receivedBy),
      note: row.note,
      voided: row.voidedAt && row.voidedBy ? { at: row.voidedAt.toISOString(), by: staffRef(names, row.voidedBy), reason: row.voidReason ?? '' } : null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async totals(tx: Db, orgId: string, matterId: string) {
    const money = await repo.matterMoney(tx, orgId, matterId);
    return { ...money, balanceCents: matterBalanceCents(money), dueNowCents: matterDueNowCents(money) };
  }

  async matterFees(ctx: MemberContext, matterId: string): Promise<MatterFeesResponse> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'fees');
      const orgId = ctx.subject.orgId;
      const [charges, waivers, payments] = [await repo.listCharges(tx, orgId, matterId), await repo.listWaivers(tx, orgId, matterId), await repo.listPayments(tx, orgId, matterId)];
      const names = await staffNames(tx, [
        ...charges.map((row) => row.createdBy),
        ...waivers.flatMap((row) => [row.requestedBy, row.decidedBy]),
        ...payments.flatMap((row) => [row.receivedBy, row.voidedBy]),
      ]);
      const scale = await this.scale(tx, orgId);
      const guideline = await repo.guidelineInForce(tx, orgId, scale.region, await this.today(tx, ctx));
      return {
        charges: await this.chargeViews(tx, orgId, matterId, charges, names),
        waivers: waivers.map((row) => this.waiverView(row, names)),
        payments: payments.map((row) => this.paymentView(row, names)),
        totals: await this.totals(tx, orgId, matterId),
        slidingScale: {
          region: scale.region,
          bands: scale.bands,
          guideline: guideline
            ? { year: guideline.year, firstPersonCents: guideline.firstPersonCents, additionalPersonCents: guideline.additionalPersonCents, effectiveFrom: guideline.effectiveFrom }
            : null,
        },
      };
    });
  }

  /**
   * A charge from the schedule (the sliding scale applied with the guideline in force today in
   * the organization's region, its working stored on the charge) or described by hand. Government
   * filing fees are not charges: they are recorded on filings.
   */
  async recordCharge(ctx: MemberContext, matterId: string, input: CreateChargeRequest): Promise<ChargeResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      await matterForWork(tx, ctx, matterId);
      const orgId = ctx.subject.orgId;
      let values: Omit<repo.ChargeInsert, 'orgId' | 'matterId' | 'createdBy'>;
      let scheduleCode: string | null = null;
      if (input.feeScheduleId) {
        const schedule = await repo.findFeeSchedule(tx, orgId, input.feeScheduleId);
        if (!schedule || !schedule.active) {
          throw badRequest(FEE_MESSAGES.scheduleNotFound, { feeScheduleId: FEE_MESSAGES.scheduleNotFound });
        }
        if (input.amountCents !== undefined) {
          throw badRequest(FEE_MESSAGES.scheduleHasAmount, { amountCents: FEE_MESSAGES.scheduleHasAmount });
        }
        scheduleCode = schedule.code;
        values = { feeScheduleId: schedule.id, description: input.description ?? schedule.name, fullCents: schedule.amountCents, amountCents: schedule.amountCents };
        if (schedule.slidingScale) {
          const missing: Record<string, string> = {};
          if (input.householdSize === undefined) {
            missing.householdSize = FEE_MESSAGES.householdSizeNeeded;
          }
          if (input.annualIncomeCents === undefined) {
            missing.annualIncomeCents = FEE_MESSAGES.incomeNeeded;
          }
          if (input.householdSize === undefined || input.annualIncomeCents === undefined) {
            throw badRequest(Object.values(missing)[0]!, missing);
          }
          const scale = await this.scale(tx, orgId);
          const guideline = await repo.guidelineInForce(tx, orgId, scale.region, await this.today(tx, ctx));
          if (!guideline) {
            throw badRequest(FEE_MESSAGES.guidelineMissing, { householdSize: FEE_MESSAGES.guidelineMissing });
          }
          const result = slidingScaleFee({
            fullCents: schedule.amountCents,
            householdSize: input.householdSize,
            annualIncomeCents: input.annualIncomeCents,
            guideline,
            bands: scale.bands,
          });
          values = {
            ...values,
            amountCents: result.amountCents,
            householdSize: input.householdSize,
            annualIncomeCents: input.annualIncomeCents,
            povertyPercent: result.povertyPercent,
            feePercent: result.feePercent,
            guidelineYear: guideline.year,
          };
        }
      } else {
        const missing: Record<string, string> = {};
        if (!input.description) {
          missing.description = FEE_MESSAGES.descriptionNeeded;
        }
        if (input.amountCents === undefined) {
          missing.amountCents = FEE_MESSAGES.amountNeeded;
        }
        if (!input.description || input.amountCents === undefined) {
          throw badRequest(Object.values(missing)[0]!, missing);
        }
        values = { feeScheduleId: null, description: input.description, fullCents: input.amountCents, amountCents: input.amountCents };
      }
      const row = await repo.insertCharge(tx, { orgId, matterId, createdBy: ctx.subject.userId, ...values });
      const shape = {
        chargeId: row.id,
        feeScheduleCode: scheduleCode,
        fullCents: row.fullCents,
        amountCents: row.amountCents,
        feePercent: row.feePercent,
        guidelineYear: row.guidelineYear,
      };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, matterId, 'charge_recorded', { ...shape, povertyPercent: row.povertyPercent });
      await auditMatter(tx, ctx, 'charge.recorded', { type: 'matter_charge', id: row.id }, { after: { matterId, ...shape, slidingScale: row.feePercent !== null } });
      return (await this.chargeViews(tx, orgId, matterId, [row], await staffNames(tx, [row.createdBy])))[0]!;
    });
  }

  /**
   * Asks to waive part or all of a charge: at most what of the charge is neither waived nor
   * already asked for, and at most what of the matter is still unpaid (payments are not tied to a
   * charge, so a paid matter has nothing left to waive until the payment is voided).
   */
  async requestWaiver(ctx: MemberContext, matterId: string, input: CreateWaiverRequest): Promise<WaiverResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      await matterForWork(tx, ctx, matterId);
      const orgId = ctx.subject.orgId;
      const charge = await repo.findCharge(tx, orgId, matterId, input.chargeId);
      if (!charge) {
        throw badRequest(FEE_MESSAGES.chargeNotFound, { chargeId: FEE_MESSAGES.chargeNotFound });
      }
      const sums = (await repo.waiverSumsByCharge(tx, orgId, matterId)).get(charge.id) ?? { approved: 0, requested: 0 };
      const remainder = charge.amountCents - sums.approved - sums.requested;
      if (input.amountCents > remainder) {
        throw badRequest(FEE_MESSAGES.waiverTooMuch, { amountCents: FEE_MESSAGES.waiverTooMuch });
      }
      // The matter row is locked (matterForWork): a payment cannot slip in between.
      if (input.amountCents > (await this.totals(tx, orgId, matterId)).dueNowCents) {
        throw badRequest(FEE_MESSAGES.waiverOverUnpaid, { amountCents: FEE_MESSAGES.waiverOverUnpaid });
      }
      const row = await repo.insertWaiver(tx, { orgId, matterId, chargeId: charge.id, amountCents: input.amountCents, reason: input.reason, requestedBy: ctx.subject.userId });
      const shape = { waiverId: row.id, chargeId: charge.id, amountCents: row.amountCents };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, matterId, 'waiver_requested', shape);
      await auditMatter(tx, ctx, 'waiver.requested', { type: 'fee_waiver', id: row.id }, { after: { matterId, ...shape, status: row.status } });
      return this.waiverView(row, await staffNames(tx, [row.requestedBy]));
    });
  }

  /**
   * Separation of duties: a waiver is decided by someone other than the person who asked for it.
   * An approval never takes the balance below zero (payments recorded before this rule, or any
   * path that let them overlap): the bookkeeper voids the payment or a smaller waiver is asked.
   */
  async decideWaiver(ctx: MemberContext, waiverId: string, input: WaiverDecisionRequest): Promise<WaiverResponse> {
    requireAction(ctx, 'matter.decide');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const found = await repo.findWaiver(tx, orgId, waiverId);
      if (!found) {
        throw notFound('Waiver not found');
      }
      await matterForWork(tx, ctx, found.matterId);
      const current = found;
      if (current.requestedBy === ctx.subject.userId) {
        throw badRequest(FEE_MESSAGES.ownWaiver, { decision: FEE_MESSAGES.ownWaiver });
      }
      if (current.status === 'requested' && input.decision === 'approve') {
        const { balanceCents } = await this.totals(tx, orgId, current.matterId);
        if (balanceCents - current.amountCents < 0) {
          throw conflict(FEE_MESSAGES.waiverOverBalance, { decision: FEE_MESSAGES.waiverOverBalance });
        }
      }
      const status = input.decision === 'approve' ? 'approved' : 'denied';
      const row = await repo.decideWaiver(tx, orgId, waiverId, { status, decidedBy: ctx.subject.userId, decisionNote: input.note ?? null });
      if (!row) {
        throw conflict(FEE_MESSAGES.waiverDecided, { decision: FEE_MESSAGES.waiverDecided });
      }
      const shape = { waiverId, chargeId: row.chargeId, amountCents: row.amountCents, status };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, row.matterId, 'waiver_decided', shape);
      await auditMatter(tx, ctx, 'waiver.decided', { type: 'fee_waiver', id: waiverId }, { before: { status: current.status }, after: { matterId: row.matterId, ...shape, withNote: row.decisionNote !== null } });
      return this.waiverView(row, await staffNames(tx, [row.requestedBy, row.decidedBy]));
    });
  }

  /**
   * A payment up to what is due now (the balance less waivers waiting for a decision), dated no
   * later than today, with the next receipt number of its year.
   */
  async recordPayment(ctx: MemberContext, matterId: string, input: CreatePaymentRequest): Promise<PaymentResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      await matterForWork(tx, ctx, matterId);
      const orgId = ctx.subject.orgId;
      if (input.receivedOn > (await this.today(tx, ctx))) {
        throw badRequest(FEE_MESSAGES.futurePayment, { receivedOn: FEE_MESSAGES.futurePayment });
      }
      // The matter row is locked (matterForWork): two payments cannot both fit the same balance.
      const { balanceCents, dueNowCents } = await this.totals(tx, orgId, matterId);
      if (input.amountCents > dueNowCents) {
        const message = balanceCents <= 0 ? FEE_MESSAGES.nothingOwed : input.amountCents > balanceCents ? FEE_MESSAGES.overBalance : FEE_MESSAGES.waiverPending;
        throw badRequest(message, { amountCents: message });
      }
      const receiptNumber = await repo.nextReceiptNumber(tx, orgId, Number(input.receivedOn.slice(0, 4)));
      const row = await repo.insertPayment(tx, {
        orgId,
        matterId,
        receiptNumber,
        amountCents: input.amountCents,
        method: input.method,
        receivedOn: input.receivedOn,
        receivedBy: ctx.subject.userId,
        note: input.note ?? null,
      });
      const shape = { paymentId: row.id, receiptNumber, amountCents: row.amountCents, method: row.method, receivedOn: row.receivedOn };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, matterId, 'payment_recorded', shape);
      await auditMatter(tx, ctx, 'payment.recorded', { type: 'matter_payment', id: row.id }, { after: { matterId, ...shape, balanceAfterCents: balanceCents - row.amountCents } });
      return this.paymentView(row, await staffNames(tx, [row.receivedBy]));
    });
  }

  /**
   * A mistaken payment is voided, never deleted: its receipt number stays used and its receipt
   * prints VOID. Someone who decides on fees may void any; the person who received it, only the
   * same day (before the day's cash is counted).
   */
  async voidPayment(ctx: MemberContext, paymentId: string, input: VoidPaymentRequest): Promise<PaymentResponse> {
    requireAnyAction(ctx, ['matter.decide', 'matter.manage']);
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const found = await repo.findPayment(tx, orgId, paymentId);
      if (!found) {
        throw notFound('Payment not found');
      }
      await matterForWork(tx, ctx, found.matterId);
      const timeZone = await organizationTimeZone(tx, orgId);
      const sameDay = todayIn(timeZone, found.createdAt) === todayIn(timeZone);
      if (!roleCan(ctx.subject.role, 'matter.decide') && !(found.receivedBy === ctx.subject.userId && sameDay)) {
        throw forbidden(FEE_MESSAGES.voidNotAllowed);
      }
      const row = await repo.voidPayment(tx, orgId, paymentId, ctx.subject.userId, input.reason);
      if (!row) {
        throw conflict(FEE_MESSAGES.alreadyVoided, { reason: FEE_MESSAGES.alreadyVoided });
      }
      const shape = { paymentId, receiptNumber: row.receiptNumber, amountCents: row.amountCents };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, row.matterId, 'payment_voided', shape);
      await auditMatter(tx, ctx, 'payment.voided', { type: 'matter_payment', id: paymentId }, { before: { voided: false }, after: { matterId: row.matterId, ...shape, voided: true } });
      return this.paymentView(row, await staffNames(tx, [row.receivedBy, row.voidedBy]));
    });
  }

  /** What a printed receipt shows; the client's name is read only for someone who may read the matter. */
  async receipt(ctx: MemberContext, paymentId: string): Promise<PaymentReceiptResponse> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const payment = await repo.findPayment(tx, orgId, paymentId);
      if (!payment) {
        throw notFound('Payment not found');
      }
      let matter: MatterRow;
      try {
        matter = await matterForRead(tx, ctx, payment.matterId);
      } catch {
        throw notFound('Payment not found');
      }
      await auditSensitiveMatterRead(tx, ctx, matter, 'receipt');
      const money = await repo.matterMoney(tx, orgId, matter.id, { includePaymentId: payment.id });
      const client = await repo.matterClient(tx, orgId, matter.id);
      const office = await repo.receiptOffice(tx, orgId);
      const names = await staffNames(tx, [payment.receivedBy]);
      return {
        organization: { name: await repo.organizationName(tx, orgId), office: office ?? null },
        receiptNumber: payment.receiptNumber,
        receivedOn: payment.receivedOn,
        client: { name: client?.name ?? '', preferredLanguage: client?.preferredLanguage ?? null },
        matter: { id: matter.id, reference: matter.reference, type: matter.type },
        amountCents: payment.amountCents,
        method: payment.method,
        note: payment.note,
        receivedBy: names.get(payment.receivedBy) ?? '',
        balanceAfterCents: matterBalanceCents(money),
        voided: payment.voidedAt ? { at: payment.voidedAt.toISOString(), reason: payment.voidReason ?? '' } : null,
      };
    });
  }
}
