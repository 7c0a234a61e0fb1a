import { z } from 'zod';
import { ProgramCaseSettings } from '../cases/settings.js';
import { defaultEligibilityRulesFor, EVERYONE_ELIGIBLE, ProgramEligibilityRules } from '../eligibility/program-rules.js';
import { ProgramLegalSettings } from '../legal/settings.js';
import { Email, IsoDateTime, Locale, NewPassword, Uuid } from './common.js';
import { RoleSchema } from './session.js';

const OrgName = z.string().trim().min(2, { error: 'Enter a name of at least 2 characters' }).max(160);

export const OrganizationResponse = z.object({
  id: Uuid,
  name: z.string(),
  mfaRequired: z.boolean(),
  languages: z.array(Locale),
  defaultLocale: Locale,
  createdAt: IsoDateTime,
});
export type OrganizationResponse = z.infer<typeof OrganizationResponse>;

export const UpdateOrganizationRequest = z
  .strictObject({
    name: OrgName.optional(),
    mfaRequired: z.boolean().optional(),
    languages: z.array(Locale).min(1, { error: 'Choose at least one language' }).max(20).optional(),
    defaultLocale: Locale.optional(),
  })
  .refine((v) => !(v.languages && v.defaultLocale && !v.languages.includes(v.defaultLocale)), {
    error: 'The default language must be one of the languages',
    path: ['defaultLocale'],
  });

export const CreateOrganizationRequest = z.strictObject({
  name: OrgName,
  /** The first admin: invited by email (or made a member at once if they already have an account). */
  adminEmail: Email,
});

export const OrganizationList = z.object({ items: z.array(OrganizationResponse) });

export const MemberResponse = z.object({
  userId: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  status: z.enum(['active', 'suspended']),
  mfaEnabled: z.boolean(),
  lastLoginAt: IsoDateTime.nullable(),
  joinedAt: IsoDateTime,
});
export type MemberResponse = z.infer<typeof MemberResponse>;

export const UpdateMemberRequest = z
  .strictObject({ role: RoleSchema.optional(), status: z.enum(['active', 'suspended']).optional() })
  .refine((v) => v.role !== undefined || v.status !== undefined, { error: 'Nothing to change', path: ['role'] });

export const MemberParams = z.strictObject({ userId: Uuid });

export const InvitationResponse = z.object({
  id: Uuid,
  email: z.string(),
  role: RoleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: z.string().nullable(),
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
});
export type InvitationResponse = z.infer<typeof InvitationResponse>;

export const CreateInvitationRequest = z.strictObject({ email: Email, role: RoleSchema });

export const InvitationPreview = z.object({
  orgName: z.string(),
  email: z.string(),
  role: RoleSchema,
  accountExists: z.boolean(),
});
export const InvitationTokenParams = z.strictObject({ token: z.string().min(20).max(200) });
export const AcceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(200),
  /** Needed only when no account exists yet for the invited email. */
  displayName: z.string().trim().min(1).max(120).optional(),
  password: NewPassword.optional(),
});

export const ProgramResponse = z.object({
  id: Uuid,
  name: z.string(),
  code: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  /** The rules intake checks for this program (the organization's own, or the default for its code). */
  eligibilityRules: ProgramEligibilityRules,
  /** False while the program uses the default rules for its code (or "everyone"). */
  eligibilityRulesCustomized: z.boolean(),
  /** How the program runs its cases: the stored settings with the defaults filled in. */
  caseSettings: ProgramCaseSettings,
  /** False while every case setting is the default. */
  caseSettingsCustomized: z.boolean(),
  /** How the program runs its legal matters (reminders, selection criteria, retention), defaults filled in. */
  legalSettings: ProgramLegalSettings,
  /** False while every legal setting is the default. */
  legalSettingsCustomized: z.boolean(),
  createdAt: IsoDateTime,
});
export const CreateProgramRequest = z.strictObject({
  name: z.string().trim().min(2).max(160),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'Use up to 32 letters, digits, - or _' })
    .optional(),
  description: z.string().trim().max(2000).optional(),
  eligibilityRules: ProgramEligibilityRules.optional(),
  caseSettings: ProgramCaseSettings.partial().optional(),
  legalSettings: ProgramLegalSettings.partial().optional(),
});
export const UpdateProgramRequest = z.strictObject({
  name: z.string().trim().min(2).max(160).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  active: z.boolean().optional(),
  /** null goes back to the default rules. */
  eligibilityRules: ProgramEligibilityRules.nullable().optional(),
  /** Only the settings given are stored (the rest follow the defaults); null goes back to all defaults. */
  caseSettings: ProgramCaseSettings.partial().nullable().optional(),
  /** Only the legal settings given are stored; null goes back to all defaults. */
  legalSettings: ProgramLegalSettings.partial().nullable().optional(),
});

/** The rules a program applies: its own, else the default for its code, else open to everyone. */
export function effectiveEligibilityRules(program: { code: string | null; eligibilityRules: ProgramEligibilityRules | null }): ProgramEligibilityRules {
  return program.eligibilityRules ?? (program.code ? defaultEligibilityRulesFor(program.code) : undefined) ?? EVERYONE_ELIGIBLE;
}

export const OfficeResponse = z.object({
  id: Uuid,
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export const CreateOfficeRequest = z.strictObject({
  name: z.string().trim().min(2).max(160),
  address: z.string().trim().max(500).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()-]{5,30}$/, { error: 'Enter a phone number of digits, spaces, + ( ) -' })
    .optional(),
});
export const UpdateOfficeRequest = z.strictObject({
  name: z.string().trim().min(2).max(160).optional(),
  address: z.string().trim().max(500).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()-]{5,30}$/, { error: 'Enter a phone number of digits, spaces, + ( ) -' })
    .nullable()
    .optional(),
  active: z.boolean().optional(),
});

export const OutboxMessage = z.object({
  id: Uuid,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'stored']),
  createdAt: IsoDateTime,
});

export { NewPassword };
