import { z } from 'zod';
import { EligibilityEvaluation } from '../eligibility/evaluate.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';
import { CalendarDate, PastDate } from './client.js';

/**
 * Seed 001's two tiers: community orientation and referrals for everyone; comprehensive case
 * management for those who need, want and are most likely to benefit from intensive services.
 */
export const SERVICE_TIERS = ['orientation_referrals', 'comprehensive'] as const;
export const ServiceTier = z.enum(SERVICE_TIERS);
export type ServiceTier = z.infer<typeof ServiceTier>;

/** What the intake screen asks to decide the tier; each one is a reason for intensive services. */
export const NEED_INDICATORS = [
  'safety_concern',
  'medical_or_mental_health',
  'no_support_network',
  'housing_unstable',
  'dependents_in_care',
  'legal_deadline_near',
  'language_or_literacy_barrier',
  'client_requests_intensive',
] as const;
export const NeedIndicator = z.enum(NEED_INDICATORS);
export type NeedIndicator = z.infer<typeof NeedIndicator>;

/**
 * The tier the screening suggests: comprehensive case management when there is a safety concern,
 * when the client asks for it, or when two or more needs add up. The worker decides; the
 * suggestion is shown with the reason.
 */
export function suggestedServiceTier(needs: readonly NeedIndicator[]): ServiceTier {
  if (needs.includes('safety_concern') || needs.includes('client_requests_intensive') || new Set(needs).size >= 2) {
    return 'comprehensive';
  }
  return 'orientation_referrals';
}

export const INTAKE_STEPS = ['people', 'needs', 'program', 'review'] as const;
export const IntakeStep = z.enum(INTAKE_STEPS);
export type IntakeStep = z.infer<typeof IntakeStep>;

const Reason = z.string().trim().min(1, { error: 'Write the reason' }).max(2000, { error: 'Use at most 2000 characters' });

/** Facts the client record does not hold but some ORR start dates need (RULES.md). */
export const IntakeExtraFacts = z.strictObject({
  communityEntryDate: PastDate.optional(),
  traffickingCertificationDate: PastDate.optional(),
  sivAdjustedInUs: z.boolean().optional(),
});

/** The answers of an intake so far. Every field is optional until the intake is completed. */
export const IntakeData = z.strictObject({
  /** The people this intake is for; the first is the primary applicant. */
  clientIds: z.array(Uuid).max(20, { error: 'At most 20 people in one intake' }).optional(),
  householdId: Uuid.nullable().optional(),
  needs: z.array(NeedIndicator).max(NEED_INDICATORS.length).optional(),
  serviceTier: ServiceTier.optional(),
  tierReason: Reason.optional(),
  programId: Uuid.optional(),
  extraFacts: IntakeExtraFacts.optional(),
  notes: z.string().trim().max(5000).optional(),
});
export type IntakeData = z.infer<typeof IntakeData>;

export const CreateIntakeRequest = z.strictObject({
  data: IntakeData.optional(),
});

/** Saves progress: the step reached and the answers given (merged into what was saved). */
export const UpdateIntakeRequest = z.strictObject({
  version: z.number().int().min(1),
  step: IntakeStep.optional(),
  data: IntakeData.optional(),
  /** Stop this intake: it stays on record as abandoned. */
  abandon: z.literal(true).optional(),
});

/** Ends the intake: enrolls its people in the chosen program, on this date. */
export const CompleteIntakeRequest = z.strictObject({
  version: z.number().int().min(1),
  enrolledOn: PastDate.optional(),
});

export const IntakeResponse = z.object({
  id: Uuid,
  status: z.enum(['in_progress', 'completed', 'abandoned']),
  step: IntakeStep,
  data: IntakeData,
  /** The screening's suggestion from the needs recorded so far. */
  suggestedTier: ServiceTier,
  version: z.number().int(),
  createdBy: Uuid,
  completedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Enrollments made when the intake was completed. */
  enrollmentIds: z.array(Uuid),
});
export type IntakeResponse = z.infer<typeof IntakeResponse>;

export const IntakeQuery = z.strictObject({
  status: z.enum(['in_progress', 'completed', 'abandoned']).optional(),
  /** Only intakes I started. */
  mine: z.enum(['true', 'false']).optional(),
  limit: Limit,
  cursor: Cursor,
});

export const IntakeSummary = z.object({
  id: Uuid,
  status: z.enum(['in_progress', 'completed', 'abandoned']),
  step: IntakeStep,
  /** Names of the people in the intake that the caller may see. */
  people: z.array(z.object({ id: Uuid, givenName: z.string(), familyName: z.string() })),
  createdBy: Uuid,
  updatedAt: IsoDateTime,
});
export const IntakePage = z.object({ items: z.array(IntakeSummary), nextCursor: z.string().nullable() });

export const ClientEligibilityQuery = z.strictObject({
  programId: Uuid.optional(),
  asOf: CalendarDate.optional(),
  /** Facts the record does not hold (see IntakeExtraFacts), as given at intake. */
  communityEntryDate: PastDate.optional(),
  traffickingCertificationDate: PastDate.optional(),
  sivAdjustedInUs: z.enum(['true', 'false']).optional(),
});

export const ProgramEligibility = z.object({
  programId: Uuid,
  programName: z.string(),
  evaluation: EligibilityEvaluation,
  /** An approved exception for this client and program lets them enroll anyway. */
  approvedExceptionId: Uuid.nullable(),
  pendingExceptionId: Uuid.nullable(),
});
export const ClientEligibilityResponse = z.object({ items: z.array(ProgramEligibility) });

export const EnrollmentResponse = z.object({
  id: Uuid,
  clientId: Uuid,
  programId: Uuid,
  programName: z.string(),
  intakeId: Uuid.nullable(),
  serviceTier: ServiceTier,
  tierReason: z.string(),
  enrolledOn: z.string(),
  status: z.enum(['active', 'exited']),
  exitedOn: z.string().nullable(),
  exitReason: z.string().nullable(),
  eligibility: EligibilityEvaluation,
  exceptionRequestId: Uuid.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type EnrollmentResponse = z.infer<typeof EnrollmentResponse>;

export const EnrollmentQuery = z.strictObject({
  clientId: Uuid.optional(),
  programId: Uuid.optional(),
  status: z.enum(['active', 'exited']).optional(),
  limit: Limit,
  cursor: Cursor,
});
export const EnrollmentPage = z.object({ items: z.array(EnrollmentResponse), nextCursor: z.string().nullable() });

export const CreateEnrollmentRequest = z.strictObject({
  clientId: Uuid,
  programId: Uuid,
  serviceTier: ServiceTier,
  tierReason: Reason,
  enrolledOn: PastDate.optional(),
});

export const UpdateEnrollmentRequest = z.strictObject({
  version: z.number().int().min(1),
  serviceTier: ServiceTier.optional(),
  tierReason: Reason.optional(),
  /** Ends the enrollment on this date, with the reason. */
  exitedOn: PastDate.optional(),
  exitReason: Reason.optional(),
});

export const CreateExceptionRequest = z.strictObject({
  clientId: Uuid,
  programId: Uuid,
  reason: z
    .string()
    .trim()
    .min(10, { error: 'Write the reason for the exception' })
    .max(2000, { error: 'Use at most 2000 characters' }),
});

export const DecideExceptionRequest = z.strictObject({
  decision: z.enum(['approved', 'denied']),
  note: z.string().trim().min(3, { error: 'Write the reason for the decision' }).max(2000, { error: 'Use at most 2000 characters' }),
});

export const ExceptionRequestResponse = z.object({
  id: Uuid,
  kind: z.literal('eligibility_override'),
  clientId: Uuid,
  clientName: z.string(),
  programId: Uuid.nullable(),
  programName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'denied']),
  requestedBy: Uuid,
  decidedBy: Uuid.nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const ExceptionRequestQuery = z.strictObject({
  status: z.enum(['requested', 'approved', 'denied']).optional(),
  clientId: Uuid.optional(),
  limit: Limit,
  cursor: Cursor,
});
export const ExceptionRequestPage = z.object({ items: z.array(ExceptionRequestResponse), nextCursor: z.string().nullable() });
