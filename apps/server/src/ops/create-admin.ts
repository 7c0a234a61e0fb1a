import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../platform/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { type Db, schema, systemTransaction, tenantTransaction } from '../platform/db/index.js';

export interface CreateAdminResult {
  orgId: string;
  userId: string;
  createdUser: boolean;
  /** Set only when Haven generated the password; shown once. */
  generatedPassword: string | null;
  platformAdmin: boolean;
}

/**
 * Makes an organization and its admin from the command line. The first admin made this way
 * becomes the platform administrator (who can create further organizations).
 */
export async function createAdmin(
  db: Db,
  input: { orgName: string; email: string; displayName?: string; password?: string },
): Promise<CreateAdminResult> {
  const generatedPassword = input.password ? null : randomBytes(12).toString('base64url');
  const password = input.password ?? generatedPassword!;
  const passwordHash = await hashPassword(password);
  const actor = { userId: null, ip: null, userAgent: 'haven create-admin' };

  const { orgId, userId, createdUser, platformAdmin } = await systemTransaction(db, async (tx) => {
    const [anyPlatformAdmin] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.isPlatformAdmin, true)).limit(1);
    const [existing] = await tx.select().from(schema.users).where(eq(schema.users.email, input.email)).limit(1);
    let id = existing?.id;
    const makePlatformAdmin = !anyPlatformAdmin;
    if (!id) {
      const [row] = await tx
        .insert(schema.users)
        .values({
          email: input.email,
          displayName: input.displayName ?? input.email.split('@')[0]!,
          passwordHash,
          passwordChangedAt: new Date(),
          isPlatformAdmin: makePlatformAdmin,
        })
        .returning({ id: schema.users.id });
      id = row!.id;
    } else if (makePlatformAdmin) {
      await tx.update(schema.users).set({ isPlatformAdmin: true }).where(eq(schema.users.id, id));
    }
    const [org] = await tx.insert(schema.organizations).values({ name: input.orgName }).returning({ id: schema.organizations.id });
    return { orgId: org!.id, userId: id, createdUser: !existing, platformAdmin: makePlatformAdmin || Boolean(existing?.isPlatformAdmin) };
  });
  await tenantTransaction(db, { orgId, userId: null }, async (tx) => {
    await tx.insert(schema.memberships).values({ orgId, userId, role: 'org_admin' });
    await recordAudit(tx, { orgId, actor, action: 'organization.created', objectType: 'organization', objectId: orgId, after: { name: input.orgName } });
    await recordAudit(tx, { orgId, actor, action: 'member.added', objectType: 'member', objectId: userId, after: { role: 'org_admin' } });
  });
  return { orgId, userId, createdUser, generatedPassword: createdUser ? generatedPassword : null, platformAdmin };
}
