import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CalendarEvent, CalendarFeedCreated, CalendarFeedStatus, CalendarResponse, CalendarScope, CreateCalendarFeedRequest } from '@haven/domain';
import { api } from '../../app/api-client';

export type { CalendarEvent, CalendarScope };

export const calendarKeys = {
  all: ['calendar'] as const,
  range: (from: string, to: string, scope: CalendarScope) => ['calendar', 'events', from, to, scope] as const,
  feed: ['calendar', 'feed'] as const,
};

export function calendarOptions(from: string, to: string, scope: CalendarScope) {
  return queryOptions({
    queryKey: calendarKeys.range(from, to, scope),
    queryFn: ({ signal }) => api<CalendarResponse>('/api/calendar', { signal, query: { from, to, scope } }),
    // Moving to the next month keeps the current one on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

export function feedOptions() {
  return queryOptions({
    queryKey: calendarKeys.feed,
    queryFn: ({ signal }) => api<CalendarFeedStatus>('/api/calendar/feed', { signal }),
  });
}

export const calendarApi = {
  createFeed: (body: CreateCalendarFeedRequest) => api<CalendarFeedCreated>('/api/calendar/feed', { method: 'POST', body }),
  revokeFeed: () => api<null>('/api/calendar/feed', { method: 'DELETE' }),
};
