import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './compute-deadlines.js';
import { type DeadlineFacts, InvalidDeadlineFactsError, parseDeadlineFacts } from './facts.js';
import { deadlineRule, UnknownDeadlineRuleError } from './rule-table.js';

function issuesOf(input: unknown): { fact: string; message: string }[] {
  const parsed = parseDeadlineFacts(input);
  return parsed.success ? [] : parsed.issues;
}

function refusal(input: unknown): InvalidDeadlineFactsError {
  try {
    computeDeadlines(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidDeadlineFactsError);
    return err as InvalidDeadlineFactsError;
  }
  throw new Error('computeDeadlines accepted facts it should refuse');
}

const FULL_FACTS: Required<DeadlineFacts> = {
  asOf: '2026-11-20',
  dateOfBirth: '2006-02-28',
  lastArrivalDate: '2025-07-04',
  unaccompaniedChild: false,
  juvenileCourtState: 'IA',
  sijsCandidate: true,
  i589ReceiptDate: '2025-09-01',
  eadClockStops: [{ from: '2025-10-01', to: '2025-10-11' }],
  asylumGrantDate: '2026-06-01',
  refugeeAdmissionDate: '2024-01-15',
  lprDate: '2026-08-01',
  marriedToUsCitizen: true,
  addressChangeDate: '2026-11-01',
  inRemovalProceedings: true,
  ijDecisionDate: '2026-10-27',
  finalOrderDate: '2026-11-01',
  rfeIssueDate: '2026-11-02',
  rfeMailed: true,
  rfeDueDateOnNotice: '2027-01-29',
  eadExpiryDate: '2027-01-01',
  orrEligibilityDate: '2025-06-10',
  rcaCounting: 'calendar-month',
};

describe('deadline facts', () => {
  it('refuses an impossible date, naming the fact', () => {
    expect(issuesOf({ lastArrivalDate: '2026-02-30' })).toEqual([{ fact: 'lastArrivalDate', message: '"2026-02-30" is not a real calendar date (YYYY-MM-DD)' }]);
    const error = refusal({ asOf: '2026-01-01', ijDecisionDate: '2025-13-01' });
    expect(error.issues.map((issue) => issue.fact)).toEqual(['ijDecisionDate']);
    expect(error.message).toContain('ijDecisionDate');
  });

  it('refuses facts that contradict each other, naming the later fact', () => {
    expect(refusal({ i589ReceiptDate: '2025-03-01', asylumGrantDate: '2025-01-01' }).issues).toEqual([
      { fact: 'asylumGrantDate', message: '2025-01-01 is before i589ReceiptDate (2025-03-01): asylum cannot be granted before the application is received' },
    ]);
    expect(issuesOf({ ijDecisionDate: '2026-05-01', finalOrderDate: '2026-04-01' }).map((issue) => issue.fact)).toEqual(['finalOrderDate']);
    expect(issuesOf({ rfeIssueDate: '2026-05-01', rfeDueDateOnNotice: '2026-04-01' }).map((issue) => issue.fact)).toEqual(['rfeDueDateOnNotice']);
    expect(issuesOf({ refugeeAdmissionDate: '2024-05-01', lprDate: '2024-04-01' }).map((issue) => issue.fact)).toEqual(['lprDate']);
    expect(issuesOf({ dateOfBirth: '2010-01-01', lastArrivalDate: '2009-12-31' }).map((issue) => issue.fact)).toEqual(['lastArrivalDate']);
  });

  it('refuses EAD clock stops that end before they start, start before receipt, or overlap', () => {
    expect(issuesOf({ i589ReceiptDate: '2025-01-01', eadClockStops: [{ from: '2025-03-01', to: '2025-02-01' }] }).map((issue) => issue.fact)).toEqual(['eadClockStops[0].to']);
    expect(issuesOf({ i589ReceiptDate: '2025-01-01', eadClockStops: [{ from: '2024-12-01', to: '2025-02-01' }] }).map((issue) => issue.fact)).toEqual(['eadClockStops[0].from']);
    expect(
      issuesOf({
        eadClockStops: [
          { from: '2025-03-01', to: '2025-03-20' },
          { from: '2025-03-10', to: '2025-03-30' },
        ],
      }).map((issue) => issue.fact),
    ).toEqual(['eadClockStops[1].from']);
    // The index still names the right stop when an earlier one has an impossible date.
    expect(
      issuesOf({
        i589ReceiptDate: '2025-01-01',
        eadClockStops: [
          { from: '2025-02-30', to: '2025-03-20' },
          { from: '2025-04-10', to: '2025-04-01' },
        ],
      }).map((issue) => issue.fact),
    ).toEqual(['eadClockStops[0].from', 'eadClockStops[1].to']);
  });

  it('refuses unknown fields, wrong types and bad state codes, naming each', () => {
    expect(issuesOf({ lastArivalDate: '2025-01-01' })).toEqual([{ fact: 'lastArivalDate', message: 'is not a fact Haven knows (see RULES.md for the field names)' }]);
    expect(issuesOf({ unaccompaniedChild: 'yes', juvenileCourtState: 'ZZ', rcaCounting: 'weekly' }).map((issue) => issue.fact)).toEqual([
      'unaccompaniedChild',
      'juvenileCourtState',
      'rcaCounting',
    ]);
    expect(issuesOf([])).toEqual([{ fact: 'facts', message: 'facts must be a JSON object' }]);
  });

  it('reads null as an unknown fact and upper-cases the state', () => {
    const parsed = parseDeadlineFacts({ lastArrivalDate: null, juvenileCourtState: 'ia' });
    expect(parsed).toEqual({ success: true, facts: { juvenileCourtState: 'IA' } });
  });
});

describe('computeDeadlines on partial facts', () => {
  it('returns nothing for no facts', () => {
    expect(computeDeadlines({ asOf: '2026-11-20' })).toEqual([]);
    expect(computeDeadlines({})).toEqual([]);
  });

  it('never throws on any subset of a full fact set, and every rule appears from the full one', () => {
    const names = Object.keys(FULL_FACTS) as (keyof DeadlineFacts)[];
    let seed = 20261120;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 400; round += 1) {
      const subset = Object.fromEntries(names.filter(() => random() < 0.5).map((name) => [name, FULL_FACTS[name]]));
      expect(() => computeDeadlines(subset), JSON.stringify(subset)).not.toThrow();
    }
    const withoutGrantOrLpr = { ...FULL_FACTS, asylumGrantDate: undefined, lprDate: undefined };
    const withoutLpr = { ...FULL_FACTS, lprDate: undefined };
    const ruleIds = new Set([FULL_FACTS, withoutGrantOrLpr, withoutLpr].flatMap((facts) => computeDeadlines(facts)).map((result) => result.ruleId));
    expect(ruleIds.size).toBe(20);
  });

  it('sorts results by due date', () => {
    const dates = computeDeadlines(FULL_FACTS).map((result) => result.dueDate);
    expect(dates).toEqual([...dates].sort());
  });

  it('takes asOf from the facts, else options.today', () => {
    const facts = { lastArrivalDate: '2025-03-10' };
    expect(computeDeadlines(facts, { today: '2026-03-11' })[0]!.status).toBe('missed');
    expect(computeDeadlines({ ...facts, asOf: '2026-03-10' }, { today: '2026-03-11' })[0]!.status).toBe('open');
  });

  it('computes only the rules asked for, and names an unknown rule id', () => {
    expect(computeDeadlines(FULL_FACTS, { ruleIds: ['AR11_DUE'] }).map((result) => result.ruleId)).toEqual(['AR11_DUE']);
    expect(() => computeDeadlines(FULL_FACTS, { ruleIds: ['AR11_DUE', 'ASYLUM_TWO_YEAR'] })).toThrow(UnknownDeadlineRuleError);
    expect(() => computeDeadlines(FULL_FACTS, { ruleIds: ['ASYLUM_TWO_YEAR'] })).toThrow(/ASYLUM_TWO_YEAR/);
    expect(() => deadlineRule('NOPE')).toThrow(/Unknown rule id: NOPE/);
    expect(deadlineRule('BIA_APPEAL_DUE').versions).toHaveLength(2);
  });
});
