import { z } from 'zod';
import { CalendarDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Locale, Uuid } from './common.js';

/**
 * The self-sufficiency / service plan (issue 4): SMART goals — specific (what), measurable
 * (measure, target), time-bound (due date) — each linked to an assessed domain, with steps, the
 * barriers and strategies, the strengths to build on, and budget lines. One record holds the whole
 * plan and its `version` guards it: two people editing the same plan never overwrite each other.
 */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export const STEP_OWNER_KINDS = ['client', 'case_manager', 'other'] as const;

export const PLAN_MESSAGES = {
  goalBeforeStart: "A goal can't be due before the plan starts",
  stepAfterGoal: "A step can't be due after its goal",
  reviewBeforeStart: "The review date can't be before the plan starts",
  assessmentRequired: 'Record an assessment before planning',
  unknownDomain: 'Choose a domain of the newest assessment',
  stale: 'This plan was changed by someone else. Reload to see their changes.',
  notDraft: 'Only a draft plan can be changed',
  notSubmitted: 'Only a submitted plan can be approved or returned',
  ownDecision: 'Someone other than the person who submitted the plan must decide on it',
  returnNote: 'Say what needs to change',
  noGoals: 'Add at least one goal before submitting',
  ownerName: 'Name who does this step',
} as const;

const Required = (max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, { error: empty })
    .max(max, { error: `Use at most ${max} characters` });
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters` })
    .optional()
    .transform((value) => (value ? value : undefined));
const DomainKey = z.string().trim().min(1, { error: 'Choose a domain' }).max(40);

export const PlanStep = z
  .strictObject({
    id: Uuid.optional(),
    what: Required(500, 'Say what will be done'),
    ownerKind: z.enum(STEP_OWNER_KINDS),
    ownerName: Optional(200),
    dueOn: CalendarDate,
    doneOn: CalendarDate.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.ownerKind === 'other' && !step.ownerName) {
      ctx.addIssue({ code: 'custom', path: ['ownerName'], message: PLAN_MESSAGES.ownerName });
    }
  });

export const PlanGoal = z.strictObject({
  id: Uuid.optional(),
  what: Required(500, 'Say what the goal is'),
  measure: Required(500, 'Say how progress is measured'),
  target: Required(200, 'Say what counts as reaching the goal'),
  dueOn: CalendarDate,
  domain: DomainKey,
  barrier: Optional(500),
  status: z.enum(GOAL_STATUSES),
  steps: z.array(PlanStep).max(30),
});

export const PlanBarrier = z.strictObject({
  barrier: Required(500, 'Describe the barrier'),
  strategy: Required(1000, 'Say how the barrier will be addressed'),
  domain: DomainKey.optional(),
});

export const PlanStrength = z.strictObject({
  strength: Required(500, 'Describe the strength'),
  buildOn: Required(1000, 'Say how the plan builds on it'),
  domain: DomainKey.optional(),
});

export const PlanBudgetLine = z.strictObject({
  item: Required(200, 'Name the item'),
  fundingSource: Required(200, 'Name the funding source'),
  amountCents: z.int({ error: 'Enter an amount in cents' }).min(0, { error: 'The amount cannot be negative' }).max(100_000_000),
});

export const CreatePlanRequest = z.strictObject({
  /** Leave out for today (in the organization's time zone). */
  startsOn: CalendarDate.optional(),
});
export type CreatePlanRequest = z.infer<typeof CreatePlanRequest>;

export const UpdatePlanRequest = z
  .strictObject({
    startsOn: CalendarDate,
    reviewOn: CalendarDate.optional(),
    goals: z.array(PlanGoal).max(30),
    barriers: z.array(PlanBarrier).max(30),
    strengths: z.array(PlanStrength).max(30),
    budget: z.array(PlanBudgetLine).max(50),
    version: z.int().min(1),
  })
  .superRefine((plan, ctx) => {
    if (plan.reviewOn !== undefined && plan.reviewOn < plan.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['reviewOn'], message: PLAN_MESSAGES.reviewBeforeStart });
    }
    plan.goals.forEach((goal, g) => {
      if (goal.dueOn < plan.startsOn) {
        ctx.addIssue({ code: 'custom', path: ['goals', g, 'dueOn'], message: PLAN_MESSAGES.goalBeforeStart });
      }
      goal.steps.forEach((step, s) => {
        if (step.dueOn > goal.dueOn) {
          ctx.addIssue({ code: 'custom', path: ['goals', g, 'steps', s, 'dueOn'], message: PLAN_MESSAGES.stepAfterGoal });
        }
      });
    });
  });
export type UpdatePlanRequest = z.output<typeof UpdatePlanRequest>;
export type UpdatePlanInput = z.input<typeof UpdatePlanRequest>;

export const SubmitPlanRequest = z.strictObject({ version: z.int().min(1) });
export type SubmitPlanRequest = z.infer<typeof SubmitPlanRequest>;

export const PlanDecisionRequest = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    note: Optional(2000),
    version: z.int().min(1),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'return' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: PLAN_MESSAGES.returnNote });
    }
  });
export type PlanDecisionRequest = z.output<typeof PlanDecisionRequest>;

export const PlanParams = z.strictObject({ id: Uuid, planId: Uuid });
export const PlanListQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export type PlanListQuery = z.infer<typeof PlanListQuery>;

const StepResponse = z.object({
  id: Uuid,
  what: z.string(),
  ownerKind: z.enum(STEP_OWNER_KINDS),
  ownerName: z.string().optional(),
  dueOn: z.string(),
  doneOn: z.string().optional(),
});
const GoalResponse = z.object({
  id: Uuid,
  what: z.string(),
  measure: z.string(),
  target: z.string(),
  dueOn: z.string(),
  domain: z.string(),
  barrier: z.string().optional(),
  status: z.enum(GOAL_STATUSES),
  steps: z.array(StepResponse),
});

export const PlanResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  status: z.enum(PLAN_STATUSES),
  startsOn: z.string(),
  reviewOn: z.string().nullable(),
  goals: z.array(GoalResponse),
  barriers: z.array(z.object({ barrier: z.string(), strategy: z.string(), domain: z.string().optional() })),
  strengths: z.array(z.object({ strength: z.string(), buildOn: z.string(), domain: z.string().optional() })),
  budget: z.array(z.object({ item: z.string(), fundingSource: z.string(), amountCents: z.int() })),
  submittedBy: Uuid.nullable(),
  submittedAt: IsoDateTime.nullable(),
  approvedBy: Uuid.nullable(),
  approvedAt: IsoDateTime.nullable(),
  /** The supervisor's note when the plan was last sent back to draft. */
  returnNote: z.string().nullable(),
  createdBy: Uuid,
  version: z.int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const PlanList = z.object({ items: z.array(PlanResponse), nextCursor: z.string().nullable() });
export type PlanList = z.infer<typeof PlanList>;

/** What the printed plan is filled with besides the plan itself. */
export const PlanPrintContext = z.object({
  organizationName: z.string(),
  programName: z.string(),
  caseReference: z.string(),
  clientName: z.string(),
  caseManagerName: z.string(),
  /** The client's preferred language when Haven prints in it, else null (the reader chooses). */
  clientLanguage: Locale.nullable(),
  domains: z.array(z.object({ key: z.string(), label: z.string() })),
});
export type PlanPrintContext = z.infer<typeof PlanPrintContext>;
