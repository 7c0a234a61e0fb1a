import { z } from 'zod';
import { CASE_STAGES, CASE_STATUSES } from '../cases/stages.js';
import { CalendarDate, PastDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * Cases: a client's (or household's) enrollment in a program, worked by a primary case manager
 * under a supervisor through the six stages (seed 003), closed with a reason, the closing
 * checklist and a summary, and reopened with a reason.
 */

export const CaseStageSchema = z.enum(CASE_STAGES);
export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const CASE_CLOSURE_REASONS = ['goals_met', 'self_sufficient', 'moved', 'declined', 'lost_contact', 'transferred', 'deceased', 'other'] as const;
export const CaseClosureReason = z.enum(CASE_CLOSURE_REASONS);
export type CaseClosureReason = z.infer<typeof CaseClosureReason>;

/**
 * What must be done before a case closes (seed 003: the closure step of the documentation chain).
 * Every item must be confirmed; the request names each one that is not.
 */
export const CLOSING_CHECKLIST = ['final_contact_documented', 'services_ended_or_referred', 'client_informed', 'financial_reconciled', 'file_complete'] as const;
export type ClosingChecklistItem = (typeof CLOSING_CHECKLIST)[number];

export const CASE_MESSAGES = {
  enrollmentNotFound: 'Choose an active enrollment of a client you can see',
  enrollmentHasCase: 'This enrollment already has a case',
  caseManager: 'Choose an active member who works cases',
  supervisor: 'Choose an active member who supervises cases',
  openedInFuture: 'The opening date cannot be in the future',
  closedInFuture: 'The closing date cannot be in the future',
  closedBeforeOpened: 'The closing date is before the case was opened',
  checklistItem: 'Confirm this before closing the case',
  reasonDetail: 'Say why the case is closing',
  returnNote: 'Say what needs to change before the case can close',
  ownClosure: 'Another supervisor must approve your own closure request',
  notPending: 'This case is not waiting for a closure decision',
  alreadyPending: 'This case is already waiting for a closure decision',
  notClosed: 'Only a closed case can be reopened',
  transferTarget: 'Choose an active member who works cases',
  transferSame: 'This person is already the primary case manager',
  transferNotAllowed: 'Only a supervisor or the primary case manager can transfer this case',
  householdNotClients: 'Choose a household this client belongs to',
  transferProtected: 'This client is protected: only a supervisor can give another case manager access. Ask a supervisor to transfer this case',
  caseManagerFilter: 'You can only list your own cases',
  stale: 'This case was changed by someone else; reload it and try again',
} as const;

export const CreateCaseRequest = z.strictObject({
  enrollmentId: Uuid,
  /** A household case: the household the enrolled client heads or belongs to. */
  householdId: Uuid.optional(),
  /** Defaults to the caller. */
  primaryCaseManagerId: Uuid.optional(),
  supervisorId: Uuid.optional(),
  /** Defaults to today in the organization's time zone; never in the future. */
  openedOn: PastDate.optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const CASE_LIST_STATUSES = ['open', 'closure_pending', 'closed', 'all'] as const;
export const CASELOAD_SCOPES = ['mine', 'supervised', 'all'] as const;
export const CaseListQuery = z.strictObject({
  /**
   * mine (the default): cases you are the primary case manager of; supervised: cases you
   * supervise; all: every case you may read (needs case.read_all).
   */
  scope: z.enum(CASELOAD_SCOPES).optional(),
  /** One case manager's caseload; another person's needs case.read_all. */
  caseManagerId: Uuid.optional(),
  programId: Uuid.optional(),
  /** open (the default) lists cases still being worked, closure_pending included. */
  status: z.enum(CASE_LIST_STATUSES).optional(),
  stage: CaseStageSchema.optional(),
  /** The cases of one client (the client page): every case manager's, as far as the caller may see. */
  clientId: Uuid.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const PersonRef = z.object({ id: Uuid, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const CaseListItem = z.object({
  id: Uuid,
  reference: z.string(),
  client: PersonRef,
  program: z.object({ id: Uuid, name: z.string() }),
  stage: CaseStageSchema,
  status: CaseStatusSchema,
  primaryCaseManager: PersonRef,
  supervisor: PersonRef.nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  lastMeaningfulContactOn: z.string().nullable(),
  /** Days from the last meaningful contact (or the opening, when none) to today. */
  daysSinceContact: z.int(),
  /** The earliest open task of the case. */
  nextDue: z.object({ title: z.string(), dueOn: z.string() }).nullable(),
  /** The program's contact rule is not met yet in the current period. */
  contactDue: z.boolean(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;
export const CasePage = z.object({ items: z.array(CaseListItem), nextCursor: z.string().nullable() });
export type CasePage = z.infer<typeof CasePage>;

export const CaseClosure = z.object({
  reason: CaseClosureReason,
  reasonDetail: z.string().nullable(),
  checklist: z.record(z.string(), z.boolean()),
  summary: z.string(),
  closedOn: z.string(),
  requestedBy: PersonRef.nullable(),
  requestedAt: IsoDateTime,
  decidedBy: PersonRef.nullable(),
  decidedAt: IsoDateTime.nullable(),
  decisionNote: z.string().nullable(),
});
export type CaseClosure = z.infer<typeof CaseClosure>;

export const CaseResponse = z.object({
  id: Uuid,
  reference: z.string(),
  client: z.object({ id: Uuid, name: z.string(), preferredLanguage: z.string().nullable() }),
  program: z.object({ id: Uuid, name: z.string() }),
  enrollmentId: Uuid,
  householdId: Uuid.nullable(),
  stage: CaseStageSchema,
  status: CaseStatusSchema,
  primaryCaseManager: PersonRef,
  supervisor: PersonRef.nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** The closure in force or waiting for a decision; a reopened case keeps it in its timeline. */
  closure: CaseClosure.nullable(),
  lastMeaningfulContactOn: z.string().nullable(),
  daysSinceContact: z.int(),
  /** What the stage guard knows about the file. */
  facts: z.object({ assessmentCount: z.int(), planInForce: z.boolean() }),
  /** Stages the guard accepts a move to now. */
  allowedMoves: z.array(CaseStageSchema),
  /** What the caller may do with this case. */
  capabilities: z.object({
    canManage: z.boolean(),
    canSupervise: z.boolean(),
    canTransfer: z.boolean(),
    /** A supervisor who did not request the pending closure. */
    canDecideClosure: z.boolean(),
  }),
  version: z.int(),
  createdAt: IsoDateTime,
});
export type CaseResponse = z.infer<typeof CaseResponse>;

const Version = z.int().min(1);

export const MoveCaseStageRequest = z.strictObject({ stage: CaseStageSchema, version: Version });
export type MoveCaseStageRequest = z.infer<typeof MoveCaseStageRequest>;

export const TransferCaseRequest = z.strictObject({
  toCaseManagerId: Uuid,
  /** What the next case manager must know: open goals, risks, promises made. */
  handOffNote: z
    .string()
    .trim()
    .min(10, { error: 'Write at least 10 characters for the next case manager' })
    .max(4000, { error: 'Use at most 4000 characters' }),
  version: Version,
});
export type TransferCaseRequest = z.infer<typeof TransferCaseRequest>;

const checklistShape = Object.fromEntries(
  CLOSING_CHECKLIST.map((key) => [key, z.boolean({ error: CASE_MESSAGES.checklistItem }).refine((done) => done, { error: CASE_MESSAGES.checklistItem })]),
) as Record<ClosingChecklistItem, z.ZodBoolean>;

export const ClosingChecklist = z.strictObject(checklistShape);

export const RequestCaseClosureRequest = z
  .strictObject({
    reason: CaseClosureReason,
    reasonDetail: z.string().trim().max(500, { error: 'Use at most 500 characters' }).optional(),
    checklist: ClosingChecklist,
    summary: z.string().trim().min(1, { error: 'Summarize the case and how it ends' }).max(4000, { error: 'Use at most 4000 characters' }),
    closedOn: CalendarDate,
    version: Version,
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'other' && !value.reasonDetail) {
      ctx.addIssue({ code: 'custom', path: ['reasonDetail'], message: CASE_MESSAGES.reasonDetail });
    }
  });
export type RequestCaseClosureRequest = z.infer<typeof RequestCaseClosureRequest>;

export const DecideCaseClosureRequest = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    note: z.string().trim().max(4000, { error: 'Use at most 4000 characters' }).optional(),
    version: Version,
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'return' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: CASE_MESSAGES.returnNote });
    }
  });
export type DecideCaseClosureRequest = z.infer<typeof DecideCaseClosureRequest>;

export const ReopenCaseRequest = z.strictObject({
  reason: z.string().trim().min(1, { error: 'Say why the case is reopened' }).max(2000, { error: 'Use at most 2000 characters' }),
  version: Version,
});
export type ReopenCaseRequest = z.infer<typeof ReopenCaseRequest>;

export const CaseTimelineQuery = z.strictObject({ limit: Limit, cursor: Cursor });

export const TimelineNote = z.object({
  id: Uuid,
  contactOn: z.string(),
  contactType: z.string(),
  meaningful: z.boolean(),
  narrative: z.string(),
  status: z.enum(['draft', 'signed']),
  signedBy: PersonRef.nullable(),
  signedAt: IsoDateTime.nullable(),
  addenda: z.array(z.object({ id: Uuid, text: z.string(), author: PersonRef.nullable(), createdAt: IsoDateTime })),
});

export const CaseTimelineEntry = z.object({
  id: Uuid,
  /** A case event kind (opened, stage_changed, transferred, closure_requested …) or `note`. */
  kind: z.string(),
  at: IsoDateTime,
  actor: PersonRef.nullable(),
  /** Event details (from/to stage, hand-off note, closure reason …); null for notes. */
  data: z.record(z.string(), z.unknown()).nullable(),
  note: TimelineNote.nullable(),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntry>;
export const CaseTimelinePage = z.object({ items: z.array(CaseTimelineEntry), nextCursor: z.string().nullable() });
export type CaseTimelinePage = z.infer<typeof CaseTimelinePage>;

/** Who may be given cases (case.manage) and who may supervise them (case.supervise): for pickers. */
export const CaseStaffResponse = z.object({ caseManagers: z.array(PersonRef), supervisors: z.array(PersonRef) });
export type CaseStaffResponse = z.infer<typeof CaseStaffResponse>;
