import { addDays, dayOfWeek, daysInMonth, formatIsoDate, type IsoDate } from './dates.js';

/**
 * US federal holidays and business days (RULES.md "Business day"). Holidays are computed from the
 * rules in 5 USC 6103(a) for any year, never listed per year, and shifted as observed under 5 USC
 * 6103(b) and Executive Order 11582: a holiday on a Saturday is observed the Friday before, one on
 * a Sunday the Monday after. New Year's Day on a Saturday is therefore observed on 31 December of
 * the year before.
 *
 * History, so that old dates (an old final order, an old arrival) roll sensibly:
 * - From 1971 the Uniform Monday Holiday Act (Pub. L. 90-363) moved Washington's Birthday, Memorial
 *   Day and Columbus Day to Mondays; before 1971 they fall on 22 February, 30 May and 12 October
 *   (Columbus Day only from 1937).
 * - Veterans Day was the fourth Monday in October from 1971 to 1977 (Pub. L. 94-97 returned it to
 *   11 November from 1978); Armistice Day, 11 November, is a holiday from 1938.
 * - Martin Luther King Jr. Day from 1986 (Pub. L. 98-144); Juneteenth from 2021 (Pub. L. 117-17,
 *   signed 17 June 2021, so 19 June 2021, a Saturday, was observed on Friday 18 June 2021).
 * - Thanksgiving is the fourth Thursday of November (fixed by Pub. L. 77-379 from 1942); earlier
 *   presidential proclamations are not modelled.
 * - The weekend shift is applied to every year, although before 1971 a Saturday holiday was not
 *   always moved; no deadline Haven computes depends on a date that old.
 * Not included: Inauguration Day (a holiday only for the Washington, DC area, 5 USC 6103(c)) and
 * one-off closures by executive order (e.g. a national day of mourning). An attorney should treat
 * such a closure as extending a court deadline that falls on it.
 */

export interface FederalHoliday {
  name: string;
  /** The day the law names. */
  date: IsoDate;
  /** The day federal offices close for it (5 USC 6103(b)). */
  observed: IsoDate;
}

const MONDAY = 1;
const THURSDAY = 4;

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): IsoDate {
  const first = formatIsoDate({ year, month, day: 1 });
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): IsoDate {
  const last = formatIsoDate({ year, month, day: daysInMonth(year, month) });
  const offset = (dayOfWeek(last) - weekday + 7) % 7;
  return addDays(last, -offset);
}

function fixed(year: number, month: number, day: number): IsoDate {
  return formatIsoDate({ year, month, day });
}

/** The observed day under 5 USC 6103(b): Saturday → the Friday before, Sunday → the Monday after. */
export function observedDate(date: IsoDate): IsoDate {
  const weekday = dayOfWeek(date);
  if (weekday === 6) {
    return addDays(date, -1);
  }
  if (weekday === 0) {
    return addDays(date, 1);
  }
  return date;
}

/** The federal holidays whose legal date falls in `year`, in calendar order. */
export function federalHolidays(year: number): FederalHoliday[] {
  const uniformMonday = year >= 1971;
  const named: [string, IsoDate | null][] = [
    ["New Year's Day", fixed(year, 1, 1)],
    ['Birthday of Martin Luther King, Jr.', year >= 1986 ? nthWeekdayOfMonth(year, 1, MONDAY, 3) : null],
    ["Washington's Birthday", uniformMonday ? nthWeekdayOfMonth(year, 2, MONDAY, 3) : fixed(year, 2, 22)],
    ['Memorial Day', uniformMonday ? lastWeekdayOfMonth(year, 5, MONDAY) : fixed(year, 5, 30)],
    ['Juneteenth National Independence Day', year >= 2021 ? fixed(year, 6, 19) : null],
    ['Independence Day', fixed(year, 7, 4)],
    ['Labor Day', nthWeekdayOfMonth(year, 9, MONDAY, 1)],
    ['Columbus Day', uniformMonday ? nthWeekdayOfMonth(year, 10, MONDAY, 2) : year >= 1937 ? fixed(year, 10, 12) : null],
    ['Veterans Day', year >= 1971 && year <= 1977 ? nthWeekdayOfMonth(year, 10, MONDAY, 4) : year >= 1938 ? fixed(year, 11, 11) : null],
    ['Thanksgiving Day', nthWeekdayOfMonth(year, 11, THURSDAY, 4)],
    ['Christmas Day', fixed(year, 12, 25)],
  ];
  const holidays: FederalHoliday[] = [];
  for (const [name, date] of named) {
    if (date !== null) {
      holidays.push({ name, date, observed: observedDate(date) });
    }
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Observed holidays falling within a year, by date. Built once per year and kept: deadline
 * computation asks about the same few years over and over.
 */
const observedByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

function observedHolidaysIn(year: number): ReadonlyMap<IsoDate, string> {
  let map = observedByYear.get(year);
  if (!map) {
    const built = new Map<IsoDate, string>();
    // Next year's New Year's Day, when on a Saturday, is observed on 31 December of this year.
    for (const holiday of [...federalHolidays(year), ...federalHolidays(year + 1)]) {
      if (holiday.observed.startsWith(`${String(year).padStart(4, '0')}-`)) {
        built.set(holiday.observed, holiday.date === holiday.observed ? holiday.name : `${holiday.name} (observed)`);
      }
    }
    map = built;
    observedByYear.set(year, map);
  }
  return map;
}

/** The observed federal holiday on `date`, e.g. "Independence Day (observed)", or undefined. */
export function federalHolidayOn(date: IsoDate): string | undefined {
  // Only a real date can be a key of the map, so the year is read without re-parsing the date.
  return observedHolidaysIn(Number(date.slice(0, 4))).get(date);
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[dayOfWeek(date)]!;
}

/** Answers remembered by date: deadline computation asks about the same days again and again. Bounded. */
const businessDays = new Map<IsoDate, boolean>();
const BUSINESS_DAYS_LIMIT = 50_000;

export function isBusinessDay(date: IsoDate): boolean {
  let answer = businessDays.get(date);
  if (answer === undefined) {
    const weekday = dayOfWeek(date);
    answer = weekday !== 0 && weekday !== 6 && federalHolidayOn(date) === undefined;
    if (businessDays.size >= BUSINESS_DAYS_LIMIT) {
      businessDays.clear();
    }
    businessDays.set(date, answer);
  }
  return answer;
}

/** Why a day is not a business day ("Saturday", "Thursday, Thanksgiving Day"), or undefined if it is one. */
export function nonBusinessDayReason(date: IsoDate): string | undefined {
  const weekday = dayOfWeek(date);
  const holiday = federalHolidayOn(date);
  if (holiday !== undefined) {
    return `${weekdayName(date)}, ${holiday}`;
  }
  return weekday === 0 || weekday === 6 ? weekdayName(date) : undefined;
}

/** The date itself if it is a business day, else the next business day. */
export function rollForward(date: IsoDate): IsoDate {
  let day = date;
  while (!isBusinessDay(day)) {
    day = addDays(day, 1);
  }
  return day;
}

/** The date itself if it is a business day, else the previous business day (the safe side for age-outs). */
export function rollBack(date: IsoDate): IsoDate {
  let day = date;
  while (!isBusinessDay(day)) {
    day = addDays(day, -1);
  }
  return day;
}
