import { addDays, addMonths, addYears, type IsoDate, lastDayOfMonth } from '../calendar/dates.js';

/**
 * ORR benefit windows counted from the ORR eligibility date (RULES.md). Shared by program
 * eligibility at intake and by the deadline engine, so both always agree.
 */

/** Refugee Cash / Medical Assistance months by eligibility date (45 CFR 400.211; 90 FR 13370). */
export function rcaRmaMonths(eligibilityDate: IsoDate): number {
  if (eligibilityDate <= '2021-09-30') {
    return 8;
  }
  return eligibilityDate <= '2025-05-04' ? 12 : 4;
}

export type RcaCounting = 'exact-date' | 'calendar-month';

/**
 * Last day of RCA/RMA. `exact-date`: eligibility date + months − 1 day. `calendar-month`: the last
 * day of month number *months*, counting the month of eligibility as month 1.
 */
export function rcaRmaLastDay(eligibilityDate: IsoDate, counting: RcaCounting = 'exact-date'): IsoDate {
  const months = rcaRmaMonths(eligibilityDate);
  if (counting === 'calendar-month') {
    return lastDayOfMonth(addMonths(`${eligibilityDate.slice(0, 8)}01`, months - 1));
  }
  return addDays(addMonths(eligibilityDate, months), -1);
}

/** Preferred Communities serves those who arrived within the past five years. */
export function preferredCommunitiesLastDay(eligibilityDate: IsoDate): IsoDate {
  return addDays(addYears(eligibilityDate, 5), -1);
}

/** Matching Grant enrollment must happen within 31 days of eligibility. */
export function matchingGrantEnrollBy(eligibilityDate: IsoDate): IsoDate {
  return addDays(eligibilityDate, 31);
}

/** Employment / self-sufficiency status checkpoint (default 240 days; programs may configure it). */
export function employmentCheckpoint(eligibilityDate: IsoDate, days = 240): IsoDate {
  return addDays(eligibilityDate, days);
}
