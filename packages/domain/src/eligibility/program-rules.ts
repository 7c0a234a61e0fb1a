import { z } from 'zod';
import { OrrPopulation } from './orr-populations.js';

/**
 * Eligibility rules a program declares, as plain JSON data (the server stores them in a jsonb
 * column; admins will edit them). A person is eligible when every rule passes. Each rule is
 * evaluated by evaluateEligibility() in evaluate.ts.
 */

/** The person belongs to an ORR-eligible population (any of them, or only those listed). */
export const OrrPopulationRule = z.strictObject({
  kind: z.literal('orr_population'),
  populations: z.array(OrrPopulation).min(1).optional(),
});

export const ELIGIBILITY_WINDOWS = ['reception_and_placement', 'preferred_communities', 'rca_rma', 'matching_grant_enrollment'] as const;
export const EligibilityWindow = z.enum(ELIGIBILITY_WINDOWS);
export type EligibilityWindow = z.infer<typeof EligibilityWindow>;

/**
 * The evaluation date falls inside a window counted from the ORR eligibility date (RULES.md:
 * RCA_RMA_LAST_DAY, PREFERRED_COMMUNITIES_LAST_DAY, MATCHING_GRANT_ENROLL_BY). `countingMode`
 * applies to RCA/RMA only: `exact-date` (the default) or `calendar-month`, as the state counts.
 */
export const WindowRule = z
  .strictObject({
    kind: z.literal('window'),
    window: EligibilityWindow,
    countingMode: z.enum(['exact-date', 'calendar-month']).optional(),
  })
  .refine((rule) => rule.countingMode === undefined || rule.window === 'rca_rma', {
    error: 'A counting mode applies only to the RCA/RMA window',
    path: ['countingMode'],
  });

/** Age in whole years on the evaluation date, both limits inclusive. */
export const AgeRule = z
  .strictObject({
    kind: z.literal('age'),
    min: z.int().min(0).max(130).optional(),
    max: z.int().min(0).max(130).optional(),
    citation: z.string().trim().min(1).max(300).optional(),
  })
  .refine((rule) => rule.min !== undefined || rule.max !== undefined, { error: 'Give a minimum or a maximum age' })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, {
    error: 'The minimum age must not be above the maximum',
    path: ['max'],
  });

/** Open to everyone (the community orientation and referrals tier, legal services). */
export const EveryoneRule = z.strictObject({ kind: z.literal('everyone') });

export const EligibilityRule = z.discriminatedUnion('kind', [OrrPopulationRule, WindowRule, AgeRule, EveryoneRule]);
export type EligibilityRule = z.infer<typeof EligibilityRule>;
export type EligibilityRuleKind = EligibilityRule['kind'];

/** An empty list is refused: a program open to all says so with `{ kind: 'everyone' }`. */
export const ProgramEligibilityRules = z.strictObject({
  rules: z.array(EligibilityRule).min(1, { error: 'Add at least one rule' }).max(20),
});
export type ProgramEligibilityRules = z.infer<typeof ProgramEligibilityRules>;

/** Program codes of the demo organization (apps/server/src/ops/seed-demo.ts). */
export type DemoProgramCode = 'RP' | 'ICM' | 'MG' | 'LEGAL';

export const EVERYONE_ELIGIBLE: ProgramEligibilityRules = { rules: [{ kind: 'everyone' }] };

/**
 * Starting rule sets for the demo programs; an organization can change them.
 * - RP (Reception & Placement): refugees and SIVs, within 90 days of the ORR eligibility date,
 *   which for both is the arrival date. Simplified: R&P is a State Department program for new
 *   arrivals, so an SIV who adjusted inside the US should not get it (a supervisor override).
 * - ICM (Intensive Case Management, funded as Preferred Communities): ORR-eligible and within
 *   five years of the eligibility date.
 * - MG (Matching Grant): ORR-eligible, enrolled within 31 days of the eligibility date, aged
 *   18–64. The age limit is our reading of "employable adult"; ORR guidelines enroll whole
 *   cases with at least one employable adult, so dependants may need an override. Unverified.
 * - LEGAL: everyone.
 */
export const DEFAULT_PROGRAM_ELIGIBILITY_RULES: Readonly<Record<DemoProgramCode, ProgramEligibilityRules>> = {
  RP: {
    rules: [
      { kind: 'orr_population', populations: ['refugee', 'siv'] },
      { kind: 'window', window: 'reception_and_placement' },
    ],
  },
  ICM: {
    rules: [{ kind: 'orr_population' }, { kind: 'window', window: 'preferred_communities' }],
  },
  MG: {
    rules: [
      { kind: 'orr_population' },
      { kind: 'window', window: 'matching_grant_enrollment' },
      { kind: 'age', min: 18, max: 64, citation: 'ORR Matching Grant Program guidelines (employable adults)' },
    ],
  },
  LEGAL: EVERYONE_ELIGIBLE,
};

/** The default rule set for a program code, or undefined when there is none to suggest. */
export function defaultEligibilityRulesFor(programCode: string): ProgramEligibilityRules | undefined {
  return Object.hasOwn(DEFAULT_PROGRAM_ELIGIBILITY_RULES, programCode)
    ? DEFAULT_PROGRAM_ELIGIBILITY_RULES[programCode as DemoProgramCode]
    : undefined;
}
