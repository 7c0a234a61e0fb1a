import { z } from 'zod';
import { type IsoDate, isIsoDate } from '../calendar/dates.js';
import { ImmigrationStatus } from '../schemas/immigration.js';

/** A real calendar date; 2026-02-30 is refused here, and ignored (treated as missing) by the engine. */
const CalendarDate = z.string().refine(isIsoDate, { error: 'Enter a real date as YYYY-MM-DD' });

/**
 * One period of an immigration status. `effectiveFrom` is the date the status starts *for ORR
 * purposes* — what RULES.md counts from (see ORR_START_EVENT in orr-populations.ts):
 * refugee → admission; asylee → grant; cuban_haitian_entrant → first date the entrant definition
 * was met; amerasian → entry; siv → entry, or the grant date if adjusted in the US;
 * parolee_* → parole date; unaccompanied_refugee_minor → entry. It is optional so that an
 * intake saved halfway still evaluates (to "unknown", never an exception).
 * `effectiveTo` is recorded history only: ORR eligibility, once started, is not lost when the
 * status changes (a refugee who becomes a resident keeps the refugee eligibility date).
 */
export const EligibilityStatusPeriod = z.strictObject({
  status: ImmigrationStatus,
  effectiveFrom: CalendarDate.optional(),
  effectiveTo: CalendarDate.optional(),
});
export type EligibilityStatusPeriod = z.infer<typeof EligibilityStatusPeriod>;

/**
 * What the eligibility engine reads about one person. Every field but the status history is
 * optional; an empty history is allowed and yields "unknown". Mapping to RULES.md:
 * - `statusHistory[].effectiveFrom`: the start event of each ORR population (above).
 * - `communityEntryDate`: Afghan humanitarian parolees — the later of 2021-10-01 and this date.
 * - `traffickingCertificationDate`: victims of trafficking — the HHS certification letter
 *   (adults) or eligibility letter (minors); it qualifies with or without T status recorded.
 * - `sivAdjustedInUs`: whether an Iraqi/Afghan SIV adjusted inside the US (start = grant) rather
 *   than entering on the visa (start = entry); the date is the SIV period's `effectiveFrom`
 *   either way, this picks the wording.
 * - `dateOfBirth` (+ `dateOfBirthApproximate`): the URM entry-before-18 check and age limits.
 * - `firstArrivalDate` / `lastArrivalDate`: context only. ORR start dates come from the status
 *   dates, because people often arrive long before the status that qualifies them (an asylee
 *   can arrive years before the grant).
 */
export const EligibilityFacts = z.strictObject({
  dateOfBirth: CalendarDate.optional(),
  dateOfBirthApproximate: z.boolean().optional(),
  firstArrivalDate: CalendarDate.optional(),
  lastArrivalDate: CalendarDate.optional(),
  statusHistory: z.array(EligibilityStatusPeriod).max(50).default([]),
  communityEntryDate: CalendarDate.optional(),
  traffickingCertificationDate: CalendarDate.optional(),
  sivAdjustedInUs: z.boolean().optional(),
});
/** The parsed shape; the server may also build one directly (statusHistory is then required). */
export type EligibilityFacts = z.infer<typeof EligibilityFacts>;

/** A date the engine can count from, or undefined — a malformed date never throws mid-evaluation. */
export function knownDate(value: string | undefined): IsoDate | undefined {
  return value !== undefined && isIsoDate(value) ? value : undefined;
}
