import { z } from 'zod';
import { addYears, ageOn, type IsoDate, maxDate } from '../calendar/dates.js';
import type { ImmigrationStatus } from '../schemas/immigration.js';
import { type EligibilityFacts, knownDate, type EligibilityStatusPeriod } from './facts.js';
import { ELIGIBILITY_CITATIONS as CITE, type EligibilityFinding, type EligibilityOutcome, finding } from './reasons.js';

/** The ORR-eligible populations of RULES.md, in the order used to break ties between equal dates. */
export const ORR_POPULATIONS = [
  'refugee',
  'asylee',
  'cuban_haitian_entrant',
  'amerasian',
  'trafficking_victim',
  'siv',
  'afghan_parolee',
  'ukrainian_parolee',
  'unaccompanied_refugee_minor',
] as const;
export const OrrPopulation = z.enum(ORR_POPULATIONS);
export type OrrPopulation = z.infer<typeof OrrPopulation>;

/**
 * Statutory dates. Afghan: benefits from 2021-10-01 for those paroled 2021-07-31 to 2022-09-30
 * (Pub. L. 117-43 §2502; ORR PL 22-01). Ukrainian: from enactment on 2022-05-21 for those paroled
 * from 2022-02-24 (Pub. L. 117-128 §401), and from 2024-04-24 for those paroled 2023-10-01 to
 * 2024-09-30, the extension enacted that day (Pub. L. 118-50; ORR PL 22-13).
 */
export const AFGHAN_PAROLEE_BENEFITS_START = '2021-10-01';
const AFGHAN_PAROLE_COVERED = { from: '2021-07-31', to: '2022-09-30' } as const;
export const UKRAINIAN_PAROLEE_BENEFITS_START = '2022-05-21';
export const UKRAINIAN_EXTENSION_PAROLED_FROM = '2023-10-01';
export const UKRAINIAN_EXTENSION_BENEFITS_START = '2024-04-24';
const UKRAINIAN_PAROLE_COVERED = { from: '2022-02-24', to: '2024-09-30' } as const;
const URM_ENTRY_AGE_LIMIT = 18;

/** What one recorded status (or the trafficking letter) says about ORR eligibility. */
export interface OrrCandidate extends EligibilityFinding {
  /** The status period it comes from; absent for a trafficking letter with no T status recorded. */
  status?: ImmigrationStatus;
  /** Set when the status is one of the ORR populations, whatever the outcome. */
  population?: OrrPopulation;
  outcome: EligibilityOutcome;
  eligibilityDate?: IsoDate;
  /** For an undated candidate: the earliest its date could be, when a floor is known. */
  earliestPossibleDate?: IsoDate;
  reviewNotes: EligibilityFinding[];
}

export interface OrrEligibility extends EligibilityFinding {
  outcome: EligibilityOutcome;
  /** The governing population: the one with the earliest eligibility date. */
  population?: OrrPopulation;
  eligibilityDate?: IsoDate;
  /** True when a supervisor should confirm the result; Haven flags and never decides these. */
  needsReview: boolean;
  /** Review flags and explanations that go with the main reason. */
  notes: EligibilityFinding[];
  /** Every status considered, so the intake screen can show why each did or did not count. */
  candidates: OrrCandidate[];
}

export interface OrrEligibilityOptions {
  /** Only these populations count (a program that serves, say, only refugees and SIVs). */
  populations?: readonly OrrPopulation[];
}

type FactsInput = z.input<typeof EligibilityFacts>;

function eligible(status: ImmigrationStatus | undefined, population: OrrPopulation, date: IsoDate, found: EligibilityFinding, reviewNotes: EligibilityFinding[] = []): OrrCandidate {
  return { ...found, ...(status ? { status } : {}), population, outcome: 'eligible', eligibilityDate: date, reviewNotes };
}

function undated(status: ImmigrationStatus, population: OrrPopulation, found: EligibilityFinding, earliestPossibleDate?: IsoDate): OrrCandidate {
  return { ...found, status, population, outcome: 'unknown', ...(earliestPossibleDate ? { earliestPossibleDate } : {}), reviewNotes: [] };
}

function notQualifying(status: ImmigrationStatus, found: EligibilityFinding, population?: OrrPopulation): OrrCandidate {
  return { ...found, status, ...(population ? { population } : {}), outcome: 'ineligible', reviewNotes: [] };
}

/** Populations whose start event is simply the status date. */
const DATED_BY_STATUS = {
  refugee: { population: 'refugee', code: 'orr.refugee', missing: 'orr.missing.refugee_admission_date', citation: CITE.refugee },
  asylee: { population: 'asylee', code: 'orr.asylee', missing: 'orr.missing.asylee_grant_date', citation: CITE.asylee },
  cuban_haitian_entrant: {
    population: 'cuban_haitian_entrant',
    code: 'orr.cuban_haitian_entrant',
    missing: 'orr.missing.entrant_date',
    citation: CITE.cubanHaitianEntrant,
  },
  amerasian: { population: 'amerasian', code: 'orr.amerasian', missing: 'orr.missing.amerasian_entry_date', citation: CITE.amerasian },
} as const;

/** Why each status that is not an ORR population does not count (ORR PL 16-01 lists those that do). */
const NOT_QUALIFYING = {
  asylum_seeker_affirmative: 'orr.not_qualifying.asylum_seeker',
  asylum_seeker_defensive: 'orr.not_qualifying.asylum_seeker',
  tps: 'orr.not_qualifying.tps',
  u_nonimmigrant: 'orr.not_qualifying.u_nonimmigrant',
  vawa_self_petitioner: 'orr.not_qualifying.vawa_self_petitioner',
  parolee_other: 'orr.not_qualifying.parolee_other',
  sijs: 'orr.not_qualifying.sijs',
  lpr: 'orr.not_qualifying.lpr',
  citizen: 'orr.not_qualifying.citizen',
  other: 'orr.not_qualifying.other',
} as const;

function approximateAgeNote(facts: FactsInput, age: number, limit: number): EligibilityFinding[] {
  // An approximate birthday (often 1 January by convention) can move the age by up to a year.
  return facts.dateOfBirthApproximate === true && (age === limit || age === limit - 1)
    ? [finding('orr.review.approximate_date_of_birth', { age }, CITE.unaccompaniedRefugeeMinor)]
    : [];
}

function candidateFor(period: EligibilityStatusPeriod, facts: FactsInput): OrrCandidate | undefined {
  const { status } = period;
  const from = knownDate(period.effectiveFrom);
  switch (status) {
    case 'refugee':
    case 'asylee':
    case 'cuban_haitian_entrant':
    case 'amerasian': {
      const rule = DATED_BY_STATUS[status];
      return from
        ? eligible(status, rule.population, from, finding(rule.code, { eligibilityDate: from }, rule.citation))
        : undated(status, rule.population, finding(rule.missing, {}, rule.citation));
    }
    case 'siv': {
      if (!from) {
        return undated(status, 'siv', finding('orr.missing.siv_date', {}, CITE.siv));
      }
      const code = facts.sivAdjustedInUs === true ? 'orr.siv.adjusted' : 'orr.siv.entry';
      return eligible(status, 'siv', from, finding(code, { eligibilityDate: from }, CITE.siv));
    }
    case 'parolee_afghan': {
      const review =
        from && (from < AFGHAN_PAROLE_COVERED.from || from > AFGHAN_PAROLE_COVERED.to)
          ? [finding('orr.review.afghan_parole_outside_statute', { paroleDate: from }, CITE.afghanParolee)]
          : [];
      const communityEntry = knownDate(facts.communityEntryDate);
      if (!communityEntry) {
        // Community entry cannot precede parole, so the parole date is a floor for the unknown date.
        const floor = from ? maxDate(AFGHAN_PAROLEE_BENEFITS_START, from) : AFGHAN_PAROLEE_BENEFITS_START;
        return undated(status, 'afghan_parolee', finding('orr.missing.afghan_community_entry_date', {}, CITE.afghanParolee), floor);
      }
      const date = maxDate(AFGHAN_PAROLEE_BENEFITS_START, communityEntry);
      const params = { communityEntryDate: communityEntry, programStart: AFGHAN_PAROLEE_BENEFITS_START, eligibilityDate: date };
      return eligible(status, 'afghan_parolee', date, finding('orr.afghan_parolee', params, CITE.afghanParolee), review);
    }
    case 'parolee_ukrainian': {
      if (!from) {
        return undated(status, 'ukrainian_parolee', finding('orr.missing.ukrainian_parole_date', {}, CITE.ukrainianParolee), UKRAINIAN_PAROLEE_BENEFITS_START);
      }
      const benefitsStart = from >= UKRAINIAN_EXTENSION_PAROLED_FROM ? UKRAINIAN_EXTENSION_BENEFITS_START : UKRAINIAN_PAROLEE_BENEFITS_START;
      const date = maxDate(benefitsStart, from);
      const review =
        from < UKRAINIAN_PAROLE_COVERED.from || from > UKRAINIAN_PAROLE_COVERED.to
          ? [finding('orr.review.ukrainian_parole_outside_statute', { paroleDate: from }, CITE.ukrainianParolee)]
          : [];
      const params = { paroleDate: from, benefitsStart, eligibilityDate: date };
      return eligible(status, 'ukrainian_parolee', date, finding('orr.ukrainian_parolee', params, CITE.ukrainianParolee), review);
    }
    case 'unaccompanied_refugee_minor': {
      if (!from) {
        return undated(status, 'unaccompanied_refugee_minor', finding('orr.missing.urm_entry_date', {}, CITE.unaccompaniedRefugeeMinor));
      }
      const dateOfBirth = knownDate(facts.dateOfBirth);
      if (!dateOfBirth) {
        return undated(status, 'unaccompanied_refugee_minor', finding('orr.missing.urm_date_of_birth', {}, CITE.unaccompaniedRefugeeMinor), from);
      }
      const ageAtEntry = ageOn(dateOfBirth, from);
      const review = approximateAgeNote(facts, ageAtEntry, URM_ENTRY_AGE_LIMIT);
      if (ageAtEntry >= URM_ENTRY_AGE_LIMIT) {
        const params = { entryDate: from, ageAtEntry, eighteenthBirthday: addYears(dateOfBirth, URM_ENTRY_AGE_LIMIT) };
        return { ...notQualifying(status, finding('orr.urm.entered_as_adult', params, CITE.unaccompaniedRefugeeMinor), 'unaccompanied_refugee_minor'), reviewNotes: review };
      }
      const params = { eligibilityDate: from, ageAtEntry };
      return eligible(status, 'unaccompanied_refugee_minor', from, finding('orr.unaccompanied_refugee_minor', params, CITE.unaccompaniedRefugeeMinor), review);
    }
    case 't_nonimmigrant':
      // Trafficking victims qualify through the HHS letter, not the T visa itself (22 USC 7105(b)(1)).
      return knownDate(facts.traffickingCertificationDate)
        ? undefined
        : undated(status, 'trafficking_victim', finding('orr.missing.trafficking_certification_date', {}, CITE.traffickingVictim));
    default:
      return notQualifying(status, finding(NOT_QUALIFYING[status], {}, CITE.orrStatuses));
  }
}

function byEligibilityDate(a: OrrCandidate, b: OrrCandidate): number {
  const [da, db] = [a.eligibilityDate ?? '', b.eligibilityDate ?? ''];
  if (da !== db) {
    return da < db ? -1 : 1;
  }
  return ORR_POPULATIONS.indexOf(a.population ?? 'refugee') - ORR_POPULATIONS.indexOf(b.population ?? 'refugee');
}

function summary(candidate: OrrCandidate): EligibilityFinding {
  return { code: candidate.code, params: candidate.params, reason: candidate.reason, citation: candidate.citation };
}

/**
 * Which ORR-eligible population applies and from what date (RULES.md, "Other facts that drive
 * the system"). When several statuses qualify, the earliest eligibility date governs: ORR counts
 * benefit time from when a person first became eligible, and a later status (an asylee who
 * became a resident, a parolee later granted asylum) does not restart the clock. The result is
 * flagged for review when an undated qualifying status could be earlier, or when a parole date
 * falls outside the period a statute covers. Pure; never throws on missing or malformed facts.
 */
export function orrEligibility(facts: FactsInput, options: OrrEligibilityOptions = {}): OrrEligibility {
  const candidates: OrrCandidate[] = [];
  for (const period of facts.statusHistory ?? []) {
    const candidate = candidateFor(period, facts);
    if (candidate) {
      candidates.push(candidate);
    }
  }
  const certified = knownDate(facts.traffickingCertificationDate);
  if (certified) {
    const tStatus = (facts.statusHistory ?? []).some((p) => p.status === 't_nonimmigrant') ? 't_nonimmigrant' : undefined;
    candidates.push(eligible(tStatus, 'trafficking_victim', certified, finding('orr.trafficking_victim', { eligibilityDate: certified }, CITE.traffickingVictim)));
  }

  if (candidates.length === 0) {
    return { ...finding('orr.missing.status_history', {}, CITE.orrStatuses), outcome: 'unknown', needsReview: false, notes: [], candidates };
  }

  const served = (c: OrrCandidate) => c.population !== undefined && (options.populations?.includes(c.population) ?? true);
  const qualifying = candidates.filter((c) => c.outcome === 'eligible' && served(c)).sort(byEligibilityDate);
  const undatedServed = candidates.filter((c) => c.outcome === 'unknown' && served(c));

  const governing = qualifying[0];
  if (governing?.eligibilityDate) {
    const date = governing.eligibilityDate;
    const notes = [...governing.reviewNotes];
    if (undatedServed.some((c) => c.earliestPossibleDate === undefined || c.earliestPossibleDate < date)) {
      notes.push(finding('orr.review.undated_status', { eligibilityDate: date }, CITE.orrStatuses));
    }
    const needsReview = notes.length > 0;
    const distinctDates = new Set(qualifying.map((c) => `${c.population}:${c.eligibilityDate}`));
    if (distinctDates.size > 1) {
      notes.push(finding('orr.earliest_governs', { count: distinctDates.size, eligibilityDate: date }, CITE.orrStatuses));
    }
    return { ...summary(governing), outcome: 'eligible', population: governing.population, eligibilityDate: date, needsReview, notes, candidates };
  }

  const firstUndated = undatedServed[0];
  if (firstUndated) {
    return { ...summary(firstUndated), outcome: 'unknown', needsReview: false, notes: [], candidates };
  }

  const elsewhere = candidates.filter((c) => c.outcome === 'eligible').sort(byEligibilityDate)[0];
  if (elsewhere?.eligibilityDate && elsewhere.population) {
    const params = { eligibilityDate: elsewhere.eligibilityDate, population: elsewhere.population, populations: (options.populations ?? []).join(', ') };
    return { ...finding('orr.population_not_served', params, CITE.orrStatuses), outcome: 'ineligible', needsReview: false, notes: [], candidates };
  }

  // Every recorded status was looked at and none qualifies; each candidate says why, and those
  // reasons go in the notes, which reach the API (candidates do not): "a pending asylum
  // application does not make someone ORR-eligible" is what the intake screen must show.
  const reviewNotes = candidates.flatMap((c) => c.reviewNotes);
  const whyNot = candidates.map(summary);
  return { ...finding('orr.not_eligible', {}, CITE.orrStatuses), outcome: 'ineligible', needsReview: reviewNotes.length > 0, notes: [...whyNot, ...reviewNotes], candidates };
}
