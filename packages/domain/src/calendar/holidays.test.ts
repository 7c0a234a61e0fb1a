import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from './dates.js';
import { federalHolidayOn, federalHolidays, isBusinessDay, nonBusinessDayReason, observedDate, rollBack, rollForward } from './holidays.js';

describe('US federal holidays (5 USC 6103)', () => {
  it('computes every 2026 holiday, with Independence Day on a Saturday observed on Friday 3 July', () => {
    expect(federalHolidays(2026).map((holiday) => [holiday.date, holiday.observed])).toEqual([
      ['2026-01-01', '2026-01-01'],
      ['2026-01-19', '2026-01-19'],
      ['2026-02-16', '2026-02-16'],
      ['2026-05-25', '2026-05-25'],
      ['2026-06-19', '2026-06-19'],
      ['2026-07-04', '2026-07-03'],
      ['2026-09-07', '2026-09-07'],
      ['2026-10-12', '2026-10-12'],
      ['2026-11-11', '2026-11-11'],
      ['2026-11-26', '2026-11-26'],
      ['2026-12-25', '2026-12-25'],
    ]);
  });

  it('moves Sunday holidays to Monday and Saturday holidays to Friday, across the year end', () => {
    expect(federalHolidayOn('2027-07-05')).toBe('Independence Day (observed)');
    expect(federalHolidayOn('2027-07-04')).toBeUndefined();
    expect(federalHolidayOn('2027-06-18')).toBe('Juneteenth National Independence Day (observed)');
    expect(federalHolidayOn('2027-12-24')).toBe('Christmas Day (observed)');
    // 1 January 2028 is a Saturday: it is observed on Friday 31 December 2027.
    expect(federalHolidayOn('2027-12-31')).toBe("New Year's Day (observed)");
    expect(federalHolidayOn('2021-12-31')).toBe("New Year's Day (observed)");
    expect(observedDate('2026-07-04')).toBe('2026-07-03');
    expect(observedDate('2027-07-04')).toBe('2027-07-05');
    expect(observedDate('2026-11-26')).toBe('2026-11-26');
  });

  it('counts Juneteenth from 2021 (observed Friday 18 June 2021) and not before', () => {
    expect(federalHolidayOn('2021-06-18')).toBe('Juneteenth National Independence Day (observed)');
    expect(isBusinessDay('2020-06-19')).toBe(true);
    expect(federalHolidays(2020)).toHaveLength(10);
    expect(federalHolidays(2021)).toHaveLength(11);
  });

  it('follows the history of the Monday holidays, Veterans Day and Martin Luther King Jr. Day', () => {
    expect(isBusinessDay('1985-01-21')).toBe(true);
    expect(federalHolidayOn('1986-01-20')).toBe('Birthday of Martin Luther King, Jr.');
    expect(federalHolidayOn('1975-10-27')).toBe('Veterans Day');
    expect(isBusinessDay('1975-11-11')).toBe(true);
    expect(federalHolidayOn('1978-11-10')).toBe('Veterans Day (observed)');
    expect(federalHolidayOn('1970-02-23')).toBe("Washington's Birthday (observed)");
    expect(federalHolidayOn('1971-02-15')).toBe("Washington's Birthday");
  });

  it('observes every holiday on a weekday, for every year from 1950 to 2100', () => {
    for (let year = 1950; year <= 2100; year += 1) {
      for (const holiday of federalHolidays(year)) {
        const weekday = dayOfWeek(holiday.observed);
        expect(weekday >= 1 && weekday <= 5, `${holiday.name} ${year} observed ${holiday.observed}`).toBe(true);
        expect(isBusinessDay(holiday.observed)).toBe(false);
      }
      const thanksgiving = federalHolidays(year).find((holiday) => holiday.name === 'Thanksgiving Day')!;
      expect(dayOfWeek(thanksgiving.date)).toBe(4);
      expect(Number(thanksgiving.date.slice(8))).toBeGreaterThanOrEqual(22);
      expect(Number(thanksgiving.date.slice(8))).toBeLessThanOrEqual(28);
    }
  });
});

describe('business days and rolls', () => {
  it('knows weekends and holidays, and says why a day is not a business day', () => {
    expect(isBusinessDay('2026-11-26')).toBe(false);
    expect(isBusinessDay('2026-11-27')).toBe(true);
    expect(isBusinessDay('2026-11-28')).toBe(false);
    expect(nonBusinessDayReason('2026-11-26')).toBe('Thursday, Thanksgiving Day');
    expect(nonBusinessDayReason('2026-07-03')).toBe('Friday, Independence Day (observed)');
    expect(nonBusinessDayReason('2026-07-04')).toBe('Saturday');
    expect(nonBusinessDayReason('2026-11-27')).toBeUndefined();
  });

  it('rolls forward over weekends and observed holidays', () => {
    expect(rollForward('2026-11-26')).toBe('2026-11-27');
    expect(rollForward('2026-07-03')).toBe('2026-07-06');
    expect(rollForward('2027-07-04')).toBe('2027-07-06');
    expect(rollForward('2027-12-24')).toBe('2027-12-27');
    expect(rollForward('2027-12-31')).toBe('2028-01-03');
    expect(rollForward('2026-11-25')).toBe('2026-11-25');
  });

  it('rolls back over weekends and observed holidays', () => {
    expect(rollBack('2026-07-05')).toBe('2026-07-02');
    expect(rollBack('2028-01-01')).toBe('2027-12-30');
    expect(rollBack('2026-11-26')).toBe('2026-11-25');
    expect(rollBack('2026-01-19')).toBe('2026-01-16');
    expect(rollBack('2026-11-25')).toBe('2026-11-25');
  });

  it('always lands on a business day within a week', () => {
    for (let day = '2026-01-01'; day < '2029-01-01'; day = addDays(day, 1)) {
      const forward = rollForward(day);
      const back = rollBack(day);
      expect(isBusinessDay(forward) && isBusinessDay(back)).toBe(true);
      expect(forward >= day && back <= day).toBe(true);
      expect(forward <= addDays(day, 4) && back >= addDays(day, -4)).toBe(true);
    }
  });
});
