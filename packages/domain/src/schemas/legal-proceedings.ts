import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';
import { normalizeReceiptNumber } from '../identifiers.js';
import {
  CHECKIN_AGENCIES,
  CHECKIN_STATUSES,
  DECISION_BODIES,
  DECISION_OUTCOMES,
  FILING_STATUSES,
  HEARING_STATUSES,
  HEARING_TYPES,
} from '../legal/matter.js';
import { CalendarDate, PastDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';
import { DeadlineChange } from './legal-matter.js';

/**
 * A matter's proceedings (issue 5): the forms filed and what came back, the representation record
 * (G-28 before DHS, EOIR-28 before the immigration court, EOIR-27 before the BIA), immigration
 * court hearings, ICE/ISAP check-ins — never merged with hearings: a missed hearing can bring an
 * in-absentia removal order (INA 240(b)(5)), a missed check-in re-detention — and decisions.
 * Filings and decisions are facts the deadline engine reads; saving one recomputes the deadlines.
 */

/** The forms a legal program files most; anything else is `other` with its name. */
export const FILING_FORMS = [
  'I-589',
  'I-765',
  'I-485',
  'I-730',
  'I-360',
  'I-914',
  'I-918',
  'I-131',
  'I-130',
  'I-290B',
  'N-400',
  'I-821',
  'G-28',
  'EOIR-28',
  'EOIR-27',
  'EOIR-26',
  'EOIR-33',
  'EOIR-42B',
  'AR-11',
  'FOIA',
  'other',
] as const;
export type FilingForm = (typeof FILING_FORMS)[number];

/** Where a form goes: USCIS, the immigration court (EOIR), the Board of Immigration Appeals, ICE. */
export const FILED_WITH = ['uscis', 'eoir', 'bia', 'ice', 'other'] as const;
export type FiledWith = (typeof FILED_WITH)[number];

/** The forums a representation form enters an appearance in. */
export const REPRESENTATION_FORUMS = ['dhs', 'eoir', 'bia'] as const;
export type RepresentationForum = (typeof REPRESENTATION_FORUMS)[number];

/**
 * The notices of appearance: G-28 before DHS (USCIS, ICE), EOIR-28 before an immigration court,
 * EOIR-27 before the BIA (8 CFR 292.4(a), 1003.17, 1003.38(g)), and where each may be filed.
 */
export const REPRESENTATION_FORMS: Partial<Record<FilingForm, { forum: RepresentationForum; filedWith: readonly FiledWith[] }>> = {
  'G-28': { forum: 'dhs', filedWith: ['uscis', 'ice'] },
  'EOIR-28': { forum: 'eoir', filedWith: ['eoir'] },
  'EOIR-27': { forum: 'bia', filedWith: ['bia'] },
};

/** The form a filing is usually sent to, as the form's default. */
export const USUAL_FILED_WITH: Partial<Record<FilingForm, FiledWith>> = {
  'EOIR-28': 'eoir',
  'EOIR-27': 'bia',
  'EOIR-26': 'bia',
  'EOIR-33': 'eoir',
  'EOIR-42B': 'eoir',
  FOIA: 'uscis',
};

/** The relief a decision grants or denies (what the engine reads: an asylum grant starts the asylee clocks). */
export const DECISION_RELIEFS = [
  'asylum',
  'withholding',
  'cat',
  'adjustment',
  'cancellation_of_removal',
  'voluntary_departure',
  'sijs',
  't_visa',
  'u_visa',
  'vawa',
  'tps',
  'work_permit',
  'naturalization',
  'family_petition',
  'termination',
  'other',
] as const;
export type DecisionRelief = (typeof DECISION_RELIEFS)[number];

export const PROCEEDINGS_MESSAGES = {
  formOther: 'Name the form',
  formOtherOnlyForOther: 'Name a form only when the form is “other”',
  receivedBeforeFiled: 'The receipt date cannot be before the filing date',
  receiptFormat: 'A receipt number has three letters and ten digits',
  receiptText: 'Use up to 40 letters, digits or -',
  representationFiledWith: 'This form is not filed there',
  noRepresentative: 'Assign the matter’s representative before filing a notice of appearance',
  finalBeforeDecided: 'A decision cannot become final before it is made',
  decisionBeforeHearing: 'A judge’s decision cannot come before the first hearing',
  grantBeforeFiling: 'Asylum cannot be granted before the I-589 is received',
  time: 'Enter a time as HH:MM (24-hour)',
  timeZone: 'Choose a time zone such as America/New_York',
  heldNeedsOutcome: 'Record the outcome of a hearing that was held',
  heldInFuture: 'A hearing cannot be held before its date and time',
  checkinNotYet: 'A check-in cannot be attended or missed before its date and time',
  responsible: 'Choose an active member who works this matter',
  stale: 'This record was changed by someone else; reload it and try again',
  nothingToChange: 'Nothing to change',
  court: 'Enter the immigration court',
  location: 'Enter where the check-in takes place',
} as const;

const Text = (max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `Use at most ${max} characters` });
const OptionalText = (max: number) => z.string().trim().max(max, { error: `Use at most ${max} characters` });

/** "09:30", 24-hour, court local time. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: PROCEEDINGS_MESSAGES.time });

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

export const TimeZoneName = z.string().max(64).refine(isTimeZone, { error: PROCEEDINGS_MESSAGES.timeZone });

/** The offset of `timeZone` from UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time in a zone names ("2026-11-03 09:00 in Chicago"): court
 * notices give local times, and the tickler and calendar need the instant. In a spring-forward
 * gap the time is read with the offset before the change (an hour later on the clock).
 */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  const corrected = wall - zoneOffsetMs(instant, timeZone);
  if (corrected !== instant) {
    instant = corrected;
  }
  return new Date(instant);
}

/** The wall-clock date and time of an instant in a zone. */
export function instantInZone(instant: Date, timeZone: string): { date: string; time: string } {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * Immigration courts (EOIR) and the zone their notices are written in: picking one sets the
 * hearing's time zone. A court not listed is typed by name and takes the organization's zone
 * unless one is chosen.
 */
export const IMMIGRATION_COURTS: readonly { name: string; timeZone: string }[] = [
  { name: 'Adelanto Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Annandale Immigration Court', timeZone: 'America/New_York' },
  { name: 'Arlington Immigration Court', timeZone: 'America/New_York' },
  { name: 'Atlanta Immigration Court', timeZone: 'America/New_York' },
  { name: 'Baltimore Immigration Court', timeZone: 'America/New_York' },
  { name: 'Batavia Immigration Court', timeZone: 'America/New_York' },
  { name: 'Boston Immigration Court', timeZone: 'America/New_York' },
  { name: 'Buffalo Immigration Court', timeZone: 'America/New_York' },
  { name: 'Charlotte Immigration Court', timeZone: 'America/New_York' },
  { name: 'Chicago Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Cleveland Immigration Court', timeZone: 'America/New_York' },
  { name: 'Conroe Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Dallas Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Denver Immigration Court', timeZone: 'America/Denver' },
  { name: 'Detroit Immigration Court', timeZone: 'America/Detroit' },
  { name: 'El Paso Immigration Court', timeZone: 'America/Denver' },
  { name: 'Elizabeth Immigration Court', timeZone: 'America/New_York' },
  { name: 'Eloy Immigration Court', timeZone: 'America/Phoenix' },
  { name: 'Florence Immigration Court', timeZone: 'America/Phoenix' },
  { name: 'Fort Worth Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Harlingen Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Hartford Immigration Court', timeZone: 'America/New_York' },
  { name: 'Honolulu Immigration Court', timeZone: 'Pacific/Honolulu' },
  { name: 'Houston Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Hyattsville Immigration Court', timeZone: 'America/New_York' },
  { name: 'Imperial Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Kansas City Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Krome Immigration Court', timeZone: 'America/New_York' },
  { name: 'Las Vegas Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Los Angeles Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Memphis Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Miami Immigration Court', timeZone: 'America/New_York' },
  { name: 'New Orleans Immigration Court', timeZone: 'America/Chicago' },
  { name: 'New York Broadway Immigration Court', timeZone: 'America/New_York' },
  { name: 'New York Federal Plaza Immigration Court', timeZone: 'America/New_York' },
  { name: 'Newark Immigration Court', timeZone: 'America/New_York' },
  { name: 'Oakdale Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Omaha Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Orlando Immigration Court', timeZone: 'America/New_York' },
  { name: 'Otay Mesa Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Philadelphia Immigration Court', timeZone: 'America/New_York' },
  { name: 'Phoenix Immigration Court', timeZone: 'America/Phoenix' },
  { name: 'Port Isabel Immigration Court', timeZone: 'America/Chicago' },
  { name: 'Portland Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Sacramento Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Saipan Immigration Court', timeZone: 'Pacific/Saipan' },
  { name: 'Salt Lake City Immigration Court', timeZone: 'America/Denver' },
  { name: 'San Antonio Immigration Court', timeZone: 'America/Chicago' },
  { name: 'San Diego Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'San Francisco Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'San Juan Immigration Court', timeZone: 'America/Puerto_Rico' },
  { name: 'Seattle Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Stewart Immigration Court', timeZone: 'America/New_York' },
  { name: 'Tacoma Immigration Court', timeZone: 'America/Los_Angeles' },
  { name: 'Tucson Immigration Court', timeZone: 'America/Phoenix' },
  { name: 'Ulster Immigration Court', timeZone: 'America/New_York' },
];

/** The zone of a listed court (names compared without case or extra spaces), else undefined. */
export function immigrationCourtTimeZone(court: string): string | undefined {
  const wanted = court.trim().replace(/\s+/g, ' ').toLowerCase();
  return IMMIGRATION_COURTS.find((entry) => entry.name.toLowerCase() === wanted)?.timeZone;
}

/** A receipt number as stored: USCIS receipts normalized (IOE0912345678), others as typed, upper-cased. */
export function normalizeFilingReceipt(filedWith: FiledWith, input: string): string | undefined {
  if (filedWith === 'uscis') {
    return normalizeReceiptNumber(input);
  }
  const compact = input.trim().toUpperCase();
  return /^[A-Z0-9-]{1,40}$/.test(compact) ? compact : undefined;
}

export function receiptProblem(filedWith: FiledWith): string {
  return filedWith === 'uscis' ? PROCEEDINGS_MESSAGES.receiptFormat : PROCEEDINGS_MESSAGES.receiptText;
}

/** Only the last four are shown in lists. */
export function maskReceiptLast4(last4: string | null): string | null {
  return last4 ? `••••${last4}` : null;
}

export const ProceedingsListQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export type ProceedingsListQuery = z.infer<typeof ProceedingsListQuery>;

// ——— Filings ———

export const CreateFilingRequest = z
  .strictObject({
    form: z.enum(FILING_FORMS),
    formOther: OptionalText(40).optional(),
    filedWith: z.enum(FILED_WITH),
    filedOn: PastDate,
    receivedOn: PastDate.optional(),
    receiptNumber: z.string().trim().max(40, { error: 'Use at most 40 characters' }).optional(),
    feeCents: z.int().min(0).max(10_000_000),
    note: OptionalText(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.form === 'other' && !input.formOther) {
      ctx.addIssue({ code: 'custom', path: ['formOther'], message: PROCEEDINGS_MESSAGES.formOther });
    }
    if (input.form !== 'other' && input.formOther) {
      ctx.addIssue({ code: 'custom', path: ['formOther'], message: PROCEEDINGS_MESSAGES.formOtherOnlyForOther });
    }
    const representation = REPRESENTATION_FORMS[input.form];
    if (representation && !representation.filedWith.includes(input.filedWith)) {
      ctx.addIssue({ code: 'custom', path: ['filedWith'], message: PROCEEDINGS_MESSAGES.representationFiledWith });
    }
    if (input.receivedOn && isIsoDate(input.receivedOn) && isIsoDate(input.filedOn) && input.receivedOn < input.filedOn) {
      ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: PROCEEDINGS_MESSAGES.receivedBeforeFiled });
    }
    if (input.receiptNumber && !normalizeFilingReceipt(input.filedWith, input.receiptNumber)) {
      ctx.addIssue({ code: 'custom', path: ['receiptNumber'], message: receiptProblem(input.filedWith) });
    }
  });
export type CreateFilingRequest = z.infer<typeof CreateFilingRequest>;

export const UpdateFilingRequest = z.strictObject({
  receivedOn: PastDate.nullable().optional(),
  receiptNumber: z.string().trim().max(40, { error: 'Use at most 40 characters' }).nullable().optional(),
  status: z.enum(FILING_STATUSES).optional(),
  note: OptionalText(2000).nullable().optional(),
  version: z.int().min(1),
});
export type UpdateFilingRequest = z.infer<typeof UpdateFilingRequest>;

const Person = z.object({ id: Uuid, name: z.string() });

export const FilingResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  form: z.enum(FILING_FORMS),
  formOther: z.string().nullable(),
  filedWith: z.enum(FILED_WITH),
  filedOn: z.string(),
  receivedOn: z.string().nullable(),
  /** "••••5678": the whole number only through its own audited read. */
  receiptNumberMasked: z.string().nullable(),
  feeCents: z.int(),
  status: z.enum(FILING_STATUSES),
  note: z.string().nullable(),
  /** The notice of appearance this filing is, if it is one. */
  representationForum: z.enum(REPRESENTATION_FORUMS).nullable(),
  createdBy: Person,
  createdAt: IsoDateTime,
  version: z.int(),
});
export type FilingResponse = z.infer<typeof FilingResponse>;

/** A notice of appearance on file in one forum. */
const Appearance = z.object({ filingId: Uuid, form: z.string(), filedOn: z.string() }).nullable();

export const RepresentationResponse = z.object({
  representative: Person.nullable(),
  dhs: Appearance,
  eoir: Appearance,
  bia: Appearance,
  /**
   * Why the representative may not appear in each forum today (REPRESENTATION_PROBLEM codes of the
   * credentials area), or null when they may.
   */
  problems: z.object({ dhs: z.string().nullable(), eoir: z.string().nullable(), bia: z.string().nullable() }),
});
export type RepresentationResponse = z.infer<typeof RepresentationResponse>;

export const FilingList = z.object({ items: z.array(FilingResponse), nextCursor: z.string().nullable(), representation: RepresentationResponse });
export type FilingList = z.infer<typeof FilingList>;

export const FilingSaved = z.object({ filing: FilingResponse, deadlineChanges: z.array(DeadlineChange) });
export type FilingSaved = z.infer<typeof FilingSaved>;

export const ReceiptNumberResponse = z.object({ receiptNumber: z.string().nullable() });
export type ReceiptNumberResponse = z.infer<typeof ReceiptNumberResponse>;

// ——— Hearings and check-ins ———

export const CreateHearingRequest = z.strictObject({
  court: Text(200, PROCEEDINGS_MESSAGES.court),
  judge: OptionalText(200).optional(),
  hearingType: z.enum(HEARING_TYPES),
  date: CalendarDate,
  time: ClockTime,
  timeZone: TimeZoneName.optional(),
  responsibleId: Uuid.optional(),
});
export type CreateHearingRequest = z.infer<typeof CreateHearingRequest>;

export const UpdateHearingRequest = z.strictObject({
  date: CalendarDate.optional(),
  time: ClockTime.optional(),
  timeZone: TimeZoneName.optional(),
  court: Text(200, PROCEEDINGS_MESSAGES.court).optional(),
  hearingType: z.enum(HEARING_TYPES).optional(),
  status: z.enum(HEARING_STATUSES).optional(),
  outcome: OptionalText(2000).nullable().optional(),
  judge: OptionalText(200).nullable().optional(),
  responsibleId: Uuid.optional(),
  version: z.int().min(1),
});
export type UpdateHearingRequest = z.infer<typeof UpdateHearingRequest>;

export const HearingResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  court: z.string(),
  judge: z.string().nullable(),
  hearingType: z.enum(HEARING_TYPES),
  startsAt: IsoDateTime,
  /** The date and time in the court's zone, as the notice gives them. */
  date: z.string(),
  time: z.string(),
  timeZone: z.string(),
  status: z.enum(HEARING_STATUSES),
  outcome: z.string().nullable(),
  responsible: Person,
  acknowledgedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: z.int(),
});
export type HearingResponse = z.infer<typeof HearingResponse>;

export const HearingList = z.object({ items: z.array(HearingResponse), nextCursor: z.string().nullable() });
export type HearingList = z.infer<typeof HearingList>;

export const CreateCheckinRequest = z.strictObject({
  agency: z.enum(CHECKIN_AGENCIES),
  location: Text(200, PROCEEDINGS_MESSAGES.location),
  date: CalendarDate,
  time: ClockTime,
  timeZone: TimeZoneName.optional(),
  responsibleId: Uuid.optional(),
});
export type CreateCheckinRequest = z.infer<typeof CreateCheckinRequest>;

export const UpdateCheckinRequest = z.strictObject({
  date: CalendarDate.optional(),
  time: ClockTime.optional(),
  timeZone: TimeZoneName.optional(),
  location: Text(200, PROCEEDINGS_MESSAGES.location).optional(),
  status: z.enum(CHECKIN_STATUSES).optional(),
  outcome: OptionalText(2000).nullable().optional(),
  responsibleId: Uuid.optional(),
  version: z.int().min(1),
});
export type UpdateCheckinRequest = z.infer<typeof UpdateCheckinRequest>;

export const CheckinResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  agency: z.enum(CHECKIN_AGENCIES),
  location: z.string(),
  startsAt: IsoDateTime,
  date: z.string(),
  time: z.string(),
  timeZone: z.string(),
  status: z.enum(CHECKIN_STATUSES),
  outcome: z.string().nullable(),
  responsible: Person,
  acknowledgedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: z.int(),
});
export type CheckinResponse = z.infer<typeof CheckinResponse>;

export const CheckinList = z.object({ items: z.array(CheckinResponse), nextCursor: z.string().nullable() });
export type CheckinList = z.infer<typeof CheckinList>;

// ——— Decisions ———

export const CreateDecisionRequest = z
  .strictObject({
    body: z.enum(DECISION_BODIES),
    outcome: z.enum(DECISION_OUTCOMES),
    decidedOn: PastDate,
    finalOn: PastDate.optional(),
    relief: z.enum(DECISION_RELIEFS).optional(),
    note: OptionalText(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.finalOn && isIsoDate(input.finalOn) && isIsoDate(input.decidedOn) && input.finalOn < input.decidedOn) {
      ctx.addIssue({ code: 'custom', path: ['finalOn'], message: PROCEEDINGS_MESSAGES.finalBeforeDecided });
    }
  });
export type CreateDecisionRequest = z.infer<typeof CreateDecisionRequest>;

export const DecisionResponse = z.object({
  id: Uuid,
  matterId: Uuid,
  body: z.enum(DECISION_BODIES),
  outcome: z.enum(DECISION_OUTCOMES),
  decidedOn: z.string(),
  finalOn: z.string().nullable(),
  relief: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: Person,
  createdAt: IsoDateTime,
});
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export const DecisionList = z.object({ items: z.array(DecisionResponse), nextCursor: z.string().nullable() });
export type DecisionList = z.infer<typeof DecisionList>;

export const DecisionSaved = z.object({ decision: DecisionResponse, deadlineChanges: z.array(DeadlineChange) });
export type DecisionSaved = z.infer<typeof DecisionSaved>;
