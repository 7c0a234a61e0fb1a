/**
 * Every eligibility finding carries a stable `code` and `params` so the web app can show the
 * reason in the client's or user's language; `reason` is the English rendering of the same
 * template. Other locales copy the keys of ELIGIBILITY_REASONS_EN and translate the text,
 * keeping the {placeholders}. Dates in params are ISO calendar dates.
 */
export const ELIGIBILITY_REASONS_EN = {
  // ORR-eligible populations (RULES.md, "Other facts that drive the system").
  'orr.refugee': 'Refugee admitted on {eligibilityDate}: ORR eligibility starts on the date of admission.',
  'orr.asylee': 'Asylum granted on {eligibilityDate}: ORR eligibility starts on the grant date.',
  'orr.cuban_haitian_entrant':
    'Cuban/Haitian entrant since {eligibilityDate}: ORR eligibility starts on the first date the entrant definition is met.',
  'orr.amerasian': 'Amerasian who entered the United States on {eligibilityDate}: ORR eligibility starts on the date of entry.',
  'orr.trafficking_victim':
    'HHS certification or eligibility letter dated {eligibilityDate}: ORR eligibility as a victim of trafficking starts on the date of the letter.',
  'orr.siv.entry': 'Iraqi or Afghan special immigrant admitted on {eligibilityDate}: ORR eligibility starts on the date of entry.',
  'orr.siv.adjusted':
    'Iraqi or Afghan special immigrant status granted in the United States on {eligibilityDate}: ORR eligibility starts on the grant date.',
  'orr.afghan_parolee':
    'Afghan humanitarian parolee who entered the community on {communityEntryDate}: ORR eligibility starts on the later of {programStart} and that date, {eligibilityDate}.',
  'orr.ukrainian_parolee':
    'Ukrainian humanitarian parolee paroled on {paroleDate}: ORR eligibility starts on the later of {benefitsStart} and the parole date, {eligibilityDate}.',
  'orr.unaccompanied_refugee_minor':
    'Unaccompanied refugee minor who entered on {eligibilityDate} at age {ageAtEntry}: ORR eligibility starts on the date of entry.',

  // A status that is recorded but does not qualify.
  'orr.urm.entered_as_adult':
    'Entered on {entryDate} at age {ageAtEntry}: the unaccompanied refugee minor program needs entry before the 18th birthday, {eighteenthBirthday}.',
  'orr.not_qualifying.asylum_seeker':
    'A pending asylum application does not make someone ORR-eligible; eligibility starts only if asylum is granted.',
  'orr.not_qualifying.tps': 'Temporary Protected Status is not an ORR-eligible status.',
  'orr.not_qualifying.u_nonimmigrant':
    'U nonimmigrant status is not an ORR-eligible status; victims of trafficking qualify through an HHS certification or eligibility letter.',
  'orr.not_qualifying.vawa_self_petitioner': 'A VAWA self-petition is not an ORR-eligible status.',
  'orr.not_qualifying.parolee_other':
    'Parole outside the Afghan, Ukrainian and Cuban/Haitian entrant provisions is not an ORR-eligible status.',
  'orr.not_qualifying.sijs':
    'Special Immigrant Juvenile status alone is not an ORR-eligible status; if the young person was accepted into the unaccompanied refugee minor program, record that status.',
  'orr.not_qualifying.lpr':
    'Permanent residence alone is not an ORR-eligible status; a resident keeps the eligibility of an earlier qualifying status, so record that status with its date.',
  'orr.not_qualifying.citizen':
    'Citizenship is not an ORR-eligible status; record any earlier qualifying status with its date.',
  'orr.not_qualifying.other': 'This status is not one of the ORR-eligible populations.',

  // A qualifying status whose start date cannot be computed yet.
  'orr.missing.refugee_admission_date': 'Refugee status is recorded without the date of admission, when ORR eligibility starts.',
  'orr.missing.asylee_grant_date': 'Asylee status is recorded without the grant date, when ORR eligibility starts.',
  'orr.missing.entrant_date':
    'Cuban/Haitian entrant status is recorded without the date the entrant definition was first met, when ORR eligibility starts.',
  'orr.missing.amerasian_entry_date': 'Amerasian status is recorded without the date of entry, when ORR eligibility starts.',
  'orr.missing.trafficking_certification_date':
    'T nonimmigrant status is recorded, but ORR eligibility starts on the date of the HHS certification or eligibility letter, which is missing.',
  'orr.missing.siv_date':
    'Special immigrant status is recorded without the date of entry (or, if adjusted in the United States, the grant date).',
  'orr.missing.afghan_community_entry_date':
    'Afghan humanitarian parole is recorded without the date the person entered the community, which sets the ORR eligibility date.',
  'orr.missing.ukrainian_parole_date': 'Ukrainian humanitarian parole is recorded without the parole date, which sets the ORR eligibility date.',
  'orr.missing.urm_entry_date': 'Unaccompanied refugee minor status is recorded without the date of entry.',
  'orr.missing.urm_date_of_birth':
    'Unaccompanied refugee minor status needs the date of birth to check that the young person entered before turning 18.',

  // The client as a whole.
  'orr.missing.status_history': 'No immigration status is recorded, so ORR eligibility cannot be determined.',
  'orr.not_eligible': 'None of the recorded statuses is an ORR-eligible population.',
  'orr.population_not_served':
    'ORR-eligible from {eligibilityDate}, but not as one of the populations this program serves.',
  'orr.not_yet': 'ORR eligibility starts on {eligibilityDate}, after {asOf}.',
  'orr.earliest_governs':
    '{count} qualifying statuses are recorded; the earliest eligibility date, {eligibilityDate}, governs.',

  // Flags for a supervisor: Haven does not decide these.
  'orr.review.undated_status':
    'Another qualifying status could not be dated; if its date turns out earlier than {eligibilityDate}, that date governs instead.',
  'orr.review.afghan_parole_outside_statute':
    'Paroled on {paroleDate}, outside the 2021-07-31 to 2022-09-30 period the statute covers; the person may qualify as a family member or under a later extension: confirm before relying on it.',
  'orr.review.ukrainian_parole_outside_statute':
    'Paroled on {paroleDate}, outside the 2022-02-24 to 2024-09-30 period the statute covers; a spouse or child paroled later may still qualify: confirm before relying on it.',
  'orr.review.approximate_date_of_birth':
    'The date of birth is approximate and the age ({age}) is at the limit, so the result depends on the exact birthday.',

  // Benefit and service windows counted from the ORR eligibility date.
  'window.reception_and_placement.open':
    'Within the Reception & Placement period: it runs from {eligibilityDate} through {windowEnd} ({days} days).',
  'window.reception_and_placement.closed':
    'The Reception & Placement period ended on {windowEnd}, {days} days from {eligibilityDate}.',
  'window.preferred_communities.open':
    'Within the Preferred Communities five-year window: ORR eligibility began on {eligibilityDate} and the last day is {windowEnd}.',
  'window.preferred_communities.closed':
    'The Preferred Communities five-year window closed on {windowEnd} (ORR eligibility began on {eligibilityDate}).',
  'window.rca_rma.open':
    'Within Refugee Cash and Medical Assistance: {months} months from {eligibilityDate}, through {windowEnd}.',
  'window.rca_rma.closed':
    'Refugee Cash and Medical Assistance ended on {windowEnd}: {months} months from the eligibility date {eligibilityDate}.',
  'window.matching_grant.open':
    'Enrollment on {asOf} is within 31 days of the ORR eligibility date {eligibilityDate} (enroll by {windowEnd}).',
  'window.matching_grant.closed':
    'Matching Grant enrollment had to happen by {windowEnd}, 31 days after the ORR eligibility date {eligibilityDate}; it is now {asOf}.',
  'window.not_started': 'This window opens with ORR eligibility on {eligibilityDate}, after {asOf}.',
  'window.no_orr_eligibility': 'This window is counted from the ORR eligibility date, and there is none.',
  'window.orr_unknown': 'The ORR eligibility date is not known yet, so this window cannot be checked.',

  // Age limits, counted on the evaluation date.
  'age.in_range': 'Aged {age} on {asOf}, within the program’s age limits.',
  'age.below_min': 'Aged {age} on {asOf}; the program starts at age {min}.',
  'age.above_max': 'Aged {age} on {asOf}; the program serves people up to age {max}.',
  'age.missing_date_of_birth': 'The date of birth is missing, so the age limit cannot be checked.',

  everyone: 'This program serves everyone.',
} as const satisfies Record<string, string>;

export type EligibilityReasonCode = keyof typeof ELIGIBILITY_REASONS_EN;
export const ELIGIBILITY_REASON_CODES = Object.keys(ELIGIBILITY_REASONS_EN) as EligibilityReasonCode[];

export type EligibilityReasonParams = Record<string, string | number>;

/** Fills {placeholders}; one left unfilled stays visible rather than silently vanishing. */
export function formatEligibilityReason(template: string, params: EligibilityReasonParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'unknown';

export interface EligibilityFinding {
  code: EligibilityReasonCode;
  params: EligibilityReasonParams;
  reason: string;
  citation: string;
}

export function finding(code: EligibilityReasonCode, params: EligibilityReasonParams, citation: string): EligibilityFinding {
  return { code, params, reason: formatEligibilityReason(ELIGIBILITY_REASONS_EN[code], params), citation };
}

/**
 * Sources, as read in stored copies (November 2026). RULES.md asks that each be verified against
 * the official text before it is relied on.
 */
export const ELIGIBILITY_CITATIONS = {
  refugee: 'INA 207, 412 (8 USC 1157, 1522); 45 CFR 400.43; ORR PL 16-01',
  asylee: 'INA 208 (8 USC 1158); 45 CFR 400.43; ORR PL 16-01',
  cubanHaitianEntrant: 'Refugee Education Assistance Act of 1980 §501(e) (Pub. L. 96-422); 45 CFR 401.2',
  amerasian: 'Amerasian Homecoming Act, Pub. L. 100-202 §584(a)(2)',
  traffickingVictim: 'Trafficking Victims Protection Act of 2000, 22 USC 7105(b)(1)',
  siv: 'Pub. L. 110-181 §1244(g) (Iraqi); Afghan Allies Protection Act of 2009 §602(b)(8) (Pub. L. 111-8); Pub. L. 111-118 §8120',
  afghanParolee: 'Afghanistan Supplemental Appropriations Act, 2022 §2502 (Pub. L. 117-43); ORR PL 22-01',
  ukrainianParolee:
    'Additional Ukraine Supplemental Appropriations Act, 2022 §401 (Pub. L. 117-128), extended by Pub. L. 118-50; ORR PL 22-13',
  unaccompaniedRefugeeMinor: 'INA 412(d)(2) (8 USC 1522(d)(2)); 45 CFR 400.111–400.120',
  orrStatuses: 'ORR PL 16-01, Status and Documentation Requirements for the ORR Refugee Resettlement Program; 45 CFR 400.43',
  receptionAndPlacement: 'U.S. Department of State (PRM) Reception and Placement cooperative agreement: core services in the first 90 days',
  preferredCommunities: 'ORR Preferred Communities ("arrived within the past five years")',
  rcaRma: '45 CFR 400.211, 400.220; 90 FR 13370',
  matchingGrant: 'ORR Matching Grant Program guidelines (enrollment within 31 days of eligibility)',
  programPolicy: 'Program eligibility policy set by the organization',
} as const;
