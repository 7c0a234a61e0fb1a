import { z } from 'zod';
import { DEFAULT_REMINDER_OFFSETS } from './matter.js';

/**
 * How a legal program runs its matters, as data on the program (programs.legal_settings). Null
 * fields take the defaults below (CLINIC practice, seed 002): reminders 30, 14, 7, 2 and 1 days
 * ahead, the usual case selection criteria, and closed files kept seven years.
 */

/** The case selection criteria a supervising attorney weighs when accepting a matter. */
export const SELECTION_CRITERIA_DEFAULT = [
  'within_program_priorities',
  'legal_merit',
  'staff_capacity',
  'staff_competence',
  'no_conflict',
  'client_eligible_for_fee_policy',
] as const;

export const ProgramLegalSettings = z.strictObject({
  /** Days before a deadline, hearing or check-in that its responsible person is reminded. */
  reminderOffsets: z
    .array(z.int().min(0).max(365))
    .min(1)
    .max(10)
    .refine((offsets) => new Set(offsets).size === offsets.length, { error: 'each reminder day may appear once' }),
  /** An item not acknowledged this many days before its date goes to the supervisor. */
  escalateUnacknowledgedDays: z.int().min(0).max(90),
  /** Criteria codes (or free text) the acceptance decision records. */
  selectionCriteria: z.array(z.string().trim().min(1).max(120)).min(1).max(30),
  /** How long a closed file is kept, in years after closing. */
  retentionYears: z.int().min(1).max(50),
});
export type ProgramLegalSettings = z.infer<typeof ProgramLegalSettings>;

export const DEFAULT_LEGAL_SETTINGS: ProgramLegalSettings = {
  reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
  escalateUnacknowledgedDays: 7,
  selectionCriteria: [...SELECTION_CRITERIA_DEFAULT],
  retentionYears: 7,
};

/** A program's legal settings with the defaults filled in. */
export function effectiveLegalSettings(stored: Partial<ProgramLegalSettings> | Record<string, unknown> | null | undefined): ProgramLegalSettings {
  const parsed = ProgramLegalSettings.partial().safeParse(stored ?? {});
  return { ...DEFAULT_LEGAL_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}
