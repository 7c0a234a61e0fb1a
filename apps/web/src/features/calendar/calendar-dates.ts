import { addDays, addMonths, dayOfWeek, isIsoDate, lastDayOfMonth, todayIn } from '@haven/domain';
import type { CalendarEvent, CalendarScope } from './calendar-api';

export const CALENDAR_VIEWS = ['month', 'week', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** The page's address keeps the view, the day shown and the scope (back and reload keep them). */
export interface CalendarSearch {
  view?: CalendarView;
  date?: string;
  scope?: CalendarScope;
}

export function validateCalendarSearch(search: Record<string, unknown>): CalendarSearch {
  return {
    view: search.view === 'month' || search.view === 'week' || search.view === 'agenda' ? search.view : undefined,
    date: typeof search.date === 'string' && isIsoDate(search.date) ? search.date : undefined,
    scope: search.scope === 'mine' || search.scope === 'all' ? search.scope : undefined,
  };
}

/** How many days the agenda shows at a time. */
export const AGENDA_DAYS = 30;

/**
 * The first day of the week where the reader's language is mostly used: Sunday in US English,
 * Monday in Spanish, Saturday in Arabic (as in most Arab countries' calendars).
 */
export function weekStartFor(locale: string): number {
  if (locale.startsWith('ar')) {
    return 6;
  }
  if (locale.startsWith('es')) {
    return 1;
  }
  return 0;
}

export function startOfWeek(date: string, weekStart: number): string {
  return addDays(date, -((dayOfWeek(date) - weekStart + 7) % 7));
}

/** The days a view shows around `anchor`, first and last inclusive (a month grid is whole weeks). */
export function rangeFor(view: CalendarView, anchor: string, weekStart: number): { from: string; to: string } {
  if (view === 'month') {
    const first = `${anchor.slice(0, 7)}-01`;
    return { from: startOfWeek(first, weekStart), to: addDays(startOfWeek(lastDayOfMonth(first), weekStart), 6) };
  }
  if (view === 'week') {
    const from = startOfWeek(anchor, weekStart);
    return { from, to: addDays(from, 6) };
  }
  return { from: anchor, to: addDays(anchor, AGENDA_DAYS - 1) };
}

/** The anchor one view earlier (-1) or later (+1). */
export function shiftAnchor(view: CalendarView, anchor: string, direction: -1 | 1): string {
  if (view === 'month') {
    return addMonths(`${anchor.slice(0, 7)}-01`, direction);
  }
  return addDays(anchor, direction * (view === 'week' ? 7 : AGENDA_DAYS));
}

export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
  }
  return days;
}

/** The day an event belongs on: a deadline's date; a hearing's date where it takes place. */
export function eventDay(event: CalendarEvent): string {
  return event.allDay ? event.start.slice(0, 10) : todayIn(event.timeZone, new Date(event.start));
}

export function groupByDay(events: CalendarEvent[]): Map<string, CalendarEvent[]> {
  const days = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    const day = eventDay(event);
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return days;
}

/** A calendar date as a Date at UTC midnight, for Intl formatting in UTC (never the day before). */
function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function formatMonthTitle(anchor: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(`${anchor.slice(0, 7)}-01`));
}

export function formatWeekday(date: string, locale: string, width: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(utc(date));
}

export function formatDayNumber(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' }).format(utc(date));
}

/** "Tuesday, 12 January 2027" in the reader's language. */
export function formatLongDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(utc(date));
}

/**
 * A timed event's start in its own zone (as the court notice gives it), with the zone's short
 * name when it differs from the organization's ("9:00 AM CST").
 */
export function formatEventTime(event: CalendarEvent, locale: string, organizationZone: string | null): string {
  const sameZone = !organizationZone || organizationZone === event.timeZone;
  return new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: event.timeZone,
    ...(sameZone ? {} : { timeZoneName: 'short' as const }),
  }).format(new Date(event.start));
}
