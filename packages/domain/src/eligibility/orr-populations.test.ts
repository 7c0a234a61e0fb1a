import { describe, expect, it } from 'vitest';
import type { ImmigrationStatus } from '../schemas/immigration.js';
import { orrEligibility } from './orr-populations.js';

const one = (status: ImmigrationStatus, effectiveFrom?: string) => ({ statusHistory: [{ status, ...(effectiveFrom ? { effectiveFrom } : {}) }] });

describe('ORR eligibility by population', () => {
  it('starts a refugee on the admission date and an asylee on the grant date', () => {
    const refugee = orrEligibility(one('refugee', '2024-03-10'));
    expect(refugee).toMatchObject({ outcome: 'eligible', population: 'refugee', eligibilityDate: '2024-03-10', code: 'orr.refugee' });
    expect(refugee.reason).toBe('Refugee admitted on 2024-03-10: ORR eligibility starts on the date of admission.');
    expect(refugee.citation).toContain('INA 207');
    expect(orrEligibility(one('asylee', '2025-11-03'))).toMatchObject({ population: 'asylee', eligibilityDate: '2025-11-03', code: 'orr.asylee' });
  });

  it('starts Cuban/Haitian entrants and Amerasians on the status date', () => {
    expect(orrEligibility(one('cuban_haitian_entrant', '2023-01-17'))).toMatchObject({ population: 'cuban_haitian_entrant', eligibilityDate: '2023-01-17' });
    expect(orrEligibility(one('amerasian', '1992-08-01'))).toMatchObject({ population: 'amerasian', eligibilityDate: '1992-08-01', code: 'orr.amerasian' });
  });

  it('starts an SIV on entry, or on the grant date when adjusted in the US', () => {
    expect(orrEligibility(one('siv', '2022-02-14'))).toMatchObject({ eligibilityDate: '2022-02-14', code: 'orr.siv.entry' });
    expect(orrEligibility({ ...one('siv', '2023-07-01'), sivAdjustedInUs: true })).toMatchObject({ eligibilityDate: '2023-07-01', code: 'orr.siv.adjusted' });
  });

  it('starts a victim of trafficking on the HHS letter date, with or without T status recorded', () => {
    expect(orrEligibility({ traffickingCertificationDate: '2024-06-03' })).toMatchObject({
      outcome: 'eligible',
      population: 'trafficking_victim',
      eligibilityDate: '2024-06-03',
    });
    const withT = orrEligibility({ ...one('t_nonimmigrant', '2024-01-20'), traffickingCertificationDate: '2024-06-03' });
    expect(withT).toMatchObject({ eligibilityDate: '2024-06-03', code: 'orr.trafficking_victim' });
    expect(withT.candidates).toHaveLength(1);
    expect(orrEligibility(one('t_nonimmigrant', '2024-01-20'))).toMatchObject({ outcome: 'unknown', code: 'orr.missing.trafficking_certification_date' });
  });

  describe('Afghan humanitarian parolee: later of 2021-10-01 and community entry', () => {
    const afghan = (communityEntryDate: string) => ({ ...one('parolee_afghan', '2021-08-28'), communityEntryDate });
    it.each([
      ['2021-09-15', '2021-10-01'],
      ['2021-09-30', '2021-10-01'],
      ['2021-10-01', '2021-10-01'],
      ['2021-10-02', '2021-10-02'],
      ['2022-03-09', '2022-03-09'],
    ])('community entry %s → eligible from %s', (entry, expected) => {
      const result = orrEligibility(afghan(entry));
      expect(result).toMatchObject({ outcome: 'eligible', population: 'afghan_parolee', eligibilityDate: expected, needsReview: false });
      expect(result.params).toEqual({ communityEntryDate: entry, programStart: '2021-10-01', eligibilityDate: expected });
    });

    it('is unknown without the community entry date', () => {
      expect(orrEligibility(one('parolee_afghan', '2021-08-28'))).toMatchObject({ outcome: 'unknown', code: 'orr.missing.afghan_community_entry_date' });
    });

    it('flags parole outside 2021-07-31 to 2022-09-30 for review instead of deciding', () => {
      const late = orrEligibility({ ...one('parolee_afghan', '2022-10-01'), communityEntryDate: '2022-10-05' });
      expect(late).toMatchObject({ outcome: 'eligible', eligibilityDate: '2022-10-05', needsReview: true });
      expect(late.notes.map((n) => n.code)).toEqual(['orr.review.afghan_parole_outside_statute']);
      expect(orrEligibility({ ...one('parolee_afghan', '2022-09-30'), communityEntryDate: '2022-10-02' }).needsReview).toBe(false);
      expect(orrEligibility({ ...one('parolee_afghan', '2021-07-30'), communityEntryDate: '2021-08-02' }).needsReview).toBe(true);
    });
  });

  describe('Ukrainian humanitarian parolee: later of 2022-05-21 (2024-04-24 if paroled from 2023-10-01) and parole', () => {
    it.each([
      ['2022-04-01', '2022-05-21', '2022-05-21'],
      ['2022-05-20', '2022-05-21', '2022-05-21'],
      ['2022-05-21', '2022-05-21', '2022-05-21'],
      ['2022-05-22', '2022-05-21', '2022-05-22'],
      ['2023-09-30', '2022-05-21', '2023-09-30'],
      ['2023-10-01', '2024-04-24', '2024-04-24'],
      ['2024-04-23', '2024-04-24', '2024-04-24'],
      ['2024-04-24', '2024-04-24', '2024-04-24'],
      ['2024-04-25', '2024-04-24', '2024-04-25'],
    ])('paroled %s → benefits start %s → eligible from %s', (parole, benefitsStart, expected) => {
      const result = orrEligibility(one('parolee_ukrainian', parole));
      expect(result).toMatchObject({ outcome: 'eligible', population: 'ukrainian_parolee', eligibilityDate: expected, needsReview: false });
      expect(result.params).toEqual({ paroleDate: parole, benefitsStart, eligibilityDate: expected });
    });

    it('flags parole outside 2022-02-24 to 2024-09-30 for review', () => {
      expect(orrEligibility(one('parolee_ukrainian', '2022-02-23'))).toMatchObject({ eligibilityDate: '2022-05-21', needsReview: true });
      expect(orrEligibility(one('parolee_ukrainian', '2022-02-24')).needsReview).toBe(false);
      expect(orrEligibility(one('parolee_ukrainian', '2024-09-30')).needsReview).toBe(false);
      expect(orrEligibility(one('parolee_ukrainian', '2024-10-01'))).toMatchObject({ eligibilityDate: '2024-10-01', needsReview: true });
    });
  });

  describe('unaccompanied refugee minor: entry before 18', () => {
    const urm = (dateOfBirth: string, entry: string) => ({ dateOfBirth, ...one('unaccompanied_refugee_minor', entry) });

    it('qualifies at 17 years 364 days and not on the 18th birthday', () => {
      expect(orrEligibility(urm('2006-05-10', '2024-05-09'))).toMatchObject({
        outcome: 'eligible',
        eligibilityDate: '2024-05-09',
        params: { eligibilityDate: '2024-05-09', ageAtEntry: 17 },
      });
      const adult = orrEligibility(urm('2006-05-10', '2024-05-10'));
      expect(adult).toMatchObject({ outcome: 'ineligible', code: 'orr.not_eligible' });
      expect(adult.candidates[0]).toMatchObject({
        code: 'orr.urm.entered_as_adult',
        params: { entryDate: '2024-05-10', ageAtEntry: 18, eighteenthBirthday: '2024-05-10' },
      });
    });

    it('turns a 29 February child 18 on 28 February in a non-leap year', () => {
      expect(orrEligibility(urm('2008-02-29', '2026-02-27')).outcome).toBe('eligible');
      expect(orrEligibility(urm('2008-02-29', '2026-02-28')).outcome).toBe('ineligible');
    });

    it('is unknown without a date of birth, and flags an approximate one at the edge', () => {
      expect(orrEligibility(one('unaccompanied_refugee_minor', '2024-05-09'))).toMatchObject({ outcome: 'unknown', code: 'orr.missing.urm_date_of_birth' });
      const approximate = orrEligibility({ ...urm('2007-01-01', '2024-12-20'), dateOfBirthApproximate: true });
      expect(approximate).toMatchObject({ outcome: 'eligible', needsReview: true });
      expect(approximate.notes[0]?.code).toBe('orr.review.approximate_date_of_birth');
    });
  });
});

describe('statuses that are not ORR populations', () => {
  it.each([
    ['asylum_seeker_affirmative', 'orr.not_qualifying.asylum_seeker'],
    ['asylum_seeker_defensive', 'orr.not_qualifying.asylum_seeker'],
    ['tps', 'orr.not_qualifying.tps'],
    ['u_nonimmigrant', 'orr.not_qualifying.u_nonimmigrant'],
    ['vawa_self_petitioner', 'orr.not_qualifying.vawa_self_petitioner'],
    ['parolee_other', 'orr.not_qualifying.parolee_other'],
    ['sijs', 'orr.not_qualifying.sijs'],
    ['lpr', 'orr.not_qualifying.lpr'],
    ['citizen', 'orr.not_qualifying.citizen'],
    ['other', 'orr.not_qualifying.other'],
  ] as const)('%s is not ORR-eligible and says why (%s)', (status, code) => {
    const result = orrEligibility(one(status, '2024-01-01'));
    expect(result).toMatchObject({ outcome: 'ineligible', code: 'orr.not_eligible' });
    expect(result.eligibilityDate).toBeUndefined();
    expect(result.candidates).toEqual([expect.objectContaining({ status, outcome: 'ineligible', code })]);
    expect(result.candidates[0]?.reason.length).toBeGreaterThan(20);
    // The reason reaches the API through the notes; candidates stay inside the engine.
    expect(result.notes).toEqual([expect.objectContaining({ code, citation: expect.any(String) })]);
    expect(result.needsReview).toBe(false);
  });

  it('keeps the eligibility of an earlier status after adjustment to permanent residence', () => {
    const result = orrEligibility({
      statusHistory: [
        { status: 'refugee', effectiveFrom: '2019-04-02', effectiveTo: '2020-04-02' },
        { status: 'lpr', effectiveFrom: '2020-04-02' },
      ],
    });
    expect(result).toMatchObject({ outcome: 'eligible', population: 'refugee', eligibilityDate: '2019-04-02' });
  });
});

describe('several statuses', () => {
  it('lets the earliest eligibility date govern, and says so', () => {
    const result = orrEligibility({
      communityEntryDate: '2021-11-05',
      statusHistory: [
        { status: 'parolee_afghan', effectiveFrom: '2021-09-01' },
        { status: 'asylum_seeker_affirmative', effectiveFrom: '2022-02-01' },
        { status: 'asylee', effectiveFrom: '2023-06-01' },
      ],
    });
    expect(result).toMatchObject({ outcome: 'eligible', population: 'afghan_parolee', eligibilityDate: '2021-11-05', needsReview: false });
    expect(result.notes).toEqual([expect.objectContaining({ code: 'orr.earliest_governs', params: { count: 2, eligibilityDate: '2021-11-05' } })]);
    expect(result.candidates.map((c) => c.outcome)).toEqual(['eligible', 'ineligible', 'eligible']);
  });

  it('flags for review when an undated qualifying status could be earlier', () => {
    const result = orrEligibility({ statusHistory: [{ status: 'asylee', effectiveFrom: '2020-01-15' }, { status: 'refugee' }] });
    expect(result).toMatchObject({ outcome: 'eligible', eligibilityDate: '2020-01-15', needsReview: true });
    expect(result.notes[0]?.code).toBe('orr.review.undated_status');
  });

  it('does not flag an undated status whose earliest possible date is later', () => {
    // Community entry cannot come before the parole date, so this Afghan date is 2022-01-10 or later.
    const result = orrEligibility({
      statusHistory: [
        { status: 'asylee', effectiveFrom: '2021-12-01' },
        { status: 'parolee_afghan', effectiveFrom: '2022-01-10' },
      ],
    });
    expect(result).toMatchObject({ eligibilityDate: '2021-12-01', needsReview: false });
  });

  it('reports a population the program does not serve', () => {
    const result = orrEligibility(one('asylee', '2025-03-01'), { populations: ['refugee', 'siv'] });
    expect(result).toMatchObject({
      outcome: 'ineligible',
      code: 'orr.population_not_served',
      params: { eligibilityDate: '2025-03-01', population: 'asylee', populations: 'refugee, siv' },
    });
  });
});

describe('partial facts', () => {
  it('is unknown, never an exception, with nothing recorded', () => {
    expect(orrEligibility({})).toMatchObject({ outcome: 'unknown', code: 'orr.missing.status_history', candidates: [] });
  });

  it('treats an impossible date as missing', () => {
    expect(orrEligibility(one('refugee', '2026-02-30'))).toMatchObject({ outcome: 'unknown', code: 'orr.missing.refugee_admission_date' });
    expect(orrEligibility({ ...one('parolee_afghan', '2021-09-01'), communityEntryDate: 'soon' }).outcome).toBe('unknown');
  });

  it('is unknown when a qualifying status lacks its date, even beside a non-qualifying one', () => {
    const result = orrEligibility({ statusHistory: [{ status: 'tps', effectiveFrom: '2020-01-01' }, { status: 'asylee' }] });
    expect(result).toMatchObject({ outcome: 'unknown', code: 'orr.missing.asylee_grant_date' });
  });
});
