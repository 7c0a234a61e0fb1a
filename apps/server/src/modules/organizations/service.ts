import {
  ACTIONS,
  actionsFor,
  type InvitationResponse,
  isRole,
  type MemberResponse,
  type OrganizationResponse,
  ROLES,
  type Role,
  roleCan,
  type Action,
} from '@haven/domain';
import type { z } from 'zod';
import type { CreateOrganizationRequest, UpdateMemberRequest, UpdateOrganizationRequest } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { randomToken, sha256Hex } from '../../platform/crypto.js';
import { type Db, lockFor, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext, type SessionContext } from '../../platform/http/request-context.js';
import { revokeFeeds } from '../calendar/repository.js';
import { findUserByEmail } from '../identity/repository.js';
import * as repo from './repository.js';

const INVITATION_DAYS = 7;
const LIST_LIMIT = 500;

export function requireAction(ctx: MemberContext, action: Action): void {
  if (!roleCan(ctx.subject.role, action)) {
    throw forbidden();
  }
}

function toOrganization(row: repo.OrganizationRow): OrganizationResponse {
  return {
    id: row.id,
    name: row.name,
    mfaRequired: row.mfaRequired,
    languages: row.languages.filter((l): l is 'en' | 'es' | 'ar' => l === 'en' || l === 'es' || l === 'ar'),
    defaultLocale: row.defaultLocale === 'es' || row.defaultLocale === 'ar' ? row.defaultLocale : 'en',
    createdAt: row.createdAt.toISOString(),
  };
}

function toMember(row: NonNullable<Awaited<ReturnType<typeof repo.findMember>>>): MemberResponse {
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    role: isRole(row.role) ? row.role : 'volunteer',
    status: row.status === 'suspended' ? 'suspended' : 'active',
    mfaEnabled: row.totpEnabledAt !== null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    joinedAt: row.joinedAt.toISOString(),
  };
}

function invitationStatus(row: repo.InvitationRow): InvitationResponse['status'] {
  if (row.acceptedAt) {
    return 'accepted';
  }
  if (row.revokedAt) {
    return 'revoked';
  }
  return row.expiresAt <= new Date() ? 'expired' : 'pending';
}

function toInvitation(row: repo.InvitationRow, invitedBy: string | null): InvitationResponse {
  return {
    id: row.id,
    email: row.email,
    role: isRole(row.role) ? row.role : 'volunteer',
    status: invitationStatus(row),
    invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Organizations, their members and invitations. */
export class OrganizationService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  async getCurrent(ctx: MemberContext): Promise<OrganizationResponse> {
    requireAction(ctx, 'org.read');
    const row = await this.tenant(ctx, (tx) => repo.findOrganization(tx, ctx.subject.orgId));
    if (!row) {
      throw notFound();
    }
    return toOrganization(row);
  }

  async updateCurrent(ctx: MemberContext, input: z.infer<typeof UpdateOrganizationRequest>): Promise<OrganizationResponse> {
    requireAction(ctx, 'org.update');
    const row = await this.tenant(ctx, async (tx) => {
      const before = await repo.findOrganization(tx, ctx.subject.orgId);
      if (!before) {
        throw notFound();
      }
      const languages = input.languages ?? before.languages;
      const defaultLocale = input.defaultLocale ?? before.defaultLocale;
      if (!languages.includes(defaultLocale)) {
        throw conflict('The default language must be one of the languages', {
          defaultLocale: 'Choose one of the organization languages',
        });
      }
      const after = await repo.updateOrganization(tx, ctx.subject.orgId, input);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'organization.updated',
        objectType: 'organization',
        objectId: ctx.subject.orgId,
        before: toOrganization(before),
        after: after ? toOrganization(after) : null,
      });
      return after;
    });
    if (!row) {
      throw notFound();
    }
    return toOrganization(row);
  }

  /** Platform administrators only: the one cross-organization listing. */
  async listAll(ctx: SessionContext): Promise<OrganizationResponse[]> {
    if (!ctx.user.isPlatformAdmin) {
      throw forbidden('Only a platform administrator can see all organizations');
    }
    const rows = await systemTransaction(this.deps.database.db, (tx) => repo.listOrganizations(tx, LIST_LIMIT));
    return rows.map(toOrganization);
  }

  /**
   * A platform administrator creates an organization and names its first admin: an existing
   * account becomes a member at once, anyone else receives an invitation by email.
   */
  async create(ctx: SessionContext, input: z.infer<typeof CreateOrganizationRequest>): Promise<OrganizationResponse> {
    if (!ctx.user.isPlatformAdmin) {
      throw forbidden('Only a platform administrator can create organizations');
    }
    const db = this.deps.database.db;
    const org = await systemTransaction(db, (tx) => repo.insertOrganization(tx, input.name));
    const existing = await systemTransaction(db, (tx) => findUserByEmail(tx, input.adminEmail));
    await tenantTransaction(db, { orgId: org.id, userId: ctx.user.id }, async (tx) => {
      await recordAudit(tx, {
        orgId: org.id,
        actor: ctx.actor,
        action: 'organization.created',
        objectType: 'organization',
        objectId: org.id,
        after: toOrganization(org),
      });
      if (existing) {
        await repo.addMember(tx, { orgId: org.id, userId: existing.id, role: 'org_admin' });
        await recordAudit(tx, {
          orgId: org.id,
          actor: ctx.actor,
          action: 'member.added',
          objectType: 'member',
          objectId: existing.id,
          after: { role: 'org_admin' },
        });
      } else {
        await this.invite(tx, { orgId: org.id, orgName: org.name }, ctx, input.adminEmail, 'org_admin');
      }
    });
    this.deps.mailer.kick();
    return toOrganization(org);
  }

  listRoles(): { roles: { role: Role; actions: Action[] }[]; actions: Action[] } {
    return { roles: ROLES.map((role) => ({ role, actions: actionsFor(role) })), actions: [...ACTIONS] };
  }

  async listMembers(ctx: MemberContext): Promise<MemberResponse[]> {
    requireAction(ctx, 'member.read');
    const rows = await this.tenant(ctx, (tx) => repo.listMembers(tx, ctx.subject.orgId, LIST_LIMIT));
    return rows.map(toMember);
  }

  async updateMember(ctx: MemberContext, userId: string, input: z.infer<typeof UpdateMemberRequest>): Promise<MemberResponse> {
    requireAction(ctx, 'member.update');
    return this.tenant(ctx, async (tx) => {
      // Two admins demoting each other at once must not both pass the last-admin check.
      await lockFor(tx, `members:${ctx.subject.orgId}`);
      const before = await repo.findMember(tx, ctx.subject.orgId, userId);
      if (!before) {
        throw notFound('Member not found');
      }
      const losesAdmin =
        before.role === 'org_admin' &&
        before.status === 'active' &&
        ((input.role !== undefined && input.role !== 'org_admin') || input.status === 'suspended');
      if (losesAdmin && (await repo.countActiveAdmins(tx, ctx.subject.orgId)) <= 1) {
        throw conflict('An organization needs at least one active admin', { role: 'Keep at least one active admin' });
      }
      await repo.updateMember(tx, ctx.subject.orgId, userId, input);
      const after = await repo.findMember(tx, ctx.subject.orgId, userId);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'member.updated',
        objectType: 'member',
        objectId: userId,
        before: { role: before.role, status: before.status },
        after: { role: after?.role, status: after?.status },
      });
      // A suspended member's calendar feed dies now, not just while suspended: reinstating them
      // (or giving the role back) must not revive an address that may sit on a lost phone.
      if (after && (after.status !== 'active' || !isRole(after.role) || !roleCan(after.role, 'matter.read'))) {
        for (const feedId of await revokeFeeds(tx, ctx.subject.orgId, userId)) {
          await recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action: 'calendar_feed.revoked', objectType: 'calendar_feed', objectId: feedId });
        }
      }
      return toMember(after!);
    });
  }

  async listInvitations(ctx: MemberContext): Promise<InvitationResponse[]> {
    requireAction(ctx, 'member.invite');
    const rows = await this.tenant(ctx, (tx) => repo.listInvitations(tx, ctx.subject.orgId, LIST_LIMIT));
    return rows.map((r) => toInvitation(r.invitation, r.invitedBy));
  }

  async createInvitation(ctx: MemberContext, email: string, role: Role): Promise<InvitationResponse> {
    requireAction(ctx, 'member.invite');
    const result = await this.tenant(ctx, async (tx) => {
      if (await repo.findActiveMemberByEmail(tx, ctx.subject.orgId, email)) {
        throw conflict('This person is already a member', { email: 'Already a member of this organization' });
      }
      const org = await repo.findOrganization(tx, ctx.subject.orgId);
      return this.invite(tx, { orgId: ctx.subject.orgId, orgName: org?.name ?? '' }, ctx, email, role);
    });
    this.deps.mailer.kick();
    return toInvitation(result, ctx.user.displayName);
  }

  private async invite(
    tx: Db,
    org: { orgId: string; orgName: string },
    ctx: SessionContext,
    email: string,
    role: Role,
  ): Promise<repo.InvitationRow> {
    const token = randomToken();
    // One pending invitation per address: concurrent invites queue here, and each replaces the last.
    await lockFor(tx, `invitation:${org.orgId}:${email}`);
    const invitation = await repo.insertInvitation(tx, {
      orgId: org.orgId,
      email,
      role,
      tokenHash: sha256Hex(token),
      invitedBy: ctx.user.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    const link = `${this.deps.config.publicUrl}/invite?token=${encodeURIComponent(token)}`;
    await this.deps.mailer.enqueue(tx, {
      orgId: org.orgId,
      to: email,
      subject: `You are invited to ${org.orgName} on Haven`,
      text: [
        'Hello,',
        '',
        `${ctx.user.displayName} invited you to join ${org.orgName} on Haven.`,
        `Open this link within ${INVITATION_DAYS} days to accept:`,
        '',
        link,
        '',
        'If you did not expect this, you can ignore this message.',
      ].join('\n'),
    });
    await recordAudit(tx, {
      orgId: org.orgId,
      actor: ctx.actor,
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: invitation.id,
      after: { email, role },
    });
    return invitation;
  }

  async revokeInvitation(ctx: MemberContext, id: string): Promise<void> {
    requireAction(ctx, 'member.invite');
    await this.tenant(ctx, async (tx) => {
      const invitation = await repo.findInvitation(tx, ctx.subject.orgId, id);
      if (!invitation) {
        throw notFound('Invitation not found');
      }
      if (invitationStatus(invitation) !== 'pending') {
        throw conflict('Only a pending invitation can be revoked');
      }
      await repo.revokeInvitation(tx, ctx.subject.orgId, id);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'invitation.revoked',
        objectType: 'invitation',
        objectId: id,
      });
    });
  }
}
