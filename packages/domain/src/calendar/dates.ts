/**
 * Calendar dates as `YYYY-MM-DD` strings: no time zone, no clock. Immigration and eligibility
 * rules are written in calendar dates, so all arithmetic here is on the civil calendar.
 * Strings compare correctly with < and > because the format is fixed-width.
 */
export type IsoDate = string;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The parts of a real calendar date, or undefined for a wrong shape or an impossible day (2026-02-30). */
export function parseIsoDate(text: string): DateParts | undefined {
  const match = DATE_SHAPE.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

function parts(date: IsoDate): DateParts {
  const p = parseIsoDate(date);
  if (!p) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return p;
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MS_PER_DAY = 86_400_000;

/**
 * Day numbers already computed, by date: rule engines ask for the same dates many times, and
 * parsing is most of the cost. Only real dates are remembered (a bad one still throws); bounded.
 */
const dayNumbers = new Map<IsoDate, number>();
const DAY_NUMBERS_LIMIT = 100_000;

/** Days since 1970-01-01 (proleptic Gregorian), for day arithmetic without time zones. */
export function toDayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) {
    return known;
  }
  const { year, month, day } = parts(date);
  const dayNumber = Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
  if (dayNumbers.size >= DAY_NUMBERS_LIMIT) {
    dayNumbers.clear();
  }
  dayNumbers.set(date, dayNumber);
  return dayNumber;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds whole months; a day past the end of the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Adds whole years; 29 February lands on 28 February in a non-leap year (the earlier, safer day). */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parts(date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Whole years of age on `on` for someone born on `dateOfBirth` (a 29 February birthday counts on 28 February). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const birth = parts(dateOfBirth);
  const at = parts(on);
  let age = at.year - birth.year;
  if (addYears(dateOfBirth, age) > on) {
    age -= 1;
  }
  return age;
}

export function maxDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function minDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (b < a ? b : a));
}

/** Today's calendar date in a time zone (the organization's), for "as of" defaults. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
