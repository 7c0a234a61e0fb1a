import { z } from 'zod';
import { addYears, type IsoDate } from '../calendar/dates.js';
import { IsoDateTime, Locale, Uuid } from './common.js';
import { CalendarDate, PastDate } from './client.js';

/**
 * What a client may agree to share. Kept coarse on purpose: a client must be able to understand
 * each category on the printed form, and a sharing feature must be able to say which it sends.
 */
export const CONSENT_DATA_CATEGORIES = [
  'contact',
  'identity',
  'immigration',
  'health',
  'case_notes',
  'financial',
  'legal',
  'education',
  'employment',
] as const;
export const ConsentDataCategory = z.enum(CONSENT_DATA_CATEGORIES);
export type ConsentDataCategory = z.infer<typeof ConsentDataCategory>;

export const CONSENT_RECIPIENT_KINDS = ['organization', 'program'] as const;
export const ConsentRecipientKind = z.enum(CONSENT_RECIPIENT_KINDS);
export type ConsentRecipientKind = z.infer<typeof ConsentRecipientKind>;

export const CONSENT_SIGNERS = ['client', 'guardian'] as const;
export const ConsentSigner = z.enum(CONSENT_SIGNERS);

export const CONSENT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The signed form may be a scan or a photo: these types only, up to 10 MB. */
export const CONSENT_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ConsentDocumentType = (typeof CONSENT_DOCUMENT_TYPES)[number];
export const CONSENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * VAWA grantees may share personally identifying information only with informed, written,
 * reasonably time-limited consent (34 USC 12291(b)(2)(B); 28 CFR 90.4(b)): Haven caps a consent
 * at one year from signing, and one year is the default.
 */
export const CONSENT_MAX_YEARS = 1;

export const CONSENT_MESSAGES = {
  recipientProgram: 'Choose the program',
  recipientProgramOnlyForPrograms: 'Only a program recipient has a program',
  expiresAfterSigned: 'The expiry date must be after the signing date',
  expiresWithinYear: 'Consent can last at most one year from the signing date',
  categories: 'Choose at least one kind of information',
  categoryTwice: 'A kind of information is listed twice',
  revokedBeforeSigned: 'The revocation date is before the signing date',
} as const;

/** The last day a consent signed on `signedOn` may run to, and the default expiry. */
export function latestConsentExpiry(signedOn: IsoDate): IsoDate {
  return addYears(signedOn, CONSENT_MAX_YEARS);
}

const Text = (min: number, max: number, emptyMessage: string) =>
  z
    .string()
    .trim()
    .min(min, { error: emptyMessage })
    .max(max, { error: `Use at most ${max} characters` });

export const CreateConsentRequest = z
  .strictObject({
    recipientKind: ConsentRecipientKind,
    recipientName: Text(2, 200, 'Enter who receives the information'),
    recipientProgramId: Uuid.optional(),
    purpose: Text(3, 500, 'Say why the information is shared'),
    dataCategories: z.array(ConsentDataCategory).min(1, { error: CONSENT_MESSAGES.categories }).max(CONSENT_DATA_CATEGORIES.length),
    signedBy: ConsentSigner,
    signerName: Text(2, 200, 'Enter the name of the person who signed'),
    signedOn: PastDate,
    /** Leave out for the default: one year after signing. */
    expiresOn: CalendarDate.optional(),
    formLanguage: Locale,
  })
  .superRefine((value, ctx) => {
    if (value.recipientKind === 'program' && !value.recipientProgramId) {
      ctx.addIssue({ code: 'custom', path: ['recipientProgramId'], message: CONSENT_MESSAGES.recipientProgram });
    }
    if (value.recipientKind === 'organization' && value.recipientProgramId) {
      ctx.addIssue({ code: 'custom', path: ['recipientProgramId'], message: CONSENT_MESSAGES.recipientProgramOnlyForPrograms });
    }
    if (new Set(value.dataCategories).size !== value.dataCategories.length) {
      ctx.addIssue({ code: 'custom', path: ['dataCategories'], message: CONSENT_MESSAGES.categoryTwice });
    }
    if (value.expiresOn !== undefined) {
      if (value.expiresOn <= value.signedOn) {
        ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: CONSENT_MESSAGES.expiresAfterSigned });
      } else if (value.expiresOn > latestConsentExpiry(value.signedOn)) {
        ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: CONSENT_MESSAGES.expiresWithinYear });
      }
    }
  })
  .transform((value) => ({ ...value, expiresOn: value.expiresOn ?? latestConsentExpiry(value.signedOn) }));
export type CreateConsentRequest = z.output<typeof CreateConsentRequest>;

export const RevokeConsentRequest = z.strictObject({
  revokedOn: PastDate,
  reason: Text(3, 500, 'Say why the consent is revoked'),
});
export type RevokeConsentRequest = z.infer<typeof RevokeConsentRequest>;

export const ConsentParams = z.strictObject({ id: Uuid, consentId: Uuid });

export const ConsentDocumentResponse = z.object({
  id: Uuid,
  filename: z.string(),
  contentType: z.enum(CONSENT_DOCUMENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: IsoDateTime,
});

export const ConsentResponse = z.object({
  id: Uuid,
  clientId: Uuid,
  recipientKind: ConsentRecipientKind,
  recipientName: z.string(),
  recipientProgramId: Uuid.nullable(),
  purpose: z.string(),
  dataCategories: z.array(ConsentDataCategory),
  signedBy: ConsentSigner,
  signerName: z.string(),
  signedOn: z.string(),
  /** The first day the consent no longer holds. */
  expiresOn: z.string(),
  formLanguage: Locale,
  revokedOn: z.string().nullable(),
  revocationReason: z.string().nullable(),
  /** As of today in the organization's time zone. */
  status: z.enum(CONSENT_STATUSES),
  document: ConsentDocumentResponse.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ConsentResponse = z.infer<typeof ConsentResponse>;

export const ConsentList = z.object({ items: z.array(ConsentResponse) });

/** What the printed consent form and rights statement are filled with. */
export const ConsentPrintContext = z.object({
  organizationName: z.string(),
  client: z.object({ givenName: z.string(), familyName: z.string(), preferredLanguage: z.string().nullable() }),
});
export type ConsentPrintContext = z.infer<typeof ConsentPrintContext>;

/** The fields of a consent that decide whether it holds on a day. */
export interface ConsentTerms {
  recipientKind: ConsentRecipientKind;
  recipientName: string;
  recipientProgramId: string | null;
  dataCategories: readonly ConsentDataCategory[];
  signedOn: IsoDate;
  expiresOn: IsoDate;
  revokedOn: IsoDate | null;
}

/**
 * A consent holds from the day it is signed until the day before it expires, and a revocation
 * ends it from the revocation day on. Revoked wins over expired: it is the client's own act.
 */
export function consentStatus(consent: Pick<ConsentTerms, 'expiresOn' | 'revokedOn'>, on: IsoDate): ConsentStatus {
  if (consent.revokedOn !== null && consent.revokedOn <= on) {
    return 'revoked';
  }
  return consent.expiresOn <= on ? 'expired' : 'active';
}

export function consentInForce(consent: Pick<ConsentTerms, 'signedOn' | 'expiresOn' | 'revokedOn'>, on: IsoDate): boolean {
  return consent.signedOn <= on && consentStatus(consent, on) === 'active';
}

export type ConsentRecipient = { kind: 'organization'; name: string } | { kind: 'program'; programId: string };

export interface SharingRequest {
  recipient: ConsentRecipient;
  categories: readonly ConsentDataCategory[];
  on: IsoDate;
}

/** Organization names as people type them: case, spacing and accents do not make another recipient. */
function sameOrganizationName(a: string, b: string): boolean {
  const key = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLocaleLowerCase('en')
      .replace(/\s+/g, ' ')
      .trim();
  return key(a) === key(b);
}

function coversRecipient(consent: ConsentTerms, recipient: ConsentRecipient): boolean {
  if (recipient.kind === 'program') {
    return consent.recipientKind === 'program' && consent.recipientProgramId === recipient.programId;
  }
  return consent.recipientKind === 'organization' && sameOrganizationName(consent.recipientName, recipient.name);
}

/**
 * The consent that lets this recipient receive every one of these categories on that day, if
 * any. One signed consent must cover the whole request: the client agreed to each form as a
 * whole, so two partial consents are not stitched together into one they never signed.
 */
export function consentCovering<T extends ConsentTerms>(consents: readonly T[], request: SharingRequest): T | undefined {
  if (request.categories.length === 0) {
    return undefined;
  }
  return consents.find(
    (consent) =>
      consentInForce(consent, request.on) &&
      coversRecipient(consent, request.recipient) &&
      request.categories.every((category) => consent.dataCategories.includes(category)),
  );
}

/** Whether anything that shares data (referrals, care teams, exports) may send it. Deny by default. */
export function consentAllows(consents: readonly ConsentTerms[], request: SharingRequest): boolean {
  return consentCovering(consents, request) !== undefined;
}
