import { describe, expect, it } from 'vitest';
import { SLIDING_BAND_MESSAGES } from '../legal/fees.js';
import { CreateChargeRequest, CreateFeeScheduleRequest, FeeSettingsRequest, PovertyGuidelineParams } from './legal-fees.js';

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);
}

describe('fee request schemas', () => {
  it('bands out of order are refused naming bands, with the reason', () => {
    const result = FeeSettingsRequest.safeParse({
      region: 'contiguous',
      version: 0,
      bands: [
        { upToPercent: 200, feePercent: 50 },
        { upToPercent: 100, feePercent: 0 },
      ],
    });
    expect(issuesOf(result)).toEqual([['bands', SLIDING_BAND_MESSAGES.ascending]]);
  });

  it('a fee above 100% names the band field', () => {
    const result = FeeSettingsRequest.safeParse({ region: 'alaska', version: 0, bands: [{ upToPercent: 100, feePercent: 120 }] });
    expect(result.success).toBe(false);
    expect(issuesOf(result)[0]?.[0]).toBe('bands.0.feePercent');
  });

  it('a service code is lower-cased and checked', () => {
    expect(CreateFeeScheduleRequest.parse({ code: ' I589_Preparation ', name: 'I-589 preparation', amountCents: 25_000 })).toMatchObject({
      code: 'i589_preparation',
      slidingScale: true,
    });
    expect(issuesOf(CreateFeeScheduleRequest.safeParse({ code: 'work permit', name: 'EAD', amountCents: 100 }))[0]?.[0]).toBe('code');
  });

  it('a guideline year comes from the path as a number', () => {
    expect(PovertyGuidelineParams.parse({ year: '2026', region: 'hawaii' })).toEqual({ year: 2026, region: 'hawaii' });
    expect(PovertyGuidelineParams.safeParse({ year: '1999', region: 'hawaii' }).success).toBe(false);
  });

  it('a charge refuses a household of nobody and negative income', () => {
    const result = CreateChargeRequest.safeParse({ feeScheduleId: '6f1d3c3e-6d0b-4b8e-9b66-2d2f7c1f0a11', householdSize: 0, annualIncomeCents: -1 });
    expect(issuesOf(result).map(([path]) => path)).toEqual(['householdSize', 'annualIncomeCents']);
  });
});
