import { and, eq } from 'drizzle-orm';
import { addDays, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = () => todayIn('America/New_York');

describe('risk flags', async () => {
  const t = await createTestApp();

  async function team() {
    const amina = await memberSession(t, 'case_manager');
    const sofia = await memberSession(t, 'supervisor', amina.orgId);
    await systemTransaction(t.database.db, (tx) => tx.update(schema.users).set({ locale: 'ar' }).where(eq(schema.users.id, sofia.user.id)));
    const { kase } = await createCaseRecord(t, amina.orgId, { caseManagerId: amina.user.id, supervisorId: sofia.user.id });
    return { orgId: amina.orgId, amina, sofia, kase };
  }

  it('a child-abuse flag tells the supervisor at once and stays open until the safety plan and the mandatory report are recorded', async () => {
    const { orgId, amina, sofia, kase } = await team();
    const description = 'The nine-year-old said she is left alone for days';
    const raised = await amina.session.post(`/api/cases/${kase.id}/risk-flags`, { kind: 'child_abuse_neglect', raisedOn: today(), description });
    expect(raised.statusCode).toBe(201);
    const flag = raised.json<{ id: string }>();
    expect(raised.json()).toMatchObject({ kind: 'child_abuse_neglect', status: 'open', required: ['safetyPlan', 'mandatoryReport'], version: 1, raisedBy: { id: amina.user.id } });

    // Sofia has a task due today and an email in Arabic, naming the case by reference only.
    const hers = (await sofia.session.get('/api/tasks?due=today')).json<{ items: unknown[] }>();
    expect(hers.items).toEqual([
      expect.objectContaining({ source: 'risk_flag', title: `Risk flag raised on ${kase.reference}`, caseId: kase.id, assignedTo: { id: sofia.user.id, name: sofia.user.displayName } }),
    ]);
    const mail = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.orgId, orgId), eq(schema.outbox.toAddress, sofia.user.email))),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`إشارة خطر على الحالة ${kase.reference}`);
    expect(mail[0]!.body).not.toContain(description);

    // The case's chronology and the audit trail record it, without the description.
    const [event] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .select()
        .from(schema.caseEvents)
        .where(and(eq(schema.caseEvents.orgId, orgId), eq(schema.caseEvents.caseId, kase.id))),
    );
    expect(event).toMatchObject({ kind: 'risk_flag_raised', actorId: amina.user.id, data: { flagId: flag.id, kind: 'child_abuse_neglect' } });
    const audit = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'risk_flag.raised'))),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('left alone');

    const url = `/api/cases/${kase.id}/risk-flags/${flag.id}`;
    const early = await amina.session.post(`${url}/resolve`, { note: 'Seems fine now' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields).toEqual({
      safetyPlan: 'Record the safety plan before resolving this flag',
      mandatoryReport: 'Record the mandatory report before resolving this flag',
    });

    const planned = await amina.session.put(url, { version: 1, safetyPlan: { summary: 'Aunt stays with the children after school', recordedOn: today() } });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ required: ['mandatoryReport'], version: 2, safetyPlan: { recordedBy: { id: amina.user.id } } });
    const stillEarly = await amina.session.post(`${url}/resolve`, { note: 'Seems fine now' });
    expect(stillEarly.statusCode).toBe(400);
    expect(stillEarly.json().error.fields).toEqual({ mandatoryReport: 'Record the mandatory report before resolving this flag' });

    const stale = await amina.session.put(url, { version: 1, mandatoryReport: { reportedBy: 'Amina', reportedOn: today(), agency: 'County CPS', reference: 'CPS-1' } });
    expect(stale.statusCode).toBe(409);
    const reported = await amina.session.put(url, {
      version: 2,
      mandatoryReport: { reportedBy: 'Amina Haddad', reportedOn: today(), agency: 'County child protective services', reference: 'CPS-2026-0118' },
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().required).toEqual([]);

    const resolved = await amina.session.post(`${url}/resolve`, { note: 'CPS visited; the family has after-school care now' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: { id: amina.user.id }, required: [] });
    expect((await amina.session.post(`${url}/resolve`, { note: 'Again' })).statusCode).toBe(409);

    const list = (await sofia.session.get(`/api/cases/${kase.id}/risk-flags`)).json<{ items: unknown[] }>();
    expect(list.items).toEqual([expect.objectContaining({ id: flag.id, status: 'resolved', mandatoryReport: expect.objectContaining({ agency: 'County child protective services' }) })]);
  });

  it('a case without a supervisor alerts every supervisor at once; a protected client\'s flag reaches only assigned staff', async () => {
    const amina = await memberSession(t, 'case_manager');
    const sofia = await memberSession(t, 'supervisor', amina.orgId);
    const omar = await memberSession(t, 'supervisor', amina.orgId);
    const { kase } = await createCaseRecord(t, amina.orgId, { caseManagerId: amina.user.id });
    const raised = await amina.session.post(`/api/cases/${kase.id}/risk-flags`, { kind: 'suicidal_ideation', raisedOn: today(), description: 'Said he sees no way forward' });
    expect(raised.statusCode, raised.body).toBe(201);
    for (const supervisor of [sofia, omar]) {
      const tasks = (await supervisor.session.get('/api/tasks?due=today')).json<{ items: { title: string }[] }>();
      expect(tasks.items.map((task) => task.title)).toEqual([`Risk flag raised on ${kase.reference}`]);
    }
    const mailTo = async () =>
      (
        await tenantTransaction(t.database.db, { orgId: amina.orgId, userId: null }, (tx) =>
          tx.select({ to: schema.outbox.toAddress }).from(schema.outbox).where(eq(schema.outbox.orgId, amina.orgId)),
        )
      ).map((row) => row.to);
    expect((await mailTo()).sort()).toEqual([sofia.user.email, omar.user.email].sort());

    const survivor = await createClientRecord(t, amina.orgId, { isProtected: true, assignedTo: [amina.user.id] });
    const hidden = await createCaseRecord(t, amina.orgId, { caseManagerId: amina.user.id, clientId: survivor.id });
    const quiet = await amina.session.post(`/api/cases/${hidden.kase.id}/risk-flags`, { kind: 'family_violence', raisedOn: today(), description: 'Partner threatened her' });
    expect(quiet.statusCode, quiet.body).toBe(201);
    // Even the case's own supervisor hears of it only when assigned to the protected client.
    const supervised = await createCaseRecord(t, amina.orgId, { caseManagerId: amina.user.id, supervisorId: sofia.user.id, clientId: survivor.id });
    const alsoQuiet = await amina.session.post(`/api/cases/${supervised.kase.id}/risk-flags`, { kind: 'family_violence', raisedOn: today(), description: 'Partner threatened her' });
    expect(alsoQuiet.statusCode, alsoQuiet.body).toBe(201);
    expect(await mailTo()).toHaveLength(2);
  });

  it('family violence needs only the safety plan', async () => {
    const { amina, kase } = await team();
    const flag = (await amina.session.post(`/api/cases/${kase.id}/risk-flags`, { kind: 'family_violence', raisedOn: today(), description: 'Partner threatened her' })).json<{
      id: string;
      required: string[];
    }>();
    expect(flag.required).toEqual(['safetyPlan']);
    const url = `/api/cases/${kase.id}/risk-flags/${flag.id}`;
    expect((await amina.session.post(`${url}/resolve`, { note: 'Moved' })).json().error.fields).toEqual({ safetyPlan: 'Record the safety plan before resolving this flag' });
    await amina.session.put(url, { version: 1, safetyPlan: { summary: 'Shelter hotline; code word with her sister', recordedOn: today() } });
    expect((await amina.session.post(`${url}/resolve`, { note: 'Moved to a shelter' })).statusCode).toBe(200);
  });

  it('refuses a future date, another case manager, and a closed case', async () => {
    const { orgId, amina, kase } = await team();
    const future = await amina.session.post(`/api/cases/${kase.id}/risk-flags`, { kind: 'suicidal_ideation', raisedOn: addDays(today(), 3), description: 'x' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('raisedOn');

    const ben = await memberSession(t, 'case_manager', orgId);
    expect((await ben.session.get(`/api/cases/${kase.id}/risk-flags`)).statusCode).toBe(404);
    expect((await ben.session.post(`/api/cases/${kase.id}/risk-flags`, { kind: 'suicidal_ideation', raisedOn: today(), description: 'x' })).statusCode).toBe(404);

    const closed = await createCaseRecord(t, orgId, { caseManagerId: amina.user.id, status: 'closed' });
    const refused = await amina.session.post(`/api/cases/${closed.kase.id}/risk-flags`, { kind: 'suicidal_ideation', raisedOn: today(), description: 'Said so at the exit interview' });
    expect(refused.statusCode).toBe(409);
    const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.select().from(schema.riskFlags).where(eq(schema.riskFlags.orgId, orgId)));
    expect(rows).toEqual([]);
  });
});
