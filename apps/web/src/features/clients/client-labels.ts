/**
 * Translated names for the client record's fixed lists. Keys are built from the domain's enums,
 * so a value without a translation fails `tsc` (the locale files are typed against en.ts).
 */
import type { TFunction } from 'i18next';
import {
  type DUPLICATE_REASONS,
  IMMIGRATION_STATUSES,
  PHONE_KINDS,
  PROFICIENCIES,
  PROTECTION_BASES,
  RELATIONSHIPS,
  SEXES,
} from '@haven/domain';

type Status = (typeof IMMIGRATION_STATUSES)[number];
type Relationship = (typeof RELATIONSHIPS)[number];

export const statusLabel = (t: TFunction, value: Status) => t(`clientEnums.status.${value}`);
export const relationshipLabel = (t: TFunction, value: Relationship) => t(`clientEnums.relationship.${value}`);
export const proficiencyLabel = (t: TFunction, value: (typeof PROFICIENCIES)[number]) => t(`clientEnums.proficiency.${value}`);
export const sexLabel = (t: TFunction, value: (typeof SEXES)[number]) => t(`clientEnums.sex.${value}`);
export const phoneKindLabel = (t: TFunction, value: (typeof PHONE_KINDS)[number]) => t(`clientEnums.phoneKind.${value}`);
export const protectionBasisLabel = (t: TFunction, value: (typeof PROTECTION_BASES)[number]) => t(`clientEnums.protectionBasis.${value}`);
export const duplicateReasonLabel = (t: TFunction, value: (typeof DUPLICATE_REASONS)[number]) => t(`clientEnums.duplicateReason.${value}`);
export const matchedOnLabel = (t: TFunction, value: 'name' | 'a_number' | 'receipt_number' | 'phone') => t(`clientEnums.matchedOn.${value}`);

export function statusOptions(t: TFunction) {
  return IMMIGRATION_STATUSES.map((value) => ({ value, label: statusLabel(t, value) }));
}

export function relationshipOptions(t: TFunction, { withHead = true } = {}) {
  return RELATIONSHIPS.filter((value) => withHead || value !== 'head').map((value) => ({ value, label: relationshipLabel(t, value) }));
}

export function proficiencyOptions(t: TFunction) {
  return PROFICIENCIES.map((value) => ({ value, label: proficiencyLabel(t, value) }));
}

export function sexOptions(t: TFunction) {
  return SEXES.map((value) => ({ value, label: sexLabel(t, value) }));
}

export function phoneKindOptions(t: TFunction) {
  return PHONE_KINDS.map((value) => ({ value, label: phoneKindLabel(t, value) }));
}

export function protectionBasisOptions(t: TFunction) {
  return PROTECTION_BASES.map((value) => ({ value, label: protectionBasisLabel(t, value) }));
}
