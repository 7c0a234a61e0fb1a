import { z } from 'zod';
import { daysBetween, isIsoDate } from '../calendar/dates.js';
import { type CheckinAgency, type HearingType, MATTER_TYPES } from '../legal/matter.js';
import { CalendarDate } from './client.js';
import { IsoDateTime, Uuid } from './common.js';

/**
 * The legal calendar (issue 5): hearings, ICE/ISAP check-ins and deadlines of the matters a
 * member may read, in the app (month, week, agenda) and as a per-member iCalendar feed.
 */
export const CALENDAR_EVENT_KINDS = ['hearing', 'checkin', 'deadline'] as const;
export const CalendarEventKind = z.enum(CALENDAR_EVENT_KINDS);
export type CalendarEventKind = z.infer<typeof CalendarEventKind>;

/** mine: items I am responsible for or on matters I represent; all: every matter I may read. */
export const CALENDAR_SCOPES = ['mine', 'all'] as const;
export const CalendarScope = z.enum(CALENDAR_SCOPES);
export type CalendarScope = z.infer<typeof CalendarScope>;

/** The longest range one request may ask for: a month grid with its leading and trailing weeks fits. */
export const CALENDAR_MAX_RANGE_DAYS = 62;
/** At most this many events per answer; the answer says `truncated` when there were more. */
export const CALENDAR_EVENT_LIMIT = 1000;

/**
 * How long a timed event is shown, in minutes. Neither EOIR nor ICE publishes an end time, so
 * these are documented guesses: a master calendar hearing is a docket call that can hold a
 * morning (2 hours), an individual (merits) hearing usually takes half a day (4 hours), and a
 * check-in an hour with the wait.
 */
export const CALENDAR_EVENT_MINUTES = { master: 120, individual: 240, checkin: 60 } as const;

export const CALENDAR_MESSAGES = {
  toBeforeFrom: 'The end date is before the start date',
  rangeTooLong: `Ask for at most ${CALENDAR_MAX_RANGE_DAYS} days at a time`,
} as const;

export const CalendarQuery = z
  .strictObject({
    from: CalendarDate,
    to: CalendarDate,
    scope: CalendarScope.default('mine'),
  })
  .superRefine((query, issues) => {
    // zod still runs object refinements after a field failed: a wrong date is already reported.
    if (!isIsoDate(query.from) || !isIsoDate(query.to)) {
      return;
    }
    const days = daysBetween(query.from, query.to);
    if (days < 0) {
      issues.addIssue({ code: 'custom', path: ['to'], message: CALENDAR_MESSAGES.toBeforeFrom });
    } else if (days + 1 > CALENDAR_MAX_RANGE_DAYS) {
      issues.addIssue({ code: 'custom', path: ['to'], message: CALENDAR_MESSAGES.rangeTooLong });
    }
  });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarEvent = z.object({
  kind: CalendarEventKind,
  /** The hearing's, check-in's or deadline's own id. */
  id: Uuid,
  matterId: Uuid,
  /** "M-2026-0042". */
  matterReference: z.string(),
  matterType: z.enum(MATTER_TYPES),
  /** "A.H.": what shows where a screen or a phone might be seen by others. */
  clientInitials: z.string(),
  /** The app is for staff: the full name is fine in it (the feed leaves it out by default). */
  clientName: z.string(),
  /** Rule deadlines: the engine's rule id (the app shows the rule's title in the reader's language); else null. */
  ruleId: z.string().nullable(),
  /**
   * Deadlines: the rule's or the person's title. Hearings and check-ins: an English label
   * ("Master hearing", "ICE check-in"); `subtype` carries the code to translate.
   */
  title: z.string(),
  /** hearing: master | individual; check-in: ice_ero | isap; deadline: the engine's kind (deadline, earliest-date…). */
  subtype: z.string(),
  /** All-day events: the date (YYYY-MM-DD). Timed events: the instant (ISO, UTC). */
  start: z.string(),
  /** Timed events: start plus the default length (see CALENDAR_EVENT_MINUTES); all-day: null. */
  end: z.string().nullable(),
  allDay: z.boolean(),
  /**
   * The zone to show the event in. Hearings and check-ins: the zone they were scheduled in (the
   * court notice's), else the court's, else the organization's. Deadlines: the organization's.
   */
  timeZone: z.string(),
  /** The item's own status: open/met/missed/done for deadlines, scheduled/held… for hearings and check-ins. */
  status: z.string(),
  /** The court for a hearing, the reporting office for a check-in. */
  location: z.string().nullable(),
  /** The immigration judge, for a hearing when known. */
  judge: z.string().nullable(),
  /** The rule's citation, for engine deadlines. */
  citation: z.string().nullable(),
  responsible: z.object({ id: Uuid, name: z.string() }),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarResponse = z.object({
  from: CalendarDate,
  to: CalendarDate,
  scope: CalendarScope,
  /** The organization's time zone: "today" and timed events are shown in it. */
  timeZone: z.string(),
  events: z.array(CalendarEvent),
  /** More events than CALENDAR_EVENT_LIMIT fell in the range: ask for a shorter one. */
  truncated: z.boolean(),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;

export const CalendarFeedStatus = z.object({
  active: z.boolean(),
  createdAt: IsoDateTime.nullable(),
  /** When a calendar app last read the feed (updated at most once an hour). */
  lastFetchedAt: IsoDateTime.nullable(),
  showFullNames: z.boolean(),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

export const CreateCalendarFeedRequest = z.strictObject({
  /** Off by default: entries read "A.H. · Affirmative asylum · Master hearing". */
  showFullNames: z.boolean().default(false),
});
export type CreateCalendarFeedRequest = z.infer<typeof CreateCalendarFeedRequest>;

/** The new feed: its address is shown this once (only a hash of the token is kept). */
export const CalendarFeedCreated = CalendarFeedStatus.extend({
  url: z.string(),
  /** The same address with the webcal: scheme, which calendar apps open as a subscription. */
  webcalUrl: z.string(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** Anything that is not a well-formed token is simply not found (the same 404 as a revoked one). */
export const CalendarFeedParams = z.strictObject({ token: z.string().max(200) });

/** Labels the feed and the API use for hearing and check-in titles (the app translates `subtype`). */
export const HEARING_TYPE_LABELS: Record<HearingType, string> = {
  master: 'Master hearing',
  individual: 'Individual hearing',
};
export const CHECKIN_AGENCY_LABELS: Record<CheckinAgency, string> = {
  ice_ero: 'ICE check-in',
  isap: 'ISAP check-in',
};
