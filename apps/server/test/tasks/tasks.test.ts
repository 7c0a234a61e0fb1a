import { and, eq } from 'drizzle-orm';
import { addDays, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createTestApp, createUser, login, memberSession, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = () => todayIn('America/New_York');

async function taskRow(t: TestApp, orgId: string, id: string) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.tasks)
      .where(and(eq(schema.tasks.orgId, orgId), eq(schema.tasks.id, id))),
  );
  return row!;
}

describe('tasks', async () => {
  const t = await createTestApp();

  async function team() {
    const amina = await memberSession(t, 'case_manager');
    const orgId = amina.orgId;
    const ben = await memberSession(t, 'case_manager', orgId);
    const sofia = await memberSession(t, 'supervisor', orgId);
    const { kase } = await createCaseRecord(t, orgId, { caseManagerId: amina.user.id, supervisorId: sofia.user.id });
    return { orgId, amina, ben, sofia, kase };
  }

  it('Amina makes a task on her case; another case manager can neither see nor change it', async () => {
    const { orgId, amina, ben, kase } = await team();
    const created = await amina.session.post('/api/tasks', { title: 'Bring the lease to the housing clinic', dueOn: addDays(today(), 2), caseId: kase.id });
    expect(created.statusCode).toBe(201);
    const task = created.json<{ id: string; version: number }>();
    expect(created.json()).toMatchObject({
      caseId: kase.id,
      caseReference: kase.reference,
      assignedTo: { id: amina.user.id },
      assignedBy: { id: amina.user.id },
      source: 'manual',
      status: 'open',
      version: 1,
    });
    const personal = (await amina.session.post('/api/tasks', { title: 'Renew my interpreter certificate', dueOn: addDays(today(), 20) })).json<{ id: string }>();

    expect((await ben.session.get('/api/tasks')).json().items).toEqual([]);
    expect((await ben.session.get(`/api/tasks?caseId=${kase.id}`)).statusCode).toBe(404);
    for (const id of [task.id, personal.id]) {
      const attempt = await ben.session.patch(`/api/tasks/${id}`, { status: 'done', version: 1 });
      expect(attempt.statusCode).toBe(404);
      expect((await taskRow(t, orgId, id)).status).toBe('open');
    }
    // A task Ben makes on Amina's case: he cannot work it.
    expect((await ben.session.post('/api/tasks', { title: 'Look at this case', dueOn: today(), caseId: kase.id })).statusCode).toBe(404);

    const mine = (await amina.session.get('/api/tasks?view=mine&status=open')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((x) => x.id)).toEqual([task.id, personal.id]);
    const ofCase = (await amina.session.get(`/api/tasks?caseId=${kase.id}`)).json<{ items: { id: string }[] }>();
    expect(ofCase.items.map((x) => x.id)).toEqual([task.id]);

    const done = await amina.session.patch(`/api/tasks/${task.id}`, { status: 'done', version: 1 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    expect(done.json().completedAt).toEqual(expect.any(String));
    const stale = await amina.session.patch(`/api/tasks/${task.id}`, { status: 'open', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await taskRow(t, orgId, task.id)).status).toBe('done');
  });

  it('refuses a due date in the past and an assignee who cannot work cases or cannot see the case, naming the field', async () => {
    const { orgId, amina, ben, sofia, kase } = await team();
    const volunteer = await createUser(t, { orgId, role: 'volunteer' });
    const past = await amina.session.post('/api/tasks', { title: 'Call the landlord', dueOn: addDays(today(), -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual({ dueOn: 'The due date is in the past' });
    const toVolunteer = await amina.session.post('/api/tasks', { title: 'Call the landlord', dueOn: today(), assignedTo: volunteer.id });
    expect(toVolunteer.statusCode).toBe(400);
    expect(toVolunteer.json().error.fields).toEqual({ assignedTo: 'Choose an active member who works or supervises cases' });
    const toBen = await amina.session.post('/api/tasks', { title: 'Cover my home visit', dueOn: today(), assignedTo: ben.user.id, caseId: kase.id });
    expect(toBen.statusCode).toBe(400);
    expect(toBen.json().error.fields).toEqual({ assignedTo: 'This person cannot see this case' });
    const count = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.select().from(schema.tasks).where(eq(schema.tasks.orgId, orgId)));
    expect(count).toEqual([]);

    // To the case's supervisor: fine, and it shows in "assigned by me".
    const toSofia = await amina.session.post('/api/tasks', { title: 'Approve the rent assistance', dueOn: addDays(today(), 1), assignedTo: sofia.user.id, caseId: kase.id });
    expect(toSofia.statusCode).toBe(201);
    expect((await amina.session.get('/api/tasks?view=assigned_by_me')).json().items).toEqual([expect.objectContaining({ id: toSofia.json().id })]);
    expect((await amina.session.get('/api/tasks?view=mine')).json().items).toEqual([]);
    expect((await sofia.session.get('/api/tasks?due=week')).json().items).toEqual([expect.objectContaining({ id: toSofia.json().id, assignedBy: { id: amina.user.id, name: amina.user.displayName } })]);

    const assignees = (await amina.session.get('/api/tasks/assignees')).json<{ items: { id: string }[] }>().items.map((x) => x.id);
    expect(assignees).toEqual(expect.arrayContaining([amina.user.id, ben.user.id, sofia.user.id]));
    expect(assignees).not.toContain(volunteer.id);
  });

  it('a supervisor may change a task on a case they supervise; a case manager may not change the supervisor’s own task (403)', async () => {
    const { orgId, amina, sofia, kase } = await team();
    const aminas = (await amina.session.post('/api/tasks', { title: 'Enroll the children in school', dueOn: addDays(today(), 3), caseId: kase.id })).json<{ id: string }>();
    const moved = await sofia.session.patch(`/api/tasks/${aminas.id}`, { dueOn: addDays(today(), 5), version: 1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().dueOn).toBe(addDays(today(), 5));

    const sofias = (await sofia.session.post('/api/tasks', { title: 'Review the file before the audit', dueOn: addDays(today(), 3), caseId: kase.id })).json<{ id: string }>();
    const attempt = await amina.session.patch(`/api/tasks/${sofias.id}`, { status: 'cancelled', version: 1 });
    expect(attempt.statusCode).toBe(403);
    expect((await taskRow(t, orgId, sofias.id)).status).toBe('open');
  });

  it('pages through tasks by due date with a cursor, and filters overdue / today / this week', async () => {
    const { orgId, amina } = await team();
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.tasks).values(
        [-3, 0, 2, 10].map((offset) => ({ orgId, title: `Due ${offset}`, dueOn: addDays(today(), offset), assignedTo: amina.user.id, source: 'manual' as const })),
      ),
    );
    const titles = async (query: string) => (await amina.session.get(`/api/tasks?${query}`)).json<{ items: { title: string }[] }>().items.map((x) => x.title);
    expect(await titles('due=overdue')).toEqual(['Due -3']);
    expect(await titles('due=today')).toEqual(['Due 0']);
    expect(await titles('due=week')).toEqual(['Due 0', 'Due 2']);
    const first = (await amina.session.get('/api/tasks?limit=3')).json<{ items: { title: string }[]; nextCursor: string }>();
    expect(first.items.map((x) => x.title)).toEqual(['Due -3', 'Due 0', 'Due 2']);
    const second = (await amina.session.get(`/api/tasks?limit=3&cursor=${first.nextCursor}`)).json<{ items: { title: string }[]; nextCursor: null }>();
    expect(second).toEqual({ items: [expect.objectContaining({ title: 'Due 10' })], nextCursor: null });
    const bad = await amina.session.get('/api/tasks?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('cursor');
  });

  it('a closed case takes no new task (409)', async () => {
    const amina = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, amina.orgId, { caseManagerId: amina.user.id, status: 'closed' });
    const refused = await amina.session.post('/api/tasks', { title: 'One more call', dueOn: today(), caseId: kase.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
  });

  it('each member turns the daily digest off and on for themselves', async () => {
    const amina = await memberSession(t, 'case_manager');
    expect((await amina.session.get('/api/account/task-digest')).json()).toEqual({ enabled: true });
    expect((await amina.session.put('/api/account/task-digest', { enabled: false })).json()).toEqual({ enabled: false });
    expect((await amina.session.get('/api/account/task-digest')).json()).toEqual({ enabled: false });
    const volunteer = await createUser(t, { orgId: amina.orgId, role: 'volunteer' });
    const theirs = await login(t, volunteer.email);
    expect((await theirs.get('/api/account/task-digest')).json()).toEqual({ enabled: true });
  });
});
