import { and, desc, eq, sql } from 'drizzle-orm';
import type { Role } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';

const { organizations, memberships, users, invitations } = schema;

export type OrganizationRow = typeof organizations.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export async function findOrganization(tx: Db, orgId: string): Promise<OrganizationRow | undefined> {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row;
}

export async function updateOrganization(
  tx: Db,
  orgId: string,
  values: Partial<Pick<OrganizationRow, 'name' | 'mfaRequired' | 'languages' | 'defaultLocale'>>,
): Promise<OrganizationRow | undefined> {
  const [row] = await tx
    .update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organizations.id, orgId))
    .returning();
  return row;
}

export async function insertOrganization(tx: Db, name: string): Promise<OrganizationRow> {
  const [row] = await tx.insert(organizations).values({ name }).returning();
  return row!;
}

export async function listOrganizations(tx: Db, limit: number): Promise<OrganizationRow[]> {
  return tx.select().from(organizations).orderBy(organizations.name).limit(limit);
}

export async function addMember(tx: Db, input: { orgId: string; userId: string; role: Role }): Promise<void> {
  await tx
    .insert(memberships)
    .values({ orgId: input.orgId, userId: input.userId, role: input.role, status: 'active' })
    .onConflictDoUpdate({
      target: [memberships.orgId, memberships.userId],
      set: { role: input.role, status: 'active', updatedAt: new Date() },
    });
}

const memberColumns = {
  userId: memberships.userId,
  role: memberships.role,
  status: memberships.status,
  joinedAt: memberships.createdAt,
  email: users.email,
  displayName: users.displayName,
  lastLoginAt: users.lastLoginAt,
  totpEnabledAt: users.totpEnabledAt,
};

export async function listMembers(tx: Db, orgId: string, limit: number) {
  return tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(users.displayName, users.id)
    .limit(limit);
}

export async function findMember(tx: Db, orgId: string, userId: string) {
  const [row] = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function updateMember(
  tx: Db,
  orgId: string,
  userId: string,
  values: { role?: Role; status?: 'active' | 'suspended' },
): Promise<void> {
  await tx
    .update(memberships)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}

export async function countActiveAdmins(tx: Db, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'org_admin'), eq(memberships.status, 'active')));
  return row?.n ?? 0;
}

export async function findActiveMemberByEmail(tx: Db, orgId: string, email: string) {
  const [row] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(users.email, email), eq(memberships.status, 'active')))
    .limit(1);
  return row;
}

export async function listInvitations(tx: Db, orgId: string, limit: number) {
  return tx
    .select({ invitation: invitations, invitedBy: users.displayName })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.orgId, orgId))
    .orderBy(desc(invitations.createdAt))
    .limit(limit);
}

export async function insertInvitation(
  tx: Db,
  values: { orgId: string; email: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date },
): Promise<InvitationRow> {
  // A new invitation to the same address replaces any pending one.
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.orgId, values.orgId),
        eq(invitations.email, values.email),
        sql`${invitations.acceptedAt} is null and ${invitations.revokedAt} is null`,
      ),
    );
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

export async function findInvitation(tx: Db, orgId: string, id: string): Promise<InvitationRow | undefined> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)))
    .limit(1);
  return row;
}

export async function revokeInvitation(tx: Db, orgId: string, id: string): Promise<void> {
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id)));
}
