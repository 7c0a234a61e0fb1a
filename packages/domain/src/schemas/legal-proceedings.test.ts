import { describe, expect, it } from 'vitest';
import { CreateDecisionRequest, CreateFilingRequest, immigrationCourtTimeZone, instantInZone, isTimeZone, zonedDateTimeToInstant } from './legal-proceedings.js';

describe('court local times', () => {
  it('reads a wall-clock time in the court’s zone on either side of daylight saving time', () => {
    expect(zonedDateTimeToInstant('2027-01-12', '09:00', 'America/Chicago').toISOString()).toBe('2027-01-12T15:00:00.000Z');
    expect(zonedDateTimeToInstant('2027-07-12', '09:00', 'America/Chicago').toISOString()).toBe('2027-07-12T14:00:00.000Z');
    // Phoenix keeps standard time all year; Saipan is ahead of UTC.
    expect(zonedDateTimeToInstant('2027-07-12', '09:00', 'America/Phoenix').toISOString()).toBe('2027-07-12T16:00:00.000Z');
    expect(zonedDateTimeToInstant('2027-07-12', '09:00', 'Pacific/Saipan').toISOString()).toBe('2027-07-11T23:00:00.000Z');
    // The first day of daylight saving time in New York (2027-03-14): 08:30 is already EDT.
    expect(zonedDateTimeToInstant('2027-03-14', '08:30', 'America/New_York').toISOString()).toBe('2027-03-14T12:30:00.000Z');
  });

  it('shows an instant back as the date and time the notice gave', () => {
    expect(instantInZone(new Date('2027-01-12T15:00:00Z'), 'America/Chicago')).toEqual({ date: '2027-01-12', time: '09:00' });
    expect(instantInZone(new Date('2027-07-11T23:00:00Z'), 'Pacific/Saipan')).toEqual({ date: '2027-07-12', time: '09:00' });
  });

  it('knows listed courts’ zones and refuses zones that do not exist', () => {
    expect(immigrationCourtTimeZone('  el paso   immigration court ')).toBe('America/Denver');
    expect(immigrationCourtTimeZone('Pasadena annex')).toBeUndefined();
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('filing and decision requests', () => {
  const base = { form: 'I-589', filedWith: 'uscis', filedOn: '2026-03-02', feeCents: 10_000 } as const;
  const fields = (input: unknown, schema: typeof CreateFilingRequest | typeof CreateDecisionRequest = CreateFilingRequest) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('checks a USCIS receipt number’s format, and only a USCIS one', () => {
    expect(fields({ ...base, receiptNumber: 'IOE0912345678' })).toEqual([]);
    expect(fields({ ...base, receiptNumber: 'IOE091234567' })).toEqual(['receiptNumber']);
    expect(fields({ ...base, form: 'EOIR-26', filedWith: 'bia', receiptNumber: 'BIA-2026-0041' })).toEqual([]);
  });

  it('refuses a receipt before the filing, an unnamed other form and a notice of appearance sent to the wrong forum', () => {
    expect(fields({ ...base, receivedOn: '2026-03-01' })).toEqual(['receivedOn']);
    expect(fields({ ...base, form: 'other' })).toEqual(['formOther']);
    expect(fields({ ...base, form: 'EOIR-28' })).toEqual(['filedWith']);
    expect(fields({ ...base, form: 'G-28', filedWith: 'ice' })).toEqual([]);
  });

  it('refuses a decision final before it was made', () => {
    expect(fields({ body: 'immigration_judge', outcome: 'denied', decidedOn: '2026-03-02', finalOn: '2026-03-01' }, CreateDecisionRequest)).toEqual(['finalOn']);
  });
});
