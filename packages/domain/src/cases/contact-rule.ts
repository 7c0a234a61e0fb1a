import { addDays, dayOfWeek, daysBetween, type IsoDate, lastDayOfMonth, minDate, toDayNumber } from '../calendar/dates.js';
import type { ContactRule } from './settings.js';

/**
 * The monitoring contact rule (seed 004, intensive case management): at least `minimum`
 * meaningful interactions in each calendar month (or ISO week, Monday to Sunday). Periods are
 * calendar periods; the first one counts from the day the case opened, so contact before the
 * opening never counts. A case opened with less than half of its first period left (after the 16th
 * of a 30-day month, on a Friday or later) has that short stretch joined to the next period: nobody is
 * overdue the day after opening. Only signed meaningful notes are contacts — the caller passes
 * their dates.
 */
export type ContactPeriodStatus = 'met' | 'missed' | 'in_progress';

export interface ContactPeriod {
  /** "2026-11" for a month, "2026-W47" for an ISO week: the key of generated tasks. */
  key: string;
  /** The first day counted: the period's first day, or the opening day in the first period. */
  start: IsoDate;
  /** The period's last day: the contact is due by then. */
  end: IsoDate;
  contacts: number;
  status: ContactPeriodStatus;
}

export interface ContactRuleStatus {
  /** Every period from the opening to today (or to the closing day), oldest first. */
  periods: ContactPeriod[];
  /** The period today falls in (null before the case opened or after it closed). */
  current: ContactPeriod | null;
  /** The period before the current one (null in the first period). */
  previous: ContactPeriod | null;
  /** The current period's last day: the meaningful contact is due by then. */
  dueOn: IsoDate | null;
  /** The previous full period was missed: the supervisor is told. */
  overdue: boolean;
}

export interface ContactRuleInput {
  rule: ContactRule;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  /** Dates of the case's signed meaningful notes, in any order. */
  contactDates: readonly IsoDate[];
  /** Today in the organization's time zone. */
  today: IsoDate;
}

/** Monday of the ISO week `date` is in. */
export function isoWeekStart(date: IsoDate): IsoDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** ISO 8601 week key: the week belongs to the year of its Thursday ("2026-W53", "2027-W01"). */
export function isoWeekKey(date: IsoDate): string {
  const thursday = addDays(isoWeekStart(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((toDayNumber(thursday) - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The calendar period `date` falls in: its key, first and last day. */
export function contactPeriodOf(period: ContactRule['period'], date: IsoDate): { key: string; first: IsoDate; end: IsoDate } {
  if (period === 'week') {
    const first = isoWeekStart(date);
    return { key: isoWeekKey(date), first, end: addDays(first, 6) };
  }
  return { key: date.slice(0, 7), first: `${date.slice(0, 7)}-01`, end: lastDayOfMonth(date) };
}

export function evaluateContactRule(input: ContactRuleInput): ContactRuleStatus {
  const { rule, openedOn, closedOn, today } = input;
  const lastDay = closedOn ? minDate(closedOn, today) : today;
  const periods: ContactPeriod[] = [];
  if (lastDay < openedOn) {
    return { periods, current: null, previous: null, dueOn: null, overdue: false };
  }
  const dates = input.contactDates.filter((d) => d >= openedOn && d <= lastDay).sort();
  let cursor = openedOn;
  let index = 0;
  while (cursor <= lastDay) {
    const natural = contactPeriodOf(rule.period, cursor);
    const short = cursor === openedOn && (daysBetween(cursor, natural.end) + 1) * 2 < daysBetween(natural.first, natural.end) + 1;
    const { key, end } = short ? contactPeriodOf(rule.period, addDays(natural.end, 1)) : natural;
    let contacts = 0;
    while (index < dates.length && dates[index]! <= end) {
      contacts += 1;
      index += 1;
    }
    // A period is over once its last day (or the closing day) is behind today.
    const over = minDate(end, closedOn ?? end) < today;
    const status: ContactPeriodStatus = contacts >= rule.minimum ? 'met' : over ? 'missed' : 'in_progress';
    periods.push({ key, start: cursor, end, contacts, status });
    cursor = addDays(end, 1);
  }
  const inToday = periods.at(-1)!;
  const current = today <= inToday.end && (!closedOn || today <= closedOn) ? inToday : null;
  const previous = current ? (periods.at(-2) ?? null) : null;
  return {
    periods,
    current,
    previous,
    dueOn: current?.end ?? null,
    overdue: !closedOn && previous?.status === 'missed',
  };
}
