import { z } from 'zod';
import { Uuid } from './common.js';

/**
 * The two reports of seed 004: the active clients served in a month, and the share of active
 * clients with a meaningful contact or a service each month. "Active" means a case open on some
 * day of the month; "served" means a signed meaningful case note or a recorded service dated in it.
 */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** The longest span the monthly contact rate covers at once. */
export const REPORT_MAX_MONTHS = 24;

export const REPORT_MESSAGES = {
  month: 'Enter a month as YYYY-MM',
  toBeforeFrom: 'The last month must not be before the first',
  tooLong: `Choose at most ${REPORT_MAX_MONTHS} months`,
} as const;

/** A calendar month `YYYY-MM`. */
export const ReportMonth = z.string({ error: REPORT_MESSAGES.month }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: REPORT_MESSAGES.month });

export const ActiveClientsServedQuery = z.strictObject({
  /** Default: last month in the organization's time zone. */
  month: ReportMonth.optional(),
  programId: Uuid.optional(),
  caseManagerId: Uuid.optional(),
  format: ReportFormat.default('json'),
});
export type ActiveClientsServedQuery = z.infer<typeof ActiveClientsServedQuery>;

export const ActiveClientServedRow = z.object({
  /** The client's first case (by reference) and, when the client has several, all of them. */
  caseId: Uuid,
  caseReference: z.string(),
  cases: z.array(z.object({ id: Uuid, reference: z.string() })),
  clientId: Uuid,
  clientName: z.string(),
  programName: z.string(),
  caseManagerName: z.string(),
  contacts: z.number().int(),
  services: z.number().int(),
  lastContactOn: z.string().nullable(),
});
export type ActiveClientServedRow = z.infer<typeof ActiveClientServedRow>;

export const ActiveClientsServedReport = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(ActiveClientServedRow),
  /** More rows exist than a report lists (narrow the filters). */
  truncated: z.boolean(),
});
export type ActiveClientsServedReport = z.infer<typeof ActiveClientsServedReport>;

export const MonthlyContactRateQuery = z
  .strictObject({
    /** Default: the last 6 months before the current one. */
    from: ReportMonth.optional(),
    to: ReportMonth.optional(),
    programId: Uuid.optional(),
    caseManagerId: Uuid.optional(),
    format: ReportFormat.default('json'),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to) {
      if (value.to < value.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: REPORT_MESSAGES.toBeforeFrom });
      } else if (monthsBetween(value.from, value.to) + 1 > REPORT_MAX_MONTHS) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: REPORT_MESSAGES.tooLong });
      }
    }
  });
export type MonthlyContactRateQuery = z.infer<typeof MonthlyContactRateQuery>;

export const MonthlyContactRateRow = z.object({
  month: z.string(),
  activeClients: z.number().int(),
  servedClients: z.number().int(),
  /** servedClients / activeClients as a percentage, one decimal; null when no client was active. */
  percentage: z.number().nullable(),
});
export type MonthlyContactRateRow = z.infer<typeof MonthlyContactRateRow>;

export const MonthlyContactRateReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(MonthlyContactRateRow),
});
export type MonthlyContactRateReport = z.infer<typeof MonthlyContactRateReport>;

/** Whole months from `from` to `to` (YYYY-MM): 2026-01 → 2026-03 is 2. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** The month `n` months after `month` (YYYY-MM). */
export function addMonthsToMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** servedClients as a percentage of activeClients, rounded to one decimal. */
export function contactRatePercentage(served: number, active: number): number | null {
  return active === 0 ? null : Math.round((served / active) * 1000) / 10;
}
