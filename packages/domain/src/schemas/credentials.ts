import { z } from 'zod';
import { addYears, daysBetween, type IsoDate } from '../calendar/dates.js';
import { US_STATE_CODES } from '../deadlines/facts.js';
import { ACCREDITATION_LEVELS, type AccreditationLevel, BAR_STATUSES, type BarStatus, CREDENTIAL_KINDS, type CredentialKind, MATTER_STATUSES, MATTER_TYPES } from '../legal/matter.js';
import { CalendarDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * Who may represent clients (issue 5): attorneys in good standing with a state bar, and
 * representatives the Department of Justice accredited for a recognized organization
 * (8 CFR 1292.11–1292.16). Accreditation lasts up to three years and recognition up to six; both
 * must be renewed before they run out, so Haven tracks their expiry and reminds ahead of it.
 */

/** Accreditation lasts up to three years (8 CFR 1292.16(a)). */
export const ACCREDITATION_MAX_YEARS = 3;
/** Recognition lasts up to six years (8 CFR 1292.11(f)). */
export const RECOGNITION_MAX_YEARS = 6;
/** "Expiring" from this many days before the expiry date. */
export const CREDENTIAL_EXPIRING_DAYS = 90;
/** Renewal reminders: days before expiry, then one notice once expired (renewals.ts). */
export const RENEWAL_REMINDER_DAYS = [180, 90, 60, 30, 7] as const;

export const CREDENTIAL_STATUSES = ['valid', 'expiring', 'expired', 'inactive'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];
export const RECOGNITION_STATUSES = ['valid', 'expiring', 'expired'] as const;
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];

export const CREDENTIAL_MESSAGES = {
  notMember: 'Choose an active member of the organization',
  duplicate: 'This member already has a credential of this kind',
  barStateRequired: 'Enter the state of the bar admission',
  barNumberRequired: 'Enter the bar number',
  barStatusRequired: 'Choose the bar status',
  notForAttorneys: 'Leave this empty for an attorney',
  accreditationLevelRequired: 'Choose full or partial accreditation',
  expiresOnRequired: 'Enter the date the accreditation expires',
  accreditationTooLong: 'Accreditation lasts at most three years (8 CFR 1292.16): check the expiry date',
  notForRepresentatives: 'Leave this empty for an accredited representative',
  supervisingOnlyAttorneys: 'Only an attorney can be the supervising attorney',
  recognitionAfter: 'The expiry must come after the recognition date',
  recognitionTooLong: 'Recognition lasts at most six years (8 CFR 1292.11): check the expiry date',
  officeUnknown: 'Choose one of the organization’s offices',
  renewalInFuture: 'The renewal cannot be filed in the future',
  renewalAfterExpiry: 'A timely renewal is filed on or before the expiry date (8 CFR 1292.16)',
  renewalOnlyAccreditation: 'Only an accreditation is renewed with EOIR: leave this empty for an attorney',
} as const;

export const CredentialKindSchema = z.enum(CREDENTIAL_KINDS);
export const BarStatusSchema = z.enum(BAR_STATUSES);
export const AccreditationLevelSchema = z.enum(ACCREDITATION_LEVELS);
export const BarState = z.enum(US_STATE_CODES, { error: 'Choose a US state or territory' });
const BarNumber = z.string().trim().min(1, { error: CREDENTIAL_MESSAGES.barNumberRequired }).max(40, { error: 'Use at most 40 characters' });

/** A credential's fields as they will be stored: what the consistency rules look at. */
export interface CredentialFields {
  kind: CredentialKind;
  barState: string | null;
  barNumber: string | null;
  barStatus: BarStatus | null;
  accreditationLevel: AccreditationLevel | null;
  expiresOn: IsoDate | null;
  /** When the accreditation's renewal was filed with EOIR (8 CFR 1292.16); absent means none. */
  renewalFiledOn?: IsoDate | null;
  supervisingAttorney: boolean;
}

/**
 * What is wrong with a credential, field by field (empty when nothing): an attorney has a bar
 * state, number and status and no accreditation level; an accredited representative has a level
 * and an expiry at most three years from today, no bar details, and cannot be the supervising
 * attorney. A renewal's filing date is for accreditations only, not in the future, and on or
 * before the expiry (a timely renewal). The server refuses with these; the web form shows the
 * same before sending.
 */
export function credentialProblems(credential: CredentialFields, today: IsoDate): Record<string, string> {
  const problems: Record<string, string> = {};
  const renewalFiledOn = credential.renewalFiledOn ?? null;
  if (credential.kind === 'attorney') {
    if (renewalFiledOn) {
      problems.renewalFiledOn = CREDENTIAL_MESSAGES.renewalOnlyAccreditation;
    }
    if (!credential.barState) {
      problems.barState = CREDENTIAL_MESSAGES.barStateRequired;
    }
    if (!credential.barNumber) {
      problems.barNumber = CREDENTIAL_MESSAGES.barNumberRequired;
    }
    if (!credential.barStatus) {
      problems.barStatus = CREDENTIAL_MESSAGES.barStatusRequired;
    }
    if (credential.accreditationLevel) {
      problems.accreditationLevel = CREDENTIAL_MESSAGES.notForAttorneys;
    }
    return problems;
  }
  if (!credential.accreditationLevel) {
    problems.accreditationLevel = CREDENTIAL_MESSAGES.accreditationLevelRequired;
  }
  if (!credential.expiresOn) {
    problems.expiresOn = CREDENTIAL_MESSAGES.expiresOnRequired;
  } else if (credential.expiresOn > addYears(today, ACCREDITATION_MAX_YEARS)) {
    problems.expiresOn = CREDENTIAL_MESSAGES.accreditationTooLong;
  }
  if (credential.barState) {
    problems.barState = CREDENTIAL_MESSAGES.notForRepresentatives;
  }
  if (credential.barNumber) {
    problems.barNumber = CREDENTIAL_MESSAGES.notForRepresentatives;
  }
  if (credential.barStatus) {
    problems.barStatus = CREDENTIAL_MESSAGES.notForRepresentatives;
  }
  if (credential.supervisingAttorney) {
    problems.supervisingAttorney = CREDENTIAL_MESSAGES.supervisingOnlyAttorneys;
  }
  if (renewalFiledOn) {
    if (renewalFiledOn > today) {
      problems.renewalFiledOn = CREDENTIAL_MESSAGES.renewalInFuture;
    } else if (credential.expiresOn && renewalFiledOn > credential.expiresOn) {
      problems.renewalFiledOn = CREDENTIAL_MESSAGES.renewalAfterExpiry;
    }
  }
  return problems;
}

/**
 * Is an accreditation kept in force past its expiry by a renewal filed on time? 8 CFR 1292.16:
 * a representative whose renewal was filed on or before the expiry remains accredited while EOIR
 * decides it. (Recording EOIR's decision — a new expiry — clears the filing date.)
 */
export function renewalPending(credential: { kind: CredentialKind; expiresOn: IsoDate | null; renewalFiledOn?: IsoDate | null }): boolean {
  return credential.kind === 'accredited_representative' && !!credential.expiresOn && !!credential.renewalFiledOn && credential.renewalFiledOn <= credential.expiresOn;
}

/** Where an expiry date stands on `today`: the expiry day itself is the last valid day. */
export function expiryStatus(expiresOn: IsoDate | null, today: IsoDate): 'valid' | 'expiring' | 'expired' {
  if (expiresOn === null) {
    return 'valid';
  }
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft < 0) {
    return 'expired';
  }
  return daysLeft <= CREDENTIAL_EXPIRING_DAYS ? 'expiring' : 'valid';
}

/** A credential's status on `today`: an attorney whose bar admission is not active is inactive whatever the date. */
export function credentialStatus(credential: { kind: CredentialKind; barStatus: BarStatus | null; expiresOn: IsoDate | null }, today: IsoDate): CredentialStatus {
  if (credential.kind === 'attorney' && credential.barStatus !== 'active') {
    return 'inactive';
  }
  return expiryStatus(credential.expiresOn, today);
}

export type RenewalStep = `${(typeof RENEWAL_REMINDER_DAYS)[number]}` | 'expired';

/**
 * The renewal reminder due on `today` for something expiring on `expiresOn`: the nearest step
 * reached ("30" from 30 days before down to 8 days before, …), 'expired' from the day after, null
 * while more than 180 days remain. Only the current step is ever due, so an item first seen 20
 * days ahead gets the 30-day reminder and not every earlier one at once.
 */
export function renewalStep(expiresOn: IsoDate, today: IsoDate): RenewalStep | null {
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft < 0) {
    return 'expired';
  }
  const reached = RENEWAL_REMINDER_DAYS.filter((days) => daysLeft <= days);
  const nearest = reached.at(-1);
  return nearest === undefined ? null : `${nearest}`;
}

/** What is wrong with a recognition's dates (empty when nothing). */
export function recognitionProblems(recognition: { recognizedOn: IsoDate; expiresOn: IsoDate }): Record<string, string> {
  if (recognition.expiresOn <= recognition.recognizedOn) {
    return { expiresOn: CREDENTIAL_MESSAGES.recognitionAfter };
  }
  if (recognition.expiresOn > addYears(recognition.recognizedOn, RECOGNITION_MAX_YEARS)) {
    return { expiresOn: CREDENTIAL_MESSAGES.recognitionTooLong };
  }
  return {};
}

export const CreateCredentialRequest = z.strictObject({
  userId: Uuid,
  kind: CredentialKindSchema,
  barState: BarState.nullable().optional(),
  barNumber: BarNumber.nullable().optional(),
  barStatus: BarStatusSchema.nullable().optional(),
  accreditationLevel: AccreditationLevelSchema.nullable().optional(),
  expiresOn: CalendarDate.nullable().optional(),
  renewalFiledOn: CalendarDate.nullable().optional(),
  supervisingAttorney: z.boolean().optional(),
});
export type CreateCredentialRequest = z.infer<typeof CreateCredentialRequest>;

/** The holder and the kind stay; anything else may change (null clears), with the version read. */
export const UpdateCredentialRequest = z.strictObject({
  barState: BarState.nullable().optional(),
  barNumber: BarNumber.nullable().optional(),
  barStatus: BarStatusSchema.nullable().optional(),
  accreditationLevel: AccreditationLevelSchema.nullable().optional(),
  expiresOn: CalendarDate.nullable().optional(),
  /** Null clears it; a new expiry without this field clears it too (EOIR decided the renewal). */
  renewalFiledOn: CalendarDate.nullable().optional(),
  supervisingAttorney: z.boolean().optional(),
  version: z.int().min(1),
});
export type UpdateCredentialRequest = z.infer<typeof UpdateCredentialRequest>;

export const DeleteCredentialQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const CredentialListQuery = z.strictObject({
  userId: Uuid.optional(),
  kind: CredentialKindSchema.optional(),
  status: z.enum(CREDENTIAL_STATUSES).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CredentialListQuery = z.infer<typeof CredentialListQuery>;

const Member = z.object({ id: Uuid, name: z.string(), email: z.string(), role: z.string(), active: z.boolean() });

export const CredentialResponse = z.object({
  id: Uuid,
  member: Member,
  kind: CredentialKindSchema,
  barState: z.string().nullable(),
  barNumber: z.string().nullable(),
  barStatus: BarStatusSchema.nullable(),
  accreditationLevel: AccreditationLevelSchema.nullable(),
  expiresOn: z.string().nullable(),
  /** When the renewal was filed with EOIR, if it was. */
  renewalFiledOn: z.string().nullable(),
  /** A timely renewal awaits EOIR's decision: past the expiry the accreditation stays in force (8 CFR 1292.16). */
  renewalPending: z.boolean(),
  supervisingAttorney: z.boolean(),
  status: z.enum(CREDENTIAL_STATUSES),
  /** Days from the organization's today to the expiry (negative once expired); null without one. */
  daysToExpiry: z.int().nullable(),
  version: z.int(),
  updatedAt: IsoDateTime,
});
export type CredentialResponse = z.infer<typeof CredentialResponse>;

export const CredentialList = z.object({ items: z.array(CredentialResponse), nextCursor: z.string().nullable() });
export type CredentialList = z.infer<typeof CredentialList>;

/** The caller's own credentials and whether they may represent clients today (any matter type before DHS). */
export const MyCredentials = z.object({ items: z.array(CredentialResponse), mayRepresent: z.boolean() });
export type MyCredentials = z.infer<typeof MyCredentials>;

const OptionalNote = z.string().trim().max(500, { error: 'Use at most 500 characters' }).nullable().optional();

export const CreateRecognitionRequest = z.strictObject({
  officeId: Uuid.nullable().optional(),
  recognizedOn: CalendarDate,
  expiresOn: CalendarDate,
  note: OptionalNote,
});
export type CreateRecognitionRequest = z.infer<typeof CreateRecognitionRequest>;

export const UpdateRecognitionRequest = z.strictObject({
  officeId: Uuid.nullable().optional(),
  recognizedOn: CalendarDate.optional(),
  expiresOn: CalendarDate.optional(),
  note: OptionalNote,
  version: z.int().min(1),
});
export type UpdateRecognitionRequest = z.infer<typeof UpdateRecognitionRequest>;

export const RecognitionListQuery = z.strictObject({ limit: Limit, cursor: Cursor });

export const RecognitionResponse = z.object({
  id: Uuid,
  office: z.object({ id: Uuid, name: z.string() }).nullable(),
  recognizedOn: z.string(),
  expiresOn: z.string(),
  note: z.string().nullable(),
  status: z.enum(RECOGNITION_STATUSES),
  daysToExpiry: z.int(),
  version: z.int(),
  updatedAt: IsoDateTime,
});
export type RecognitionResponse = z.infer<typeof RecognitionResponse>;

export const RecognitionList = z.object({ items: z.array(RecognitionResponse), nextCursor: z.string().nullable() });
export type RecognitionList = z.infer<typeof RecognitionList>;

export const REPRESENTATION_PROBLEMS = ['no_credential', 'bar_not_active', 'accreditation_expired', 'partial_accreditation_before_eoir', 'recognition_expired'] as const;

export const MatterNeedingRepresentative = z.object({
  id: Uuid,
  reference: z.string(),
  type: z.enum(MATTER_TYPES),
  status: z.enum(MATTER_STATUSES),
  representative: z.object({ id: Uuid, name: z.string() }),
  problem: z.enum(REPRESENTATION_PROBLEMS),
});
export type MatterNeedingRepresentative = z.infer<typeof MatterNeedingRepresentative>;

/** The accreditation desk at a glance: what runs out soon, what has, and whose matters need a new representative. */
export const CredentialOverview = z.object({
  today: z.string(),
  expiring: z.array(CredentialResponse),
  expired: z.array(CredentialResponse),
  inactive: z.array(CredentialResponse),
  recognition: z.object({
    status: z.enum([...RECOGNITION_STATUSES, 'none']),
    current: RecognitionResponse.nullable(),
  }),
  /**
   * `count` and `items` are the matters the caller may see; `hiddenCount` the further ones they
   * may not (protected clients they are not assigned to: no reference, type or representative).
   */
  mattersNeedingRepresentative: z.object({ count: z.int(), hiddenCount: z.int(), items: z.array(MatterNeedingRepresentative) }),
});
export type CredentialOverview = z.infer<typeof CredentialOverview>;
