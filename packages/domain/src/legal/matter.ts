/**
 * Legal matters (issue 5, seed 002): the vocabulary shared by the API, the database and the web
 * app. A matter is one piece of legal work for a client — an asylum application, a removal
 * defense, a work permit — with its representative, its facts and the deadlines they drive.
 */

export const MATTER_TYPES = [
  'affirmative_asylum',
  'defensive_asylum',
  'withholding_cat',
  'sijs',
  't_visa',
  'u_visa',
  'vawa',
  'work_permit',
  'adjustment',
  'naturalization',
  'tps',
  'i730_follow_to_join',
  'family_petition',
  'foia',
  'removal_defense',
  'appeal',
  'other',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

/** Matters protected by 8 USC 1367: opening one marks the client protected. */
export const PROTECTED_MATTER_TYPES: readonly MatterType[] = ['t_visa', 'u_visa', 'vawa'];

export function isProtectedMatterType(type: MatterType): boolean {
  return PROTECTED_MATTER_TYPES.includes(type);
}

/** The protection basis a protected matter type gives its client (clients.protection_basis). */
export const MATTER_PROTECTION_BASIS: Partial<Record<MatterType, 'vawa' | 't_visa' | 'u_visa'>> = {
  vawa: 'vawa',
  t_visa: 't_visa',
  u_visa: 'u_visa',
};

/**
 * screening → (conflict check, acceptance decision) → open → closed; or screening → declined.
 * Only an open matter is worked (filings, hearings, fees); a closed one is read-only until reopened.
 */
export const MATTER_STATUSES = ['screening', 'open', 'declined', 'closed'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

/** Who someone is on a matter, for the conflict check. */
export const MATTER_PARTY_ROLES = ['client', 'derivative', 'co_applicant', 'petitioner', 'beneficiary', 'adverse_party', 'witness', 'other'] as const;
export type MatterPartyRole = (typeof MATTER_PARTY_ROLES)[number];

export const HEARING_TYPES = ['master', 'individual'] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

export const HEARING_STATUSES = ['scheduled', 'held', 'adjourned', 'cancelled'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

/** ICE reporting and ISAP (alternatives to detention) check-ins: never merged with court hearings. */
export const CHECKIN_AGENCIES = ['ice_ero', 'isap'] as const;
export type CheckinAgency = (typeof CHECKIN_AGENCIES)[number];

export const CHECKIN_STATUSES = ['scheduled', 'attended', 'missed', 'rescheduled', 'cancelled'] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

export const DECISION_BODIES = ['uscis', 'immigration_judge', 'bia', 'federal_court', 'ice', 'other'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

export const DECISION_OUTCOMES = [
  'granted',
  'denied',
  'referred',
  'dismissed',
  'remanded',
  'removal_ordered',
  'terminated',
  'withdrawn',
  'other',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const FILING_STATUSES = ['filed', 'received', 'rejected', 'withdrawn'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/** Where a deadline row came from: the engine (one per rule and matter) or a person. */
export const MATTER_DEADLINE_SOURCES = ['rule', 'manual'] as const;
export type MatterDeadlineSource = (typeof MATTER_DEADLINE_SOURCES)[number];

/**
 * open, met, missed as the engine says; `done` for a manual deadline someone completed;
 * `withdrawn` when a rule no longer applies to the facts (kept, so what moved stays visible).
 */
export const MATTER_DEADLINE_STATUSES = ['open', 'met', 'missed', 'done', 'withdrawn'] as const;
export type MatterDeadlineStatus = (typeof MATTER_DEADLINE_STATUSES)[number];

/** The things the tickler reminds people of. */
export const TICKLER_ITEM_KINDS = ['deadline', 'hearing', 'checkin', 'credential', 'recognition'] as const;
export type TicklerItemKind = (typeof TICKLER_ITEM_KINDS)[number];

/** Default reminder offsets, days before the date (issue 5). Programs may configure their own. */
export const DEFAULT_REMINDER_OFFSETS = [30, 14, 7, 2, 1] as const;

export const CREDENTIAL_KINDS = ['attorney', 'accredited_representative'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const BAR_STATUSES = ['active', 'inactive', 'suspended', 'disbarred'] as const;
export type BarStatus = (typeof BAR_STATUSES)[number];

/** DOJ accreditation (8 CFR 1292.12): full may appear before EOIR; partial only before DHS. */
export const ACCREDITATION_LEVELS = ['full', 'partial'] as const;
export type AccreditationLevel = (typeof ACCREDITATION_LEVELS)[number];

export const PAYMENT_METHODS = ['cash', 'check', 'money_order', 'card', 'bank_transfer', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const WAIVER_STATUSES = ['requested', 'approved', 'denied'] as const;
export type WaiverStatus = (typeof WAIVER_STATUSES)[number];

/** The poverty guideline regions HHS publishes. */
export const POVERTY_REGIONS = ['contiguous', 'alaska', 'hawaii'] as const;
export type PovertyRegion = (typeof POVERTY_REGIONS)[number];

export const MATTER_CLOSING_REASONS = [
  'completed_granted',
  'completed_denied',
  'client_withdrew',
  'lost_contact',
  'referred_out',
  'conflict',
  'non_payment',
  'client_deceased',
  'other',
] as const;
export type MatterClosingReason = (typeof MATTER_CLOSING_REASONS)[number];
