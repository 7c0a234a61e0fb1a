import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { generateCaseTasks } from '../../src/modules/tasks/monitoring.js';
import { createClientRecord, createOrg, createTestApp, createUser, login, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

async function tasksOf(t: TestApp, orgId: string, caseId: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.tasks)
      .where(and(eq(schema.tasks.orgId, orgId), eq(schema.tasks.caseId, caseId)))
      .orderBy(schema.tasks.dueOn),
  );
}

async function outboxTo(t: TestApp, orgId: string, address: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.orgId, orgId), eq(schema.outbox.toAddress, address))),
  );
}

/** A note written straight to the table: signed or draft, meaningful or not. */
async function addNote(t: TestApp, orgId: string, kase: { id: string; clientId: string; primaryCaseManagerId: string }, contactOn: string, options: { signed?: boolean; meaningful?: boolean } = {}) {
  const signed = options.signed ?? true;
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.caseNotes).values({
      orgId,
      caseId: kase.id,
      clientId: kase.clientId,
      contactOn,
      contactType: 'home_visit',
      meaningful: options.meaningful ?? true,
      narrative: 'Visited the family; talked through the job search.',
      status: signed ? 'signed' : 'draft',
      signedBy: signed ? kase.primaryCaseManagerId : null,
      signedAt: signed ? new Date() : null,
      createdBy: kase.primaryCaseManagerId,
    }),
  );
}

describe('the monitoring job', async () => {
  const t = await createTestApp();
  const deps = { database: t.database, mailer: t.app.mailer, config: t.config };

  it('makes the month’s contact task once, and marks it done when a signed meaningful note falls in the month', async () => {
    const org = await createOrg(t);
    const amina = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.id, openedOn: '2026-10-01', caseSettings: { checkpoints: [] } });
    await addNote(t, org.id, kase, '2026-10-15');

    const first = await generateCaseTasks(deps, { today: '2026-11-10', orgIds: [org.id] });
    expect(first).toEqual({ created: 1, completed: 0, escalated: 0 });
    const second = await generateCaseTasks(deps, { today: '2026-11-11', orgIds: [org.id] });
    expect(second).toEqual({ created: 0, completed: 0, escalated: 0 });
    const [task, ...others] = await tasksOf(t, org.id, kase.id);
    expect(others).toEqual([]);
    expect(task).toMatchObject({
      title: 'Meaningful contact for November 2026',
      source: 'contact_rule',
      sourceKey: 'contact:2026-11',
      dueOn: '2026-11-30',
      assignedTo: amina.id,
      status: 'open',
    });

    // Amina sees it in her list, with the case reference.
    const session = await login(t, amina.email);
    const mine = (await session.get('/api/tasks?view=mine&status=open')).json<{ items: { id: string; caseReference: string }[] }>();
    expect(mine.items).toEqual([expect.objectContaining({ id: task!.id, caseReference: kase.reference })]);

    // A draft and a non-meaningful note do not count; a signed meaningful one does.
    await addNote(t, org.id, kase, '2026-11-12', { signed: false });
    await addNote(t, org.id, kase, '2026-11-12', { meaningful: false });
    expect((await generateCaseTasks(deps, { today: '2026-11-12', orgIds: [org.id] })).completed).toBe(0);
    await addNote(t, org.id, kase, '2026-11-13');
    expect((await generateCaseTasks(deps, { today: '2026-11-13', orgIds: [org.id] })).completed).toBe(1);
    expect((await tasksOf(t, org.id, kase.id)).map((x) => [x.sourceKey, x.status])).toEqual([['contact:2026-11', 'done']]);
    expect((await session.get('/api/tasks?view=mine&status=open')).json().items).toEqual([]);

    // December: a new month, a new task.
    await generateCaseTasks(deps, { today: '2026-12-01', orgIds: [org.id] });
    expect((await tasksOf(t, org.id, kase.id)).map((x) => [x.sourceKey, x.status, x.dueOn])).toEqual([
      ['contact:2026-11', 'done', '2026-11-30'],
      ['contact:2026-12', 'open', '2026-12-31'],
    ]);
  });

  it('counts every meaningful contact, two on one day too, against a rule of two a month', async () => {
    const org = await createOrg(t);
    const amina = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.id, openedOn: '2026-10-01', caseSettings: { checkpoints: [], contactRule: { minimum: 2, period: 'calendar_month' } } });
    await addNote(t, org.id, kase, '2026-11-05');
    expect((await generateCaseTasks(deps, { today: '2026-11-06', orgIds: [org.id] })).created).toBeGreaterThan(0);
    expect((await tasksOf(t, org.id, kase.id)).find((x) => x.sourceKey === 'contact:2026-11')?.status).toBe('open');
    await addNote(t, org.id, kase, '2026-11-05');
    await generateCaseTasks(deps, { today: '2026-11-06', orgIds: [org.id] });
    expect((await tasksOf(t, org.id, kase.id)).find((x) => x.sourceKey === 'contact:2026-11')?.status).toBe('done');
  });

  it('signing a meaningful note closes the month’s contact task at once, without waiting for the job', async () => {
    const org = await createOrg(t);
    const amina = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const today = todayIn('America/New_York');
    const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.id, openedOn: addDays(today, -60), caseSettings: { checkpoints: [] } });
    await generateCaseTasks(deps, { today, orgIds: [org.id] });
    const contactKey = `contact:${today.slice(0, 7)}`;
    expect((await tasksOf(t, org.id, kase.id)).map((x) => [x.sourceKey, x.status])).toEqual([[contactKey, 'open']]);

    const session = await login(t, amina.email);
    const note = (meaningful: boolean) =>
      session.post(`/api/cases/${kase.id}/notes`, { contactOn: today, contactType: 'phone', meaningful, narrative: 'Called about the job fair.', sign: true });
    expect((await note(false)).statusCode).toBe(201);
    expect((await tasksOf(t, org.id, kase.id)).map((x) => x.status)).toEqual(['open']);
    expect((await note(true)).statusCode).toBe(201);
    expect((await tasksOf(t, org.id, kase.id)).map((x) => [x.sourceKey, x.status])).toEqual([[contactKey, 'done']]);
    expect((await session.get('/api/tasks?view=mine&status=open')).json().items).toEqual([]);
  });

  it('tells the supervisor once when the previous month was missed: one task and one email, however often it runs; every supervisor when the case has none, unless the client is protected', async () => {
    const org = await createOrg(t);
    const amina = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const sofia = await createUser(t, { orgId: org.id, role: 'supervisor' });
    const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.id, supervisorId: sofia.id, openedOn: '2026-09-01', caseSettings: { checkpoints: [] } });
    // A case nobody supervises: every supervisor hears of it (here Sofia); a protected client's: no one else.
    const unsupervised = await createCaseRecord(t, org.id, { caseManagerId: amina.id, openedOn: '2026-09-01', caseSettings: { checkpoints: [] } });
    const survivor = await createClientRecord(t, org.id, { isProtected: true, assignedTo: [amina.id] });
    const hidden = await createCaseRecord(t, org.id, { caseManagerId: amina.id, openedOn: '2026-09-01', caseSettings: { checkpoints: [] }, clientId: survivor.id });

    const first = await generateCaseTasks(deps, { today: '2026-11-03', orgIds: [org.id] });
    expect(first.escalated).toBe(2);
    await generateCaseTasks(deps, { today: '2026-11-03', orgIds: [org.id] });
    await generateCaseTasks(deps, { today: '2026-11-20', orgIds: [org.id] });

    const escalations = (await tasksOf(t, org.id, kase.id)).filter((x) => x.sourceKey?.startsWith('overdue:'));
    expect(escalations).toEqual([
      expect.objectContaining({ sourceKey: 'overdue:2026-10', assignedTo: sofia.id, dueOn: '2026-11-03', status: 'open', title: `Contact overdue on ${kase.reference}: no meaningful contact in October 2026` }),
    ]);
    const mail = await outboxTo(t, org.id, sofia.email);
    expect(mail.map((m) => m.subject).sort()).toEqual([`Contact overdue on case ${kase.reference}`, `Contact overdue on case ${unsupervised.kase.reference}`].sort());
    expect(mail[0]!.body).toContain('October 2026');
    expect((await tasksOf(t, org.id, unsupervised.kase.id)).filter((x) => x.sourceKey?.startsWith('overdue:')).map((x) => [x.sourceKey, x.assignedTo])).toEqual([
      [`overdue:2026-10:${sofia.id}`, sofia.id],
    ]);
    expect((await tasksOf(t, org.id, hidden.kase.id)).filter((x) => x.sourceKey?.startsWith('overdue:'))).toEqual([]);

    // Sofia finds them among her tasks.
    const session = await login(t, sofia.email);
    const hers = (await session.get('/api/tasks')).json<{ items: { sourceKey: string }[] }>();
    expect(hers.items.map((x) => x.sourceKey).sort()).toEqual(['overdue:2026-10', `overdue:2026-10:${sofia.id}`].sort());
  });

  it('makes checkpoint tasks 30 days ahead of 90/180/240 days after arrival, and from the opening day when the program says so', async () => {
    const org = await createOrg(t);
    const amina = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const { kase, client } = await createCaseRecord(t, org.id, {
      caseManagerId: amina.id,
      openedOn: '2026-03-01',
      caseSettings: {
        checkpoints: [
          { days: 90, from: 'eligibility', title: 'Employment status at 90 days' },
          { days: 180, from: 'eligibility', title: 'Employment status at 180 days' },
          { days: 240, from: 'eligibility', title: 'Employment status at 240 days' },
          { days: 30, from: 'case_opened', title: 'First month review' },
          // 10 days after arrival is before the case opened: never this case's work.
          { days: 10, from: 'eligibility', title: 'Airport follow-up' },
        ],
      },
    });
    await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, (tx) =>
      tx.update(schema.clients).set({ firstArrivalDate: '2026-02-15' }).where(and(eq(schema.clients.orgId, org.id), eq(schema.clients.id, client.id))),
    );
    const checkpoints = async () =>
      (await tasksOf(t, org.id, kase.id)).filter((x) => x.source === 'checkpoint').map((x) => [x.sourceKey, x.dueOn, x.title]);

    await generateCaseTasks(deps, { today: '2026-05-01', orgIds: [org.id] });
    expect(await checkpoints()).toEqual([
      ['checkpoint:30:case_opened', '2026-03-31', 'First month review'],
      ['checkpoint:90:eligibility', '2026-05-16', 'Employment status at 90 days'],
    ]);
    await generateCaseTasks(deps, { today: '2026-07-14', orgIds: [org.id] });
    expect(await checkpoints()).toHaveLength(2);
    await generateCaseTasks(deps, { today: '2026-07-15', orgIds: [org.id] });
    await generateCaseTasks(deps, { today: '2026-09-13', orgIds: [org.id] });
    await generateCaseTasks(deps, { today: '2026-09-14', orgIds: [org.id] });
    expect(await checkpoints()).toEqual([
      ['checkpoint:30:case_opened', '2026-03-31', 'First month review'],
      ['checkpoint:90:eligibility', '2026-05-16', 'Employment status at 90 days'],
      ['checkpoint:180:eligibility', '2026-08-14', 'Employment status at 180 days'],
      ['checkpoint:240:eligibility', '2026-10-13', 'Employment status at 240 days'],
    ]);
  });

  it('leaves closed cases alone', async () => {
    const org = await createOrg(t);
    const { kase } = await createCaseRecord(t, org.id, { status: 'closed', openedOn: '2026-01-05' });
    expect(await generateCaseTasks(deps, { today: '2026-11-10', orgIds: [org.id] })).toEqual({ created: 0, completed: 0, escalated: 0 });
    expect(await tasksOf(t, org.id, kase.id)).toEqual([]);
  });
});
