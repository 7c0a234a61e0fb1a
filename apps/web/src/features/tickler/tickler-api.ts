import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { MatterType, NotificationInbox, NotificationItem, ReadAllResponse, TicklerItem, TicklerList, TicklerViewKind } from '@haven/domain';
import { api } from '../../app/api-client';
import { formatCalendarDate } from '../../app/ui/format';
import { ruleDeadlineTitle } from '../matters/deadline-labels';

export type { NotificationItem, TicklerItem, TicklerList };

export interface TicklerQuery {
  from?: string;
  to?: string;
  kinds?: TicklerViewKind[];
  show?: 'pending' | 'all';
  programId?: string;
  responsibleId?: string;
}

export const ticklerKeys = {
  all: ['tickler'] as const,
  mine: (query: TicklerQuery) => ['tickler', 'mine', query] as const,
  program: (query: TicklerQuery) => ['tickler', 'program', query] as const,
  inbox: ['notifications', 'inbox'] as const,
};

function toParams(query: TicklerQuery) {
  return {
    from: query.from,
    to: query.to,
    kinds: query.kinds && query.kinds.length > 0 && query.kinds.length < 3 ? query.kinds.join(',') : undefined,
    show: query.show,
    programId: query.programId,
    responsibleId: query.responsibleId,
  };
}

export function myDeadlinesOptions(query: TicklerQuery) {
  return queryOptions({
    queryKey: ticklerKeys.mine(query),
    queryFn: ({ signal }) => api<TicklerList>('/api/tickler/mine', { signal, query: toParams(query) }),
  });
}

export function programDeadlinesOptions(query: TicklerQuery) {
  return queryOptions({
    queryKey: ticklerKeys.program(query),
    queryFn: ({ signal }) => api<TicklerList>('/api/tickler/program', { signal, query: toParams(query) }),
  });
}

const INBOX_PAGE = 20;

export function inboxOptions() {
  return infiniteQueryOptions({
    queryKey: ticklerKeys.inbox,
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => api<NotificationInbox>('/api/notifications/inbox', { signal, query: { limit: INBOX_PAGE, cursor: pageParam ?? undefined } }),
    getNextPageParam: (last) => last.nextCursor,
    // The bell's count stays fresh while the app is open.
    refetchInterval: 60_000,
  });
}

const ACKNOWLEDGE_PATHS: Record<TicklerViewKind, string> = {
  deadline: '/api/matter-deadlines',
  hearing: '/api/matter-hearings',
  checkin: '/api/matter-checkins',
};

export const ticklerApi = {
  acknowledge: (item: Pick<TicklerItem, 'kind' | 'id' | 'version'>) =>
    api<TicklerItem>(`${ACKNOWLEDGE_PATHS[item.kind]}/${encodeURIComponent(item.id)}/acknowledge`, { method: 'POST', body: { version: item.version } }),
  markRead: (id: string) => api<NotificationItem>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  markAllRead: () => api<ReadAllResponse>('/api/notifications/read-all', { method: 'POST' }),
};

/** The item's title in the reader's language (a computed deadline's rule title translated; a typed one as typed). */
export function itemTitle(item: TicklerItem, t: TFunction): string {
  if (item.kind === 'hearing') {
    return t(`tickler.hearingTitle.${item.hearingType ?? 'master'}`, { court: item.court ?? '' });
  }
  if (item.kind === 'checkin') {
    return t(`tickler.checkinTitle.${item.agency ?? 'ice_ero'}`, { location: item.location ?? '' });
  }
  return ruleDeadlineTitle(t, item.ruleId, item.title);
}

export function matterTypeLabel(type: string, t: TFunction): string {
  return t(`tickler.matterTypes.${type as MatterType}`, { defaultValue: type });
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

const CREDENTIAL_KINDS = ['attorney', 'accredited_representative'] as const;

/** A credential or recognition renewal reminder (modules/credentials/renewals.ts: {kind, step, expiresOn, holderName?}). */
function renewalText(note: NotificationItem, t: TFunction): string {
  const data = note.data;
  const date = formatCalendarDate(str(data.expiresOn));
  const expired = data.step === 'expired';
  if (note.kind === 'recognition_renewal') {
    return t(expired ? 'tickler.notifications.recognitionExpired' : 'tickler.notifications.recognitionExpiring', { date });
  }
  const kind = CREDENTIAL_KINDS.find((k) => k === data.kind) ?? 'attorney';
  const credential = t(`tickler.notifications.credentialKinds.${kind}`);
  const holder = str(data.holderName);
  if (holder) {
    return t(expired ? 'tickler.notifications.staffCredentialExpired' : 'tickler.notifications.staffCredentialExpiring', { credential, name: holder, date });
  }
  return t(expired ? 'tickler.notifications.ownCredentialExpired' : 'tickler.notifications.ownCredentialExpiring', { credential, date });
}

/**
 * A notification in the reader's language, from its kind and data (codes, dates, initials and the
 * matter reference: the server never stores a sentence or a client's name). A protected client's
 * matter carries no type: it reads "Confidential matter".
 */
export function notificationText(note: NotificationItem, t: TFunction): string {
  const data = note.data;
  if (note.kind === 'credential_renewal' || note.kind === 'recognition_renewal') {
    return renewalText(note, t);
  }
  if (note.kind === 'checkin_missed') {
    return t('tickler.notifications.checkinMissed', {
      agency: data.agency === 'isap' ? 'ISAP' : 'ICE',
      reference: str(data.reference),
      date: formatCalendarDate(str(data.date)),
    });
  }
  const kind = str(data.itemKind);
  let item: string;
  if (kind === 'hearing') {
    item = t('tickler.kind.hearing');
  } else if (kind === 'checkin') {
    item = `${t('tickler.kind.checkin')} (${data.agency === 'isap' ? 'ISAP' : 'ICE'})`;
  } else {
    item = data.ruleTitle
      ? t('tickler.notifications.deadlineRule', { title: ruleDeadlineTitle(t, str(data.ruleId) || null, str(data.ruleTitle)) })
      : t('tickler.notifications.deadlineManual');
  }
  const daysLeft = typeof data.daysLeft === 'number' ? data.daysLeft : 0;
  const date = formatCalendarDate(str(data.date)) + (data.time ? ` ${str(data.time)}` : '');
  const when =
    daysLeft > 0
      ? t('tickler.notifications.whenFuture', { date, count: daysLeft })
      : daysLeft === 0
        ? t('tickler.notifications.whenToday', { date })
        : t('tickler.notifications.whenPast', { date, count: -daysLeft });
  const values = {
    item,
    when,
    reference: str(data.matterReference),
    initials: str(data.initials),
    type: data.confidential === true || !data.matterType ? t('tickler.notifications.confidentialMatter') : matterTypeLabel(str(data.matterType), t),
    name: str(data.responsibleName),
  };
  switch (note.kind) {
    case 'tickler_reminder':
      return t('tickler.notifications.reminder', values);
    case 'tickler_escalation':
      return data.reason === 'overdue' ? t('tickler.notifications.escalationOverdue', values) : t('tickler.notifications.escalationUnacknowledged', values);
    case 'tickler_escalated':
      return t('tickler.notifications.escalated', values);
    default:
      return t('tickler.notifications.generic');
  }
}
