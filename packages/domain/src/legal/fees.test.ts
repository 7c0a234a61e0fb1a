import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLIDING_BANDS,
  formatReceiptNumber,
  matterBalanceCents,
  matterDueNowCents,
  povertyGuidelineFor,
  SLIDING_BAND_MESSAGES,
  slidingBandsProblem,
  slidingScaleFee,
} from './fees.js';

/** Figures shaped like HHS's contiguous-states table: $15,650 for one, $5,500 per additional person. */
const guideline = { firstPersonCents: 1_565_000, additionalPersonCents: 550_000 };
const bands = DEFAULT_SLIDING_BANDS;

describe('povertyGuidelineFor', () => {
  it('is the first person alone for a household of one', () => {
    expect(povertyGuidelineFor(guideline, 1)).toBe(1_565_000);
  });

  it('adds one increment per additional person, also beyond the eight HHS prints', () => {
    expect(povertyGuidelineFor(guideline, 4)).toBe(1_565_000 + 3 * 550_000);
    expect(povertyGuidelineFor(guideline, 8)).toBe(1_565_000 + 7 * 550_000);
    expect(povertyGuidelineFor(guideline, 11)).toBe(1_565_000 + 10 * 550_000);
  });

  it('refuses a household of nobody or a fraction of a person', () => {
    expect(() => povertyGuidelineFor(guideline, 0)).toThrow(RangeError);
    expect(() => povertyGuidelineFor(guideline, 2.5)).toThrow(RangeError);
  });
});

describe('slidingScaleFee', () => {
  const fee = (householdSize: number, annualIncomeCents: number, fullCents = 30_000) =>
    slidingScaleFee({ fullCents, householdSize, annualIncomeCents, guideline, bands });

  it('a family of four earning $31,200 is at 97% of the guideline (rounded down) and pays nothing', () => {
    const result = fee(4, 3_120_000);
    expect(result).toEqual({ guidelineCents: 3_215_000, povertyPercent: 97, band: { upToPercent: 100, feePercent: 0 }, feePercent: 0, amountCents: 0 });
  });

  it('exactly at a band limit falls in that band; one percent above falls in the next', () => {
    // One person: 100% is $15,650.00; 150% is $23,475.00.
    expect(fee(1, 1_565_000)).toMatchObject({ povertyPercent: 100, feePercent: 0 });
    expect(fee(1, 1_580_650)).toMatchObject({ povertyPercent: 101, feePercent: 25 });
    expect(fee(1, 2_347_500)).toMatchObject({ povertyPercent: 150, feePercent: 25, amountCents: 7_500 });
    // 150.99% rounds down to 150: still the 150 band.
    expect(fee(1, 2_363_149)).toMatchObject({ povertyPercent: 150, feePercent: 25 });
    expect(fee(1, 2_363_150)).toMatchObject({ povertyPercent: 151, feePercent: 50 });
  });

  it('a 125% band catches exactly 125%', () => {
    const custom = [
      { upToPercent: 125, feePercent: 10 },
      { upToPercent: 200, feePercent: 60 },
    ];
    const at125 = slidingScaleFee({ fullCents: 10_000, householdSize: 1, annualIncomeCents: 1_956_250, guideline, bands: custom });
    expect(at125).toMatchObject({ povertyPercent: 125, band: { upToPercent: 125, feePercent: 10 }, amountCents: 1_000 });
  });

  it('above the last band the full fee applies', () => {
    const result = fee(1, 5_000_000);
    expect(result).toMatchObject({ povertyPercent: 319, band: null, feePercent: 100, amountCents: 30_000 });
  });

  it('zero income is 0% of the guideline: the lowest band', () => {
    expect(fee(3, 0)).toMatchObject({ povertyPercent: 0, feePercent: 0, amountCents: 0 });
  });

  it('a household of eight and more uses the formula, so the same income is a smaller percent', () => {
    const eight = fee(8, 5_000_000);
    expect(eight.guidelineCents).toBe(5_415_000);
    expect(eight).toMatchObject({ povertyPercent: 92, feePercent: 0 });
    const twelve = fee(12, 10_000_000);
    expect(twelve).toMatchObject({ guidelineCents: 7_615_000, povertyPercent: 131, feePercent: 25 });
  });

  it('rounds the fee to whole cents (half a cent rounds up) and never charges above the full fee', () => {
    // 25% of $3.33 is 83.25 cents → 83; 75% of $3.33 is 249.75 → 250; 25% of $0.02 is 0.5 → 1.
    expect(fee(1, 2_000_000, 333).amountCents).toBe(83);
    expect(fee(1, 3_500_000, 333).amountCents).toBe(250);
    expect(fee(1, 2_000_000, 2).amountCents).toBe(1);
    const hundred = slidingScaleFee({ fullCents: 999, householdSize: 1, annualIncomeCents: 0, guideline, bands: [{ upToPercent: 100, feePercent: 100 }] });
    expect(hundred.amountCents).toBe(999);
  });

  it('reads the bands in income order whatever order they were given in', () => {
    const shuffled = [bands[2]!, bands[0]!, bands[3]!, bands[1]!];
    const result = slidingScaleFee({ fullCents: 40_000, householdSize: 2, annualIncomeCents: 3_000_000, guideline, bands: shuffled });
    // Two people: $21,150; $30,000 is 141%.
    expect(result).toMatchObject({ povertyPercent: 141, feePercent: 25, amountCents: 10_000 });
  });
});

describe('slidingBandsProblem', () => {
  it('accepts the default bands', () => {
    expect(slidingBandsProblem(DEFAULT_SLIDING_BANDS)).toBeNull();
  });

  it('refuses bands that are empty, out of order, repeated, or outside 0–100% of the fee', () => {
    expect(slidingBandsProblem([])).toBe(SLIDING_BAND_MESSAGES.empty);
    expect(
      slidingBandsProblem([
        { upToPercent: 200, feePercent: 50 },
        { upToPercent: 100, feePercent: 0 },
      ]),
    ).toBe(SLIDING_BAND_MESSAGES.ascending);
    expect(
      slidingBandsProblem([
        { upToPercent: 100, feePercent: 0 },
        { upToPercent: 100, feePercent: 20 },
      ]),
    ).toBe(SLIDING_BAND_MESSAGES.ascending);
    expect(slidingBandsProblem([{ upToPercent: 0, feePercent: 0 }])).toBe(SLIDING_BAND_MESSAGES.upTo);
    expect(slidingBandsProblem([{ upToPercent: 100, feePercent: 101 }])).toBe(SLIDING_BAND_MESSAGES.feePercent);
    expect(slidingBandsProblem([{ upToPercent: 100, feePercent: -1 }])).toBe(SLIDING_BAND_MESSAGES.feePercent);
    expect(
      slidingBandsProblem([
        { upToPercent: 100, feePercent: 50 },
        { upToPercent: 200, feePercent: 25 },
      ]),
    ).toBe(SLIDING_BAND_MESSAGES.feeDecreasing);
  });
});

describe('balance and receipts', () => {
  it('owes charges less approved waivers less payments', () => {
    expect(matterBalanceCents({ chargedCents: 30_000, waivedCents: 5_000, paidCents: 10_000 })).toBe(15_000);
  });

  it('asks now for the balance less waivers awaiting a decision, never less than nothing', () => {
    expect(matterDueNowCents({ chargedCents: 50_000, waivedCents: 0, pendingWaiverCents: 20_000, paidCents: 10_000 })).toBe(20_000);
    expect(matterDueNowCents({ chargedCents: 50_000, waivedCents: 0, pendingWaiverCents: 50_000, paidCents: 0 })).toBe(0);
    // Data from before payments counted pending waivers: nothing is due, not a negative amount.
    expect(matterDueNowCents({ chargedCents: 50_000, waivedCents: 0, pendingWaiverCents: 50_000, paidCents: 50_000 })).toBe(0);
  });

  it('numbers receipts R-YYYY-NNNN', () => {
    expect(formatReceiptNumber(2026, 7)).toBe('R-2026-0007');
    expect(formatReceiptNumber(2026, 12345)).toBe('R-2026-12345');
  });
});
