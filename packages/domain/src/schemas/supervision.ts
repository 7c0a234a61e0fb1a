import { z } from 'zod';
import { Uuid } from './common.js';

/**
 * The supervisor dashboard: what an intensive case management supervisor checks every morning —
 * the team's caseloads, contacts overdue under the program's monthly contact rule, what waits for
 * their approval, open risk flags and plans past due.
 */
export const SUPERVISION_SCOPES = ['team', 'all'] as const;

export const SupervisionDashboardQuery = z.strictObject({
  programId: Uuid.optional(),
  /** team: the cases one supervises; all: every case one may read (default: team for supervisors). */
  scope: z.enum(SUPERVISION_SCOPES).optional(),
});
export type SupervisionDashboardQuery = z.infer<typeof SupervisionDashboardQuery>;

/** How many rows each list of the dashboard shows; the counts are always complete. */
export const DASHBOARD_LIST_LIMIT = 50;
export const DASHBOARD_APPROVALS_LIMIT = 20;

const CaseRef = {
  caseId: Uuid,
  caseReference: z.string(),
  clientName: z.string(),
};

export const TeamCaseload = z.object({
  caseManagerId: Uuid,
  caseManagerName: z.string(),
  openCases: z.number().int(),
  /** Open cases with no meaningful contact yet in the current period. */
  contactDue: z.number().int(),
  /** Open tasks on these cases past their due date. */
  overdueTasks: z.number().int(),
});
export type TeamCaseload = z.infer<typeof TeamCaseload>;

export const OverdueContact = z.object({
  ...CaseRef,
  caseManagerId: Uuid,
  caseManagerName: z.string(),
  lastContactOn: z.string().nullable(),
  openedOn: z.string(),
});
export type OverdueContact = z.infer<typeof OverdueContact>;

export const PendingApproval = z.object({
  ...CaseRef,
  /** The plan or disbursement waiting (the case itself for a closure). */
  id: Uuid,
  since: z.string(),
  amountCents: z.number().int().nullable(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export const OpenRiskFlag = z.object({
  ...CaseRef,
  id: Uuid,
  kind: z.enum(['suicidal_ideation', 'family_violence', 'child_abuse_neglect']),
  raisedOn: z.string(),
  safetyPlanMissing: z.boolean(),
  mandatoryReportMissing: z.boolean(),
});
export type OpenRiskFlag = z.infer<typeof OpenRiskFlag>;

export const PlanPastDue = z.object({
  ...CaseRef,
  planId: Uuid,
  reviewOn: z.string().nullable(),
  /** The earliest due date of a goal still open and past due, if any. */
  goalDueOn: z.string().nullable(),
});
export type PlanPastDue = z.infer<typeof PlanPastDue>;

const counted = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

export const SupervisionDashboard = z.object({
  asOf: z.string(),
  scope: z.enum(SUPERVISION_SCOPES),
  /** The first day of the period a contact must now fall in (the current calendar month). */
  periodStart: z.string(),
  caseloads: z.array(TeamCaseload),
  overdueContacts: counted(OverdueContact),
  approvals: z.object({
    plans: counted(PendingApproval),
    closures: counted(PendingApproval),
    disbursements: counted(PendingApproval),
  }),
  riskFlags: counted(OpenRiskFlag),
  plansPastDue: counted(PlanPastDue),
});
export type SupervisionDashboard = z.infer<typeof SupervisionDashboard>;
