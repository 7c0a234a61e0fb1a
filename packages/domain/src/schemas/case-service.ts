import { z } from 'zod';
import { CalendarDate } from './client.js';
import { CaseWorkerRef } from './case-note.js';
import { Cursor, IsoDateTime, Limit, page, Uuid } from './common.js';

/** Services a resettlement case manager records (seed 003/004: the services of the plan). */
export const SERVICE_TYPES = [
  'housing_search',
  'employment',
  'medical_accompaniment',
  'mental_health_referral',
  'legal_referral',
  'school_enrollment',
  'english_class',
  'transportation',
  'benefits_application',
  'cultural_orientation',
  'childcare',
  'interpretation',
  'other',
] as const;
export const ServiceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof ServiceType>;

export const UNIT_KINDS = ['session', 'hour', 'day', 'item'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const DISBURSEMENT_KINDS = ['cash', 'gift_card', 'rent', 'utility', 'transport', 'other'] as const;
export const DisbursementKind = z.enum(DISBURSEMENT_KINDS);
export type DisbursementKind = z.infer<typeof DisbursementKind>;

export const DISBURSEMENT_STATUSES = ['pending_approval', 'approved', 'denied'] as const;
export const DisbursementStatus = z.enum(DISBURSEMENT_STATUSES);
export type DisbursementStatus = z.infer<typeof DisbursementStatus>;

/** Messages the services, budgets and disbursements answer with (translated in forms.ts). */
export const CASE_SERVICE_MESSAGES = {
  futureService: "A service can't be dated in the future",
  futurePayment: "A payment can't be dated in the future",
  overBudget: 'This is more than the remaining budget; ask a supervisor to approve it',
  budgetNotFound: 'Choose a budget line of this case',
  receiptNotFound: 'Choose a document of this case',
  budgetVersion: 'Send the version you read to change an existing budget',
  denyNeedsNote: 'Write the reason for the decision',
  ownRequest: "You can't decide on a payment you requested",
  alreadyDecided: 'This payment has already been decided',
  fundingSource: 'Enter the funding source',
  payee: 'Enter who is paid',
} as const;

const Text = (max: number, empty = 'Enter a value') =>
  z
    .string()
    .trim()
    .min(1, { error: empty })
    .max(max, { error: `Use at most ${max} characters` });

/** Money is integer cents (STYLE.md 4); ten million dollars is more than any one client's budget. */
const MAX_CENTS = 1_000_000_000;

export const CreateCaseServiceRequest = z.strictObject({
  serviceType: ServiceType,
  providedOn: CalendarDate,
  units: z.int().min(1).max(1000),
  unitKind: UnitKind,
  fundingSource: Text(120, CASE_SERVICE_MESSAGES.fundingSource).optional(),
  provider: Text(200).optional(),
  note: Text(2000).optional(),
});
export type CreateCaseServiceRequest = z.infer<typeof CreateCaseServiceRequest>;

export const CaseServiceQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export type CaseServiceQuery = z.infer<typeof CaseServiceQuery>;

export const CaseServiceResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  serviceType: ServiceType,
  providedOn: z.string(),
  units: z.number().int(),
  unitKind: UnitKind,
  fundingSource: z.string().nullable(),
  provider: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: CaseWorkerRef,
  createdAt: IsoDateTime,
});
export type CaseServiceResponse = z.infer<typeof CaseServiceResponse>;
export const CaseServicePage = page(CaseServiceResponse);
export type CaseServicePage = z.infer<typeof CaseServicePage>;

/** One funding source's budget for the case: a new line, or a changed amount (with its version). */
export const SetCaseBudgetRequest = z.strictObject({
  fundingSource: Text(120, CASE_SERVICE_MESSAGES.fundingSource),
  amountCents: z.int().min(0).max(MAX_CENTS),
  version: z.int().min(1).optional(),
});
export type SetCaseBudgetRequest = z.infer<typeof SetCaseBudgetRequest>;

const BudgetFigures = {
  amountCents: z.number().int(),
  /** Approved disbursements: money spent. */
  approvedCents: z.number().int(),
  /** Waiting for a supervisor: money promised but not yet approved. */
  pendingCents: z.number().int(),
  /** Budget − approved − pending; negative when a supervisor approved more than the budget. */
  remainingCents: z.number().int(),
};

export const CaseBudgetLine = z.object({
  id: Uuid,
  fundingSource: z.string(),
  ...BudgetFigures,
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type CaseBudgetLine = z.infer<typeof CaseBudgetLine>;

/** Budget vs. actual, per funding source and in total. */
export const CaseBudgetSummary = z.object({
  items: z.array(CaseBudgetLine),
  totals: z.object(BudgetFigures),
  /** Disbursements above this amount wait for a supervisor (the program's setting). */
  approvalThresholdCents: z.number().int(),
});
export type CaseBudgetSummary = z.infer<typeof CaseBudgetSummary>;

export const CreateDisbursementRequest = z.strictObject({
  budgetId: Uuid,
  kind: DisbursementKind,
  amountCents: z.int().min(1).max(MAX_CENTS),
  payee: Text(200, CASE_SERVICE_MESSAGES.payee),
  paidOn: CalendarDate,
  purpose: Text(500).optional(),
  /** A document of this case (uploaded first with kind receipt). */
  receiptDocumentId: Uuid.optional(),
  /** Over the remaining budget: ask a supervisor instead of being refused. */
  requestApproval: z.boolean().optional(),
});
export type CreateDisbursementRequest = z.infer<typeof CreateDisbursementRequest>;

export const DisbursementDecisionRequest = z
  .strictObject({
    decision: z.enum(['approve', 'deny']),
    note: Text(1000).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'deny' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: CASE_SERVICE_MESSAGES.denyNeedsNote });
    }
  });
export type DisbursementDecisionRequest = z.infer<typeof DisbursementDecisionRequest>;

export const DisbursementParams = z.strictObject({ id: Uuid, disbursementId: Uuid });
export const DisbursementQuery = z.strictObject({ status: DisbursementStatus.optional(), limit: Limit, cursor: Cursor });
export type DisbursementQuery = z.infer<typeof DisbursementQuery>;

export const DisbursementResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  budgetId: Uuid,
  fundingSource: z.string(),
  kind: DisbursementKind,
  amountCents: z.number().int(),
  payee: z.string(),
  paidOn: z.string(),
  purpose: z.string().nullable(),
  receipt: z.object({ id: Uuid, filename: z.string() }).nullable(),
  status: DisbursementStatus,
  requestedBy: CaseWorkerRef,
  decidedBy: CaseWorkerRef.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type DisbursementResponse = z.infer<typeof DisbursementResponse>;
export const DisbursementPage = page(DisbursementResponse);
export type DisbursementPage = z.infer<typeof DisbursementPage>;
