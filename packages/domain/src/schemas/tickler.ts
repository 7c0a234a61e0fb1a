import { z } from 'zod';
import { DEADLINE_KINDS } from '../deadlines/rule-table.js';
import { CHECKIN_AGENCIES, HEARING_TYPES, MATTER_DEADLINE_SOURCES, MATTER_TYPES } from '../legal/matter.js';
import { CalendarDate } from './client.js';
import { Cursor, IsoDateTime, Uuid } from './common.js';

/**
 * The tickler (issue 5, seed 002 "a tickler system to ensure important deadlines are not
 * missed"): the open deadlines and scheduled hearings and check-ins of active matters, with the
 * person responsible for each, reminders at the program's offsets, acknowledgement, and
 * escalation to the supervising attorney when an item is not acknowledged in time or is overdue.
 */

/** The matter items the tickler watches (credentials and recognition have their own renewal reminders). */
export const TICKLER_VIEW_KINDS = ['deadline', 'hearing', 'checkin'] as const;
export const TicklerViewKind = z.enum(TICKLER_VIEW_KINDS);
export type TicklerViewKind = z.infer<typeof TicklerViewKind>;

/** pending: open deadlines and scheduled hearings and check-ins of active matters; all: whatever their status. */
export const TICKLER_SHOW = ['pending', 'all'] as const;

/** A window of at most this many days keeps a view bounded. */
export const TICKLER_MAX_WINDOW_DAYS = 400;
export const TICKLER_LIMIT_MAX = 200;
export const INBOX_LIMIT_MAX = 50;

export const TICKLER_MESSAGES = {
  windowOrder: 'The end of the window is before its start',
  windowTooLong: `Choose a window of at most ${TICKLER_MAX_WINDOW_DAYS} days`,
  kinds: 'Choose deadline, hearing or checkin',
  notResponsible: 'Only the person responsible for this item, or someone who works the matter, can acknowledge it',
  notPending: 'Only an open deadline or a scheduled hearing or check-in is acknowledged',
  alreadyAcknowledged: 'This item was already acknowledged',
  stale: 'This item was changed by someone else; reload it',
} as const;

/** "deadline,hearing" in a query string → ['deadline', 'hearing']. */
const KindList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part.length > 0) : value),
  z.array(TicklerViewKind, { error: TICKLER_MESSAGES.kinds }).min(1, { error: TICKLER_MESSAGES.kinds }),
);

const windowQuery = {
  /** Default: 30 days before today (organization's day). Overdue items before it are listed too. */
  from: CalendarDate.optional(),
  /** Default: 90 days after today. */
  to: CalendarDate.optional(),
  kinds: KindList.optional(),
  show: z.enum(TICKLER_SHOW).default('pending'),
  limit: z.coerce.number().int().min(1).max(TICKLER_LIMIT_MAX).default(TICKLER_LIMIT_MAX),
};

function checkWindow(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.from && value.to) {
    if (value.to < value.from) {
      ctx.addIssue({ code: 'custom', message: TICKLER_MESSAGES.windowOrder, path: ['to'] });
      return;
    }
    const days = (Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`)) / 86_400_000;
    if (days > TICKLER_MAX_WINDOW_DAYS) {
      ctx.addIssue({ code: 'custom', message: TICKLER_MESSAGES.windowTooLong, path: ['to'] });
    }
  }
}

/** GET /api/tickler/mine: the items I am responsible for. */
export const TicklerMineQuery = z.strictObject(windowQuery).superRefine(checkWindow);
export type TicklerMineQuery = z.infer<typeof TicklerMineQuery>;

/** GET /api/tickler/program: every item on the matters of a program (all programs without one) that I may read. */
export const TicklerProgramQuery = z
  .strictObject({
    ...windowQuery,
    programId: Uuid.optional(),
    responsibleId: Uuid.optional(),
  })
  .superRefine(checkWindow);
export type TicklerProgramQuery = z.infer<typeof TicklerProgramQuery>;

const Person = z.object({ id: Uuid, name: z.string() });

export const TicklerItem = z.object({
  kind: TicklerViewKind,
  id: Uuid,
  matterId: Uuid,
  /** "M-2026-0042". */
  matterReference: z.string(),
  matterType: z.enum(MATTER_TYPES),
  programId: Uuid,
  /** Shown inside Haven to those who may read the matter; mail and notifications carry the initials only. */
  client: z.object({ id: Uuid, name: z.string(), initials: z.string() }),
  /** The due date, or the hearing's or check-in's day in the organization's time zone. */
  date: CalendarDate,
  /** "09:30" (organization's time zone) for hearings and check-ins; null for deadlines. */
  time: z.string().nullable(),
  startsAt: IsoDateTime.nullable(),
  /** The deadline's title; "Master hearing — <court>"; "ISAP check-in — <location>". */
  title: z.string(),
  /** Deadline: open|met|missed|done|withdrawn; hearing: scheduled|held…; check-in: scheduled|attended…. */
  status: z.string(),
  responsible: Person,
  acknowledged: z.boolean(),
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedBy: Person.nullable(),
  escalated: z.boolean(),
  /** Still pending and its date has passed. */
  overdue: z.boolean(),
  /** Date − today in days (negative when past). */
  daysLeft: z.int(),
  /** Deadlines: where it came from, the engine's rule and citation, and the kind of date. */
  source: z.enum(MATTER_DEADLINE_SOURCES).nullable(),
  ruleId: z.string().nullable(),
  citation: z.string().nullable(),
  deadlineKind: z.enum(DEADLINE_KINDS).nullable(),
  /** Hearings and check-ins: the type and place (the web builds its own title from them). */
  hearingType: z.enum(HEARING_TYPES).nullable(),
  court: z.string().nullable(),
  agency: z.enum(CHECKIN_AGENCIES).nullable(),
  location: z.string().nullable(),
  version: z.int(),
});
export type TicklerItem = z.infer<typeof TicklerItem>;

export const TicklerList = z.object({
  items: z.array(TicklerItem),
  /** The window actually read (defaults filled in), and today in the organization. */
  from: CalendarDate,
  to: CalendarDate,
  today: CalendarDate,
  /** More items matched than `limit`: narrow the window. */
  truncated: z.boolean(),
});
export type TicklerList = z.infer<typeof TicklerList>;

export const AcknowledgeRequest = z.strictObject({ version: z.int().min(1) });
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequest>;

/**
 * In-app notifications: a kind and its data (codes, dates, initials, references), rendered by the
 * web app in the reader's language. Kinds the tickler writes:
 *  - tickler_reminder: to the responsible person, `offset` days before (data.daysLeft is exact);
 *  - tickler_escalation: to the supervisor(s), reason `unacknowledged` or `overdue`;
 *  - tickler_escalated: to the responsible person, telling them the supervisor was told.
 * Other areas add their own kinds (credential renewals…); an unknown kind shows a generic line.
 */
export const TICKLER_NOTIFICATION_KINDS = ['tickler_reminder', 'tickler_escalation', 'tickler_escalated'] as const;
export const TICKLER_ESCALATION_REASONS = ['unacknowledged', 'overdue'] as const;
export type TicklerEscalationReason = (typeof TICKLER_ESCALATION_REASONS)[number];

export const NotificationItem = z.object({
  id: Uuid,
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(INBOX_LIMIT_MAX).default(20),
  cursor: Cursor,
  unread: z.enum(['true', 'false']).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const NotificationInbox = z.object({
  items: z.array(NotificationItem),
  nextCursor: z.string().nullable(),
  unreadCount: z.int(),
});
export type NotificationInbox = z.infer<typeof NotificationInbox>;

export const ReadAllResponse = z.object({ updated: z.int(), unreadCount: z.int() });
export type ReadAllResponse = z.infer<typeof ReadAllResponse>;
