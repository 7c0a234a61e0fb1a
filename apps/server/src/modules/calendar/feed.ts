import { addDays, type MatterType } from '@haven/domain';
import { type IcalEvent, writeCalendar } from './ical.js';
import type { CalendarItem } from './service.js';

/**
 * What a subscribed calendar shows. The feed leaves Haven for phones, laptops and cloud calendar
 * services, so it carries as little as works: initials and the matter type (full names only when
 * the member chose them), the matter reference, the citation of a rule deadline and a link back
 * into Haven — never narratives, notes or identifiers. A protected client's entries (VAWA, T and
 * U matters, 8 USC 1367) never carry the full name, whatever the member chose, nor the matter
 * type, which would itself disclose the protected basis: "Confidential matter" stands for it,
 * and for the same reason their deadlines show only their kind ("Deadline", "Last day"), without
 * the title or citation (a U visa rule's title or 8 CFR 214.14 says as much as the type).
 * Labels and rule deadlines' titles stay English for now: a feed is fetched without a session by
 * a calendar app that negotiates no language, and one feed is often shown in a calendar shared
 * with others. The member's language (users.locale) and the rule titles in the domain package
 * (DEADLINE_RULE_TITLES, which reminder mail uses) would allow a translated feed; its labels
 * here would need Spanish and Arabic first.
 */
export const MATTER_TYPE_LABELS: Record<MatterType, string> = {
  affirmative_asylum: 'Affirmative asylum',
  defensive_asylum: 'Defensive asylum',
  withholding_cat: 'Withholding/CAT',
  sijs: 'SIJS',
  t_visa: 'T visa',
  u_visa: 'U visa',
  vawa: 'VAWA',
  work_permit: 'Work permit',
  adjustment: 'Adjustment of status',
  naturalization: 'Naturalization',
  tps: 'TPS',
  i730_follow_to_join: 'I-730 follow-to-join',
  family_petition: 'Family petition',
  foia: 'FOIA',
  removal_defense: 'Removal defense',
  appeal: 'Appeal',
  other: 'Other matter',
};

/** What a protected client's matter is called outside Haven. */
export const CONFIDENTIAL_MATTER_LABEL = 'Confidential matter';

const DEADLINE_KIND_LABELS: Record<string, string> = {
  deadline: 'Deadline',
  'earliest-date': 'Earliest date',
  'last-day': 'Last day',
  checkpoint: 'Checkpoint',
};

/** Statuses that mean the hearing or check-in will not take place at that time. */
const CANCELLED_STATUSES = new Set(['cancelled', 'rescheduled']);

/** Said after a deadline's title when it is no longer open, so a glance tells met from missed. */
const DEADLINE_STATUS_SUFFIX: Record<string, string> = { met: ' (met)', done: ' (done)', missed: ' (MISSED)' };

export interface FeedInput {
  memberName: string;
  organizationName: string;
  items: CalendarItem[];
  showFullNames: boolean;
  publicUrl: string;
  now: Date;
}

function summaryOf(item: CalendarItem, showFullNames: boolean): string {
  const { event } = item;
  const who = showFullNames && !item.clientProtected ? event.clientName : event.clientInitials;
  const type = item.clientProtected ? CONFIDENTIAL_MATTER_LABEL : MATTER_TYPE_LABELS[event.matterType];
  const kindLabel = DEADLINE_KIND_LABELS[event.subtype] ?? 'Deadline';
  const what =
    event.kind === 'deadline'
      ? `${item.clientProtected ? kindLabel : `${kindLabel}: ${event.title}`}${DEADLINE_STATUS_SUFFIX[event.status] ?? ''}`
      : event.title;
  return [who, type, what].filter(Boolean).join(' · ');
}

function descriptionOf(item: CalendarItem, link: string): string {
  const { event } = item;
  const lines = [`Matter ${event.matterReference}`, `Status: ${event.status}`];
  if (event.citation && !item.clientProtected) {
    lines.push(`Citation: ${event.citation}`);
  }
  if (event.judge) {
    lines.push(`Judge: ${event.judge}`);
  }
  if (event.responsible.name) {
    lines.push(`Responsible: ${event.responsible.name}`);
  }
  lines.push(`Open in Haven: ${link}`);
  return lines.join('\n');
}

export function toIcalEvent(item: CalendarItem, input: Pick<FeedInput, 'showFullNames' | 'publicUrl'>): IcalEvent {
  const { event } = item;
  const link = `${input.publicUrl}/matters/${event.matterId}`;
  const common = {
    uid: `${event.kind}-${event.id}@haven`,
    summary: summaryOf(item, input.showFullNames),
    description: descriptionOf(item, link),
    url: link,
    sequence: Math.max(0, item.version - 1),
    categories: [event.kind === 'checkin' ? 'Check-in' : event.kind === 'hearing' ? 'Hearing' : 'Deadline'],
  };
  if (event.allDay) {
    return { ...common, start: { date: event.start }, end: { date: addDays(event.start, 1) }, location: null, status: 'CONFIRMED' };
  }
  const cancelled = CANCELLED_STATUSES.has(event.status);
  return {
    ...common,
    start: new Date(event.start),
    end: new Date(event.end ?? event.start),
    location: event.location,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    // A day's notice for a court date or a check-in, unless it will not happen.
    ...(cancelled ? {} : { alarm: { trigger: '-P1D', description: common.summary } }),
  };
}

export function feedCalendar(input: FeedInput): string {
  return writeCalendar({
    prodId: '-//Haven//Legal calendar//EN',
    name: `Haven — ${input.memberName}`,
    description: `Hearings, check-ins and deadlines at ${input.organizationName}`,
    refreshInterval: 'PT1H',
    stamp: input.now,
    events: input.items.map((item) => toIcalEvent(item, input)),
  });
}
