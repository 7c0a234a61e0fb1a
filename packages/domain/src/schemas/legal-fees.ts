import { z } from 'zod';
import { MAX_HOUSEHOLD_SIZE, MAX_SLIDING_BANDS, SLIDING_BAND_MESSAGES, slidingBandsProblem } from '../legal/fees.js';
import { MATTER_TYPES, PAYMENT_METHODS, POVERTY_REGIONS, WAIVER_STATUSES } from '../legal/matter.js';
import { CalendarDate } from './client.js';
import { CaseWorkerRef } from './case-note.js';
import { Cursor, IsoDateTime, Limit, page, Uuid } from './common.js';

/**
 * Fees of a legal program (issue 5, seed 002): the fee schedule, the sliding scale and the poverty
 * guidelines it reads (configured by fee.configure), and a matter's charges, waivers, payments
 * and printable receipts. Money is integer cents.
 */

/** Messages the fee routes answer with (translated in the web app's forms.ts). */
export const FEE_MESSAGES = {
  codeTaken: 'Another service already uses this code',
  codeFormat: 'Use lower-case letters, digits, - and _ (for example i589_preparation)',
  guidelineMissing: "Enter this year's poverty guidelines first (Administration → Fees)",
  householdSizeNeeded: 'Enter the household size: the sliding scale applies to this service',
  incomeNeeded: "Enter the household's annual income: the sliding scale applies to this service",
  scheduleNotFound: 'Choose an active service of the fee schedule',
  scheduleHasAmount: 'The amount comes from the fee schedule; leave it empty',
  descriptionNeeded: 'Describe the charge',
  amountNeeded: 'Enter the amount',
  chargeNotFound: 'Choose a charge of this matter',
  waiverTooMuch: 'This is more than the part of the charge not yet waived or waiting for a waiver decision',
  reasonNeeded: 'Write the reason',
  ownWaiver: "You can't decide on a waiver you requested; another attorney or the program director decides it",
  waiverDecided: 'This waiver has already been decided',
  waiverOverUnpaid: 'This is more than is left unpaid on this matter: payments already cover the rest. Void the payment first, or ask for a smaller waiver',
  waiverOverBalance: 'Approving this waiver would bring the balance below zero: payments already cover part of it. Void the payment or ask for a smaller waiver first',
  overBalance: 'This is more than the balance',
  waiverPending: 'Part of the balance is waiting for a waiver decision: record at most the amount due now, or decide the waiver first',
  nothingOwed: 'Nothing is owed on this matter',
  futurePayment: "A payment can't be dated in the future",
  alreadyVoided: 'This payment is already void',
  voidNotAllowed: 'Only the person who received a payment, on the same day, or someone who decides on fees may void it',
  effectiveFromYear: 'The guidelines take effect in their own year',
  settingsVersion: 'Someone else changed the fee settings since you opened them. Reload to see their changes.',
} as const;

const Text = (max: number, empty = 'Enter a value') =>
  z
    .string()
    .trim()
    .min(1, { error: empty })
    .max(max, { error: `Use at most ${max} characters` });

/** A legal program's fees are nominal; a hundred thousand dollars is more than any one fee. */
export const MAX_FEE_CENTS = 10_000_000;
/** Annual household income, in cents: up to ten million dollars. */
const MAX_INCOME_CENTS = 1_000_000_000;

const PaymentMethodEnum = z.enum(PAYMENT_METHODS);
const WaiverStatusEnum = z.enum(WAIVER_STATUSES);
const PovertyRegionEnum = z.enum(POVERTY_REGIONS);
const MatterTypeEnum = z.enum(MATTER_TYPES);

/* Fee schedule */

export const FeeScheduleCode = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: 'Enter a code' })
  .max(40, { error: 'Use at most 40 characters' })
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: FEE_MESSAGES.codeFormat });

export const CreateFeeScheduleRequest = z.strictObject({
  code: FeeScheduleCode,
  name: Text(160, 'Name the service'),
  /** The kind of matter the service usually belongs to (offered first on those matters). */
  matterType: MatterTypeEnum.nullable().optional(),
  amountCents: z.int().min(0).max(MAX_FEE_CENTS),
  slidingScale: z.boolean().default(true),
});
export type CreateFeeScheduleRequest = z.infer<typeof CreateFeeScheduleRequest>;

export const UpdateFeeScheduleRequest = z.strictObject({
  name: Text(160, 'Name the service').optional(),
  amountCents: z.int().min(0).max(MAX_FEE_CENTS).optional(),
  slidingScale: z.boolean().optional(),
  active: z.boolean().optional(),
  matterType: MatterTypeEnum.nullable().optional(),
  version: z.int().min(1),
});
export type UpdateFeeScheduleRequest = z.infer<typeof UpdateFeeScheduleRequest>;

export const FeeScheduleQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type FeeScheduleQuery = z.infer<typeof FeeScheduleQuery>;

export const FeeScheduleResponse = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  matterType: MatterTypeEnum.nullable(),
  amountCents: z.number().int(),
  slidingScale: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type FeeScheduleResponse = z.infer<typeof FeeScheduleResponse>;
export const FeeSchedulePage = page(FeeScheduleResponse);
export type FeeSchedulePage = z.infer<typeof FeeSchedulePage>;

/* Sliding scale */

export const SlidingBandSchema = z.strictObject({
  upToPercent: z.int().min(1).max(1000),
  feePercent: z.int().min(0).max(100),
});

export const SlidingBands = z
  .array(SlidingBandSchema)
  .min(1, { error: SLIDING_BAND_MESSAGES.empty })
  .max(MAX_SLIDING_BANDS, { error: SLIDING_BAND_MESSAGES.tooMany })
  .superRefine((bands, ctx) => {
    const problem = slidingBandsProblem(bands);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  });

export const FeeSettingsRequest = z.strictObject({
  region: PovertyRegionEnum,
  bands: SlidingBands,
  /** The version read (0 while the organization still uses the defaults). */
  version: z.int().min(0),
});
export type FeeSettingsRequest = z.infer<typeof FeeSettingsRequest>;

export const FeeSettingsResponse = z.object({
  region: PovertyRegionEnum,
  bands: z.array(z.object({ upToPercent: z.number().int(), feePercent: z.number().int() })),
  version: z.number().int(),
  /** True while nothing was saved: the bands are Haven's starting point, not the organization's policy. */
  isDefault: z.boolean(),
  updatedAt: IsoDateTime.nullable(),
});
export type FeeSettingsResponse = z.infer<typeof FeeSettingsResponse>;

/* Poverty guidelines */

export const PovertyGuidelineParams = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  region: PovertyRegionEnum,
});

export const SavePovertyGuidelineRequest = z.strictObject({
  firstPersonCents: z.int().min(1).max(100_000_000),
  additionalPersonCents: z.int().min(0).max(100_000_000),
  effectiveFrom: CalendarDate,
});
export type SavePovertyGuidelineRequest = z.infer<typeof SavePovertyGuidelineRequest>;

export const PovertyGuidelineQuery = z.strictObject({
  region: PovertyRegionEnum.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type PovertyGuidelineQuery = z.infer<typeof PovertyGuidelineQuery>;

export const PovertyGuidelineResponse = z.object({
  id: Uuid,
  year: z.number().int(),
  region: PovertyRegionEnum,
  firstPersonCents: z.number().int(),
  additionalPersonCents: z.number().int(),
  effectiveFrom: z.string(),
  createdAt: IsoDateTime,
});
export type PovertyGuidelineResponse = z.infer<typeof PovertyGuidelineResponse>;
export const PovertyGuidelinePage = page(PovertyGuidelineResponse);
export type PovertyGuidelinePage = z.infer<typeof PovertyGuidelinePage>;

/* A matter's money */

/**
 * A charge from the fee schedule (the sliding scale applied when the service uses it: household
 * size and income are then required) or a charge described by hand with its amount.
 */
export const CreateChargeRequest = z.strictObject({
  feeScheduleId: Uuid.optional(),
  description: Text(200, FEE_MESSAGES.descriptionNeeded).optional(),
  amountCents: z.int().min(1).max(MAX_FEE_CENTS).optional(),
  householdSize: z.int().min(1).max(MAX_HOUSEHOLD_SIZE).optional(),
  annualIncomeCents: z.int().min(0).max(MAX_INCOME_CENTS).optional(),
});
export type CreateChargeRequest = z.infer<typeof CreateChargeRequest>;

export const CreateWaiverRequest = z.strictObject({
  chargeId: Uuid,
  amountCents: z.int().min(1).max(MAX_FEE_CENTS),
  reason: Text(1000, FEE_MESSAGES.reasonNeeded),
});
export type CreateWaiverRequest = z.infer<typeof CreateWaiverRequest>;

export const WaiverDecisionRequest = z.strictObject({
  decision: z.enum(['approve', 'deny']),
  note: Text(1000).optional(),
});
export type WaiverDecisionRequest = z.infer<typeof WaiverDecisionRequest>;

export const CreatePaymentRequest = z.strictObject({
  amountCents: z.int().min(1).max(MAX_FEE_CENTS),
  method: PaymentMethodEnum,
  receivedOn: CalendarDate,
  note: Text(500).optional(),
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

export const VoidPaymentRequest = z.strictObject({
  reason: Text(500, FEE_MESSAGES.reasonNeeded),
});
export type VoidPaymentRequest = z.infer<typeof VoidPaymentRequest>;

/** The sliding scale's working, as stored on the charge when it applied. */
export const SlidingScaleWorking = z.object({
  householdSize: z.number().int(),
  annualIncomeCents: z.number().int(),
  povertyPercent: z.number().int(),
  feePercent: z.number().int(),
  guidelineYear: z.number().int(),
});
export type SlidingScaleWorking = z.infer<typeof SlidingScaleWorking>;

export const ChargeResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  feeScheduleId: Uuid.nullable(),
  feeScheduleCode: z.string().nullable(),
  description: z.string(),
  /** The service's full fee (equal to the amount without a sliding scale). */
  fullCents: z.number().int(),
  amountCents: z.number().int(),
  slidingScale: SlidingScaleWorking.nullable(),
  /** Approved waivers on this charge. */
  waivedCents: z.number().int(),
  /** Waivers waiting for a decision. */
  pendingWaiverCents: z.number().int(),
  recordedBy: CaseWorkerRef,
  createdAt: IsoDateTime,
});
export type ChargeResponse = z.infer<typeof ChargeResponse>;

export const WaiverResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  chargeId: Uuid,
  amountCents: z.number().int(),
  reason: z.string(),
  status: WaiverStatusEnum,
  requestedBy: CaseWorkerRef,
  decidedBy: CaseWorkerRef.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type WaiverResponse = z.infer<typeof WaiverResponse>;

export const PaymentResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  receiptNumber: z.string(),
  amountCents: z.number().int(),
  method: PaymentMethodEnum,
  receivedOn: z.string(),
  receivedBy: CaseWorkerRef,
  note: z.string().nullable(),
  voided: z.object({ at: IsoDateTime, by: CaseWorkerRef, reason: z.string() }).nullable(),
  createdAt: IsoDateTime,
});
export type PaymentResponse = z.infer<typeof PaymentResponse>;

export const MatterFeeTotals = z.object({
  chargedCents: z.number().int(),
  /** Approved waivers only. */
  waivedCents: z.number().int(),
  /** Waivers still waiting for a decision (not yet off the balance). */
  pendingWaiverCents: z.number().int(),
  /** Payments not voided. */
  paidCents: z.number().int(),
  /** Charged − waived − paid: never below zero (waivers and payments are checked against each other). */
  balanceCents: z.number().int(),
  /**
   * What a payment may cover now: the balance less the waivers waiting for a decision (a client
   * is not asked to pay what may be waived; once the waiver is decided, the rest becomes due).
   */
  dueNowCents: z.number().int(),
});
export type MatterFeeTotals = z.infer<typeof MatterFeeTotals>;

/** Everything about a matter's money, newest first; each list holds at most MAX_MATTER_FEE_ROWS. */
export const MatterFeesResponse = z.object({
  charges: z.array(ChargeResponse),
  waivers: z.array(WaiverResponse),
  payments: z.array(PaymentResponse),
  totals: MatterFeeTotals,
  /** The sliding scale in force and its guideline for today, for previews (null when none is entered). */
  slidingScale: z.object({
    region: PovertyRegionEnum,
    bands: z.array(z.object({ upToPercent: z.number().int(), feePercent: z.number().int() })),
    guideline: z
      .object({ year: z.number().int(), firstPersonCents: z.number().int(), additionalPersonCents: z.number().int(), effectiveFrom: z.string() })
      .nullable(),
  }),
});
export type MatterFeesResponse = z.infer<typeof MatterFeesResponse>;

/** A matter keeps at most this many charges, waivers and payments on one page of its fees. */
export const MAX_MATTER_FEE_ROWS = 200;

/** What a printed receipt needs, in one answer. */
export const PaymentReceiptResponse = z.object({
  organization: z.object({ name: z.string(), office: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }).nullable() }),
  receiptNumber: z.string(),
  receivedOn: z.string(),
  client: z.object({ name: z.string(), preferredLanguage: z.string().nullable() }),
  matter: z.object({ id: Uuid, reference: z.string(), type: MatterTypeEnum }),
  amountCents: z.number().int(),
  method: PaymentMethodEnum,
  note: z.string().nullable(),
  receivedBy: z.string(),
  /** The matter's balance once this payment was counted (later charges and payments left out). */
  balanceAfterCents: z.number().int(),
  voided: z.object({ at: IsoDateTime, reason: z.string() }).nullable(),
});
export type PaymentReceiptResponse = z.infer<typeof PaymentReceiptResponse>;

export const FeeWaiverParams = z.strictObject({ id: Uuid });
