import { z } from 'zod';
import { MATTER_CLOSING_REASONS, MATTER_PARTY_ROLES, MATTER_STATUSES, MATTER_TYPES, type MatterPartyRole } from '../legal/matter.js';
import { PastDate } from './client.js';
import { IsoDateTime, Locale, Uuid } from './common.js';

/**
 * Case acceptance and closing (issue 5, seed 002 "Case Management Systems"): screening, the
 * conflict check against every party of the organization's matters, the supervising attorney's
 * decision with the selection criteria weighed, the client services agreement, and closing with a
 * reason, a letter in the client's language and a file retention date.
 */

/** Messages the API answers with, shared with the web app (forms.ts KNOWN_MESSAGES). */
export const ACCEPTANCE_MESSAGES = {
  screeningSummary: 'Summarize what the screening found',
  screeningRequired: 'Screen the matter before accepting it',
  onlyScreening: 'Only a matter in screening can be accepted or declined',
  onlySupervisingAttorney: 'Only a supervising attorney can accept or decline a matter',
  onlySupervisingAttorneyClears: 'Only a supervising attorney can clear conflict check hits',
  conflictCheckRequired: 'Run the conflict check before accepting the matter',
  conflictCheckNotCleared: 'The conflict check found possible conflicts: a supervising attorney must clear them first',
  conflictCheckStale: 'The parties changed since the conflict check: run it again',
  nothingToClear: 'The conflict check has nothing to clear',
  clearNote: 'Say why these hits are not conflicts',
  declineReason: 'Say why the matter is declined',
  acceptRepresentative: 'Choose the representative',
  acceptCriteria: 'Choose the selection criteria the matter meets',
  unknownCriteria: "Use the program's selection criteria",
  representativeNotMember: 'The representative must be an active member of the organization',
  representativeNotAssigned: 'This client is protected: a supervisor must first assign the representative to the client',
  agreementScope: 'Describe the scope of representation',
  agreementOnlyOpen: 'Accept the matter before preparing its agreement',
  agreementSigned: 'The agreement is signed: it can no longer be replaced',
  agreementMissing: 'Prepare the agreement first',
  signedBeforeGenerated: 'The agreement cannot be signed before it was prepared',
  closeSummary: 'Summarize the outcome of the representation',
  closeReasonDetail: 'Describe the reason',
  closeOnlyOpen: 'Only an accepted, open matter can be closed; decline a matter in screening instead',
  closeBeforeOpened: 'The matter cannot close before it opened',
  pendingHearings: 'Record the outcome or cancel scheduled hearings and check-ins first',
  reopenReason: 'Say why the matter is reopened',
  reopenOnlyClosed: 'Only a closed matter can be reopened',
  futureDate: 'This date is in the future',
  staleVersion: 'Someone else changed this matter: reload it and try again',
} as const;

const Text = (max: number, emptyMessage: string) =>
  z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `Use at most ${max} characters` });
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters` })
    .optional()
    .transform((value) => (value ? value : undefined));
const Version = z.int().min(1);

export const MatterAcceptanceParams = z.strictObject({ id: Uuid });

export const ScreenMatterRequest = z.strictObject({
  summary: Text(4000, ACCEPTANCE_MESSAGES.screeningSummary),
  /** Does the person fall within what the program serves (income, location, matter type)? */
  eligible: z.boolean(),
  notes: OptionalText(4000),
  version: Version,
});
export type ScreenMatterRequest = z.infer<typeof ScreenMatterRequest>;

export const ClearConflictCheckRequest = z.strictObject({
  note: Text(2000, ACCEPTANCE_MESSAGES.clearNote),
  /** The matter's version when the hits were read: a check re-run since then gives 409. */
  version: Version,
});
export type ClearConflictCheckRequest = z.infer<typeof ClearConflictCheckRequest>;

export const ACCEPTANCE_OUTCOMES = ['accepted', 'declined'] as const;
export type AcceptanceOutcome = (typeof ACCEPTANCE_OUTCOMES)[number];

export const MatterDecisionRequest = z
  .strictObject({
    outcome: z.enum(ACCEPTANCE_OUTCOMES),
    /** Codes from the program's selection criteria: those met (accepted) or not met (declined). */
    criteria: z.array(z.string().trim().min(1).max(120)).max(30),
    reason: OptionalText(4000),
    representativeId: Uuid.optional(),
    version: Version,
  })
  .superRefine((value, context) => {
    if (value.outcome === 'declined' && !value.reason) {
      context.addIssue({ code: 'custom', path: ['reason'], message: ACCEPTANCE_MESSAGES.declineReason });
    }
    if (value.outcome === 'accepted' && !value.representativeId) {
      context.addIssue({ code: 'custom', path: ['representativeId'], message: ACCEPTANCE_MESSAGES.acceptRepresentative });
    }
    if (value.outcome === 'accepted' && value.criteria.length === 0) {
      context.addIssue({ code: 'custom', path: ['criteria'], message: ACCEPTANCE_MESSAGES.acceptCriteria });
    }
  });
export type MatterDecisionRequest = z.infer<typeof MatterDecisionRequest>;

/** The largest fee an agreement may state: $100,000 (a typo guard, not a policy). */
export const AGREEMENT_FEE_MAX_CENTS = 10_000_000;

export const GenerateAgreementRequest = z.strictObject({
  scope: Text(4000, ACCEPTANCE_MESSAGES.agreementScope),
  feeCents: z.int({ error: 'Enter the fee in cents' }).min(0).max(AGREEMENT_FEE_MAX_CENTS),
  feeNote: OptionalText(1000),
  version: Version,
});
export type GenerateAgreementRequest = z.infer<typeof GenerateAgreementRequest>;

export const SignAgreementRequest = z.strictObject({
  clientSignedOn: PastDate,
  orgSignedOn: PastDate,
  version: Version,
});
export type SignAgreementRequest = z.infer<typeof SignAgreementRequest>;

export const CloseMatterRequest = z
  .strictObject({
    reason: z.enum(MATTER_CLOSING_REASONS),
    reasonDetail: OptionalText(1000),
    summary: Text(4000, ACCEPTANCE_MESSAGES.closeSummary),
    closedOn: PastDate,
    /** The closing letter's language; the client's preferred one when not given. */
    letterLanguage: Locale.optional(),
    version: Version,
  })
  .refine((value) => value.reason !== 'other' || Boolean(value.reasonDetail), { path: ['reasonDetail'], error: ACCEPTANCE_MESSAGES.closeReasonDetail });
export type CloseMatterRequest = z.infer<typeof CloseMatterRequest>;

export const ReopenMatterRequest = z.strictObject({
  reason: Text(2000, ACCEPTANCE_MESSAGES.reopenReason),
  version: Version,
});
export type ReopenMatterRequest = z.infer<typeof ReopenMatterRequest>;

/** Which side of a matter a party stands on, for the conflict check. */
export type PartySide = 'client' | 'adverse' | 'neutral';

export function partySide(role: MatterPartyRole | string): PartySide {
  if (role === 'adverse_party') {
    return 'adverse';
  }
  if (role === 'witness' || role === 'other') {
    return 'neutral';
  }
  return 'client';
}

/**
 * A name match is a conflict when the person stands on opposite sides: our client (or one of
 * their family on the matter) is the adverse party elsewhere, or our adverse party is someone
 * else's client. Anything else (the same side, a witness) is only related.
 */
export function conflictKind(roleHere: string, roleThere: string): 'conflict' | 'related' {
  const here = partySide(roleHere);
  const there = partySide(roleThere);
  return (here === 'client' && there === 'adverse') || (here === 'adverse' && there === 'client') ? 'conflict' : 'related';
}

const Person = z.object({ id: Uuid, name: z.string() });
const PartyRole = z.enum(MATTER_PARTY_ROLES);

export const CONFLICT_HIT_VISIBILITIES = ['visible', 'hidden', 'confidential'] as const;

/**
 * One match of the conflict check, told only as far as the reader may know: a matter they can
 * read shows its reference, type, roles and the strength of the match; one they cannot read
 * shows only the roles; a protected client's matter (8 USC 1367) not even that.
 */
export const ConflictHit = z.object({
  /** conflict (opposite sides), related (same side), or confidential (ask a supervising attorney). */
  kind: z.enum(['conflict', 'related', 'confidential']),
  visibility: z.enum(CONFLICT_HIT_VISIBILITIES),
  /** Who on this matter matched. */
  partyRole: PartyRole,
  partyName: z.string(),
  /** Their role on the other matter (null when confidential). */
  matchedRole: PartyRole.nullable(),
  matchedName: z.string().nullable(),
  matter: z.object({ id: Uuid, reference: z.string(), type: z.enum(MATTER_TYPES), status: z.enum(MATTER_STATUSES) }).nullable(),
  /** Trigram similarity of the two names, 0–1 (visible matters only). */
  similarity: z.number().nullable(),
  /** Both dates of birth are known and equal (visible matters only). */
  sameDateOfBirth: z.boolean().nullable(),
});
export type ConflictHit = z.infer<typeof ConflictHit>;

export const ConflictCheckView = z.object({
  checkedBy: Person,
  checkedAt: IsoDateTime,
  /** No conflict left: none found, or a supervising attorney cleared the hits. */
  cleared: z.boolean(),
  clearedBy: Person.nullable(),
  clearedAt: IsoDateTime.nullable(),
  note: z.string().nullable(),
  /** The matter's parties changed since the check: it must be run again before acceptance. */
  stale: z.boolean(),
  conflicts: z.int(),
  related: z.int(),
  hits: z.array(ConflictHit),
});
export type ConflictCheckView = z.infer<typeof ConflictCheckView>;

export const AgreementView = z.object({
  scope: z.string(),
  feeCents: z.int(),
  feeNote: z.string().nullable(),
  language: Locale,
  generatedAt: IsoDateTime,
  generatedBy: Person,
  clientSignedOn: z.string().nullable(),
  orgSignedOn: z.string().nullable(),
  orgSignedBy: Person.nullable(),
  signed: z.boolean(),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const ClosingView = z.object({
  reason: z.enum(MATTER_CLOSING_REASONS),
  reasonDetail: z.string().nullable(),
  summary: z.string(),
  closedOn: z.string(),
  letterLanguage: Locale,
  retentionUntil: z.string(),
  closedBy: Person,
});
export type ClosingView = z.infer<typeof ClosingView>;

/**
 * Everything the acceptance and closing tabs and the printed documents (agreement, declination
 * and closing letters) show: the matter, the client as a letter addresses them, the steps so far.
 */
export const MatterAcceptanceResponse = z.object({
  matter: z.object({
    id: Uuid,
    reference: z.string(),
    type: z.enum(MATTER_TYPES),
    status: z.enum(MATTER_STATUSES),
    version: z.int(),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    retentionUntil: z.string().nullable(),
    program: z.object({ id: Uuid, name: z.string() }),
    representative: Person.nullable(),
    supervisingAttorney: Person.nullable(),
  }),
  client: z.object({
    id: Uuid,
    name: z.string(),
    preferredLanguage: z.string().nullable(),
    /** The language documents are made in for this client: their preferred one if Haven has it, else English. */
    documentLanguage: Locale,
    /** The current mailing address, one line each (letters), or empty. */
    addressLines: z.array(z.string()),
  }),
  organization: z.object({
    name: z.string(),
    /** Active offices with their address and phone: how the client reaches the program. */
    offices: z.array(z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() })),
  }),
  /** The program's case selection criteria (codes or free text). */
  selectionCriteria: z.array(z.string()),
  parties: z.array(z.object({ id: Uuid, role: PartyRole, name: z.string(), dateOfBirth: z.string().nullable() })),
  screening: z
    .object({ summary: z.string(), eligible: z.boolean().nullable(), notes: z.string().nullable(), screenedBy: Person, screenedAt: IsoDateTime })
    .nullable(),
  conflictCheck: ConflictCheckView.nullable(),
  decision: z
    .object({ outcome: z.enum(ACCEPTANCE_OUTCOMES), decidedBy: Person, decidedAt: IsoDateTime, criteria: z.array(z.string()), reason: z.string().nullable() })
    .nullable(),
  agreement: AgreementView.nullable(),
  closing: ClosingView.nullable(),
  /** Deadlines still open on the matter: what a declination or closing letter leaves with the client. */
  openDeadlines: z.array(
    z.object({
      /** The engine's rule (null for a manual deadline): letters name it in their own language. */
      ruleId: z.string().nullable(),
      title: z.string(),
      dueOn: z.string(),
      citation: z.string().nullable(),
    }),
  ),
  /** May the caller accept or decline, clear hits and reopen (matter.decide and a supervising attorney credential)? */
  callerIsSupervisingAttorney: z.boolean(),
});
export type MatterAcceptanceResponse = z.infer<typeof MatterAcceptanceResponse>;

/** The language a document for this client is made in: theirs if Haven speaks it, else English. */
export function documentLanguageFor(preferredLanguage: string | null | undefined): Locale {
  const code = (preferredLanguage ?? '').toLowerCase().split(/[-_]/)[0];
  return code === 'es' || code === 'ar' ? code : 'en';
}
