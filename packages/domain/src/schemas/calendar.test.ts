import { describe, expect, it } from 'vitest';
import { CALENDAR_MESSAGES, CalendarQuery, CreateCalendarFeedRequest } from './calendar.js';

function issueAt(result: ReturnType<typeof CalendarQuery.safeParse>, field: string): string | undefined {
  return result.success ? undefined : result.error.issues.find((issue) => issue.path.join('.') === field)?.message;
}

describe('CalendarQuery', () => {
  it('defaults to my own calendar', () => {
    expect(CalendarQuery.parse({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31', scope: 'mine' });
  });

  it('accepts 62 days (a month grid with its leading and trailing weeks fits) and refuses 63, naming `to`', () => {
    expect(CalendarQuery.safeParse({ from: '2026-01-01', to: '2026-03-03' }).success).toBe(true);
    expect(issueAt(CalendarQuery.safeParse({ from: '2026-01-01', to: '2026-03-04' }), 'to')).toBe(CALENDAR_MESSAGES.rangeTooLong);
  });

  it('refuses an end before the start, naming `to`; one day is fine', () => {
    expect(issueAt(CalendarQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }), 'to')).toBe(CALENDAR_MESSAGES.toBeforeFrom);
    expect(CalendarQuery.safeParse({ from: '2028-02-29', to: '2028-02-29' }).success).toBe(true);
  });

  it('refuses an impossible date and an unknown scope', () => {
    expect(issueAt(CalendarQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }), 'from')).toBeDefined();
    expect(issueAt(CalendarQuery.safeParse({ from: '2026-03-01', to: '2026-03-02', scope: 'team' }), 'scope')).toBeDefined();
  });
});

describe('CreateCalendarFeedRequest', () => {
  it('keeps full names out unless asked', () => {
    expect(CreateCalendarFeedRequest.parse({})).toEqual({ showFullNames: false });
    expect(CreateCalendarFeedRequest.parse({ showFullNames: true })).toEqual({ showFullNames: true });
    expect(CreateCalendarFeedRequest.safeParse({ showFullNames: 'yes' }).success).toBe(false);
  });
});
