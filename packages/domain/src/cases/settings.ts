import { z } from 'zod';

/**
 * How a program runs its cases, as data on the program (programs.case_settings). Null fields
 * take the defaults below: intensive case management practice (seed 004) — at least one
 * meaningful interaction per calendar month, and employment checkpoints 90, 180 and 240 days
 * after eligibility (seed 003's 240-day employment status).
 */
export const ContactRule = z.strictObject({
  /** At least this many meaningful interactions in each period. */
  minimum: z.int().min(1).max(31),
  period: z.enum(['calendar_month', 'week']),
});
export type ContactRule = z.infer<typeof ContactRule>;

export const Checkpoint = z.strictObject({
  days: z.int().min(1).max(3650),
  /** Counted from the client's eligibility date (first arrival) or from the case's opening. */
  from: z.enum(['eligibility', 'case_opened']),
  title: z.string().trim().min(1).max(120),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

export const REVIEW_CHECKLIST_DEFAULT = [
  'intake',
  'eligibility',
  'rights_and_responsibilities',
  'assessment',
  'plan',
  'notes',
  'services_financial',
  'closure',
] as const;

export const ProgramCaseSettings = z.strictObject({
  contactRule: ContactRule,
  checkpoints: z.array(Checkpoint).max(20),
  planApprovalRequired: z.boolean(),
  closureApprovalRequired: z.boolean(),
  /** Disbursements above this amount (in cents) need a supervisor's approval. */
  disbursementApprovalThresholdCents: z.int().min(0).max(100_000_000),
  /** The case file review checklist: items of the documentation chain, as keys or free text. */
  reviewChecklist: z.array(z.string().trim().min(1).max(120)).min(1).max(40),
});
export type ProgramCaseSettings = z.infer<typeof ProgramCaseSettings>;

export const DEFAULT_CASE_SETTINGS: ProgramCaseSettings = {
  contactRule: { minimum: 1, period: 'calendar_month' },
  checkpoints: [
    { days: 90, from: 'eligibility', title: 'Employment status at 90 days' },
    { days: 180, from: 'eligibility', title: 'Employment status at 180 days' },
    { days: 240, from: 'eligibility', title: 'Employment status at 240 days' },
  ],
  planApprovalRequired: true,
  closureApprovalRequired: true,
  disbursementApprovalThresholdCents: 50_000,
  reviewChecklist: [...REVIEW_CHECKLIST_DEFAULT],
};

/** A program's settings with the defaults filled in. */
export function effectiveCaseSettings(stored: Partial<ProgramCaseSettings> | null | undefined): ProgramCaseSettings {
  return { ...DEFAULT_CASE_SETTINGS, ...(stored ?? {}) };
}
