import { describe, expect, it } from 'vitest';
import { matchingGrantEnrollBy, preferredCommunitiesLastDay, rcaRmaLastDay, rcaRmaMonths } from './orr-windows.js';

describe('ORR windows', () => {
  it('picks RCA/RMA months by the eligibility date, at each boundary', () => {
    expect(rcaRmaMonths('2021-09-30')).toBe(8);
    expect(rcaRmaMonths('2021-10-01')).toBe(12);
    expect(rcaRmaMonths('2025-05-04')).toBe(12);
    expect(rcaRmaMonths('2025-05-05')).toBe(4);
  });

  it('counts RCA/RMA by exact date or by calendar month', () => {
    expect(rcaRmaLastDay('2025-05-05')).toBe('2025-09-04');
    expect(rcaRmaLastDay('2025-05-05', 'calendar-month')).toBe('2025-08-31');
    expect(rcaRmaLastDay('2025-10-31')).toBe('2026-02-27');
    expect(rcaRmaLastDay('2021-09-30')).toBe('2022-05-29');
    expect(rcaRmaLastDay('2024-01-15', 'calendar-month')).toBe('2024-12-31');
  });

  it('gives the Preferred Communities and Matching Grant days', () => {
    expect(preferredCommunitiesLastDay('2024-02-29')).toBe('2029-02-27');
    expect(preferredCommunitiesLastDay('2021-06-10')).toBe('2026-06-09');
    expect(matchingGrantEnrollBy('2026-01-31')).toBe('2026-03-03');
  });
});
