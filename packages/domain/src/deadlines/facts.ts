import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';

/**
 * The facts the deadline engine reads (RULES.md "Facts"): one object, every field optional, field
 * names exactly as in RULES.md. Unknown fields are refused rather than ignored, because a misspelt
 * `lastArivalDate` silently dropped would hide a deadline. `null` is read as "not known", the same
 * as leaving the field out, so exports from a database can be passed as they are.
 */

/**
 * Date validity, remembered: the same few thousand dates recur across fact sets, and checking a
 * date is most of the cost of validating facts. Bounded so a long-running server cannot grow it.
 */
const knownDates = new Map<string, boolean>();
const KNOWN_DATES_LIMIT = 50_000;

function isRealDate(value: string): boolean {
  let valid = knownDates.get(value);
  if (valid === undefined) {
    valid = isIsoDate(value);
    if (knownDates.size >= KNOWN_DATES_LIMIT) {
      knownDates.clear();
    }
    knownDates.set(value, valid);
  }
  return valid;
}

const FactDate = z.string({ error: 'must be a date written YYYY-MM-DD' }).superRefine((value, ctx) => {
  if (!isRealDate(value)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a real calendar date (YYYY-MM-DD)` });
  }
});

const FactFlag = z.boolean({ error: 'must be true or false' });

/** States, DC and the territories with juvenile courts that can make SIJS findings. */
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI', 'AS', 'MP',
] as const;
const STATE_CODE_SET: ReadonlySet<string> = new Set(US_STATE_CODES);

const StateCode = z
  .string({ error: 'must be a two-letter state code such as IA' })
  .transform((code) => code.trim().toUpperCase())
  .refine((code) => STATE_CODE_SET.has(code), { error: 'must be a two-letter US state or territory code such as IA' });

/** A period in which the asylum EAD clock was stopped; `to` absent means it is still stopped. */
export const EadClockStop = z.strictObject({ from: FactDate, to: FactDate.optional() });
export type EadClockStop = z.infer<typeof EadClockStop>;

export const RCA_COUNTING_METHODS = ['exact-date', 'calendar-month'] as const;

const DeadlineFactsShape = z.strictObject({
  asOf: FactDate.optional(),
  dateOfBirth: FactDate.optional(),
  lastArrivalDate: FactDate.optional(),
  unaccompaniedChild: FactFlag.optional(),
  juvenileCourtState: StateCode.optional(),
  sijsCandidate: FactFlag.optional(),
  i589ReceiptDate: FactDate.optional(),
  eadClockStops: z.array(EadClockStop, { error: 'must be a list of {from, to} periods' }).max(100).optional(),
  asylumGrantDate: FactDate.optional(),
  refugeeAdmissionDate: FactDate.optional(),
  lprDate: FactDate.optional(),
  marriedToUsCitizen: FactFlag.optional(),
  addressChangeDate: FactDate.optional(),
  inRemovalProceedings: FactFlag.optional(),
  ijDecisionDate: FactDate.optional(),
  finalOrderDate: FactDate.optional(),
  rfeIssueDate: FactDate.optional(),
  rfeMailed: FactFlag.optional(),
  rfeDueDateOnNotice: FactDate.optional(),
  eadExpiryDate: FactDate.optional(),
  orrEligibilityDate: FactDate.optional(),
  rcaCounting: z.enum(RCA_COUNTING_METHODS, { error: 'must be "exact-date" or "calendar-month"' }).optional(),
}, { error: 'facts must be a JSON object' });

export type DeadlineFacts = z.infer<typeof DeadlineFactsShape>;
export type DeadlineFactName = keyof DeadlineFacts;
export const DEADLINE_FACT_NAMES = Object.keys(DeadlineFactsShape.shape) as DeadlineFactName[];

/** Facts that record something that happened to the person, so cannot be before their birth. */
const EVENT_FACTS = [
  'lastArrivalDate',
  'i589ReceiptDate',
  'asylumGrantDate',
  'refugeeAdmissionDate',
  'lprDate',
  'addressChangeDate',
  'ijDecisionDate',
  'finalOrderDate',
  'rfeIssueDate',
  'orrEligibilityDate',
  'asOf',
] as const satisfies readonly DeadlineFactName[];

interface Ordering {
  later: DeadlineFactName;
  earlier: DeadlineFactName;
  why: string;
}

/** Pairs where the first fact cannot come before the second: facts that contradict each other. */
const ORDERINGS: readonly Ordering[] = [
  { later: 'asylumGrantDate', earlier: 'i589ReceiptDate', why: 'asylum cannot be granted before the application is received' },
  { later: 'finalOrderDate', earlier: 'ijDecisionDate', why: 'an order cannot become final before the immigration judge decides' },
  { later: 'rfeDueDateOnNotice', earlier: 'rfeIssueDate', why: 'a response cannot be due before the request is issued' },
  { later: 'lprDate', earlier: 'refugeeAdmissionDate', why: "a refugee's residence dates back to admission, not before it (8 CFR 209.1(e))" },
];

/** Only real dates are compared: a malformed one already has its own issue. */
function realDate(value: unknown): value is string {
  return typeof value === 'string' && isRealDate(value);
}

function checkConsistency(facts: DeadlineFacts, ctx: z.RefinementCtx): void {
  function contradiction(path: (string | number)[], message: string): void {
    ctx.addIssue({ code: 'custom', path, message });
  }
  if (realDate(facts.dateOfBirth)) {
    for (const name of EVENT_FACTS) {
      const value = facts[name];
      if (realDate(value) && value < facts.dateOfBirth) {
        contradiction([name], `${value} is before dateOfBirth (${facts.dateOfBirth})`);
      }
    }
  }
  for (const { later, earlier, why } of ORDERINGS) {
    const laterValue = facts[later];
    const earlierValue = facts[earlier];
    if (realDate(laterValue) && realDate(earlierValue) && laterValue < earlierValue) {
      contradiction([later], `${laterValue} is before ${earlier} (${earlierValue}): ${why}`);
    }
  }
  const stops = facts.eadClockStops;
  if (stops === undefined || stops.length === 0) {
    return;
  }
  const ordered = stops
    .map((stop, index) => ({ from: stop.from, to: stop.to, index }))
    .filter((stop) => realDate(stop.from) && (stop.to === undefined || realDate(stop.to)))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let position = 0; position < ordered.length; position += 1) {
    const stop = ordered[position]!;
    if (stop.to !== undefined && stop.to < stop.from) {
      contradiction(['eadClockStops', stop.index, 'to'], `${stop.to} is before its from date (${stop.from})`);
    }
    if (realDate(facts.i589ReceiptDate) && stop.from < facts.i589ReceiptDate) {
      contradiction(['eadClockStops', stop.index, 'from'], `${stop.from} is before i589ReceiptDate (${facts.i589ReceiptDate}): the clock starts at receipt`);
    }
    const previous = ordered[position - 1];
    if (previous && (previous.to === undefined || previous.to > stop.from)) {
      contradiction(['eadClockStops', stop.index, 'from'], `${stop.from} overlaps the stop that starts ${previous.from}: a stopped day counts once`);
    }
  }
}

/** Drops null-valued fields: null means "not known", as an absent field does. */
function withoutNulls(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return input;
  }
  const values = Object.values(input);
  if (!values.includes(null)) {
    return input;
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
}

export const DeadlineFactsSchema = z.preprocess(withoutNulls, DeadlineFactsShape.superRefine(checkConsistency));

export interface FactIssue {
  /** The fact at fault, as named in RULES.md: "asylumGrantDate", "eadClockStops[0].to". */
  fact: string;
  message: string;
}

/** Thrown when facts are malformed, impossible or contradict each other; every issue names its fact. */
export class InvalidDeadlineFactsError extends Error {
  constructor(readonly issues: readonly FactIssue[]) {
    super(`Invalid facts: ${issues.map((issue) => `${issue.fact}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidDeadlineFactsError';
  }
}

function factPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  }
  return text || 'facts';
}

function toFactIssues(error: z.ZodError): FactIssue[] {
  const issues: FactIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ fact: factPath([...issue.path, key]), message: 'is not a fact Haven knows (see RULES.md for the field names)' });
      }
    } else {
      issues.push({ fact: factPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

export type ParsedDeadlineFacts = { success: true; facts: DeadlineFacts } | { success: false; issues: FactIssue[] };

/** Validates facts without throwing; the issues name each fact at fault. */
export function parseDeadlineFacts(input: unknown): ParsedDeadlineFacts {
  const parsed = DeadlineFactsSchema.safeParse(input);
  return parsed.success ? { success: true, facts: parsed.data } : { success: false, issues: toFactIssues(parsed.error) };
}

/** The validated facts, or an InvalidDeadlineFactsError naming every fact at fault. */
export function assertDeadlineFacts(input: unknown): DeadlineFacts {
  const parsed = parseDeadlineFacts(input);
  if (!parsed.success) {
    throw new InvalidDeadlineFactsError(parsed.issues);
  }
  return parsed.facts;
}
