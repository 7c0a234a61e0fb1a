import type { IsoDate } from '../calendar/dates.js';

/**
 * The versioned rule table (RULES.md). Each rule keeps every version it has had or may have, as
 * `(ruleId, version, effectiveFrom, effectiveTo, status)`; the engine picks the versions whose
 * dates cover the rule's triggering event (the fact the formula counts from). Only an `in_force`
 * version produces a date; `enjoined` and `proposed` versions covering the same event are shown as
 * notes, with the date they would give, so staff see what a court or a final rule could change.
 * Plain data, so an admin-edited copy can be passed to `computeDeadlines` in its place. A
 * triggering date that no in-force version covers gives no result, so an edited table must leave
 * no gaps (a unit test checks the default table).
 */

export const DEADLINE_RULE_IDS = [
  'ASYLUM_ONE_YEAR_FILING',
  'EAD_C8_EARLIEST_FILING',
  'EAD_C8_EARLIEST_GRANT',
  'EAD_RENEWAL_WINDOW_OPENS',
  'SIJS_I360_AGE_OUT',
  'SIJS_STATE_ORDER_AGE_OUT',
  'RCA_RMA_LAST_DAY',
  'PREFERRED_COMMUNITIES_LAST_DAY',
  'MATCHING_GRANT_ENROLL_BY',
  'EMPLOYMENT_STATUS_240_DAY',
  'AR11_DUE',
  'EOIR33_DUE',
  'N400_EARLIEST_FILING',
  'REFUGEE_I485_DUE',
  'ASYLEE_I485_ELIGIBLE',
  'I730_DUE',
  'BIA_APPEAL_DUE',
  'MOTION_TO_RECONSIDER_DUE',
  'MOTION_TO_REOPEN_DUE',
  'RFE_RESPONSE_DUE',
] as const;
export type DeadlineRuleId = (typeof DEADLINE_RULE_IDS)[number];

export const RULE_VERSION_STATUSES = ['in_force', 'enjoined', 'proposed'] as const;
export type RuleVersionStatus = (typeof RULE_VERSION_STATUSES)[number];

/**
 * deadline: something must be done by the date. earliest-date: something may be done from the
 * date. last-day: a window (a benefit, an age) ends after the date. checkpoint: a date to review.
 */
export const DEADLINE_KINDS = ['deadline', 'earliest-date', 'last-day', 'checkpoint'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** forward: a non-business day moves to the next business day; back: to the previous one; none: the date stands. */
export type DateRoll = 'forward' | 'back' | 'none';

/** The numbers each rule's formula uses, so a new version can change them without new code. */
export interface DeadlineRuleParams {
  ASYLUM_ONE_YEAR_FILING: { years: number; countFromNoEarlierThan: IsoDate };
  EAD_C8_EARLIEST_FILING: { days: number };
  EAD_C8_EARLIEST_GRANT: { days: number };
  EAD_RENEWAL_WINDOW_OPENS: { daysBeforeExpiry: number };
  SIJS_I360_AGE_OUT: { ageLimit: number };
  /** The age comes from the juvenile-court age table, per state. */
  SIJS_STATE_ORDER_AGE_OUT: { assumedAgeLimitWhenUnknown: number };
  /** Months are decided by orr-windows.ts from the eligibility date; kept here to show and test. */
  RCA_RMA_LAST_DAY: { months: number };
  PREFERRED_COMMUNITIES_LAST_DAY: { years: number };
  MATCHING_GRANT_ENROLL_BY: { days: number };
  EMPLOYMENT_STATUS_240_DAY: { days: number };
  AR11_DUE: { days: number };
  EOIR33_DUE: { days: number };
  N400_EARLIEST_FILING: { years: number; yearsMarriedToCitizen: number; daysEarly: number };
  REFUGEE_I485_DUE: { years: number };
  ASYLEE_I485_ELIGIBLE: { years: number };
  I730_DUE: { years: number };
  BIA_APPEAL_DUE: { days: number };
  MOTION_TO_RECONSIDER_DUE: { days: number };
  MOTION_TO_REOPEN_DUE: { days: number };
  RFE_RESPONSE_DUE: { days: number; mailingDays: number };
}

export interface DeadlineRuleVersion<P> {
  version: number;
  /** First triggering-event date the version covers; null: no lower bound Haven tracks. */
  effectiveFrom: IsoDate | null;
  /** Last triggering-event date the version covers; null: still current. */
  effectiveTo: IsoDate | null;
  status: RuleVersionStatus;
  roll: DateRoll;
  citation: string;
  params: P;
  /** Why the version has its status, shown with the note (a court order, a proposed rule). */
  statusReason?: string;
}

export interface DeadlineRuleDefinition<P> {
  title: string;
  kind: DeadlineKind;
  /** The fact (or facts) whose date picks the version. */
  trigger: string;
  versions: readonly DeadlineRuleVersion<P>[];
}

export type DeadlineRuleTable = { readonly [R in DeadlineRuleId]: DeadlineRuleDefinition<DeadlineRuleParams[R]> };

function single<P>(roll: DateRoll, citation: string, params: P, effectiveFrom: IsoDate | null = null): readonly DeadlineRuleVersion<P>[] {
  return [{ version: 1, effectiveFrom, effectiveTo: null, status: 'in_force', roll, citation, params }];
}

export const DEFAULT_DEADLINE_RULES: DeadlineRuleTable = {
  ASYLUM_ONE_YEAR_FILING: {
    title: 'Asylum one-year filing deadline',
    kind: 'deadline',
    trigger: 'lastArrivalDate (or 1997-04-01 if later)',
    // IIRIRA § 604 took effect 1 April 1997; earlier arrivals count from that day (8 CFR 208.4(a)(2)(ii)).
    versions: single('forward', 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)', { years: 1, countFromNoEarlierThan: '1997-04-01' }, '1997-04-01'),
  },
  EAD_C8_EARLIEST_FILING: {
    title: 'Earliest filing of the asylum work permit (c)(8)',
    kind: 'earliest-date',
    trigger: 'i589ReceiptDate',
    versions: single('none', '8 CFR 208.7(a)(1)–(2)', { days: 150 }),
  },
  EAD_C8_EARLIEST_GRANT: {
    title: 'Earliest grant of the asylum work permit (c)(8)',
    kind: 'earliest-date',
    trigger: 'i589ReceiptDate',
    versions: single('none', '8 CFR 208.7', { days: 180 }),
  },
  EAD_RENEWAL_WINDOW_OPENS: {
    title: 'Work permit renewal window opens',
    kind: 'earliest-date',
    trigger: 'eadExpiryDate',
    versions: single('none', '8 CFR 274a.13; 90 FR 48799', { daysBeforeExpiry: 180 }),
  },
  SIJS_I360_AGE_OUT: {
    title: 'Last day to file the SIJS petition (I-360) before age 21',
    kind: 'last-day',
    trigger: 'dateOfBirth',
    versions: single('back', '8 CFR 204.11', { ageLimit: 21 }),
  },
  SIJS_STATE_ORDER_AGE_OUT: {
    title: 'Last day for the state juvenile-court order (SIJS)',
    kind: 'last-day',
    trigger: 'dateOfBirth',
    // 18 is the lowest age at which any US juvenile court's custody or dependency jurisdiction ends,
    // so an unknown state gives the earliest possible day, flagged for an attorney to confirm.
    versions: single('back', '8 CFR 204.11(c); state law (juvenile-court age table)', { assumedAgeLimitWhenUnknown: 18 }),
  },
  RCA_RMA_LAST_DAY: {
    title: 'Last day of Refugee Cash and Medical Assistance',
    kind: 'last-day',
    trigger: 'orrEligibilityDate',
    versions: [
      { version: 1, effectiveFrom: null, effectiveTo: '2021-09-30', status: 'in_force', roll: 'none', citation: '45 CFR 400.211, 400.220', params: { months: 8 } },
      { version: 2, effectiveFrom: '2021-10-01', effectiveTo: '2025-05-04', status: 'in_force', roll: 'none', citation: '45 CFR 400.211, 400.220', params: { months: 12 } },
      { version: 3, effectiveFrom: '2025-05-05', effectiveTo: null, status: 'in_force', roll: 'none', citation: '45 CFR 400.211, 400.220; 90 FR 13370', params: { months: 4 } },
    ],
  },
  PREFERRED_COMMUNITIES_LAST_DAY: {
    title: 'Last day of Preferred Communities eligibility',
    kind: 'last-day',
    trigger: 'orrEligibilityDate',
    versions: single('none', 'ORR Preferred Communities ("arrived within the past five years")', { years: 5 }),
  },
  MATCHING_GRANT_ENROLL_BY: {
    title: 'Matching Grant enrollment deadline',
    kind: 'deadline',
    trigger: 'orrEligibilityDate',
    versions: single('none', 'ORR Matching Grant guidelines', { days: 31 }),
  },
  EMPLOYMENT_STATUS_240_DAY: {
    title: 'Employment / self-sufficiency status checkpoint',
    kind: 'checkpoint',
    trigger: 'orrEligibilityDate',
    versions: single('none', 'ORR Matching Grant; Wilson-Fish reporting', { days: 240 }),
  },
  AR11_DUE: {
    title: 'Change of address to USCIS (AR-11)',
    kind: 'deadline',
    trigger: 'addressChangeDate',
    versions: single('none', 'INA 265; 8 CFR 265.1', { days: 10 }),
  },
  EOIR33_DUE: {
    title: 'Change of address to the immigration court (EOIR-33)',
    kind: 'deadline',
    trigger: 'addressChangeDate',
    versions: single('none', '8 CFR 1003.15(d)(2)', { days: 5 }),
  },
  N400_EARLIEST_FILING: {
    title: 'Earliest naturalization filing (N-400)',
    kind: 'earliest-date',
    trigger: 'lprDate',
    versions: single('none', 'INA 316, 319, 334(a); 8 CFR 334.2(b)', { years: 5, yearsMarriedToCitizen: 3, daysEarly: 90 }),
  },
  REFUGEE_I485_DUE: {
    title: 'Refugee adjustment of status (I-485) due',
    kind: 'deadline',
    trigger: 'refugeeAdmissionDate',
    versions: single('none', 'INA 209(a); 8 CFR 209.1', { years: 1 }),
  },
  ASYLEE_I485_ELIGIBLE: {
    title: 'Asylee may apply for a green card (I-485)',
    kind: 'earliest-date',
    trigger: 'asylumGrantDate',
    versions: single('none', 'INA 209(b); 8 CFR 209.2', { years: 1 }),
  },
  I730_DUE: {
    title: 'Follow-to-join petition for family (I-730) due',
    kind: 'deadline',
    trigger: 'asylumGrantDate, else refugeeAdmissionDate',
    versions: single('none', '8 CFR 208.21(d), 207.7(d)', { years: 2 }),
  },
  BIA_APPEAL_DUE: {
    title: 'Appeal to the Board of Immigration Appeals (EOIR-26) due',
    kind: 'deadline',
    trigger: 'ijDecisionDate',
    versions: [
      { version: 1, effectiveFrom: null, effectiveTo: null, status: 'in_force', roll: 'forward', citation: '8 CFR 1003.38(b)', params: { days: 30 } },
      {
        version: 2,
        // The interim final rule applies to immigration judge decisions on or after its effective date.
        effectiveFrom: '2026-03-09',
        effectiveTo: null,
        status: 'enjoined',
        roll: 'forward',
        citation: 'Appellate Procedures for the Board of Immigration Appeals, interim final rule (Federal Register, 2026-02-06)',
        params: { days: 10 },
        statusReason: 'blocked by a federal court on 2026-03-08',
      },
    ],
  },
  MOTION_TO_RECONSIDER_DUE: {
    title: 'Motion to reconsider due',
    kind: 'deadline',
    trigger: 'finalOrderDate',
    versions: single('forward', 'INA 240(c)(6); 8 CFR 1003.2(b)(2), 1003.23(b)(1)', { days: 30 }),
  },
  MOTION_TO_REOPEN_DUE: {
    title: 'Motion to reopen due',
    kind: 'deadline',
    trigger: 'finalOrderDate',
    versions: single('forward', 'INA 240(c)(7); 8 CFR 1003.2(c), 1003.23(b)', { days: 90 }),
  },
  RFE_RESPONSE_DUE: {
    title: 'Response to the request for evidence due',
    kind: 'deadline',
    trigger: 'rfeIssueDate, else rfeDueDateOnNotice',
    versions: single('none', '8 CFR 103.2(b)(8)(iv), 103.8(b)', { days: 84, mailingDays: 3 }),
  },
};

export function isDeadlineRuleId(value: string): value is DeadlineRuleId {
  return (DEADLINE_RULE_IDS as readonly string[]).includes(value);
}

/** Thrown for a rule id that is not in the table; names the id. */
export class UnknownDeadlineRuleError extends Error {
  constructor(readonly ruleId: string) {
    super(`Unknown rule id: ${ruleId} (known: ${DEADLINE_RULE_IDS.join(', ')})`);
    this.name = 'UnknownDeadlineRuleError';
  }
}

/** Every version of a rule whose effective dates cover `eventDate`. */
export function versionsCovering<P>(rule: DeadlineRuleDefinition<P>, eventDate: IsoDate): DeadlineRuleVersion<P>[] {
  return rule.versions.filter(
    (version) => (version.effectiveFrom === null || version.effectiveFrom <= eventDate) && (version.effectiveTo === null || eventDate <= version.effectiveTo),
  );
}

/** The versions of a rule by id, for display; throws UnknownDeadlineRuleError for an unknown id. */
export function deadlineRule(ruleId: string, table: DeadlineRuleTable = DEFAULT_DEADLINE_RULES): DeadlineRuleDefinition<unknown> {
  if (!isDeadlineRuleId(ruleId)) {
    throw new UnknownDeadlineRuleError(ruleId);
  }
  return table[ruleId];
}
