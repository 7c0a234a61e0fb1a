import { describe, expect, it } from 'vitest';
import { EligibilityFacts } from './facts.js';
import { EligibilityOverrideRequest } from './override.js';
import { DEFAULT_PROGRAM_ELIGIBILITY_RULES, defaultEligibilityRulesFor, ProgramEligibilityRules } from './program-rules.js';
import { ELIGIBILITY_REASONS_EN, formatEligibilityReason } from './reasons.js';

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('program rules as data', () => {
  it('round-trips every default rule set through JSON (a jsonb column)', () => {
    for (const rules of Object.values(DEFAULT_PROGRAM_ELIGIBILITY_RULES)) {
      expect(ProgramEligibilityRules.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
    }
    expect(defaultEligibilityRulesFor('MG')?.rules.map((r) => r.kind)).toEqual(['orr_population', 'window', 'age']);
    expect(defaultEligibilityRulesFor('toString')).toBeUndefined();
  });

  it('refuses rules that cannot mean anything', () => {
    expect(messages(ProgramEligibilityRules.safeParse({ rules: [] }))).toEqual(['rules: Add at least one rule']);
    expect(messages(ProgramEligibilityRules.safeParse({ rules: [{ kind: 'window', window: 'matching_grant_enrollment', countingMode: 'calendar-month' }] }))).toEqual([
      'rules.0.countingMode: A counting mode applies only to the RCA/RMA window',
    ]);
    expect(messages(ProgramEligibilityRules.safeParse({ rules: [{ kind: 'age', min: 65, max: 18 }] }))).toEqual([
      'rules.0.max: The minimum age must not be above the maximum',
    ]);
    expect(messages(ProgramEligibilityRules.safeParse({ rules: [{ kind: 'age' }] }))).toEqual(['rules.0: Give a minimum or a maximum age']);
    expect(ProgramEligibilityRules.safeParse({ rules: [{ kind: 'orr_population', populations: ['tps'] }] }).success).toBe(false);
    expect(ProgramEligibilityRules.safeParse({ rules: [{ kind: 'lottery' }] }).success).toBe(false);
  });
});

describe('eligibility facts', () => {
  it('defaults the status history and refuses impossible dates', () => {
    expect(EligibilityFacts.parse({})).toEqual({ statusHistory: [] });
    expect(messages(EligibilityFacts.safeParse({ statusHistory: [{ status: 'refugee', effectiveFrom: '2026-02-30' }] }))).toEqual([
      'statusHistory.0.effectiveFrom: Enter a real date as YYYY-MM-DD',
    ]);
  });
});

describe('override request', () => {
  const programId = '3f1c2a9e-8d4b-4c7a-9e2f-1a2b3c4d5e6f';

  it('needs a written reason of at least 10 characters after trimming', () => {
    expect(messages(EligibilityOverrideRequest.safeParse({ programId, reason: '   too short   ' }))).toEqual(['reason: Write the reason for the exception']);
    expect(messages(EligibilityOverrideRequest.safeParse({ programId }))).toEqual(['reason: Write the reason for the exception']);
    expect(EligibilityOverrideRequest.parse({ programId, reason: '  Arrived 40 days ago after a hospital stay  ' }).reason).toBe(
      'Arrived 40 days ago after a hospital stay',
    );
    expect(EligibilityOverrideRequest.safeParse({ programId: 'MG', reason: 'A long enough reason' }).success).toBe(false);
  });
});

describe('reason templates', () => {
  it('fills placeholders and leaves an unknown one visible', () => {
    expect(formatEligibilityReason(ELIGIBILITY_REASONS_EN['orr.asylee'], { eligibilityDate: '2025-11-03' })).toBe(
      'Asylum granted on 2025-11-03: ORR eligibility starts on the grant date.',
    );
    expect(formatEligibilityReason('Starts {eligibilityDate}', {})).toBe('Starts {eligibilityDate}');
  });
});
