import { z } from 'zod';
import { DEFAULT_INSTRUMENT_DOMAINS, InstrumentDomain, SCORE_MAX, SCORE_MIN } from '../cases/assessment.js';
import { PastDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * Assessments (issue 4): a case manager scores each domain of a versioned instrument 1–5 with the
 * client, with strengths and barriers; reassessing over time gives the client's scores as a chart.
 */
export const ASSESSMENT_MESSAGES = {
  domainTwice: 'This domain key is used twice',
  scoreTwice: 'This domain is scored twice',
  scoreUnknownDomain: 'This domain is not part of the instrument',
  scoresMissing: 'Score every domain of the instrument',
  instrumentNotCurrent: 'Choose the current version of an active instrument',
  beforeCaseOpened: 'The assessment date is before the case was opened',
  instrumentChanged: 'This instrument was changed by someone else. Reload to see their changes.',
} as const;

/** A domain as the default instrument has it (same key and label): shown translated by key. */
export function isDefaultDomain(domain: { key: string; label: string }): boolean {
  return DEFAULT_INSTRUMENT_DOMAINS.some((d) => d.key === domain.key && d.label === domain.label);
}

const InstrumentDomains = z
  .array(InstrumentDomain)
  .min(1, { error: 'Add at least one domain' })
  .max(40, { error: 'Use at most 40 domains' })
  .superRefine((domains, ctx) => {
    const seen = new Set<string>();
    domains.forEach((domain, index) => {
      if (seen.has(domain.key)) {
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: ASSESSMENT_MESSAGES.domainTwice });
      }
      seen.add(domain.key);
    });
  });

const InstrumentName = z
  .string()
  .trim()
  .min(2, { error: 'Enter the instrument’s name' })
  .max(120, { error: 'Use at most 120 characters' });

export const CreateInstrumentRequest = z.strictObject({
  name: InstrumentName,
  domains: InstrumentDomains,
});
export type CreateInstrumentRequest = z.infer<typeof CreateInstrumentRequest>;

/** A change makes a new version; assessments keep the version they were made with. */
export const UpdateInstrumentRequest = z.strictObject({
  name: InstrumentName,
  domains: InstrumentDomains,
  active: z.boolean(),
  version: z.int().min(1),
});
export type UpdateInstrumentRequest = z.infer<typeof UpdateInstrumentRequest>;

export const InstrumentResponse = z.object({
  id: Uuid,
  familyId: Uuid,
  name: z.string(),
  version: z.int(),
  domains: z.array(z.object({ key: z.string(), label: z.string() })),
  current: z.boolean(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export type InstrumentResponse = z.infer<typeof InstrumentResponse>;

export const InstrumentList = z.object({ items: z.array(InstrumentResponse) });
export type InstrumentList = z.infer<typeof InstrumentList>;

const LongText = z
  .string()
  .trim()
  .max(2000, { error: 'Use at most 2000 characters' })
  .optional()
  .transform((value) => (value ? value : undefined));

export const AssessmentScore = z.strictObject({
  domain: z.string().trim().min(1).max(40),
  score: z
    .int({ error: `Choose a score from ${SCORE_MIN} to ${SCORE_MAX}` })
    .min(SCORE_MIN, { error: `Choose a score from ${SCORE_MIN} to ${SCORE_MAX}` })
    .max(SCORE_MAX, { error: `Choose a score from ${SCORE_MIN} to ${SCORE_MAX}` }),
  strengths: LongText,
  barriers: LongText,
});
export type AssessmentScore = z.infer<typeof AssessmentScore>;

export const CreateAssessmentRequest = z.strictObject({
  instrumentId: Uuid,
  assessedOn: PastDate,
  scores: z
    .array(AssessmentScore)
    .min(1, { error: ASSESSMENT_MESSAGES.scoresMissing })
    .max(40)
    .superRefine((scores, ctx) => {
      const seen = new Set<string>();
      scores.forEach((score, index) => {
        if (seen.has(score.domain)) {
          ctx.addIssue({ code: 'custom', path: [index, 'domain'], message: ASSESSMENT_MESSAGES.scoreTwice });
        }
        seen.add(score.domain);
      });
    }),
  summary: z.string().trim().max(4000, { error: 'Use at most 4000 characters' }).optional(),
});
export type CreateAssessmentRequest = z.output<typeof CreateAssessmentRequest>;
export type CreateAssessmentInput = z.input<typeof CreateAssessmentRequest>;

export const AssessmentResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  clientId: Uuid,
  instrument: InstrumentResponse,
  assessedOn: z.string(),
  scores: z.array(z.object({ domain: z.string(), score: z.int(), strengths: z.string().optional(), barriers: z.string().optional() })),
  summary: z.string().nullable(),
  createdBy: Uuid,
  createdAt: IsoDateTime,
});
export type AssessmentResponse = z.infer<typeof AssessmentResponse>;

export const AssessmentList = z.object({ items: z.array(AssessmentResponse), nextCursor: z.string().nullable() });
export type AssessmentList = z.infer<typeof AssessmentList>;

export const AssessmentListQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export type AssessmentListQuery = z.infer<typeof AssessmentListQuery>;

/** A client's scores over time, per domain, across every case the caller may read: for a chart. */
export const AssessmentHistoryResponse = z.object({
  clientId: Uuid,
  /** Dates of the assessments shown, oldest first (at most the newest 200). */
  assessedOn: z.array(z.string()),
  domains: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      /** True for a domain of the built-in default instrument: translated by key. */
      isDefault: z.boolean(),
      points: z.array(z.object({ assessedOn: z.string(), score: z.int() })),
    }),
  ),
});
export type AssessmentHistoryResponse = z.infer<typeof AssessmentHistoryResponse>;
