import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { isRole, type MembershipSummary } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';

const { users, memberships, organizations, loginThrottle, passwordResets, invitations } = schema;

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(tx: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(tx: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function updateUser(tx: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** Active memberships of a user across organizations (sign-in and the org switcher). */
export async function listActiveMemberships(tx: Db, userId: string): Promise<MembershipSummary[]> {
  const rows = await tx
    .select({ orgId: organizations.id, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(asc(memberships.createdAt))
    .limit(200);
  return rows.flatMap((row) => (isRole(row.role) ? [{ orgId: row.orgId, orgName: row.orgName, role: row.role }] : []));
}

export async function anyOrganizationRequiresMfa(tx: Db, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active'), eq(organizations.mfaRequired, true)))
    .limit(1);
  return row !== undefined;
}

export async function readThrottle(tx: Db, emailKey: string) {
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.emailKey, emailKey)).limit(1);
  return row;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Counts a failure; the account locks once maxFailures happen within the window. */
export async function registerLoginFailure(tx: Db, emailKey: string, policy: ThrottlePolicy): Promise<boolean> {
  const now = new Date();
  const existing = await readThrottle(tx, emailKey);
  const windowOpen = existing && now.getTime() - existing.windowStartedAt.getTime() < policy.windowMinutes * 60_000;
  const failures = windowOpen ? existing.failures + 1 : 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
  await tx
    .insert(loginThrottle)
    .values({ emailKey, failures, windowStartedAt: windowOpen ? existing.windowStartedAt : now, lockedUntil })
    .onConflictDoUpdate({
      target: loginThrottle.emailKey,
      set: { failures, windowStartedAt: windowOpen ? existing.windowStartedAt : now, lockedUntil },
    });
  return lockedUntil !== null;
}

export async function clearLoginFailures(tx: Db, emailKey: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.emailKey, emailKey));
}

export async function insertPasswordReset(tx: Db, userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  // One live link at a time: a new request voids the older ones.
  await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  await tx.insert(passwordResets).values({ userId, tokenHash, expiresAt });
}

export async function consumePasswordReset(tx: Db, tokenHash: string): Promise<string | null> {
  const [row] = await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(
      and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId ?? null;
}

export async function findInvitationByToken(tx: Db, tokenHash: string) {
  const [row] = await tx
    .select({ invitation: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function findMembership(tx: Db, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

/**
 * Claims a still-pending invitation. The row lock makes a second, simultaneous acceptance wait
 * and then find nothing to claim.
 */
export async function claimInvitation(tx: Db, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}
