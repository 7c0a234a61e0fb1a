import { z } from 'zod';
import { ACTIONS } from '../permissions.js';
import { ROLES } from '../roles.js';
import { Email, IsoDateTime, Locale, NewPassword, TotpCode, Uuid } from './common.js';

export const RoleSchema = z.enum(ROLES);
export const ActionSchema = z.enum(ACTIONS);

export const CreateSessionRequest = z.strictObject({
  email: Email,
  password: z.string().min(1, { error: 'Enter your password' }).max(256),
  totp: TotpCode.optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

export const MembershipSummary = z.object({
  orgId: Uuid,
  orgName: z.string(),
  role: RoleSchema,
});
export type MembershipSummary = z.infer<typeof MembershipSummary>;

export const SessionUser = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  mfaEnabled: z.boolean(),
  isPlatformAdmin: z.boolean(),
});

export const SessionResponse = z.object({
  user: SessionUser,
  activeOrganization: z
    /** `timeZone`: the organization's calendar day is "today" for every date a form defaults to. */
    .object({ id: Uuid, name: z.string(), role: RoleSchema, mfaRequired: z.boolean(), timeZone: z.string() })
    .nullable(),
  memberships: z.array(MembershipSummary),
  permissions: z.array(ActionSchema),
  /** True when the organization requires MFA and this user has not enrolled: only MFA set-up is allowed. */
  mfaEnrollmentRequired: z.boolean(),
  csrfToken: z.string(),
  expiresAt: IsoDateTime,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const SwitchOrganizationRequest = z.strictObject({ orgId: Uuid });

export const UpdateProfileRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  locale: Locale.optional(),
});

export const MfaSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const MfaConfirmRequest = z.strictObject({ code: TotpCode });
export const MfaDisableRequest = z.strictObject({ password: z.string().min(1).max(256), code: TotpCode });

export const PasswordResetRequest = z.strictObject({ email: Email });
export const PasswordResetConfirmRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword,
});

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPassword,
});
