import { z } from 'zod';
import { CalendarDate, PastDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * Case file reviews: a supervisor walks the case file against the program's checklist (by default
 * seed 003's documentation chain: intake, eligibility, rights and responsibilities, assessment,
 * plan, notes, services/financial, closure). Every item not met is a finding, and every finding
 * becomes a task for the case's primary case manager.
 */
export const REVIEW_RESULTS = ['met', 'not_met', 'not_applicable'] as const;
export const ReviewResult = z.enum(REVIEW_RESULTS);
export type ReviewResult = z.infer<typeof ReviewResult>;

/** Days a finding's task is given when the reviewer sets no due date. */
export const REVIEW_FINDING_DUE_DAYS = 14;

export const REVIEW_MESSAGES = {
  unknownItem: 'This item is not on the program’s review checklist',
  itemTwice: 'This checklist item is listed twice',
  itemMissing: 'Every checklist item needs a result',
  findingRequired: 'Describe what is missing or needs correcting',
  dueBeforeReview: 'The task cannot be due before the review date',
  futureReview: 'The review date cannot be in the future',
} as const;

export const CaseReviewItemInput = z
  .strictObject({
    item: z.string().trim().min(1, { error: 'Choose the checklist item' }).max(120),
    result: ReviewResult,
    finding: z.string().trim().max(2000, { error: 'Use at most 2000 characters' }).optional(),
    /** When the finding's task is due (default: 14 days after the review). */
    dueOn: CalendarDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.result === 'not_met' && !value.finding) {
      ctx.addIssue({ code: 'custom', path: ['finding'], message: REVIEW_MESSAGES.findingRequired });
    }
  });
export type CaseReviewItemInput = z.infer<typeof CaseReviewItemInput>;

export const CreateCaseReviewRequest = z.strictObject({
  caseId: Uuid,
  reviewedOn: PastDate,
  items: z.array(CaseReviewItemInput).min(1, { error: REVIEW_MESSAGES.itemMissing }).max(40),
  summary: z.string().trim().max(4000, { error: 'Use at most 4000 characters' }).optional(),
});
export type CreateCaseReviewRequest = z.infer<typeof CreateCaseReviewRequest>;

export const CaseReviewItem = z.object({
  item: z.string(),
  result: ReviewResult,
  finding: z.string().nullable(),
  taskId: Uuid.nullable(),
});
export type CaseReviewItem = z.infer<typeof CaseReviewItem>;

export const CaseReviewResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  caseReference: z.string(),
  reviewerId: Uuid,
  reviewerName: z.string(),
  reviewedOn: z.string(),
  items: z.array(CaseReviewItem),
  summary: z.string().nullable(),
  findings: z.number().int(),
  createdAt: IsoDateTime,
});
export type CaseReviewResponse = z.infer<typeof CaseReviewResponse>;

export const CaseReviewListQuery = z.strictObject({
  caseId: Uuid.optional(),
  reviewerId: Uuid.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CaseReviewListQuery = z.infer<typeof CaseReviewListQuery>;

export const CaseReviewList = z.object({ items: z.array(CaseReviewResponse), nextCursor: z.string().nullable() });
export type CaseReviewList = z.infer<typeof CaseReviewList>;

/** The case to review, by id (from a link) or by the reference staff say aloud ("C-2026-0042"). */
export const CaseReviewChecklistQuery = z
  .strictObject({
    caseId: Uuid.optional(),
    reference: z.string().trim().min(1, { error: 'Enter the case reference' }).max(40, { error: 'Use at most 40 characters' }).optional(),
  })
  .refine((value) => Boolean(value.caseId ?? value.reference), { path: ['caseId'], error: 'Enter the case reference' });
export type CaseReviewChecklistQuery = z.infer<typeof CaseReviewChecklistQuery>;

/** The checklist a case is reviewed against (the program's, with the default filled in). */
export const CaseReviewChecklist = z.object({ caseId: Uuid, caseReference: z.string(), items: z.array(z.string()) });
export type CaseReviewChecklist = z.infer<typeof CaseReviewChecklist>;

/** How the default checklist's keys read; a program's own items are free text and read as written. */
export const REVIEW_ITEM_LABELS: Record<string, string> = {
  intake: 'Intake',
  eligibility: 'Eligibility',
  rights_and_responsibilities: 'Rights and responsibilities',
  assessment: 'Assessment',
  plan: 'Plan',
  notes: 'Case notes',
  services_financial: 'Services and financial assistance',
  closure: 'Closure',
};

export function reviewItemLabel(item: string): string {
  return REVIEW_ITEM_LABELS[item] ?? item;
}
