import { describe, expect, it } from 'vitest';
import { contactPeriodOf, evaluateContactRule, isoWeekKey } from './contact-rule.js';

const monthly = { minimum: 1, period: 'calendar_month' } as const;
const weekly = { minimum: 1, period: 'week' } as const;

describe('monthly contact rule', () => {
  it('a note on 31 January meets January, not February; on 1 February January is missed and contact is overdue', () => {
    const onJan31 = evaluateContactRule({ rule: monthly, openedOn: '2027-01-10', closedOn: null, contactDates: ['2027-01-31'], today: '2027-01-31' });
    expect(onJan31.current).toMatchObject({ key: '2027-01', start: '2027-01-10', end: '2027-01-31', status: 'met', contacts: 1 });
    expect(onJan31.dueOn).toBe('2027-01-31');
    expect(onJan31.overdue).toBe(false);

    const met = evaluateContactRule({ rule: monthly, openedOn: '2027-01-10', closedOn: null, contactDates: ['2027-01-31'], today: '2027-02-01' });
    expect(met.periods.map((p) => [p.key, p.status])).toEqual([
      ['2027-01', 'met'],
      ['2027-02', 'in_progress'],
    ]);
    expect(met.dueOn).toBe('2027-02-28');
    expect(met.overdue).toBe(false);

    const missed = evaluateContactRule({ rule: monthly, openedOn: '2027-01-10', closedOn: null, contactDates: ['2027-02-01'], today: '2027-02-01' });
    expect(missed.previous).toMatchObject({ key: '2027-01', status: 'missed', contacts: 0 });
    expect(missed.current).toMatchObject({ key: '2027-02', status: 'met' });
    expect(missed.overdue).toBe(true);
  });

  it('the last day of January is still January: on 31 January an unmet month is in progress, not missed', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-12-01', closedOn: null, contactDates: ['2026-12-15'], today: '2027-01-31' });
    expect(status.current).toMatchObject({ key: '2027-01', status: 'in_progress' });
    expect(status.overdue).toBe(false);
  });

  it('February of a leap year ends on the 29th: a note on 2028-02-29 counts for February', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2028-01-03', closedOn: null, contactDates: ['2028-01-20', '2028-02-29'], today: '2028-03-01' });
    expect(status.periods.map((p) => [p.key, p.end, p.status])).toEqual([
      ['2028-01', '2028-01-31', 'met'],
      ['2028-02', '2028-02-29', 'met'],
      ['2028-03', '2028-03-31', 'in_progress'],
    ]);
    expect(status.overdue).toBe(false);
    const onLeapDay = evaluateContactRule({ rule: monthly, openedOn: '2028-01-03', closedOn: null, contactDates: [], today: '2028-02-29' });
    expect(onLeapDay.dueOn).toBe('2028-02-29');
    expect(onLeapDay.current?.status).toBe('in_progress');
  });

  it('December runs into January of the next year', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-11-10', closedOn: null, contactDates: ['2026-11-21'], today: '2027-01-01' });
    expect(status.periods.map((p) => [p.key, p.status])).toEqual([
      ['2026-11', 'met'],
      ['2026-12', 'missed'],
      ['2027-01', 'in_progress'],
    ]);
    expect(status.dueOn).toBe('2027-01-31');
    expect(status.overdue).toBe(true);
  });

  it('a case opened on the last day of a month is not overdue the next day: its first period runs to the end of the next month', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-10-31', closedOn: null, contactDates: ['2026-10-30'], today: '2026-11-02' });
    expect(status.periods).toEqual([{ key: '2026-11', start: '2026-10-31', end: '2026-11-30', contacts: 0, status: 'in_progress' }]);
    expect(status.overdue).toBe(false);
    expect(status.dueOn).toBe('2026-11-30');
    // Contact before the opening never counts; a visit on the opening day does.
    const december = evaluateContactRule({ rule: monthly, openedOn: '2026-10-31', closedOn: null, contactDates: ['2026-10-30'], today: '2026-12-01' });
    expect(december.previous).toMatchObject({ key: '2026-11', status: 'missed' });
    expect(december.overdue).toBe(true);
    const seenOnOpening = evaluateContactRule({ rule: monthly, openedOn: '2026-10-31', closedOn: null, contactDates: ['2026-10-31'], today: '2026-12-01' });
    expect(seenOnOpening.previous!.status).toBe('met');
    expect(seenOnOpening.overdue).toBe(false);
  });

  it('a case opened with half the month left keeps that month as its first period; a day later it joins the next', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-11-16', closedOn: null, contactDates: [], today: '2026-12-01' });
    expect(status.previous).toEqual({ key: '2026-11', start: '2026-11-16', end: '2026-11-30', contacts: 0, status: 'missed' });
    const later = evaluateContactRule({ rule: monthly, openedOn: '2026-11-17', closedOn: null, contactDates: [], today: '2026-12-01' });
    expect(later.current).toMatchObject({ key: '2026-12', start: '2026-11-17', end: '2026-12-31' });
  });

  it('counts up to the minimum: two contacts required, one is not enough', () => {
    const status = evaluateContactRule({ rule: { minimum: 2, period: 'calendar_month' }, openedOn: '2026-09-01', closedOn: null, contactDates: ['2026-09-03'], today: '2026-10-05' });
    expect(status.previous).toMatchObject({ key: '2026-09', contacts: 1, status: 'missed' });
    expect(status.overdue).toBe(true);
  });

  it('a closed case has no current period and is never overdue', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-06-01', closedOn: '2026-08-10', contactDates: [], today: '2026-11-15' });
    expect(status.periods.map((p) => p.key)).toEqual(['2026-06', '2026-07', '2026-08']);
    expect(status.current).toBeNull();
    expect(status.overdue).toBe(false);
  });

  it('before the opening day there is nothing to evaluate', () => {
    const status = evaluateContactRule({ rule: monthly, openedOn: '2026-12-01', closedOn: null, contactDates: [], today: '2026-11-30' });
    expect(status).toEqual({ periods: [], current: null, previous: null, dueOn: null, overdue: false });
  });
});

describe('weekly contact rule (ISO weeks, Monday to Sunday)', () => {
  it('names weeks by ISO 8601, across the turn of the year', () => {
    expect(isoWeekKey('2026-11-16')).toBe('2026-W47');
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(contactPeriodOf('week', '2026-11-22')).toEqual({ key: '2026-W47', first: '2026-11-16', end: '2026-11-22' });
  });

  it('a week runs Monday to Sunday: a note on Sunday counts for that week, Monday starts the next', () => {
    // 2026-11-18 is a Wednesday; that week ends Sunday 2026-11-22.
    const status = evaluateContactRule({ rule: weekly, openedOn: '2026-11-18', closedOn: null, contactDates: ['2026-11-22'], today: '2026-11-23' });
    expect(status.periods).toEqual([
      { key: '2026-W47', start: '2026-11-18', end: '2026-11-22', contacts: 1, status: 'met' },
      { key: '2026-W48', start: '2026-11-23', end: '2026-11-29', contacts: 0, status: 'in_progress' },
    ]);
    expect(status.dueOn).toBe('2026-11-29');
    expect(status.overdue).toBe(false);
  });

  it('a missed week across New Year makes contact overdue', () => {
    const status = evaluateContactRule({ rule: weekly, openedOn: '2026-12-28', closedOn: null, contactDates: ['2026-12-29'], today: '2027-01-05' });
    expect(status.periods.map((p) => [p.key, p.status])).toEqual([
      ['2026-W53', 'met'],
      ['2027-W01', 'in_progress'],
    ]);
    const later = evaluateContactRule({ rule: weekly, openedOn: '2026-12-21', closedOn: null, contactDates: ['2026-12-22'], today: '2027-01-05' });
    expect(later.previous).toMatchObject({ key: '2026-W53', start: '2026-12-28', end: '2027-01-03', status: 'missed' });
    expect(later.overdue).toBe(true);
  });
});
