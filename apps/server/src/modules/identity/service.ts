import { eq } from 'drizzle-orm';
import { actionsFor, type CreateSessionRequest, isRole, type SessionResponse } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { type AuditActor, type AuditEventInput, PLATFORM_CHAIN, recordAudit } from '../../platform/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  type ResolvedSession,
  resolveSession,
} from '../../platform/auth/session-store.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/auth/totp.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { type Db, isUniqueViolation, schema, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import type { SessionContext } from '../../platform/http/request-context.js';
import { addMember } from '../organizations/repository.js';
import * as repo from './repository.js';

const THROTTLE = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
const RESET_TTL_MINUTES = 60;

export interface NewSession {
  token: string;
  response: SessionResponse;
}

/** Sign-in, sessions, MFA, password reset and invitation acceptance. */
export class IdentityService {
  constructor(private readonly deps: AppDeps) {}

  private get db(): Db {
    return this.deps.database.db;
  }

  private get timeouts() {
    return {
      idleMinutes: this.deps.config.sessionIdleMinutes,
      absoluteHours: this.deps.config.sessionAbsoluteHours,
    };
  }

  /** Writes one audit event in its organization's chain (the platform chain when there is none). */
  private audit(event: AuditEventInput): Promise<void> {
    if (event.orgId === PLATFORM_CHAIN) {
      return systemTransaction(this.db, (tx) => recordAudit(tx, event));
    }
    return tenantTransaction(this.db, { orgId: event.orgId, userId: event.actor.userId }, (tx) => recordAudit(tx, event));
  }

  private chainOf(session: ResolvedSession): string {
    return session.activeOrg?.id ?? PLATFORM_CHAIN;
  }

  async login(input: CreateSessionRequest, actor: AuditActor): Promise<NewSession> {
    const emailKey = input.email;
    const throttle = await systemTransaction(this.db, (tx) => repo.readThrottle(tx, emailKey));
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
      throw new AppError(423, 'account_locked', 'Too many failed sign-ins. Try again in 15 minutes or reset your password.');
    }
    const user = await systemTransaction(this.db, (tx) => repo.findUserByEmail(tx, input.email));
    const passwordOk = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !passwordOk) {
      await this.loginFailed(emailKey, user?.id ?? null, actor, user ? 'wrong_password' : 'unknown_account');
      throw new AppError(401, 'invalid_credentials', 'The email or password is not right');
    }

    let acceptedStep: number | null = null;
    if (user.totpEnabledAt && user.totpSecret) {
      if (!input.totp) {
        throw new AppError(401, 'mfa_required', 'Enter the 6-digit code from your authenticator app', {
          totp: 'Enter the 6-digit code',
        });
      }
      acceptedStep = await verifyTotp(this.deps.secrets.open(user.totpSecret), input.totp, user.totpLastStep);
      if (acceptedStep === null) {
        await this.loginFailed(emailKey, user.id, actor, 'wrong_totp');
        throw new AppError(401, 'invalid_credentials', 'The code is wrong or was already used', {
          totp: 'Wrong or already used code',
        });
      }
    }

    const { created, memberships } = await systemTransaction(this.db, async (tx) => {
      await repo.clearLoginFailures(tx, emailKey);
      await repo.updateUser(tx, user.id, {
        lastLoginAt: new Date(),
        ...(acceptedStep !== null ? { totpLastStep: acceptedStep } : {}),
      });
      const list = await repo.listActiveMemberships(tx, user.id);
      const session = await createSession(
        tx,
        { userId: user.id, activeOrgId: list[0]?.orgId ?? null, ip: actor.ip, userAgent: actor.userAgent },
        this.timeouts,
      );
      return { created: session, memberships: list };
    });
    await this.audit({
      orgId: memberships[0]?.orgId ?? PLATFORM_CHAIN,
      actor: { ...actor, userId: user.id },
      action: 'session.login',
      objectType: 'user',
      objectId: user.id,
      after: { mfa: acceptedStep !== null },
    });
    return { token: created.token, response: await this.describeToken(created.token) };
  }

  /** Failures are audited in every organization the account belongs to, or the platform chain. */
  private async loginFailed(emailKey: string, userId: string | null, actor: AuditActor, reason: string): Promise<void> {
    const { orgIds, locked } = await systemTransaction(this.db, async (tx) => ({
      locked: await repo.registerLoginFailure(tx, emailKey, THROTTLE),
      orgIds: userId ? (await repo.listActiveMemberships(tx, userId)).map((m) => m.orgId) : [],
    }));
    for (const orgId of orgIds.length ? orgIds : [PLATFORM_CHAIN]) {
      await this.audit({
        orgId,
        actor: { ...actor, userId: null },
        action: 'session.login_failed',
        objectType: userId ? 'user' : null,
        objectId: userId,
        after: { reason, locked },
      });
    }
  }

  private async describeToken(token: string): Promise<SessionResponse> {
    const session = await systemTransaction(this.db, (tx) => resolveSession(tx, token, this.timeouts));
    if (!session) {
      throw unauthenticated();
    }
    return this.describe(session);
  }

  /** The body of GET /api/session. */
  async describe(session: ResolvedSession): Promise<SessionResponse> {
    const memberships = await systemTransaction(this.db, (tx) => repo.listActiveMemberships(tx, session.user.id));
    const org = session.activeOrg;
    const enrollmentRequired = Boolean(org?.mfaRequired && !session.user.mfaEnabled);
    return {
      user: {
        id: session.user.id,
        email: session.user.email,
        displayName: session.user.displayName,
        locale: (['en', 'es', 'ar'] as const).find((l) => l === session.user.locale) ?? 'en',
        mfaEnabled: session.user.mfaEnabled,
        isPlatformAdmin: session.user.isPlatformAdmin,
      },
      activeOrganization: org ? { id: org.id, name: org.name, role: org.role, mfaRequired: org.mfaRequired, timeZone: org.timeZone } : null,
      memberships,
      permissions: org && !enrollmentRequired ? actionsFor(org.role) : [],
      mfaEnrollmentRequired: enrollmentRequired,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  private async reload(session: ResolvedSession): Promise<SessionResponse> {
    const resolved = await systemTransaction(this.db, (tx) =>
      resolveSession(tx, session.id, this.timeouts, { byStoredId: true }),
    );
    if (!resolved) {
      throw unauthenticated();
    }
    return this.describe(resolved);
  }

  async logout(ctx: SessionContext): Promise<void> {
    await systemTransaction(this.db, (tx) => deleteSession(tx, ctx.session.id));
    await this.audit({
      orgId: this.chainOf(ctx.session),
      actor: ctx.actor,
      action: 'session.logout',
      objectType: 'user',
      objectId: ctx.user.id,
    });
  }

  async switchOrganization(ctx: SessionContext, orgId: string): Promise<SessionResponse> {
    const membership = await systemTransaction(this.db, (tx) => repo.findMembership(tx, orgId, ctx.user.id));
    if (!membership || membership.status !== 'active') {
      // Not a member: the organization is not revealed to exist.
      throw notFound('Organization not found');
    }
    await systemTransaction(this.db, (tx) =>
      tx.update(schema.sessions).set({ activeOrgId: orgId }).where(eq(schema.sessions.id, ctx.session.id)),
    );
    await this.audit({ orgId, actor: ctx.actor, action: 'session.switch_org', objectType: 'organization', objectId: orgId });
    return this.reload(ctx.session);
  }

  async updateProfile(ctx: SessionContext, input: { displayName?: string; locale?: string }): Promise<SessionResponse> {
    const before = { displayName: ctx.user.displayName, locale: ctx.user.locale };
    await systemTransaction(this.db, (tx) => repo.updateUser(tx, ctx.user.id, input));
    await this.audit({
      orgId: this.chainOf(ctx.session),
      actor: ctx.actor,
      action: 'user.profile_updated',
      objectType: 'user',
      objectId: ctx.user.id,
      before,
      after: { ...before, ...input },
    });
    return this.reload(ctx.session);
  }

  async changePassword(ctx: SessionContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await systemTransaction(this.db, (tx) => repo.findUserById(tx, ctx.user.id));
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badRequest('The current password is not right', { currentPassword: 'The current password is not right' });
    }
    const passwordHash = await hashPassword(newPassword);
    await systemTransaction(this.db, async (tx) => {
      await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
      await deleteUserSessions(tx, user.id, ctx.session.id);
    });
    await this.audit({
      orgId: this.chainOf(ctx.session),
      actor: ctx.actor,
      action: 'user.password_changed',
      objectType: 'user',
      objectId: user.id,
    });
  }

  async startMfaSetup(ctx: SessionContext): Promise<{ secret: string; otpauthUrl: string }> {
    if (ctx.user.mfaEnabled) {
      throw conflict('Two-step verification is already on');
    }
    const secret = newTotpSecret();
    await systemTransaction(this.db, (tx) =>
      repo.updateUser(tx, ctx.user.id, { totpPendingSecret: this.deps.secrets.seal(secret) }),
    );
    return { secret, otpauthUrl: totpUri(secret, ctx.user.email) };
  }

  async confirmMfa(ctx: SessionContext, code: string): Promise<SessionResponse> {
    const user = await systemTransaction(this.db, (tx) => repo.findUserById(tx, ctx.user.id));
    if (!user?.totpPendingSecret) {
      throw conflict('Start the set-up first');
    }
    const secret = this.deps.secrets.open(user.totpPendingSecret);
    const step = await verifyTotp(secret, code, null);
    if (step === null) {
      throw badRequest('The code is not right', { code: 'Wrong or expired code' });
    }
    await systemTransaction(this.db, (tx) =>
      repo.updateUser(tx, user.id, {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: step,
      }),
    );
    await this.audit({
      orgId: this.chainOf(ctx.session),
      actor: ctx.actor,
      action: 'user.mfa_enabled',
      objectType: 'user',
      objectId: user.id,
    });
    return this.reload(ctx.session);
  }

  async disableMfa(ctx: SessionContext, password: string, code: string): Promise<SessionResponse> {
    const user = await systemTransaction(this.db, (tx) => repo.findUserById(tx, ctx.user.id));
    if (!user?.totpSecret || !user.totpEnabledAt) {
      throw conflict('Two-step verification is not on');
    }
    if (await systemTransaction(this.db, (tx) => repo.anyOrganizationRequiresMfa(tx, user.id))) {
      throw conflict('An organization you belong to requires two-step verification');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw badRequest('The password is not right', { password: 'The password is not right' });
    }
    const step = await verifyTotp(this.deps.secrets.open(user.totpSecret), code, user.totpLastStep);
    if (step === null) {
      throw badRequest('The code is not right', { code: 'Wrong or already used code' });
    }
    await systemTransaction(this.db, (tx) =>
      repo.updateUser(tx, user.id, { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: step }),
    );
    await this.audit({
      orgId: this.chainOf(ctx.session),
      actor: ctx.actor,
      action: 'user.mfa_disabled',
      objectType: 'user',
      objectId: user.id,
    });
    return this.reload(ctx.session);
  }

  /** Always succeeds from the caller's view: whether the email has an account is not revealed. */
  async requestPasswordReset(email: string, actor: AuditActor): Promise<void> {
    const token = randomToken();
    const sent = await systemTransaction(this.db, async (tx) => {
      const user = await repo.findUserByEmail(tx, email);
      if (!user) {
        return null;
      }
      const orgId = (await repo.listActiveMemberships(tx, user.id))[0]?.orgId ?? PLATFORM_CHAIN;
      await repo.insertPasswordReset(tx, user.id, sha256Hex(token), new Date(Date.now() + RESET_TTL_MINUTES * 60_000));
      const link = `${this.deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await this.deps.mailer.enqueue(tx, {
        orgId,
        to: user.email,
        subject: 'Reset your Haven password',
        text: [
          `Hello ${user.displayName},`,
          '',
          'Someone asked to reset the password of your Haven account. If it was you, open this link',
          `within ${RESET_TTL_MINUTES} minutes:`,
          '',
          link,
          '',
          'If it was not you, ignore this message: your password stays as it is.',
        ].join('\n'),
      });
      await recordAudit(tx, {
        orgId,
        actor,
        action: 'user.password_reset_requested',
        objectType: 'user',
        objectId: user.id,
      });
      return user.id;
    });
    if (sent) {
      this.deps.mailer.kick();
    }
  }

  async confirmPasswordReset(token: string, password: string, actor: AuditActor): Promise<void> {
    const passwordHash = await hashPassword(password);
    await systemTransaction(this.db, async (tx) => {
      const userId = await repo.consumePasswordReset(tx, sha256Hex(token));
      if (!userId) {
        throw badRequest('This reset link is not valid any more', { token: 'The link is invalid, used or expired' });
      }
      const user = await repo.findUserById(tx, userId);
      await repo.updateUser(tx, userId, { passwordHash, passwordChangedAt: new Date() });
      await deleteUserSessions(tx, userId);
      if (user) {
        await repo.clearLoginFailures(tx, user.email);
      }
      const orgId = (await repo.listActiveMemberships(tx, userId))[0]?.orgId ?? PLATFORM_CHAIN;
      await recordAudit(tx, { orgId, actor: { ...actor, userId }, action: 'user.password_reset', objectType: 'user', objectId: userId });
    });
  }

  private async validInvitation(token: string) {
    const found = await systemTransaction(this.db, (tx) => repo.findInvitationByToken(tx, sha256Hex(token)));
    const inv = found?.invitation;
    if (!found || !inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date() || !isRole(inv.role)) {
      throw notFound('This invitation is not valid any more');
    }
    return { invitation: { ...inv, role: inv.role }, orgName: found.orgName };
  }

  async previewInvitation(token: string) {
    const { invitation, orgName } = await this.validInvitation(token);
    const user = await systemTransaction(this.db, (tx) => repo.findUserByEmail(tx, invitation.email));
    return { orgName, email: invitation.email, role: invitation.role, accountExists: user !== undefined };
  }

  /**
   * The invitation link proves control of the email address. A new person sets a name and
   * password; someone with an account must be signed in as that account to accept.
   */
  async acceptInvitation(
    input: { token: string; displayName?: string; password?: string },
    session: ResolvedSession | null,
    actor: AuditActor,
  ): Promise<NewSession | { response: SessionResponse; token: null }> {
    const { invitation } = await this.validInvitation(input.token);
    const existing = await systemTransaction(this.db, (tx) => repo.findUserByEmail(tx, invitation.email));
    if (existing) {
      if (!session) {
        throw unauthenticated(`Sign in as ${invitation.email} to accept this invitation`);
      }
      if (session.user.id !== existing.id) {
        throw forbidden(`This invitation is for ${invitation.email}. Sign in with that account to accept it.`);
      }
    } else {
      if (session) {
        // Someone else is signed in on this browser: never attach the new account to their session.
        throw forbidden(`You are signed in as ${session.user.email}. Sign out first to accept this invitation for ${invitation.email}.`);
      }
      const fields: Record<string, string> = {};
      if (!input.displayName) {
        fields.displayName = 'Enter your name';
      }
      if (!input.password) {
        fields.password = 'Choose a password of at least 12 characters';
      }
      if (Object.keys(fields).length) {
        throw badRequest('Enter your name and choose a password', fields);
      }
    }
    const passwordHash = existing ? null : await hashPassword(input.password!);

    const userId = await systemTransaction(this.db, async (tx) => {
      if (!(await repo.claimInvitation(tx, invitation.orgId, invitation.id))) {
        throw notFound('This invitation is not valid any more');
      }
      let id = existing?.id;
      if (!id) {
        const [created] = await tx
          .insert(schema.users)
          .values({ email: invitation.email, displayName: input.displayName!, passwordHash, passwordChangedAt: new Date() })
          .returning({ id: schema.users.id })
          .catch((err: unknown) => {
            throw isUniqueViolation(err) ? conflict('An account with this email exists now: sign in to accept') : err;
          });
        id = created!.id;
      }
      const membership = await repo.findMembership(tx, invitation.orgId, id);
      if (membership?.status === 'active') {
        throw conflict('You are already a member of this organization');
      }
      await addMember(tx, { orgId: invitation.orgId, userId: id, role: invitation.role });
      const auditActor = { ...actor, userId: id };
      await recordAudit(tx, {
        orgId: invitation.orgId,
        actor: auditActor,
        action: 'invitation.accepted',
        objectType: 'invitation',
        objectId: invitation.id,
      });
      await recordAudit(tx, {
        orgId: invitation.orgId,
        actor: auditActor,
        action: 'member.added',
        objectType: 'member',
        objectId: id,
        after: { role: invitation.role, via: 'invitation' },
      });
      return id;
    });

    if (session) {
      await systemTransaction(this.db, (tx) =>
        tx.update(schema.sessions).set({ activeOrgId: invitation.orgId }).where(eq(schema.sessions.id, session.id)),
      );
      return { token: null, response: await this.reload(session) };
    }
    const created = await systemTransaction(this.db, (tx) =>
      createSession(tx, { userId, activeOrgId: invitation.orgId, ip: actor.ip, userAgent: actor.userAgent }, this.timeouts),
    );
    return { token: created.token, response: await this.describeToken(created.token) };
  }
}

