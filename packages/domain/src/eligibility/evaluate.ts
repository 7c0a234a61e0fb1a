import { z } from 'zod';
import { addDays, ageOn, type IsoDate, isIsoDate } from '../calendar/dates.js';
import { matchingGrantEnrollBy, preferredCommunitiesLastDay, rcaRmaLastDay, rcaRmaMonths } from '../rules/orr-windows.js';
import { type EligibilityFacts, knownDate } from './facts.js';
import { type OrrEligibility, orrEligibility, OrrPopulation, type OrrPopulation as OrrPopulationType } from './orr-populations.js';
import { type EligibilityRule, EligibilityWindow, type ProgramEligibilityRules } from './program-rules.js';
import {
  ELIGIBILITY_CITATIONS as CITE,
  ELIGIBILITY_REASON_CODES,
  type EligibilityFinding,
  type EligibilityOutcome,
  type EligibilityReasonCode,
  finding,
} from './reasons.js';

/**
 * Reception & Placement core services cover the first 90 days; the arrival day is day 1, as in
 * the five-year Preferred Communities window (date + period − 1 day).
 */
export const RECEPTION_AND_PLACEMENT_DAYS = 90;

const Outcome = z.enum(['eligible', 'ineligible', 'unknown']);
const ReasonCode = z.enum(ELIGIBILITY_REASON_CODES as [EligibilityReasonCode, ...EligibilityReasonCode[]]);

export const EligibilityFindingResponse = z.object({
  code: ReasonCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  reason: z.string(),
  citation: z.string(),
});

/** One rule's result, as the intake screen shows it: the outcome, why, and on what authority. */
export const EligibilityRuleResult = EligibilityFindingResponse.extend({
  ruleKind: z.enum(['orr_population', 'window', 'age', 'everyone']),
  window: EligibilityWindow.optional(),
  outcome: Outcome,
  /** True only for `eligible`: an unknown never counts as passing. */
  passed: z.boolean(),
  /** Last day of the window, when there is one. */
  windowEnd: z.string().optional(),
  needsReview: z.boolean(),
  notes: z.array(EligibilityFindingResponse),
});
export type EligibilityRuleResult = z.infer<typeof EligibilityRuleResult>;

export const EligibilityEvaluation = z.object({
  asOf: z.string(),
  outcome: Outcome,
  eligible: z.boolean(),
  needsReview: z.boolean(),
  results: z.array(EligibilityRuleResult),
  /** The person's ORR eligibility, for display whatever the program's rules. */
  orr: EligibilityFindingResponse.extend({
    outcome: Outcome,
    population: OrrPopulation.optional(),
    eligibilityDate: z.string().optional(),
  }),
});
export type EligibilityEvaluation = z.infer<typeof EligibilityEvaluation>;

type FactsInput = z.input<typeof EligibilityFacts>;

interface RuleContext {
  facts: FactsInput;
  asOf: IsoDate;
  /** ORR eligibility restricted to the populations the program's first population rule serves. */
  programOrr: OrrEligibility;
  orrFor: (populations: readonly OrrPopulationType[] | undefined) => OrrEligibility;
}

function result(
  ruleKind: EligibilityRuleResult['ruleKind'],
  outcome: EligibilityOutcome,
  found: EligibilityFinding,
  extra: Partial<Pick<EligibilityRuleResult, 'window' | 'windowEnd' | 'needsReview' | 'notes'>> = {},
): EligibilityRuleResult {
  return { ruleKind, outcome, passed: outcome === 'eligible', ...found, needsReview: false, notes: [], ...extra };
}

function plainFinding(f: EligibilityFinding): EligibilityFinding {
  return { code: f.code, params: f.params, reason: f.reason, citation: f.citation };
}

function evaluateOrrPopulation(populations: readonly OrrPopulationType[] | undefined, ctx: RuleContext): EligibilityRuleResult {
  const orr = ctx.orrFor(populations);
  const extra = { needsReview: orr.needsReview, notes: orr.notes.map(plainFinding) };
  if (orr.outcome === 'eligible' && orr.eligibilityDate && orr.eligibilityDate > ctx.asOf) {
    const found = finding('orr.not_yet', { eligibilityDate: orr.eligibilityDate, asOf: ctx.asOf }, orr.citation);
    return result('orr_population', 'ineligible', found, extra);
  }
  return result('orr_population', orr.outcome, plainFinding(orr), extra);
}

const WINDOWS: Record<EligibilityWindow, { citation: string; open: EligibilityReasonCode; closed: EligibilityReasonCode }> = {
  reception_and_placement: {
    citation: CITE.receptionAndPlacement,
    open: 'window.reception_and_placement.open',
    closed: 'window.reception_and_placement.closed',
  },
  preferred_communities: {
    citation: CITE.preferredCommunities,
    open: 'window.preferred_communities.open',
    closed: 'window.preferred_communities.closed',
  },
  rca_rma: { citation: CITE.rcaRma, open: 'window.rca_rma.open', closed: 'window.rca_rma.closed' },
  matching_grant_enrollment: { citation: CITE.matchingGrant, open: 'window.matching_grant.open', closed: 'window.matching_grant.closed' },
};

function evaluateWindow(rule: Extract<EligibilityRule, { kind: 'window' }>, ctx: RuleContext): EligibilityRuleResult {
  const { window } = rule;
  const spec = WINDOWS[window];
  const orr = ctx.programOrr;
  const base = { window, needsReview: orr.needsReview, notes: orr.notes.map(plainFinding) };
  const date = orr.eligibilityDate;
  if (orr.outcome === 'unknown') {
    return result('window', 'unknown', finding('window.orr_unknown', { window }, spec.citation), base);
  }
  if (orr.outcome !== 'eligible' || !date) {
    return result('window', 'ineligible', finding('window.no_orr_eligibility', { window }, spec.citation), base);
  }
  if (ctx.asOf < date) {
    return result('window', 'ineligible', finding('window.not_started', { window, eligibilityDate: date, asOf: ctx.asOf }, spec.citation), base);
  }
  let windowEnd: IsoDate;
  const params: Record<string, string | number> = { eligibilityDate: date, asOf: ctx.asOf };
  switch (window) {
    case 'reception_and_placement':
      windowEnd = addDays(date, RECEPTION_AND_PLACEMENT_DAYS - 1);
      params.days = RECEPTION_AND_PLACEMENT_DAYS;
      break;
    case 'preferred_communities':
      windowEnd = preferredCommunitiesLastDay(date);
      break;
    case 'rca_rma': {
      const counting = rule.countingMode ?? 'exact-date';
      windowEnd = rcaRmaLastDay(date, counting);
      params.months = rcaRmaMonths(date);
      params.counting = counting;
      break;
    }
    case 'matching_grant_enrollment':
      windowEnd = matchingGrantEnrollBy(date);
      break;
  }
  params.windowEnd = windowEnd;
  const open = ctx.asOf <= windowEnd;
  return result('window', open ? 'eligible' : 'ineligible', finding(open ? spec.open : spec.closed, params, spec.citation), { ...base, windowEnd });
}

function evaluateAge(rule: Extract<EligibilityRule, { kind: 'age' }>, ctx: RuleContext): EligibilityRuleResult {
  const citation = rule.citation ?? CITE.programPolicy;
  const dateOfBirth = knownDate(ctx.facts.dateOfBirth);
  if (!dateOfBirth) {
    return result('age', 'unknown', finding('age.missing_date_of_birth', {}, citation));
  }
  const age = ageOn(dateOfBirth, ctx.asOf);
  const limits: Record<string, number> = {};
  if (rule.min !== undefined) {
    limits.min = rule.min;
  }
  if (rule.max !== undefined) {
    limits.max = rule.max;
  }
  const params = { age, asOf: ctx.asOf, ...limits };
  // An approximate birthday can shift the age by a year: at either edge, a person decides.
  const atEdge = (rule.min !== undefined && (age === rule.min || age === rule.min - 1)) || (rule.max !== undefined && (age === rule.max || age === rule.max + 1));
  const review = ctx.facts.dateOfBirthApproximate === true && atEdge;
  const extra = review ? { needsReview: true, notes: [finding('orr.review.approximate_date_of_birth', { age }, citation)] } : {};
  if (rule.min !== undefined && age < rule.min) {
    return result('age', 'ineligible', finding('age.below_min', params, citation), extra);
  }
  if (rule.max !== undefined && age > rule.max) {
    return result('age', 'ineligible', finding('age.above_max', params, citation), extra);
  }
  return result('age', 'eligible', finding('age.in_range', params, citation), extra);
}

/**
 * Evaluates a program's rules for one person on `asOf` (the intake or enrollment date). Every
 * rule must pass; any `ineligible` makes the whole `ineligible`, otherwise any `unknown` makes it
 * `unknown` — missing facts never throw and never count as eligible. Window rules count from the
 * ORR eligibility date among the populations the program's first `orr_population` rule serves.
 * Throws only for an `asOf` that is not a calendar date, which is a programming error.
 */
export function evaluateEligibility(rules: ProgramEligibilityRules, facts: FactsInput, asOf: IsoDate): EligibilityEvaluation {
  if (!isIsoDate(asOf)) {
    throw new RangeError(`asOf is not a calendar date: ${asOf}`);
  }
  const cache = new Map<string, OrrEligibility>();
  const orrFor = (populations: readonly OrrPopulationType[] | undefined): OrrEligibility => {
    const key = populations ? [...populations].sort().join(',') : '*';
    let found = cache.get(key);
    if (!found) {
      found = orrEligibility(facts, populations ? { populations } : {});
      cache.set(key, found);
    }
    return found;
  };
  const firstPopulationRule = rules.rules.find((rule) => rule.kind === 'orr_population');
  const ctx: RuleContext = { facts, asOf, programOrr: orrFor(firstPopulationRule?.populations), orrFor };

  const results = rules.rules.map((rule): EligibilityRuleResult => {
    switch (rule.kind) {
      case 'orr_population':
        return evaluateOrrPopulation(rule.populations, ctx);
      case 'window':
        return evaluateWindow(rule, ctx);
      case 'age':
        return evaluateAge(rule, ctx);
      case 'everyone':
        return result('everyone', 'eligible', finding('everyone', {}, CITE.programPolicy));
    }
  });

  const outcome: EligibilityOutcome = results.some((r) => r.outcome === 'ineligible')
    ? 'ineligible'
    : results.some((r) => r.outcome === 'unknown')
      ? 'unknown'
      : 'eligible';
  const orr = orrFor(undefined);
  return {
    asOf,
    outcome,
    eligible: outcome === 'eligible',
    needsReview: results.some((r) => r.needsReview),
    results,
    orr: {
      ...plainFinding(orr),
      outcome: orr.outcome,
      ...(orr.population ? { population: orr.population } : {}),
      ...(orr.eligibilityDate ? { eligibilityDate: orr.eligibilityDate } : {}),
    },
  };
}
