import { z } from 'zod';

/**
 * Domain-based assessment instruments. The default covers the twelve domains of issue 4, each
 * scored 1 (in crisis) to 5 (thriving) with strengths and barriers; an admin can configure others,
 * and every change makes a new version so an old assessment keeps the instrument it was made with.
 */
export const DEFAULT_ASSESSMENT_DOMAINS = [
  'housing',
  'employment_income',
  'food',
  'physical_health',
  'mental_health',
  'legal_immigration',
  'education',
  'english',
  'transportation',
  'childcare',
  'safety',
  'social_connection',
] as const;
export type DefaultAssessmentDomain = (typeof DEFAULT_ASSESSMENT_DOMAINS)[number];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export const InstrumentDomain = z.strictObject({
  /** Stable key: scores, goals and charts refer to it. Lower-case letters, digits and _. */
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'Use 2–40 lower-case letters, digits or _' }),
  /** Shown as is; the default domains are translated by key instead. */
  label: z.string().trim().min(1).max(80),
});
export type InstrumentDomain = z.infer<typeof InstrumentDomain>;

export const DEFAULT_INSTRUMENT_NAME = 'Self-sufficiency assessment';

export const DEFAULT_INSTRUMENT_DOMAINS: InstrumentDomain[] = DEFAULT_ASSESSMENT_DOMAINS.map((key) => ({
  key,
  label: key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
}));
