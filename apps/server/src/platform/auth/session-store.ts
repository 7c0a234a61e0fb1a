import { and, eq, lt, sql } from 'drizzle-orm';
import { isRole, type Role } from '@haven/domain';
import { randomToken, sha256Hex } from '../crypto.js';
import { type Db, schema } from '../db/index.js';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export interface ResolvedSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: {
    id: string;
    email: string;
    displayName: string;
    locale: string;
    isPlatformAdmin: boolean;
    mfaEnabled: boolean;
  };
  /** The active organization, only while the user is still an active member of it. */
  activeOrg: { id: string; name: string; mfaRequired: boolean; role: Role; timeZone: string } | null;
}

export async function createSession(
  tx: Db,
  input: { userId: string; activeOrgId: string | null; ip: string | null; userAgent: string | null },
  timeouts: SessionTimeouts,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomToken();
  const id = sha256Hex(token);
  const expiresAt = new Date(Date.now() + timeouts.absoluteHours * 3_600_000);
  await tx.insert(schema.sessions).values({
    id,
    userId: input.userId,
    activeOrgId: input.activeOrgId,
    csrfToken: randomToken(24),
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
  return { token, id, expiresAt };
}

/**
 * One query per request: the session, its user and — checked on every request, so a removed or
 * suspended member loses access at once — the membership in the active organization.
 * Expired sessions (idle or absolute) are deleted and read as absent.
 */
export async function resolveSession(
  tx: Db,
  token: string,
  timeouts: SessionTimeouts,
  options: { byStoredId?: boolean } = {},
): Promise<ResolvedSession | null> {
  const id = options.byStoredId ? token : sha256Hex(token);
  const s = schema.sessions;
  const u = schema.users;
  const m = schema.memberships;
  const o = schema.organizations;
  const [row] = await tx
    .select({
      id: s.id,
      csrfToken: s.csrfToken,
      expiresAt: s.expiresAt,
      lastSeenAt: s.lastSeenAt,
      userId: u.id,
      email: u.email,
      displayName: u.displayName,
      locale: u.locale,
      isPlatformAdmin: u.isPlatformAdmin,
      totpEnabledAt: u.totpEnabledAt,
      orgId: o.id,
      orgName: o.name,
      mfaRequired: o.mfaRequired,
      timeZone: o.timeZone,
      role: m.role,
      memberStatus: m.status,
    })
    .from(s)
    .innerJoin(u, eq(u.id, s.userId))
    .leftJoin(m, and(eq(m.orgId, s.activeOrgId), eq(m.userId, s.userId)))
    .leftJoin(o, eq(o.id, m.orgId))
    .where(eq(s.id, id))
    .limit(1);
  if (!row) {
    return null;
  }
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + timeouts.idleMinutes * 60_000 <= now) {
    await tx.delete(s).where(eq(s.id, id));
    return null;
  }
  const activeOrg =
    row.orgId && row.orgName !== null && row.memberStatus === 'active' && isRole(row.role)
      ? { id: row.orgId, name: row.orgName, mfaRequired: row.mfaRequired ?? false, role: row.role, timeZone: row.timeZone ?? 'UTC' }
      : null;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
    user: {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      locale: row.locale,
      isPlatformAdmin: row.isPlatformAdmin,
      mfaEnabled: row.totpEnabledAt !== null,
    },
    activeOrg,
  };
}

/** Idle timeout bookkeeping without a write on every request: at most one per minute. */
export async function touchSession(tx: Db, session: ResolvedSession): Promise<void> {
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    await tx.update(schema.sessions).set({ lastSeenAt: new Date() }).where(eq(schema.sessions.id, session.id));
  }
}

export async function deleteSession(tx: Db, id: string): Promise<void> {
  await tx.delete(schema.sessions).where(eq(schema.sessions.id, id));
}

export async function deleteUserSessions(tx: Db, userId: string, exceptId?: string): Promise<void> {
  const where = exceptId
    ? and(eq(schema.sessions.userId, userId), sql`${schema.sessions.id} <> ${exceptId}`)
    : eq(schema.sessions.userId, userId);
  await tx.delete(schema.sessions).where(where);
}

export async function purgeExpiredSessions(tx: Db): Promise<void> {
  await tx.delete(schema.sessions).where(lt(schema.sessions.expiresAt, new Date()));
}
