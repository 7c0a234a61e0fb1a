import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/platform/audit.js';
import { queryRows, schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser } from '../support/app.js';

const TENANT_TABLES = ['memberships', 'invitations', 'programs', 'offices', 'clients', 'client_assignments', 'client_identifiers', 'households', 'household_members', 'intakes', 'exception_requests', 'enrollments', 'documents', 'consents', 'client_imports', 'audit_events', 'audit_heads', 'outbox'];

describe('row-level security: the second wall between organizations', async () => {
  const t = await createTestApp();

  it('a query that forgets its organization filter still sees only its own organization', async () => {
    const a = await createOrg(t, 'Org A');
    const b = await createOrg(t, 'Org B');
    for (const org of [a, b]) {
      const user = await createUser(t, { orgId: org.id, role: 'case_manager' });
      const client = await createClientRecord(t, org.id, { assignedTo: [user.id] });
      await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, async (tx) => {
        await tx.insert(schema.programs).values({ orgId: org.id, name: `Program of ${org.name}` });
        await tx.insert(schema.offices).values({ orgId: org.id, name: `Office of ${org.name}` });
        await tx.insert(schema.invitations).values({ orgId: org.id, email: `x-${org.id}@example.test`, role: 'volunteer', tokenHash: `h-${org.id}`, expiresAt: new Date(Date.now() + 1e6) });
        await tx.insert(schema.outbox).values({ orgId: org.id, toAddress: 'x@example.test', subject: 's', body: 'b', status: 'stored' });
        await tx.insert(schema.clientIdentifiers).values({ orgId: org.id, clientId: client.id, kind: 'a_number', valueSealed: 'sealed', lookupHash: `h-${org.id}` });
        const [household] = await tx.insert(schema.households).values({ orgId: org.id, name: `Household of ${org.name}` }).returning();
        await tx.insert(schema.householdMembers).values({ orgId: org.id, householdId: household!.id, clientId: client.id, relationship: 'head', joinedOn: '2026-01-01' });
        const [program] = await tx.insert(schema.programs).values({ orgId: org.id, name: `Enrolling program of ${org.name}` }).returning();
        await tx.insert(schema.intakes).values({ orgId: org.id, createdBy: user.id, data: { clientIds: [client.id] } });
        await tx.insert(schema.exceptionRequests).values({ orgId: org.id, kind: 'eligibility_override', clientId: client.id, programId: program!.id, reason: 'Arrived 40 days ago', requestedBy: user.id });
        await tx.insert(schema.enrollments).values({
          orgId: org.id,
          clientId: client.id,
          programId: program!.id,
          serviceTier: 'comprehensive',
          tierReason: 'Two needs',
          enrolledOn: '2026-01-02',
          eligibility: { asOf: '2026-01-02', outcome: 'eligible', eligible: true, needsReview: false, results: [], orr: { outcome: 'unknown', code: 'orr.missing.status_history', params: {}, reason: '', citation: '' } },
          createdBy: user.id,
        });
        const [document] = await tx
          .insert(schema.documents)
          .values({ orgId: org.id, clientId: client.id, kind: 'consent_form', filename: 'consent.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: `k-${org.id}`, createdBy: user.id })
          .returning();
        await tx.insert(schema.consents).values({
          orgId: org.id,
          clientId: client.id,
          recipientKind: 'organization',
          recipientName: 'Legal aid partner',
          purpose: 'Legal referral',
          dataCategories: ['contact'],
          signedBy: 'client',
          signerName: 'Test Client',
          signedOn: '2026-01-02',
          expiresOn: '2027-01-02',
          formLanguage: 'en',
          documentId: document!.id,
          createdBy: user.id,
        });
        await tx.insert(schema.clientImports).values({ orgId: org.id, filename: 'clients.csv', format: 'csv', columns: ['Given name'], createdBy: user.id });
        await recordAudit(tx, { orgId: org.id, actor: { userId: null, ip: null, userAgent: null }, action: 'client.created', objectType: 'client', objectId: client.id });
      });
    }

    for (const table of TENANT_TABLES) {
      const rows = await tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        queryRows<{ org_id: string }>(tx, sql.raw(`select org_id from ${table}`)),
      );
      expect(rows.length, `${table} has rows for org A`).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.org_id)), `${table} leaks another organization`).toEqual(new Set([a.id]));
    }
    const orgs = await tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from organizations`),
    );
    expect(orgs.map((o) => o.id)).toEqual([a.id]);
  });

  it('refuses to write a row into another organization', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        tx.insert(schema.programs).values({ orgId: b.id, name: 'Smuggled' }),
      ),
    ).rejects.toThrow();
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        queryRows(tx, sql`update clients set given_name = 'x' where org_id = ${b.id} returning id`),
      ),
    ).resolves.toEqual([]);
  });

  it('gives tenant requests no access to sessions or password hashes', async () => {
    const a = await createOrg(t);
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) => queryRows(tx, sql`select * from sessions`)),
    ).rejects.toThrow();
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) => queryRows(tx, sql`select password_hash from users`)),
    ).rejects.toThrow();
  });

  it('without an organization set, a tenant transaction sees nothing at all', async () => {
    const a = await createOrg(t);
    await createClientRecord(t, a.id);
    const rows = await tenantTransaction(t.database.db, { orgId: '00000000-0000-0000-0000-00000000abcd', userId: null }, (tx) =>
      queryRows(tx, sql`select id from clients`),
    );
    expect(rows).toEqual([]);
  });
});
