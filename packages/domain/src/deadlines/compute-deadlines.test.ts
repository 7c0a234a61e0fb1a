import { describe, expect, it } from 'vitest';
import { rcaRmaMonths } from '../rules/orr-windows.js';
import { computeDeadlines, type ComputeDeadlinesOptions, type DeadlineResult } from './compute-deadlines.js';
import { type DeadlineFacts } from './facts.js';
import { type DeadlineRuleId, DEFAULT_DEADLINE_RULES as DEFAULT_TABLE } from './rule-table.js';

function resultsFor(facts: DeadlineFacts, ruleId: DeadlineRuleId, options?: ComputeDeadlinesOptions): DeadlineResult[] {
  return computeDeadlines(facts, options).filter((result) => result.ruleId === ruleId);
}

/** The one result of a rule; fails the test if there is none or more than one. */
function resultFor(facts: DeadlineFacts, ruleId: DeadlineRuleId, options?: ComputeDeadlinesOptions): DeadlineResult {
  const found = resultsFor(facts, ruleId, options);
  expect(found, `${ruleId} results`).toHaveLength(1);
  return found[0]!;
}

function notesOf(result: DeadlineResult, type: 'attorney-review' | 'other-version' | 'information'): string {
  return result.notes
    .filter((note) => note.type === type)
    .map((note) => note.message)
    .join('\n');
}

describe('ASYLUM_ONE_YEAR_FILING', () => {
  it('is the anniversary of the last arrival on a business day, open before it', () => {
    const result = resultFor({ asOf: '2026-01-01', lastArrivalDate: '2025-03-10' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result).toMatchObject({ version: 1, kind: 'deadline', dueDate: '2026-03-10', computedDate: '2026-03-10', status: 'open', citation: 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)' });
    expect(result.explanation).toContain('lastArrivalDate 2025-03-10 + 1 year = 2026-03-10');
    expect(result.explanation).toContain('68 days left');
    expect(result.attorneyReview).toBe(false);
  });

  it('rolls a Saturday Independence Day forward past the weekend to Monday', () => {
    const result = resultFor({ asOf: '2026-01-01', lastArrivalDate: '2025-07-04' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result.computedDate).toBe('2026-07-04');
    expect(result.dueDate).toBe('2026-07-06');
    expect(result.explanation).toContain('rolls forward to the next business day, Monday 2026-07-06');
  });

  it('rolls a Sunday Independence Day past its Monday observance to Tuesday', () => {
    const result = resultFor({ asOf: '2026-01-01', lastArrivalDate: '2026-07-04' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result.dueDate).toBe('2027-07-06');
    expect(result.explanation).toContain('2027-07-05 Monday, Independence Day (observed)');
  });

  it('rolls Thanksgiving to the Friday after', () => {
    expect(resultFor({ asOf: '2026-01-01', lastArrivalDate: '2025-11-26' }, 'ASYLUM_ONE_YEAR_FILING').dueDate).toBe('2026-11-27');
  });

  it('puts the anniversary of a 29 February arrival on 28 February, with a note', () => {
    const result = resultFor({ asOf: '2024-06-01', lastArrivalDate: '2024-02-29' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result.dueDate).toBe('2025-02-28');
    expect(notesOf(result, 'information')).toContain('28 February');
  });

  it('counts arrivals before 1 April 1997 from that day', () => {
    const result = resultFor({ asOf: '1997-05-01', lastArrivalDate: '1995-06-01' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result.dueDate).toBe('1998-04-01');
    expect(notesOf(result, 'information')).toContain('1997-04-01');
  });

  it('is met by an I-589 received on the rolled due date, and missed one day later with an attorney flag', () => {
    const onTime = resultFor({ asOf: '2026-12-01', lastArrivalDate: '2025-07-04', i589ReceiptDate: '2026-07-06' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(onTime.status).toBe('met');
    expect(onTime.explanation).toContain('Met: i589ReceiptDate 2026-07-06 is on or before 2026-07-06');
    expect(onTime.attorneyReview).toBe(false);

    const late = resultFor({ asOf: '2026-12-01', lastArrivalDate: '2025-07-04', i589ReceiptDate: '2026-07-07' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(late.status).toBe('missed');
    expect(late.attorneyReview).toBe(true);
    expect(notesOf(late, 'attorney-review')).toMatch(/8 CFR 208\.4\(a\)\(4\).*8 CFR 208\.4\(a\)\(5\)/);
  });

  it('is missed when asOf is past it with no I-589, and open on the due date itself', () => {
    const missed = resultFor({ asOf: '2025-01-11', lastArrivalDate: '2024-01-10' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(missed.status).toBe('missed');
    expect(missed.explanation).toContain('there is no i589ReceiptDate');
    expect(missed.attorneyReview).toBe(true);
    expect(resultFor({ asOf: '2025-01-10', lastArrivalDate: '2024-01-10' }, 'ASYLUM_ONE_YEAR_FILING').status).toBe('open');
  });

  it('gives an unaccompanied child under 18 a note and a last-day-as-a-child checkpoint instead of a deadline', () => {
    const result = resultFor({ asOf: '2026-11-20', lastArrivalDate: '2025-01-10', unaccompaniedChild: true, dateOfBirth: '2010-05-01' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result.kind).toBe('checkpoint');
    expect(result.dueDate).toBe('2028-04-30');
    expect(result.status).toBe('open');
    expect(notesOf(result, 'information')).toContain('INA 208(a)(2)(E)');
  });

  it('treats a child who filed while under 18 as exempt and the checkpoint as met', () => {
    const result = resultFor(
      { asOf: '2026-11-20', lastArrivalDate: '2023-01-10', unaccompaniedChild: true, dateOfBirth: '2007-01-01', i589ReceiptDate: '2024-12-01' },
      'ASYLUM_ONE_YEAR_FILING',
    );
    expect(result).toMatchObject({ kind: 'checkpoint', status: 'met', dueDate: '2024-12-31' });
  });

  it('computes the deadline for a former unaccompanied child now 18, flagging the legal-disability exception', () => {
    const result = resultFor({ asOf: '2026-11-20', lastArrivalDate: '2024-06-03', unaccompaniedChild: true, dateOfBirth: '2007-01-01' }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result).toMatchObject({ kind: 'deadline', dueDate: '2025-06-03', status: 'missed' });
    expect(notesOf(result, 'attorney-review')).toContain('8 CFR 208.4(a)(5)(ii)');
  });

  it('shows the deadline for an unaccompanied child with no date of birth, flagged', () => {
    const result = resultFor({ asOf: '2025-02-01', lastArrivalDate: '2025-01-10', unaccompaniedChild: true }, 'ASYLUM_ONE_YEAR_FILING');
    expect(result).toMatchObject({ kind: 'deadline', dueDate: '2026-01-12', attorneyReview: true });
  });
});

describe('EAD_C8_EARLIEST_FILING and EAD_C8_EARLIEST_GRANT', () => {
  it('counts 150 and 180 days from receipt, without rolling a Saturday', () => {
    const facts = { asOf: '2025-10-01', i589ReceiptDate: '2025-09-01' };
    expect(resultFor(facts, 'EAD_C8_EARLIEST_FILING')).toMatchObject({ dueDate: '2026-01-29', kind: 'earliest-date', status: 'open' });
    const grant = resultFor(facts, 'EAD_C8_EARLIEST_GRANT');
    expect(grant.dueDate).toBe('2026-02-28');
    expect(grant.explanation).toContain('this rule does not move the date');
  });

  it('adds the days the clock was stopped, including a stop still running up to asOf', () => {
    const stopped = { asOf: '2025-10-01', i589ReceiptDate: '2025-09-01', eadClockStops: [{ from: '2025-10-01', to: '2025-10-11' }] };
    expect(resultFor(stopped, 'EAD_C8_EARLIEST_FILING').dueDate).toBe('2026-02-08');
    expect(resultFor(stopped, 'EAD_C8_EARLIEST_GRANT').dueDate).toBe('2026-03-10');
    const running = resultFor({ asOf: '2025-11-21', i589ReceiptDate: '2025-09-01', eadClockStops: [{ from: '2025-11-01' }] }, 'EAD_C8_EARLIEST_FILING');
    expect(running.dueDate).toBe('2026-02-18');
    expect(notesOf(running, 'information')).toContain('moves one day later for each further day');
  });

  it('crosses a leap day', () => {
    expect(resultFor({ asOf: '2023-10-03', i589ReceiptDate: '2023-10-03' }, 'EAD_C8_EARLIEST_FILING').dueDate).toBe('2024-03-01');
    expect(resultFor({ asOf: '2022-10-03', i589ReceiptDate: '2022-10-03' }, 'EAD_C8_EARLIEST_FILING').dueDate).toBe('2023-03-02');
  });

  it('is never missed once reached, and stops once asylum is granted', () => {
    expect(resultFor({ asOf: '2027-01-01', i589ReceiptDate: '2025-09-01' }, 'EAD_C8_EARLIEST_FILING').status).toBe('open');
    expect(resultsFor({ asOf: '2027-01-01', i589ReceiptDate: '2025-09-01', asylumGrantDate: '2026-05-01' }, 'EAD_C8_EARLIEST_FILING')).toHaveLength(0);
    expect(resultsFor({ asOf: '2027-01-01', i589ReceiptDate: '2025-09-01', asylumGrantDate: '2026-05-01' }, 'EAD_C8_EARLIEST_GRANT')).toHaveLength(0);
  });
});

describe('EAD_RENEWAL_WINDOW_OPENS', () => {
  it('opens 180 days before expiry, noting there is no automatic extension', () => {
    const result = resultFor({ asOf: '2026-11-20', eadExpiryDate: '2027-01-01' }, 'EAD_RENEWAL_WINDOW_OPENS');
    expect(result).toMatchObject({ dueDate: '2026-07-05', kind: 'earliest-date', status: 'open', citation: '8 CFR 274a.13; 90 FR 48799' });
    expect(notesOf(result, 'information')).toContain('2025-10-30');
  });
});

describe('SIJS_I360_AGE_OUT', () => {
  it('is the day before the 21st birthday, rolled back from a Saturday', () => {
    const result = resultFor({ asOf: '2026-11-20', sijsCandidate: true, dateOfBirth: '2006-02-28' }, 'SIJS_I360_AGE_OUT');
    expect(result).toMatchObject({ computedDate: '2027-02-27', dueDate: '2027-02-26', kind: 'last-day', status: 'open' });
    expect(result.explanation).toContain('21st birthday');
  });

  it('treats a 29 February birthday as 28 February in a non-leap year', () => {
    expect(resultFor({ asOf: '2024-01-01', sijsCandidate: true, dateOfBirth: '2004-02-29' }, 'SIJS_I360_AGE_OUT').dueDate).toBe('2025-02-27');
  });

  it('rolls back from Thanksgiving to the Wednesday', () => {
    expect(resultFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2005-11-27' }, 'SIJS_I360_AGE_OUT').dueDate).toBe('2026-11-25');
  });

  it('needs both sijsCandidate and dateOfBirth', () => {
    expect(resultsFor({ asOf: '2026-01-01', dateOfBirth: '2005-11-27' }, 'SIJS_I360_AGE_OUT')).toHaveLength(0);
    expect(resultsFor({ asOf: '2026-01-01', sijsCandidate: true }, 'SIJS_I360_AGE_OUT')).toHaveLength(0);
  });
});

describe('SIJS_STATE_ORDER_AGE_OUT', () => {
  it('uses Iowa 18 and rolls back past a Saturday and the observed Independence Day', () => {
    const result = resultFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2008-07-05', juvenileCourtState: 'IA' }, 'SIJS_STATE_ORDER_AGE_OUT');
    expect(result).toMatchObject({ computedDate: '2026-07-04', dueDate: '2026-07-02', attorneyReview: false });
    expect(notesOf(result, 'information')).toContain('Iowa Code ch. 232D');
  });

  it('uses 21 where the table says so (California), rolling back from Independence Day', () => {
    expect(resultFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2008-07-05', juvenileCourtState: 'ca' }, 'SIJS_STATE_ORDER_AGE_OUT').dueDate).toBe('2029-07-03');
  });

  it('assumes 18 for a state not in the table and flags it for an attorney', () => {
    const result = resultFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2009-03-10', juvenileCourtState: 'TX' }, 'SIJS_STATE_ORDER_AGE_OUT');
    expect(result.dueDate).toBe('2027-03-09');
    expect(result.title).toContain('TX age limit unknown');
    expect(result.attorneyReview).toBe(true);
  });

  it('reads an admin-edited table passed in', () => {
    const result = resultFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2009-03-10', juvenileCourtState: 'TX' }, 'SIJS_STATE_ORDER_AGE_OUT', {
      juvenileCourtAges: { TX: { ageLimit: 19, source: 'test table' } },
    });
    expect(result.dueDate).toBe('2028-03-09');
    expect(result.attorneyReview).toBe(false);
  });

  it('needs a juvenileCourtState', () => {
    expect(resultsFor({ asOf: '2026-01-01', sijsCandidate: true, dateOfBirth: '2009-03-10' }, 'SIJS_STATE_ORDER_AGE_OUT')).toHaveLength(0);
  });
});

describe('ORR windows from orrEligibilityDate', () => {
  it('picks the RCA/RMA version by eligibility date at each boundary', () => {
    const rca = (orrEligibilityDate: string, rcaCounting?: 'exact-date' | 'calendar-month') =>
      resultFor({ asOf: '2021-01-01', orrEligibilityDate, rcaCounting }, 'RCA_RMA_LAST_DAY');
    expect(rca('2021-09-30')).toMatchObject({ version: 1, dueDate: '2022-05-29' });
    expect(rca('2021-10-01')).toMatchObject({ version: 2, dueDate: '2022-09-30' });
    expect(rca('2025-05-04')).toMatchObject({ version: 2, dueDate: '2026-05-03' });
    expect(rca('2025-05-05')).toMatchObject({ version: 3, dueDate: '2025-09-04', citation: '45 CFR 400.211, 400.220; 90 FR 13370' });
    expect(rca('2025-05-05', 'calendar-month').dueDate).toBe('2025-08-31');
  });

  it('gives Preferred Communities, Matching Grant and the employment checkpoint', () => {
    expect(resultFor({ asOf: '2024-03-01', orrEligibilityDate: '2024-02-29' }, 'PREFERRED_COMMUNITIES_LAST_DAY').dueDate).toBe('2029-02-27');
    expect(resultFor({ asOf: '2026-02-01', orrEligibilityDate: '2026-01-31' }, 'MATCHING_GRANT_ENROLL_BY')).toMatchObject({ dueDate: '2026-03-03', kind: 'deadline' });
    expect(resultFor({ asOf: '2025-07-01', orrEligibilityDate: '2025-06-10' }, 'EMPLOYMENT_STATUS_240_DAY')).toMatchObject({ dueDate: '2026-02-05', kind: 'checkpoint', status: 'open' });
    expect(resultFor({ asOf: '2025-07-01', orrEligibilityDate: '2025-06-10' }, 'EMPLOYMENT_STATUS_240_DAY', { employmentCheckpointDays: 180 }).dueDate).toBe('2025-12-07');
  });

  it('marks a passed last day as missed', () => {
    expect(resultFor({ asOf: '2026-11-20', orrEligibilityDate: '2025-06-10' }, 'RCA_RMA_LAST_DAY').status).toBe('missed');
  });
});

describe('AR11_DUE and EOIR33_DUE', () => {
  it('gives 10 days for USCIS, not moved off Veterans Day, and 5 days for the court only in removal proceedings', () => {
    const facts = { asOf: '2026-11-02', addressChangeDate: '2026-11-01' };
    const ar11 = resultFor(facts, 'AR11_DUE');
    expect(ar11.dueDate).toBe('2026-11-11');
    expect(ar11.explanation).toContain('Veterans Day');
    expect(resultsFor(facts, 'EOIR33_DUE')).toHaveLength(0);
    expect(resultFor({ ...facts, inRemovalProceedings: true }, 'EOIR33_DUE')).toMatchObject({ dueDate: '2026-11-06', citation: '8 CFR 1003.15(d)(2)' });
  });
});

describe('N400_EARLIEST_FILING', () => {
  it('is 5 years less 90 days, or 3 years for a spouse of a US citizen (flagged), from a leap-day card date', () => {
    expect(resultFor({ asOf: '2024-01-01', lprDate: '2020-02-29' }, 'N400_EARLIEST_FILING')).toMatchObject({ dueDate: '2024-11-30', kind: 'earliest-date', attorneyReview: false });
    const married = resultFor({ asOf: '2024-01-01', lprDate: '2020-02-29', marriedToUsCitizen: true }, 'N400_EARLIEST_FILING');
    expect(married.dueDate).toBe('2022-11-30');
    expect(married.status).toBe('open');
    expect(notesOf(married, 'attorney-review')).toContain('INA 319(a)');
  });
});

describe('REFUGEE_I485_DUE, ASYLEE_I485_ELIGIBLE and I730_DUE', () => {
  it('gives the refugee adjustment date a year after admission, not moved off a Sunday, only without an LPR date', () => {
    expect(resultFor({ asOf: '2025-04-01', refugeeAdmissionDate: '2025-03-15' }, 'REFUGEE_I485_DUE')).toMatchObject({ dueDate: '2026-03-15', kind: 'deadline' });
    expect(resultsFor({ asOf: '2027-04-01', refugeeAdmissionDate: '2025-03-15', lprDate: '2025-03-15' }, 'REFUGEE_I485_DUE')).toHaveLength(0);
  });

  it('gives the asylee adjustment date a year after the grant, from 29 February', () => {
    expect(resultFor({ asOf: '2024-03-01', asylumGrantDate: '2024-02-29' }, 'ASYLEE_I485_ELIGIBLE')).toMatchObject({ dueDate: '2025-02-28', kind: 'earliest-date' });
  });

  it('counts the I-730 from the grant when there are both a grant and an admission', () => {
    const both = resultFor({ asOf: '2024-07-01', asylumGrantDate: '2024-06-01', refugeeAdmissionDate: '2020-01-01' }, 'I730_DUE');
    expect(both.dueDate).toBe('2026-06-01');
    expect(both.explanation).toContain('asylumGrantDate 2024-06-01 + 2 years');
  });

  it('counts the I-730 from admission, leaves a New Year holiday as it is, and flags a missed one', () => {
    const result = resultFor({ asOf: '2026-11-20', refugeeAdmissionDate: '2019-01-01' }, 'I730_DUE');
    expect(result).toMatchObject({ dueDate: '2021-01-01', status: 'missed', attorneyReview: true });
    expect(notesOf(result, 'attorney-review')).toContain('humanitarian');
  });
});

describe('BIA_APPEAL_DUE', () => {
  it('is 30 days, rolled forward off Thanksgiving, with the enjoined 10-day version as a note', () => {
    const result = resultFor({ asOf: '2026-11-20', ijDecisionDate: '2026-10-27' }, 'BIA_APPEAL_DUE');
    expect(result).toMatchObject({ version: 1, computedDate: '2026-11-26', dueDate: '2026-11-27', status: 'open', citation: '8 CFR 1003.38(b)' });
    expect(notesOf(result, 'other-version')).toContain('enjoined');
    expect(notesOf(result, 'other-version')).toContain('It would give 2026-11-06');
  });

  it('rolls forward off a Friday observed Independence Day to Monday', () => {
    expect(resultFor({ asOf: '2026-06-03', ijDecisionDate: '2026-06-03' }, 'BIA_APPEAL_DUE').dueDate).toBe('2026-07-06');
  });

  it('shows the enjoined version only for decisions on or after its effective date', () => {
    const before = resultFor({ asOf: '2026-03-08', ijDecisionDate: '2026-03-08' }, 'BIA_APPEAL_DUE');
    expect(before.notes.filter((note) => note.type === 'other-version')).toHaveLength(0);
    expect(before.dueDate).toBe('2026-04-07');
    const after = resultFor({ asOf: '2026-03-09', ijDecisionDate: '2026-03-09' }, 'BIA_APPEAL_DUE');
    expect(after).toMatchObject({ version: 1, dueDate: '2026-04-08' });
    expect(notesOf(after, 'other-version')).toContain('It would give 2026-03-19');
  });

  it('applies a version made in force in an edited table', () => {
    const result = resultFor({ asOf: '2026-03-09', ijDecisionDate: '2026-03-09' }, 'BIA_APPEAL_DUE', {
      rules: {
        ...DEFAULT_TABLE,
        BIA_APPEAL_DUE: {
          ...DEFAULT_TABLE.BIA_APPEAL_DUE,
          versions: [
            { ...DEFAULT_TABLE.BIA_APPEAL_DUE.versions[0]!, effectiveTo: '2026-03-08' },
            { ...DEFAULT_TABLE.BIA_APPEAL_DUE.versions[1]!, status: 'in_force' },
          ],
        },
      },
    });
    expect(result).toMatchObject({ version: 2, dueDate: '2026-03-19' });
  });
});

describe('MOTION_TO_RECONSIDER_DUE and MOTION_TO_REOPEN_DUE', () => {
  it('gives 30 and 90 days, rolled forward off a weekend, and flags the reopening exceptions', () => {
    const facts = { asOf: '2026-11-20', finalOrderDate: '2026-11-01' };
    expect(resultFor(facts, 'MOTION_TO_RECONSIDER_DUE')).toMatchObject({ dueDate: '2026-12-01', status: 'open' });
    const reopen = resultFor(facts, 'MOTION_TO_REOPEN_DUE');
    expect(reopen).toMatchObject({ computedDate: '2027-01-30', dueDate: '2027-02-01', attorneyReview: true });
    expect(notesOf(reopen, 'attorney-review')).toMatch(/changed country conditions.*in-absentia/);
  });

  it('rolls a reconsideration due on Christmas Day to the next business day', () => {
    expect(resultFor({ asOf: '2026-11-25', finalOrderDate: '2026-11-25' }, 'MOTION_TO_RECONSIDER_DUE').dueDate).toBe('2026-12-28');
  });
});

describe('RFE_RESPONSE_DUE', () => {
  it('gives 84 days from issue, 3 more when mailed', () => {
    expect(resultFor({ asOf: '2026-11-02', rfeIssueDate: '2026-11-02', rfeMailed: true }, 'RFE_RESPONSE_DUE').dueDate).toBe('2027-01-28');
    const notMailed = resultFor({ asOf: '2026-11-02', rfeIssueDate: '2026-11-02' }, 'RFE_RESPONSE_DUE');
    expect(notMailed.dueDate).toBe('2027-01-25');
    expect(notesOf(notMailed, 'information')).toContain('rfeMailed is not given');
  });

  it('uses the date on the notice when given, unmoved from a Saturday', () => {
    const result = resultFor({ asOf: '2026-11-02', rfeIssueDate: '2026-11-02', rfeMailed: true, rfeDueDateOnNotice: '2027-01-30' }, 'RFE_RESPONSE_DUE');
    expect(result.dueDate).toBe('2027-01-30');
    expect(result.explanation).toContain('counting from the issue date would give 2027-01-28');
    expect(resultFor({ asOf: '2026-11-02', rfeDueDateOnNotice: '2027-01-29' }, 'RFE_RESPONSE_DUE').dueDate).toBe('2027-01-29');
  });
});

describe('the rule table', () => {
  it('keeps the RCA/RMA months in step with orr-windows.ts', () => {
    for (const version of DEFAULT_TABLE.RCA_RMA_LAST_DAY.versions) {
      for (const date of [version.effectiveFrom, version.effectiveTo]) {
        if (date !== null) {
          expect(rcaRmaMonths(date)).toBe(version.params.months);
        }
      }
    }
  });

  it('has exactly one in-force version of every rule for any triggering date', () => {
    const probes = ['1990-01-01', '1997-04-01', '2021-09-30', '2021-10-01', '2025-05-04', '2025-05-05', '2026-03-08', '2026-03-09', '2040-01-01'];
    for (const [ruleId, rule] of Object.entries(DEFAULT_TABLE)) {
      for (const probe of probes) {
        const inForce = rule.versions.filter(
          (version) => version.status === 'in_force' && (version.effectiveFrom === null || version.effectiveFrom <= probe) && (version.effectiveTo === null || probe <= version.effectiveTo),
        );
        const expected = ruleId === 'ASYLUM_ONE_YEAR_FILING' && probe < '1997-04-01' ? 0 : 1;
        expect(inForce, `${ruleId} on ${probe}`).toHaveLength(expected);
      }
    }
  });
});
