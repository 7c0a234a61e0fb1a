/**
 * Fees of a nonprofit legal program (seed 002): nominal fees sustain the program, and a sliding
 * scale keeps them within reach. The organization sets the scale as bands of household income
 * measured against the HHS poverty guidelines (which an admin enters each year); these pure
 * functions are what the API stores on a charge and what the web app previews while typing.
 * Money is integer cents throughout.
 */

/** One year's HHS poverty guideline for a region: the first person, then each additional one. */
export interface PovertyGuidelineFigures {
  firstPersonCents: number;
  additionalPersonCents: number;
}

/** Household income up to `upToPercent` of the poverty guideline pays `feePercent` of the full fee. */
export interface SlidingBand {
  upToPercent: number;
  feePercent: number;
}

/**
 * A starting point, not a rule: each organization sets its own scale (its board's fee policy).
 * Above the last band the full fee applies.
 */
export const DEFAULT_SLIDING_BANDS: readonly SlidingBand[] = [
  { upToPercent: 100, feePercent: 0 },
  { upToPercent: 150, feePercent: 25 },
  { upToPercent: 200, feePercent: 50 },
  { upToPercent: 250, feePercent: 75 },
];

export const MAX_SLIDING_BANDS = 10;
/** The largest household the guideline formula is asked about (HHS tables extend by formula). */
export const MAX_HOUSEHOLD_SIZE = 30;

/** HHS: the guideline for the first person plus one increment per additional person. */
export function povertyGuidelineFor(guideline: PovertyGuidelineFigures, householdSize: number): number {
  if (!Number.isInteger(householdSize) || householdSize < 1) {
    throw new RangeError('householdSize must be a whole number of at least 1');
  }
  return guideline.firstPersonCents + (householdSize - 1) * guideline.additionalPersonCents;
}

/** Messages for bands an organization cannot use (the API answers 400 naming `bands`). */
export const SLIDING_BAND_MESSAGES = {
  empty: 'Add at least one band',
  tooMany: `Use at most ${MAX_SLIDING_BANDS} bands`,
  upTo: 'Each band needs an income limit above 0% of the guideline',
  feePercent: 'Each band pays between 0% and 100% of the full fee',
  ascending: 'List the bands from the lowest income limit to the highest, each limit higher than the one before',
  feeDecreasing: 'A band with a higher income may not pay a smaller share of the fee than the band before',
} as const;

/**
 * What is wrong with a set of bands, or null. Bands must go up in income (strictly), pay 0–100%
 * of the fee, and never pay less as income rises — a scale that charges a richer household less
 * is a typing mistake, not a policy.
 */
export function slidingBandsProblem(bands: readonly SlidingBand[]): string | null {
  if (bands.length === 0) {
    return SLIDING_BAND_MESSAGES.empty;
  }
  if (bands.length > MAX_SLIDING_BANDS) {
    return SLIDING_BAND_MESSAGES.tooMany;
  }
  for (const [index, band] of bands.entries()) {
    if (!Number.isInteger(band.upToPercent) || band.upToPercent <= 0) {
      return SLIDING_BAND_MESSAGES.upTo;
    }
    if (!Number.isInteger(band.feePercent) || band.feePercent < 0 || band.feePercent > 100) {
      return SLIDING_BAND_MESSAGES.feePercent;
    }
    const previous = index > 0 ? bands[index - 1] : undefined;
    if (previous && band.upToPercent <= previous.upToPercent) {
      return SLIDING_BAND_MESSAGES.ascending;
    }
    if (previous && band.feePercent < previous.feePercent) {
      return SLIDING_BAND_MESSAGES.feeDecreasing;
    }
  }
  return null;
}

export interface SlidingScaleInput {
  fullCents: number;
  householdSize: number;
  annualIncomeCents: number;
  guideline: PovertyGuidelineFigures;
  bands: readonly SlidingBand[];
}

export interface SlidingScaleResult {
  /** The poverty guideline for this household size. */
  guidelineCents: number;
  /** Household income as a percent of the guideline, rounded down (97.9% is 97%). */
  povertyPercent: number;
  /** The band that applied, or null above the last band (full fee). */
  band: SlidingBand | null;
  feePercent: number;
  /** The fee charged: feePercent of the full fee, rounded to whole cents, never above the full fee. */
  amountCents: number;
}

/**
 * The sliding-scale fee: income as a percent of the household's poverty guideline (rounded down),
 * then the first band (by income limit) whose limit is at or above that percent. Exactly 125% of
 * the guideline falls in a "up to 125%" band. Above every band, the full fee.
 */
export function slidingScaleFee(input: SlidingScaleInput): SlidingScaleResult {
  const guidelineCents = povertyGuidelineFor(input.guideline, input.householdSize);
  if (guidelineCents <= 0) {
    throw new RangeError('the poverty guideline must be above zero');
  }
  const income = Math.max(0, input.annualIncomeCents);
  const povertyPercent = Math.floor((income * 100) / guidelineCents);
  const sorted = [...input.bands].sort((a, b) => a.upToPercent - b.upToPercent);
  const band = sorted.find((candidate) => candidate.upToPercent >= povertyPercent) ?? null;
  const feePercent = band ? band.feePercent : 100;
  const amountCents = Math.min(input.fullCents, Math.round((input.fullCents * feePercent) / 100));
  return { guidelineCents, povertyPercent, band, feePercent, amountCents };
}

/** What a matter owes: charges less approved waivers less payments that were not voided. */
export function matterBalanceCents(totals: { chargedCents: number; waivedCents: number; paidCents: number }): number {
  return totals.chargedCents - totals.waivedCents - totals.paidCents;
}

/**
 * What a payment may cover now: the balance less the waivers waiting for a decision, never below
 * zero. A waiver request holds its part of the balance as a payment would, so the two can never
 * together take the balance below zero.
 */
export function matterDueNowCents(totals: { chargedCents: number; waivedCents: number; pendingWaiverCents: number; paidCents: number }): number {
  return Math.max(0, matterBalanceCents(totals) - totals.pendingWaiverCents);
}

/** "R-2026-0007": receipt numbers run per organization and calendar year. */
export function formatReceiptNumber(year: number, sequence: number): string {
  return `R-${year}-${String(sequence).padStart(4, '0')}`;
}
