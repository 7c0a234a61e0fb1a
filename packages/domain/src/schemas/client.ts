import { z } from 'zod';
import { isIsoDate, todayIn } from '../calendar/dates.js';
import { normalizeANumber, normalizeI94, normalizeReceiptNumber, normalizeSsn, phoneDigits } from '../identifiers.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';
import { ImmigrationStatus } from './immigration.js';

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const CalendarDate = z
  .string({ error: 'Enter a date as YYYY-MM-DD' })
  .refine(isIsoDate, { error: 'Enter a real date as YYYY-MM-DD' });

/**
 * A date that has already happened somewhere on Earth: the last time zone to reach a date is
 * UTC+14, so a date is "in the future" only once it is still ahead there.
 */
export const PastDate = CalendarDate.refine((date) => date <= todayIn('Pacific/Kiritimati'), {
  error: 'This date is in the future',
});

const Text = (max: number) => z.string().trim().max(max, { error: `Use at most ${max} characters` });
const OptionalText = (max: number) => Text(max).optional();
const CountryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'Use a two-letter country code' });
/** BCP 47 language tags as used for client languages: ar, prs, ps, uk, es, so, ti, sw, zh-Hant … */
const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'Use a language code such as ar or prs' });

export const SEXES = ['female', 'male', 'intersex', 'unknown'] as const;
export const PROFICIENCIES = ['native', 'fluent', 'conversational', 'basic', 'none'] as const;
export const PHONE_KINDS = ['mobile', 'home', 'work', 'other'] as const;
export const PROTECTION_BASES = ['vawa', 't_visa', 'u_visa', 'safety'] as const;

export const ClientLanguage = z.strictObject({
  language: LanguageTag,
  proficiency: z.enum(PROFICIENCIES),
});

export const ClientPhone = z.strictObject({
  number: z
    .string()
    .trim()
    .regex(/^[+0-9 ()-]{5,30}$/, { error: 'Enter a phone number of digits, spaces, + ( ) -' })
    .refine((value) => phoneDigits(value).length >= 7 && phoneDigits(value).length <= 15, {
      error: 'A phone number has 7 to 15 digits',
    }),
  kind: z.enum(PHONE_KINDS).default('mobile'),
  whatsapp: z.boolean().default(false),
  sms: z.boolean().default(false),
});

export const ClientAddress = z
  .strictObject({
    line1: Text(200).min(1, { error: 'Enter the street address' }),
    line2: OptionalText(200),
    city: Text(120).min(1, { error: 'Enter the city' }),
    region: OptionalText(120),
    postalCode: OptionalText(20),
    country: CountryCode.default('US'),
    movedIn: PastDate.optional(),
    movedOut: PastDate.optional(),
  })
  .refine((a) => !a.movedIn || !a.movedOut || a.movedOut >= a.movedIn, {
    error: 'The move-out date is before the move-in date',
    path: ['movedOut'],
  });

export const ClientStatus = z
  .strictObject({
    status: ImmigrationStatus,
    effectiveFrom: CalendarDate,
    effectiveTo: CalendarDate.optional(),
    /** What shows it: "I-94 stamped refugee, 2024-03-02", "I-797 approval notice". */
    evidence: OptionalText(500),
  })
  .refine((s) => !s.effectiveTo || s.effectiveTo >= s.effectiveFrom, {
    error: 'The end date is before the start date',
    path: ['effectiveTo'],
  });

const ANumber = z.string().transform((value, ctx) => {
  const normalized = normalizeANumber(value);
  if (!normalized) {
    ctx.addIssue({ code: 'custom', message: 'An A-number has 8 or 9 digits' });
    return z.NEVER;
  }
  return normalized;
});

const ReceiptNumber = z.string().transform((value, ctx) => {
  const normalized = normalizeReceiptNumber(value);
  if (!normalized) {
    ctx.addIssue({ code: 'custom', message: 'A receipt number has three letters and ten digits' });
    return z.NEVER;
  }
  return normalized;
});

const I94Number = z.string().transform((value, ctx) => {
  const normalized = normalizeI94(value);
  if (!normalized) {
    ctx.addIssue({ code: 'custom', message: 'An I-94 number has 11 characters' });
    return z.NEVER;
  }
  return normalized;
});

const Ssn = z.string().transform((value, ctx) => {
  const normalized = normalizeSsn(value);
  if (!normalized) {
    ctx.addIssue({ code: 'custom', message: 'Enter a valid Social Security number' });
    return z.NEVER;
  }
  return normalized;
});

/**
 * Every field of the client record a person can write. Nullable fields clear with null on
 * update. Cross-field checks (arrival after birth, …) are in `clientRecordProblems`, which the API
 * runs on the merged record so an update is checked as a whole.
 */
const clientFields = {
  givenName: Text(120).min(1, { error: 'Enter a given name' }),
  familyName: Text(120).min(1, { error: 'Enter a family name' }),
  middleName: Text(120).nullable(),
  preferredName: Text(120).nullable(),
  /** The name as the client writes it in their own script: "نور صالح", "Олена". */
  nativeName: Text(200).nullable(),
  aliases: z.array(Text(200).min(1)).max(20),
  dateOfBirth: PastDate.nullable(),
  /** True when the date of birth is an estimate (often 1 January of a known year). */
  dateOfBirthEstimated: z.boolean(),
  sex: z.enum(SEXES).nullable(),
  gender: Text(60).nullable(),
  countryOfBirth: CountryCode.nullable(),
  nationalities: z.array(CountryCode).max(5),
  languages: z.array(ClientLanguage).max(10),
  preferredLanguage: LanguageTag.nullable(),
  interpreterNeeded: z.boolean(),
  phones: z.array(ClientPhone).max(5),
  email: z.email({ error: 'Enter a valid email address' }).max(254).nullable(),
  addresses: z.array(ClientAddress).max(30),
  aNumber: ANumber.nullable(),
  receiptNumbers: z.array(ReceiptNumber).max(30),
  i94Number: I94Number.nullable(),
  ssn: Ssn.nullable(),
  firstArrivalDate: PastDate.nullable(),
  lastArrivalDate: PastDate.nullable(),
  statuses: z.array(ClientStatus).max(30),
  /** VAWA / T / U or another safety reason (8 USC 1367): invisible to everyone not assigned. */
  isProtected: z.boolean(),
  protectionBasis: z.enum(PROTECTION_BASES).nullable(),
  /** A person who must never be linked into a household with others (safety). */
  suspectedAbuser: z.boolean(),
};

const optionalFields = Object.fromEntries(Object.entries(clientFields).map(([key, schema]) => [key, schema.optional()])) as {
  [K in keyof typeof clientFields]: z.ZodOptional<(typeof clientFields)[K]>;
};

export const CreateClientRequest = z.strictObject({
  ...optionalFields,
  givenName: clientFields.givenName,
  familyName: clientFields.familyName,
});
export type CreateClientRequest = z.infer<typeof CreateClientRequest>;

/** Changes to a client; `version` is the one read, so a concurrent edit is refused, not overwritten. */
export const UpdateClientRequest = z.strictObject({
  ...optionalFields,
  version: z.number().int().min(1),
});
export type UpdateClientRequest = z.infer<typeof UpdateClientRequest>;

/** The record's values after defaults, as the cross-field checks and the API see them. */
export interface ClientRecord {
  dateOfBirth: string | null;
  firstArrivalDate: string | null;
  lastArrivalDate: string | null;
  isProtected: boolean;
  protectionBasis: string | null;
  preferredLanguage: string | null;
  languages: readonly { language: string }[];
  statuses: readonly { effectiveFrom: string }[];
  addresses: readonly { movedIn?: string | undefined }[];
}

/** Problems that need more than one field to see, as `{ field: message }`. Empty when consistent. */
export function clientRecordProblems(record: ClientRecord): Record<string, string> {
  const problems: Record<string, string> = {};
  const dob = record.dateOfBirth;
  if (dob && record.firstArrivalDate && record.firstArrivalDate < dob) {
    problems.firstArrivalDate = 'The arrival is before the date of birth';
  }
  if (dob && record.lastArrivalDate && record.lastArrivalDate < dob) {
    problems.lastArrivalDate = 'The arrival is before the date of birth';
  }
  if (record.firstArrivalDate && record.lastArrivalDate && record.lastArrivalDate < record.firstArrivalDate) {
    problems.lastArrivalDate = 'The last arrival is before the first arrival';
  }
  if (record.protectionBasis && !record.isProtected) {
    problems.protectionBasis = 'Only a protected client has a protection basis';
  }
  if (dob) {
    record.statuses.forEach((status, index) => {
      if (status.effectiveFrom < dob) {
        problems[`statuses.${index}.effectiveFrom`] = 'This date is before the date of birth';
      }
    });
  }
  return problems;
}

export const ClientLanguageResponse = z.object({ language: z.string(), proficiency: z.enum(PROFICIENCIES) });
export const ClientPhoneResponse = z.object({
  number: z.string(),
  kind: z.enum(PHONE_KINDS),
  whatsapp: z.boolean(),
  sms: z.boolean(),
});
export const ClientAddressResponse = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string(),
  movedIn: z.string().optional(),
  movedOut: z.string().optional(),
});
export const ClientStatusResponse = z.object({
  status: ImmigrationStatus,
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
  evidence: z.string().optional(),
});

/** One row of a list or search: enough to tell people apart, identifiers masked. */
export const ClientSummary = z.object({
  id: Uuid,
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  nativeName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  dateOfBirthEstimated: z.boolean(),
  countryOfBirth: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  aNumberMasked: z.string().nullable(),
  isProtected: z.boolean(),
  createdAt: IsoDateTime,
});
export type ClientSummary = z.infer<typeof ClientSummary>;

/** The whole record. The A-number is shown in full here (needed for filings); the SSN never is. */
export const ClientResponse = ClientSummary.extend({
  middleName: z.string().nullable(),
  aliases: z.array(z.string()),
  sex: z.enum(SEXES).nullable(),
  gender: z.string().nullable(),
  nationalities: z.array(z.string()),
  languages: z.array(ClientLanguageResponse),
  interpreterNeeded: z.boolean(),
  phones: z.array(ClientPhoneResponse),
  email: z.string().nullable(),
  addresses: z.array(ClientAddressResponse),
  aNumber: z.string().nullable(),
  receiptNumbers: z.array(z.string()),
  i94Number: z.string().nullable(),
  ssnMasked: z.string().nullable(),
  firstArrivalDate: z.string().nullable(),
  lastArrivalDate: z.string().nullable(),
  statuses: z.array(ClientStatusResponse),
  protectionBasis: z.enum(PROTECTION_BASES).nullable(),
  suspectedAbuser: z.boolean(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type ClientResponse = z.infer<typeof ClientResponse>;

export const ClientQuery = z.strictObject({
  /** A name (any script, typos forgiven), an A-number, a receipt number or a phone number. */
  q: z.string().trim().max(120).optional(),
  limit: Limit,
  cursor: Cursor,
});

export const ClientSearchHit = ClientSummary.extend({
  /** Why it matched: the name (with similarity 0–1) or an identifier. */
  matchedOn: z.enum(['name', 'a_number', 'receipt_number', 'phone']).nullable(),
  score: z.number().nullable(),
});
export const ClientPage = z.object({ items: z.array(ClientSearchHit), nextCursor: z.string().nullable() });

/** `q` is read as in `ClientQuery`: a name, an A-number, a receipt number or a phone number. */
export const ClientCountQuery = z.strictObject({ q: z.string().trim().max(120).optional() });
export const ClientCount = z.object({ count: z.number().int() });

/** A draft (or an existing record) to check for likely duplicates before a second record is made. */
export const DuplicateCheckRequest = z.strictObject({
  givenName: Text(120).min(1, { error: 'Enter a given name' }),
  familyName: Text(120).min(1, { error: 'Enter a family name' }),
  dateOfBirth: CalendarDate.nullable().optional(),
  aNumber: ANumber.nullable().optional(),
  receiptNumbers: z.array(ReceiptNumber).max(30).optional(),
  phones: z.array(z.string().max(30)).max(5).optional(),
});
export type DuplicateCheckRequest = z.infer<typeof DuplicateCheckRequest>;

export const DUPLICATE_REASONS = ['similar_name', 'same_date_of_birth', 'same_a_number', 'same_receipt_number', 'same_phone'] as const;
export const DuplicateCandidate = z.object({
  client: ClientSummary,
  /** 0–1: identifiers weigh most, then name with date of birth. */
  score: z.number(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});
export const DuplicateCandidates = z.object({ items: z.array(DuplicateCandidate) });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

/** Merge `duplicateId` into the client in the path (the survivor, at the version read). */
export const MergeClientsRequest = z.strictObject({
  duplicateId: Uuid,
  version: z.number().int().min(1),
  reason: z.string().trim().min(3, { error: 'Write the reason' }).max(500, { error: 'Use at most 500 characters' }),
});
export type MergeClientsRequest = z.infer<typeof MergeClientsRequest>;

/** Undo the merge of the client in the path (the record that was merged away). */
export const UnmergeClientRequest = z.strictObject({
  reason: z.string().trim().min(3, { error: 'Write the reason' }).max(500, { error: 'Use at most 500 characters' }),
});
export type UnmergeClientRequest = z.infer<typeof UnmergeClientRequest>;
