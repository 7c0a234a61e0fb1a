import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.js';
import { PastDate } from './client.js';

/**
 * Risk flags (issue 4, safety): each needs a safety plan on record before it is resolved, and a
 * suspicion of child abuse or neglect also a record of the mandatory report to the child
 * protection agency (every US state makes case workers mandated reporters).
 */
export const RISK_FLAG_KINDS = ['suicidal_ideation', 'family_violence', 'child_abuse_neglect'] as const;
export const RiskFlagKind = z.enum(RISK_FLAG_KINDS);
export type RiskFlagKind = z.infer<typeof RiskFlagKind>;

export const RISK_FLAG_MESSAGES = {
  safetyPlanRequired: 'Record the safety plan before resolving this flag',
  mandatoryReportRequired: 'Record the mandatory report before resolving this flag',
  mandatoryReportOnlyForChildAbuse: 'A mandatory report is recorded only for child abuse or neglect',
  resolved: 'This flag is already resolved',
} as const;

const Text = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `Use at most ${max} characters` });

export const RaiseRiskFlagRequest = z.strictObject({
  kind: RiskFlagKind,
  raisedOn: PastDate,
  description: Text(4000, 'Describe what was observed or said'),
});
export type RaiseRiskFlagRequest = z.infer<typeof RaiseRiskFlagRequest>;

export const SafetyPlanRecord = z.strictObject({
  summary: Text(4000, 'Summarize the safety plan'),
  recordedOn: PastDate,
});

export const MandatoryReportRecord = z.strictObject({
  reportedBy: Text(200, 'Enter who made the report'),
  reportedOn: PastDate,
  agency: Text(200, 'Enter the agency the report was made to'),
  reference: Text(100, 'Enter the report reference'),
});

export const UpdateRiskFlagRequest = z.strictObject({
  safetyPlan: SafetyPlanRecord.optional(),
  mandatoryReport: MandatoryReportRecord.optional(),
  version: z.int().min(1),
});
export type UpdateRiskFlagRequest = z.infer<typeof UpdateRiskFlagRequest>;

export const ResolveRiskFlagRequest = z.strictObject({
  note: Text(2000, 'Say why the risk is resolved'),
});
export type ResolveRiskFlagRequest = z.infer<typeof ResolveRiskFlagRequest>;

export const RiskFlagParams = z.strictObject({ id: Uuid, flagId: Uuid });

export type RiskFlagRequirement = 'safetyPlan' | 'mandatoryReport';

/** What a flag still needs on record before it can be resolved. */
export function riskFlagRequirements(flag: { kind: RiskFlagKind; safetyPlan: unknown; mandatoryReport: unknown }): RiskFlagRequirement[] {
  const missing: RiskFlagRequirement[] = [];
  if (!flag.safetyPlan) {
    missing.push('safetyPlan');
  }
  if (flag.kind === 'child_abuse_neglect' && !flag.mandatoryReport) {
    missing.push('mandatoryReport');
  }
  return missing;
}

const Person = z.object({ id: Uuid, name: z.string() });

export const RiskFlagResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  kind: RiskFlagKind,
  raisedOn: z.string(),
  description: z.string(),
  status: z.enum(['open', 'resolved']),
  safetyPlan: z.object({ summary: z.string(), recordedOn: z.string(), recordedBy: Person }).nullable(),
  mandatoryReport: z.object({ reportedBy: z.string(), reportedOn: z.string(), agency: z.string(), reference: z.string() }).nullable(),
  raisedBy: Person,
  resolvedBy: Person.nullable(),
  resolvedAt: IsoDateTime.nullable(),
  resolutionNote: z.string().nullable(),
  /** Records still missing before it can be resolved (empty once resolved). */
  required: z.array(z.enum(['safetyPlan', 'mandatoryReport'])),
  version: z.int(),
  createdAt: IsoDateTime,
});
export type RiskFlagResponse = z.infer<typeof RiskFlagResponse>;

export const RiskFlagList = z.object({ items: z.array(RiskFlagResponse) });
export type RiskFlagList = z.infer<typeof RiskFlagList>;
