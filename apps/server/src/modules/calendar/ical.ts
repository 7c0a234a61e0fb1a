/**
 * A small iCalendar writer (RFC 5545), enough for a published, read-only feed: VCALENDAR with
 * VEVENTs (timed in UTC, or all-day) and a display alarm. No library: the format is small, and
 * the rules that matter are kept here where they can be tested — CRLF line ends, lines folded at
 * 75 octets without splitting a UTF-8 sequence, and TEXT escaping.
 */

export interface IcalAlarm {
  /** ISO 8601 duration before the start ("-P1D"). */
  trigger: string;
  description: string;
}

export interface IcalEvent {
  uid: string;
  /** Timed: start and end instants (written in UTC). */
  start: Date | { date: string };
  /** Timed: the end instant. All-day: the day after the last day (exclusive, RFC 5545 3.6.1). */
  end: Date | { date: string };
  summary: string;
  description?: string;
  location?: string | null;
  url?: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Raised each time the item changes, so calendar apps replace their copy. */
  sequence?: number;
  categories?: string[];
  alarm?: IcalAlarm;
}

export interface IcalCalendar {
  prodId: string;
  name: string;
  description?: string;
  /** How often a subscriber should refresh (ISO 8601 duration, "PT1H"). */
  refreshInterval: string;
  /** DTSTAMP of every event: when this copy of the feed was made. */
  stamp: Date;
  events: IcalEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line (RFC 5545 3.1): no line longer than 75 octets, continuation lines start
 * with a space. Splits only between code points, so a multi-octet character (Arabic is two octets,
 * emoji four) is never cut in half.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // A continuation line's leading space counts towards its 75 octets.
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 20260112T150000Z */
export function formatUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** 2026-01-12 → 20260112 */
export function formatDate(date: string): string {
  return date.replace(/-/g, '');
}

function dateProperty(name: string, value: Date | { date: string }): string {
  return value instanceof Date ? `${name}:${formatUtc(value)}` : `${name};VALUE=DATE:${formatDate(value.date)}`;
}

function eventLines(event: IcalEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtc(stamp)}`,
    dateProperty('DTSTART', event.start),
    dateProperty('DTEND', event.end),
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) {
    lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  }
  if (event.location) {
    lines.push(`LOCATION:${escapeText(event.location)}`);
  }
  if (event.url) {
    lines.push(`URL:${event.url}`);
  }
  if (event.categories && event.categories.length > 0) {
    lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  }
  lines.push(`STATUS:${event.status}`);
  if (event.sequence !== undefined) {
    lines.push(`SEQUENCE:${event.sequence}`);
  }
  // An all-day entry blocks no time in the subscriber's free/busy.
  lines.push(`TRANSP:${event.start instanceof Date ? 'OPAQUE' : 'TRANSPARENT'}`);
  if (event.alarm) {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${event.alarm.trigger}`, `DESCRIPTION:${escapeText(event.alarm.description)}`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The whole feed as one string, ready to send as text/calendar. */
export function writeCalendar(calendar: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    `X-PUBLISHED-TTL:${calendar.refreshInterval}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${calendar.refreshInterval}`,
    ...calendar.events.flatMap((event) => eventLines(event, calendar.stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
