import { describe, expect, it } from 'vitest';
import type { ImmigrationStatus } from '../schemas/immigration.js';
import { EligibilityEvaluation, evaluateEligibility } from './evaluate.js';
import { DEFAULT_PROGRAM_ELIGIBILITY_RULES as DEFAULTS, type ProgramEligibilityRules } from './program-rules.js';

const person = (status: ImmigrationStatus, effectiveFrom: string, more: Record<string, unknown> = {}) => ({
  statusHistory: [{ status, effectiveFrom }],
  ...more,
});
const windowOnly = (window: 'preferred_communities' | 'rca_rma' | 'matching_grant_enrollment' | 'reception_and_placement', countingMode?: 'exact-date' | 'calendar-month'): ProgramEligibilityRules => ({
  rules: [{ kind: 'window', window, ...(countingMode ? { countingMode } : {}) }],
});

describe('Preferred Communities five-year window (ICM)', () => {
  const refugee = person('refugee', '2021-06-10');

  it('is open on the last day, 2026-06-09, and closed the day after', () => {
    const lastDay = evaluateEligibility(DEFAULTS.ICM, refugee, '2026-06-09');
    expect(lastDay).toMatchObject({ outcome: 'eligible', eligible: true });
    expect(lastDay.results[1]).toMatchObject({ ruleKind: 'window', window: 'preferred_communities', code: 'window.preferred_communities.open', windowEnd: '2026-06-09' });
    expect(lastDay.results[1]?.reason).toBe(
      'Within the Preferred Communities five-year window: ORR eligibility began on 2021-06-10 and the last day is 2026-06-09.',
    );

    const dayAfter = evaluateEligibility(DEFAULTS.ICM, refugee, '2026-06-10');
    expect(dayAfter).toMatchObject({ outcome: 'ineligible', eligible: false });
    expect(dayAfter.results.map((r) => [r.code, r.passed])).toEqual([
      ['orr.refugee', true],
      ['window.preferred_communities.closed', false],
    ]);
  });

  it('counts from the earliest qualifying date, not a later grant', () => {
    const facts = { statusHistory: [{ status: 'parolee_ukrainian' as const, effectiveFrom: '2022-04-02' }, { status: 'asylee' as const, effectiveFrom: '2025-01-15' }] };
    expect(evaluateEligibility(DEFAULTS.ICM, facts, '2027-05-21').results[1]).toMatchObject({ windowEnd: '2027-05-20', outcome: 'ineligible' });
  });
});

describe('Matching Grant: enrollment within 31 days, aged 18–64', () => {
  const asylee = person('asylee', '2026-01-31', { dateOfBirth: '1990-07-04' });

  it('accepts enrollment on day 31 and refuses day 32', () => {
    const day31 = evaluateEligibility(DEFAULTS.MG, asylee, '2026-03-03');
    expect(day31.eligible).toBe(true);
    expect(day31.results[1]).toMatchObject({ code: 'window.matching_grant.open', windowEnd: '2026-03-03', params: { eligibilityDate: '2026-01-31', asOf: '2026-03-03', windowEnd: '2026-03-03' } });

    const day32 = evaluateEligibility(DEFAULTS.MG, asylee, '2026-03-04');
    expect(day32.outcome).toBe('ineligible');
    expect(day32.results[1]).toMatchObject({ code: 'window.matching_grant.closed', passed: false });
    expect(day32.results[1]?.reason).toBe(
      'Matching Grant enrollment had to happen by 2026-03-03, 31 days after the ORR eligibility date 2026-01-31; it is now 2026-03-04.',
    );
  });

  it('checks age on the enrollment date, both limits inclusive', () => {
    const facts = (dateOfBirth: string) => person('refugee', '2026-02-01', { dateOfBirth });
    expect(evaluateEligibility(DEFAULTS.MG, facts('2008-02-10'), '2026-02-10').results[2]).toMatchObject({ code: 'age.in_range', params: { age: 18 } });
    expect(evaluateEligibility(DEFAULTS.MG, facts('2008-02-11'), '2026-02-10').results[2]).toMatchObject({ code: 'age.below_min', params: { age: 17, min: 18 } });
    expect(evaluateEligibility(DEFAULTS.MG, facts('1961-02-11'), '2026-02-10').results[2]).toMatchObject({ code: 'age.in_range', params: { age: 64 } });
    expect(evaluateEligibility(DEFAULTS.MG, facts('1961-02-10'), '2026-02-10').results[2]).toMatchObject({ code: 'age.above_max', params: { age: 65, max: 64 } });
  });
});

describe('RCA/RMA months by eligibility date', () => {
  it.each([
    ['2021-09-30', 8, '2022-05-29'],
    ['2021-10-01', 12, '2022-09-30'],
    ['2025-05-04', 12, '2026-05-03'],
    ['2025-05-05', 4, '2025-09-04'],
  ])('eligible from %s: %i months, last day %s', (date, months, lastDay) => {
    const facts = person('refugee', date);
    const onLastDay = evaluateEligibility(windowOnly('rca_rma'), facts, lastDay);
    expect(onLastDay.results[0]).toMatchObject({ outcome: 'eligible', windowEnd: lastDay, params: { months, counting: 'exact-date' } });
    const after = evaluateEligibility(windowOnly('rca_rma'), facts, '2026-12-31');
    expect(after.results[0]).toMatchObject({ outcome: 'ineligible', code: 'window.rca_rma.closed' });
  });

  it('counts by calendar month when the program says so', () => {
    const result = evaluateEligibility(windowOnly('rca_rma', 'calendar-month'), person('asylee', '2025-05-05'), '2025-08-31');
    expect(result.results[0]).toMatchObject({ outcome: 'eligible', windowEnd: '2025-08-31', params: { months: 4, counting: 'calendar-month' } });
  });
});

describe('Reception & Placement', () => {
  it('serves refugees for 90 days counting the arrival day', () => {
    const refugee = person('refugee', '2026-01-10');
    expect(evaluateEligibility(DEFAULTS.RP, refugee, '2026-04-09')).toMatchObject({ eligible: true, results: [{}, { windowEnd: '2026-04-09' }] });
    expect(evaluateEligibility(DEFAULTS.RP, refugee, '2026-04-10').results[1]?.code).toBe('window.reception_and_placement.closed');
  });

  it('does not serve an asylee, and says the window does not apply', () => {
    const result = evaluateEligibility(DEFAULTS.RP, person('asylee', '2026-01-10'), '2026-01-20');
    expect(result.outcome).toBe('ineligible');
    expect(result.results.map((r) => r.code)).toEqual(['orr.population_not_served', 'window.no_orr_eligibility']);
    // The person's ORR eligibility is still shown, whatever the program.
    expect(result.orr).toMatchObject({ outcome: 'eligible', population: 'asylee', eligibilityDate: '2026-01-10' });
  });
});

describe('dates before eligibility starts', () => {
  it('is not yet eligible before a Ukrainian parolee’s benefits start', () => {
    const result = evaluateEligibility(DEFAULTS.ICM, person('parolee_ukrainian', '2022-03-01'), '2022-05-20');
    expect(result.results.map((r) => [r.code, r.outcome])).toEqual([
      ['orr.not_yet', 'ineligible'],
      ['window.not_started', 'ineligible'],
    ]);
    expect(result.results[0]?.params).toEqual({ eligibilityDate: '2022-05-21', asOf: '2022-05-20' });
    expect(evaluateEligibility(DEFAULTS.ICM, person('parolee_ukrainian', '2022-03-01'), '2022-05-21').eligible).toBe(true);
  });
});

describe('partial facts', () => {
  it('gives unknown, not an exception, when nothing is known', () => {
    const result = evaluateEligibility(DEFAULTS.MG, {}, '2026-03-01');
    expect(result).toMatchObject({ outcome: 'unknown', eligible: false });
    expect(result.results.map((r) => [r.code, r.outcome, r.passed])).toEqual([
      ['orr.missing.status_history', 'unknown', false],
      ['window.orr_unknown', 'unknown', false],
      ['age.missing_date_of_birth', 'unknown', false],
    ]);
  });

  it('lets a definite "no" outweigh an unknown', () => {
    const result = evaluateEligibility(DEFAULTS.MG, person('tps', '2020-01-01'), '2026-03-01');
    expect(result.outcome).toBe('ineligible');
    expect(result.results.map((r) => r.outcome)).toEqual(['ineligible', 'ineligible', 'unknown']);
  });

  it('carries a review flag from the ORR date into the window that counts from it', () => {
    const facts = { dateOfBirth: '1985-01-01', statusHistory: [{ status: 'refugee' as const, effectiveFrom: '2026-01-05' }, { status: 'asylee' as const }] };
    const result = evaluateEligibility(DEFAULTS.MG, facts, '2026-01-20');
    expect(result).toMatchObject({ outcome: 'eligible', needsReview: true });
    expect(result.results.map((r) => r.needsReview)).toEqual([true, true, false]);
  });

  it('serves everyone in legal services with no facts at all', () => {
    expect(evaluateEligibility(DEFAULTS.LEGAL, {}, '2026-03-01')).toMatchObject({ eligible: true, results: [{ code: 'everyone', passed: true }] });
  });

  it('refuses an evaluation date that is not a calendar date', () => {
    expect(() => evaluateEligibility(DEFAULTS.LEGAL, {}, '2026-02-30')).toThrow(RangeError);
  });
});

describe('the response', () => {
  it('matches its schema and leaves no placeholder unfilled', () => {
    const cases = [
      evaluateEligibility(DEFAULTS.MG, {}, '2026-03-01'),
      evaluateEligibility(DEFAULTS.ICM, person('parolee_afghan', '2021-08-30', { communityEntryDate: '2021-09-20' }), '2022-01-01'),
      evaluateEligibility(DEFAULTS.RP, person('asylee', '2026-01-10'), '2026-01-20'),
      evaluateEligibility({ rules: [{ kind: 'age', max: 17 }] }, { dateOfBirth: '2000-01-01', dateOfBirthApproximate: true }, '2018-06-01'),
    ];
    for (const evaluation of cases) {
      expect(EligibilityEvaluation.parse(evaluation)).toEqual(evaluation);
      const texts = [evaluation.orr.reason, ...evaluation.results.flatMap((r) => [r.reason, ...r.notes.map((n) => n.reason)])];
      for (const text of texts) {
        expect(text).not.toMatch(/[{}]/);
      }
    }
    expect(cases[3]).toMatchObject({ outcome: 'ineligible', needsReview: true, results: [{ code: 'age.above_max', params: { age: 18, max: 17 } }] });
  });
});
