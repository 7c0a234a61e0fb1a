import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, ageOn, dayOfWeek, daysBetween, isIsoDate, lastDayOfMonth, todayIn } from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates and refuses impossible or malformed ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('moves 29 February to 28 February in a non-leap year and clamps month ends', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
  });

  it('knows the day of the week and ages', () => {
    expect(dayOfWeek('2026-11-22')).toBe(0);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(ageOn('2008-11-22', '2026-11-21')).toBe(17);
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
  });

  it('gives the calendar date in a time zone', () => {
    const instant = new Date('2026-11-23T03:00:00Z');
    expect(todayIn('America/Chicago', instant)).toBe('2026-11-22');
    expect(todayIn('Asia/Baghdad', instant)).toBe('2026-11-23');
  });
});
