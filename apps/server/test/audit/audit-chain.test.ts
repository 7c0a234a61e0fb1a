import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.js';
import { queryRows, schema, systemTransaction } from '../../src/platform/db/index.js';
import { verifyAllAuditChains } from '../../src/ops/audit-verify.js';
import { createOrg, createTestApp, createUser, login } from '../support/app.js';

describe('the audit log', async () => {
  const t = await createTestApp();

  async function orgWithHistory() {
    const org = await createOrg(t);
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    for (const name of ['Reception', 'Employment', 'Legal']) {
      expect((await admin.post('/api/programs', { name })).statusCode).toBe(201);
    }
    return { org, admin };
  }

  it('records who changed what, with before and after, and sign-ins good and bad', async () => {
    const { org, admin } = await orgWithHistory();
    const program = (await admin.get('/api/programs')).json().items[0];
    await admin.patch(`/api/programs/${program.id}`, { name: 'Renamed program' });
    await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: admin.body.user && (admin.body.user as { email: string }).email, password: 'wrong password' } });

    const page = (await admin.get(`/api/audit-events?objectType=program&objectId=${program.id}`)).json();
    const update = page.items.find((e: { action: string }) => e.action === 'program.updated');
    expect(update.before.name).toBe(program.name);
    expect(update.after.name).toBe('Renamed program');
    expect(update.actorEmail).toBe((admin.body.user as { email: string }).email);

    const logins = (await admin.get('/api/audit-events?action=session.login')).json();
    expect(logins.items.length).toBeGreaterThan(0);
    const failures = (await admin.get('/api/audit-events?action=session.login_failed')).json();
    expect(failures.items[0].after.reason).toBe('wrong_password');
    expect((await verifyAuditChain(t.database.db, org.id)).firstBreak).toBeNull();
  });

  it('filters by date and pages with a cursor, and exports CSV', async () => {
    const { admin } = await orgWithHistory();
    const first = (await admin.get('/api/audit-events?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await admin.get(`/api/audit-events?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].seq).toBeLessThan(first.items[1].seq);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit-events?from=${tomorrow}`)).json().items).toEqual([]);
    const badRange = await admin.get(`/api/audit-events?from=${tomorrow}&to=2020-01-01`);
    expect(badRange.statusCode).toBe(400);
    expect(badRange.json().error.fields).toHaveProperty('from');

    const csv = await admin.get('/api/audit-events/export.csv?action=program.created');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actorEmail,actorUserId,action,objectType,objectId,before,after,ip,userAgent');
    expect(lines).toHaveLength(4);
    expect((await admin.get('/api/audit-events?action=audit.exported')).json().items).toHaveLength(1);
  });

  it('is append-only: the database refuses to change or delete an event', async () => {
    const { org } = await orgWithHistory();
    await expect(
      systemTransaction(t.database.db, (tx) => tx.update(schema.auditEvents).set({ action: 'x' }).where(eq(schema.auditEvents.orgId, org.id))),
    ).rejects.toThrow();
    await expect(
      systemTransaction(t.database.db, (tx) => tx.delete(schema.auditEvents).where(eq(schema.auditEvents.orgId, org.id))),
    ).rejects.toThrow();
  });

  it('audit verify reports the first broken link when someone with database access alters or removes a row', async () => {
    const { org } = await orgWithHistory();
    const clean = await verifyAllAuditChains(t.database.db);
    expect(clean.chains.find((c) => c.orgId === org.id)?.firstBreak).toBeNull();
    const events = (await verifyAuditChain(t.database.db, org.id)).events;
    expect(events).toBeGreaterThanOrEqual(4);

    // An attacker with owner rights disables the guard and rewrites event #2.
    await systemTransaction(t.database.db, async (tx) => {
      await queryRows(tx, sql`alter table audit_events disable trigger audit_events_no_change`);
      await tx
        .update(schema.auditEvents)
        .set({ after: { name: 'Something else' } })
        .where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.seq, 2)));
      await queryRows(tx, sql`alter table audit_events enable trigger audit_events_no_change`);
    });
    const altered = await verifyAllAuditChains(t.database.db);
    expect(altered.ok).toBe(false);
    expect(altered.chains.find((c) => c.orgId === org.id)?.firstBreak).toMatchObject({ seq: 2, reason: 'event content was altered' });
  });

  it('notices rows removed from the middle and from the end', async () => {
    const { org } = await orgWithHistory();
    const total = (await verifyAuditChain(t.database.db, org.id)).events;
    const remove = (seq: number) =>
      systemTransaction(t.database.db, async (tx) => {
        await queryRows(tx, sql`alter table audit_events disable trigger audit_events_no_change`);
        await tx.delete(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.seq, seq)));
        await queryRows(tx, sql`alter table audit_events enable trigger audit_events_no_change`);
      });
    await remove(total);
    expect((await verifyAuditChain(t.database.db, org.id)).firstBreak).toMatchObject({ seq: total });
    await remove(2);
    expect((await verifyAuditChain(t.database.db, org.id)).firstBreak).toMatchObject({ seq: 2, reason: 'event 2 is missing' });
  });
});
