import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, type CaseNotePage, type CaseNoteResponse, todayIn } from '@haven/domain';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = todayIn('America/New_York');

function noteBody(overrides: Record<string, unknown> = {}) {
  return {
    contactOn: addDays(today, -2),
    contactType: 'home_visit',
    meaningful: true,
    interpreter: { language: 'Dari', name: 'Line interpreter 4411' },
    durationMinutes: 45,
    narrative: 'Visited the family at home; reviewed the lease and the school enrollment papers.',
    ...overrides,
  };
}

async function readNote(t: TestApp, noteId: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.caseNotes).where(eq(schema.caseNotes.id, noteId)));
  return row;
}

async function readCase(t: TestApp, caseId: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.cases).where(eq(schema.cases.id, caseId)));
  return row!;
}

async function notesOfCase(t: TestApp, caseId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.caseNotes).where(eq(schema.caseNotes.caseId, caseId)));
}

async function auditOf(t: TestApp, orgId: string, objectId: string) {
  return systemTransaction(t.database.db, (tx) =>
    tx
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, objectId))),
  );
}

/** Carmen, a case manager, with a case of her own opened three weeks ago. */
async function carmenWithCase(t: TestApp, options: { status?: 'open' | 'closed' } = {}) {
  const carmen = await memberSession(t, 'case_manager');
  const { kase, client } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id, openedOn: addDays(today, -21), status: options.status });
  return { ...carmen, kase, client };
}

async function write(session: Session, caseId: string, body: Record<string, unknown>): Promise<CaseNoteResponse> {
  const response = await session.post(`/api/cases/${caseId}/notes`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CaseNoteResponse>();
}

describe('case notes', async () => {
  const t = await createTestApp();

  it('Carmen writes a draft, edits it, signs it; the signed note shows who signed and when', async () => {
    const { session, kase, user, orgId } = await carmenWithCase(t);
    const draft = await write(session, kase.id, noteBody());
    expect(draft).toMatchObject({ status: 'draft', contactType: 'home_visit', interpreter: { language: 'Dari', name: 'Line interpreter 4411' }, signedBy: null, version: 1 });

    const edited = await session.put(`/api/cases/${kase.id}/notes/${draft.id}`, { ...noteBody({ durationMinutes: 60 }), version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<CaseNoteResponse>()).toMatchObject({ durationMinutes: 60, version: 2 });

    const signed = await session.post(`/api/cases/${kase.id}/notes/${draft.id}/sign`, { version: 2 });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<CaseNoteResponse>()).toMatchObject({ status: 'signed', signedBy: { id: user.id, name: user.displayName } });
    expect(signed.json<CaseNoteResponse>().signedAt).not.toBeNull();

    // The audit trail records each step without the client's story.
    const events = await auditOf(t, orgId, draft.id);
    expect(events.map((e) => e.action).sort()).toEqual(['note.created', 'note.signed', 'note.updated']);
    expect(JSON.stringify(events)).not.toContain('lease');
    expect(JSON.stringify(events)).not.toContain('Line interpreter');
  });

  it('a note dated tomorrow (in the organization’s time zone) is refused naming contactOn, and nothing is saved', async () => {
    const { session, kase } = await carmenWithCase(t);
    const response = await session.post(`/api/cases/${kase.id}/notes`, noteBody({ contactOn: addDays(today, 1), sign: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ contactOn: "A note can't be dated in the future" });
    expect(await notesOfCase(t, kase.id)).toEqual([]);

    const beforeOpening = await session.post(`/api/cases/${kase.id}/notes`, noteBody({ contactOn: addDays(today, -30) }));
    expect(beforeOpening.statusCode).toBe(400);
    expect(beforeOpening.json().error.fields).toHaveProperty('contactOn');
    expect(await notesOfCase(t, kase.id)).toEqual([]);
  });

  it('linked goals must be goals of the case’s plans', async () => {
    const { session, kase, orgId, user } = await carmenWithCase(t);
    const goalId = randomUUID();
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.plans).values({
        orgId,
        caseId: kase.id,
        startsOn: addDays(today, -14),
        goals: [{ id: goalId, what: 'Find a job', measure: 'Offer letter', target: 'Full time', dueOn: addDays(today, 60), domain: 'employment', status: 'open', steps: [] }],
        createdBy: user.id,
      }),
    );
    const unknown = await session.post(`/api/cases/${kase.id}/notes`, noteBody({ goalIds: ['not-a-goal'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('goalIds');
    expect(await notesOfCase(t, kase.id)).toEqual([]);

    const linked = await write(session, kase.id, noteBody({ goalIds: [goalId] }));
    expect(linked.goalIds).toEqual([goalId]);
  });

  it('editing or deleting a signed note → 409 and it is unchanged; an addendum is shown with it, oldest first', async () => {
    const { session, kase, orgId } = await carmenWithCase(t);
    const note = await write(session, kase.id, noteBody({ sign: true }));
    const before = await readNote(t, note.id);

    const edit = await session.put(`/api/cases/${kase.id}/notes/${note.id}`, { ...noteBody({ narrative: 'Rewritten after the fact' }), version: note.version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe("A signed note can't be changed; add an addendum instead");
    expect((await session.delete(`/api/cases/${kase.id}/notes/${note.id}`)).statusCode).toBe(409);
    expect(await readNote(t, note.id)).toEqual(before);

    // The database refuses too, whoever asks.
    await expect(
      tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.update(schema.caseNotes).set({ narrative: 'x' }).where(eq(schema.caseNotes.id, note.id))),
    ).rejects.toThrow();

    // Sam, the supervisor, adds a correction; Carmen adds another.
    const sam = await createUser(t, { orgId, role: 'supervisor', name: 'Sam Okafor' });
    const samSession = await login(t, sam.email);
    const first = await samSession.post(`/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: 'The visit lasted 60 minutes, not 45.' });
    expect(first.statusCode, first.body).toBe(201);
    expect((await session.post(`/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: 'The landlord was present.' })).statusCode).toBe(201);

    const list = (await session.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.narrative).toBe(noteBody().narrative);
    expect(list.items[0]!.addenda.map((a) => [a.text, a.author.name])).toEqual([
      ['The visit lasted 60 minutes, not 45.', 'Sam Okafor'],
      ['The landlord was present.', expect.any(String)],
    ]);
  });

  it('an addendum needs a signed note: a draft is edited instead', async () => {
    const { session, kase } = await carmenWithCase(t);
    const draft = await write(session, kase.id, noteBody());
    const response = await session.post(`/api/cases/${kase.id}/notes/${draft.id}/addenda`, { text: 'Too early' });
    expect(response.statusCode).toBe(409);
  });

  it('last meaningful contact follows signed meaningful notes only', async () => {
    const { session, kase } = await carmenWithCase(t);
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBeNull();

    const draft = await write(session, kase.id, noteBody({ contactOn: addDays(today, -5) }));
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBeNull();

    await session.post(`/api/cases/${kase.id}/notes/${draft.id}/sign`, { version: draft.version });
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBe(addDays(today, -5));

    // A later phone call that was not a meaningful interaction does not move it.
    await write(session, kase.id, noteBody({ contactOn: addDays(today, -1), contactType: 'phone', meaningful: false, sign: true }));
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBe(addDays(today, -5));

    // An older meaningful note signed later does not move it back either.
    await write(session, kase.id, noteBody({ contactOn: addDays(today, -10), sign: true }));
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBe(addDays(today, -5));

    await write(session, kase.id, noteBody({ contactOn: today, contactType: 'video', sign: true }));
    expect((await readCase(t, kase.id)).lastMeaningfulContactOn).toBe(today);
  });

  it('a draft is visible only to its author: the supervisor neither sees, edits, signs nor deletes it', async () => {
    const { session, kase, orgId } = await carmenWithCase(t);
    const draft = await write(session, kase.id, noteBody());
    const signed = await write(session, kase.id, noteBody({ contactOn: addDays(today, -3), sign: true }));
    const sam = await login(t, (await createUser(t, { orgId, role: 'supervisor' })).email);

    const seen = (await sam.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>();
    expect(seen.items.map((n) => n.id)).toEqual([signed.id]);
    expect((await sam.put(`/api/cases/${kase.id}/notes/${draft.id}`, { ...noteBody(), version: 1 })).statusCode).toBe(404);
    expect((await sam.post(`/api/cases/${kase.id}/notes/${draft.id}/sign`, { version: 1 })).statusCode).toBe(404);
    expect((await sam.delete(`/api/cases/${kase.id}/notes/${draft.id}`)).statusCode).toBe(404);
    expect((await readNote(t, draft.id))?.status).toBe('draft');

    const mine = (await session.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>();
    expect(mine.items.map((n) => n.id)).toEqual([draft.id, signed.id]);

    expect((await session.delete(`/api/cases/${kase.id}/notes/${draft.id}`)).statusCode).toBe(204);
    expect(await readNote(t, draft.id)).toBeUndefined();
  });

  it('a stale version is told the note changed', async () => {
    const { session, kase } = await carmenWithCase(t);
    const draft = await write(session, kase.id, noteBody());
    expect((await session.put(`/api/cases/${kase.id}/notes/${draft.id}`, { ...noteBody({ durationMinutes: 10 }), version: 1 })).statusCode).toBe(200);
    const stale = await session.put(`/api/cases/${kase.id}/notes/${draft.id}`, { ...noteBody({ durationMinutes: 20 }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields).toHaveProperty('version');
    expect((await readNote(t, draft.id))?.durationMinutes).toBe(10);
  });

  it('the list is newest contact first, bounded, and pages with a cursor', async () => {
    const { session, kase } = await carmenWithCase(t);
    for (const days of [6, 2, 4]) {
      await write(session, kase.id, noteBody({ contactOn: addDays(today, -days), sign: true }));
    }
    const first = (await session.get(`/api/cases/${kase.id}/notes?limit=2`)).json<CaseNotePage>();
    expect(first.items.map((n) => n.contactOn)).toEqual([addDays(today, -2), addDays(today, -4)]);
    const second = (await session.get(`/api/cases/${kase.id}/notes?limit=2&cursor=${first.nextCursor}`)).json<CaseNotePage>();
    expect(second.items.map((n) => n.contactOn)).toEqual([addDays(today, -6)]);
    expect(second.nextCursor).toBeNull();
    expect((await session.get(`/api/cases/${kase.id}/notes?limit=500`)).statusCode).toBe(400);
  });

  it('a closed case refuses new notes and addenda (409) but its notes stay readable', async () => {
    const { session, kase, orgId } = await carmenWithCase(t);
    const note = await write(session, kase.id, noteBody({ sign: true }));
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.update(schema.cases).set({ status: 'closed', closedOn: today }).where(eq(schema.cases.id, kase.id)),
    );
    const refused = await session.post(`/api/cases/${kase.id}/notes`, noteBody());
    expect(refused.statusCode).toBe(409);
    expect((await session.post(`/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: 'Late correction' })).statusCode).toBe(409);
    expect((await notesOfCase(t, kase.id)).length).toBe(1);
    expect((await session.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>().items).toHaveLength(1);

    const closedFromStart = await carmenWithCase(t, { status: 'closed' });
    expect((await closedFromStart.session.post(`/api/cases/${closedFromStart.kase.id}/notes`, noteBody())).statusCode).toBe(409);
  });

  it("Ben, admin at Org B, reaches none of Org A's case: notes, addenda, services, money and documents answer 404 and nothing changes", async () => {
    const { session, kase, orgId } = await carmenWithCase(t);
    const note = await write(session, kase.id, noteBody({ sign: true }));
    const sam = await memberSession(t, 'supervisor', orgId);
    const budget = (await sam.session.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 100_000 })).json<{ items: { id: string }[] }>();
    const payment = await session.post(`/api/cases/${kase.id}/disbursements`, {
      budgetId: budget.items[0]!.id,
      kind: 'rent',
      amountCents: 90_000,
      payee: 'Maple Court',
      paidOn: today,
    });
    expect(payment.json<{ status: string }>().status).toBe('pending_approval');
    const ben = await memberSession(t, 'org_admin');
    const attempts = [
      await ben.session.get(`/api/cases/${kase.id}/notes`),
      await ben.session.post(`/api/cases/${kase.id}/notes`, noteBody()),
      await ben.session.post(`/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: 'Not mine to add' }),
      await ben.session.get(`/api/cases/${kase.id}/services`),
      await ben.session.post(`/api/cases/${kase.id}/services`, { serviceType: 'employment', providedOn: today, units: 1, unitKind: 'session' }),
      await ben.session.get(`/api/cases/${kase.id}/budgets`),
      await ben.session.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 1, version: 1 }),
      await ben.session.get(`/api/cases/${kase.id}/disbursements`),
      await ben.session.post(`/api/cases/${kase.id}/disbursements/${payment.json<{ id: string }>().id}/decision`, { decision: 'approve' }),
      await ben.session.get(`/api/cases/${kase.id}/documents`),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(Array(attempts.length).fill(404));
    const list = (await session.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>();
    expect(list.items.map((n) => [n.id, n.addenda.length])).toEqual([[note.id, 0]]);
    const money = (await session.get(`/api/cases/${kase.id}/budgets`)).json<{ items: { amountCents: number; pendingCents: number }[] }>();
    expect(money.items).toEqual([expect.objectContaining({ amountCents: 100_000, pendingCents: 90_000 })]);
  });

  it("a protected client's notes are only for staff assigned to her: an unassigned supervisor gets 404", async () => {
    const carmen = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, carmen.orgId, { isProtected: true, assignedTo: [carmen.user.id] });
    const { kase } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id, clientId: client.id, openedOn: addDays(today, -21) });
    await write(carmen.session, kase.id, noteBody({ sign: true }));
    const sam = await login(t, (await createUser(t, { orgId: carmen.orgId, role: 'supervisor' })).email);
    expect((await sam.get(`/api/cases/${kase.id}/notes`)).statusCode).toBe(404);
    expect((await sam.get(`/api/cases/${kase.id}/documents`)).statusCode).toBe(404);
    expect((await carmen.session.get(`/api/cases/${kase.id}/notes`)).json<CaseNotePage>().items).toHaveLength(1);
  });

  it("another case manager does not find Carmen's case: 404 for reading and writing", async () => {
    const { kase, orgId } = await carmenWithCase(t);
    const dina = await login(t, (await createUser(t, { orgId, role: 'case_manager' })).email);
    expect((await dina.get(`/api/cases/${kase.id}/notes`)).statusCode).toBe(404);
    expect((await dina.post(`/api/cases/${kase.id}/notes`, noteBody())).statusCode).toBe(404);
    expect(await notesOfCase(t, kase.id)).toEqual([]);
  });
});
