import { describe, expect, it } from 'vitest';
import { addMonthsToMonth, contactRatePercentage, MonthlyContactRateQuery, monthsBetween, ActiveClientsServedQuery } from './case-report.js';

describe('report months', () => {
  it('steps across year ends both ways', () => {
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2025-12', 1)).toBe('2026-01');
    expect(addMonthsToMonth('2026-03', -15)).toBe('2024-12');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });

  it('rounds the rate to one decimal and has none without active clients', () => {
    expect(contactRatePercentage(2, 3)).toBe(66.7);
    expect(contactRatePercentage(1, 8)).toBe(12.5);
    expect(contactRatePercentage(0, 0)).toBeNull();
  });

  it('refuses a month that does not exist and spans over 24 months, naming the field', () => {
    expect(ActiveClientsServedQuery.safeParse({ month: '2026-13' }).error?.issues[0]?.path).toEqual(['month']);
    expect(ActiveClientsServedQuery.parse({}).format).toBe('json');
    expect(MonthlyContactRateQuery.safeParse({ from: '2024-03', to: '2026-02' }).success).toBe(true);
    expect(MonthlyContactRateQuery.safeParse({ from: '2024-02', to: '2026-02' }).error?.issues[0]?.path).toEqual(['to']);
    expect(MonthlyContactRateQuery.safeParse({ from: '2026-02', to: '2026-01' }).error?.issues[0]?.path).toEqual(['to']);
  });
});
