import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, type CaseListItem, type CaseResponse, type CaseTimelineEntry, CLOSING_CHECKLIST, todayIn } from '@haven/domain';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser, login, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';
import { createEnrollmentRecord, createHouseholdRecord } from '../support/matrix.js';

const allDone = Object.fromEntries(CLOSING_CHECKLIST.map((key) => [key, true]));

async function team(t: TestApp) {
  const org = await createOrg(t);
  const today = todayIn(org.timeZone);
  const person = async (role: 'case_manager' | 'supervisor' | 'volunteer' | 'program_director', name: string) => {
    const user = await createUser(t, { orgId: org.id, role, name });
    return { user, session: await login(t, user.email) };
  };
  return {
    org,
    today,
    amina: await person('case_manager', 'Amina Case Manager'),
    omar: await person('case_manager', 'Omar Case Manager'),
    sara: await person('supervisor', 'Sara Supervisor'),
    lena: await person('supervisor', 'Lena Supervisor'),
    vic: await person('volunteer', 'Vic Volunteer'),
  };
}

async function caseOf(session: Session, id: string): Promise<CaseResponse> {
  const response = await session.get(`/api/cases/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseResponse>();
}

async function caseload(session: Session, query = ''): Promise<CaseListItem[]> {
  const response = await session.get(`/api/cases${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: CaseListItem[] }>().items;
}

function fieldsOf(response: { json: <T>() => T }) {
  return response.json<{ error: { fields?: Record<string, string> } }>().error.fields ?? {};
}

async function insertAssessment(t: TestApp, orgId: string, kase: { id: string; clientId: string }, userId: string) {
  await tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [instrument] = await tx
      .insert(schema.assessmentInstruments)
      .values({ orgId, familyId: crypto.randomUUID(), name: 'Self-sufficiency', domains: [{ key: 'housing', label: 'Housing' }], createdBy: userId })
      .returning();
    await tx.insert(schema.assessments).values({ orgId, caseId: kase.id, clientId: kase.clientId, instrumentId: instrument!.id, assessedOn: '2026-01-10', scores: [{ domain: 'housing', score: 2 }], createdBy: userId });
  });
}

async function readCaseRow(t: TestApp, id: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.cases).where(eq(schema.cases.id, id)));
  return row!;
}

describe('cases', async () => {
  const t = await createTestApp();

  describe('opening a case', () => {
    it('Amina opens a case from an active enrollment: sequential reference, engagement, opened today, in her caseload', async () => {
      const { org, today, amina, sara } = await team(t);
      const first = await createEnrollmentRecord(t, org.id);
      const second = await createEnrollmentRecord(t, org.id);
      const a = await amina.session.post('/api/cases', { enrollmentId: first.enrollment.id, supervisorId: sara.user.id });
      expect(a.statusCode, a.body).toBe(201);
      const b = await amina.session.post('/api/cases', { enrollmentId: second.enrollment.id });
      expect(b.statusCode, b.body).toBe(201);
      const year = today.slice(0, 4);
      expect(a.json<CaseResponse>()).toMatchObject({
        reference: `C-${year}-0001`,
        stage: 'engagement',
        status: 'open',
        openedOn: today,
        primaryCaseManager: { id: amina.user.id, name: 'Amina Case Manager' },
        supervisor: { id: sara.user.id },
        allowedMoves: ['assessment'],
      });
      expect(b.json<CaseResponse>().reference).toBe(`C-${year}-0002`);
      expect((await caseload(amina.session)).map((c) => c.reference).sort()).toEqual([`C-${year}-0001`, `C-${year}-0002`]);

      const timeline = (await amina.session.get(`/api/cases/${a.json<CaseResponse>().id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items;
      expect(timeline.map((e) => e.kind)).toEqual(['opened']);
    });

    it('refuses a second case for one enrollment (409), an exited or unknown enrollment, a future date, another family\'s household and a volunteer as case manager (400 naming the field)', async () => {
      const { org, today, amina, vic } = await team(t);
      const { enrollment } = await createEnrollmentRecord(t, org.id);
      expect((await amina.session.post('/api/cases', { enrollmentId: enrollment.id })).statusCode).toBe(201);
      const again = await amina.session.post('/api/cases', { enrollmentId: enrollment.id });
      expect(again.statusCode).toBe(409);
      expect(fieldsOf(again)).toHaveProperty('enrollmentId');

      const fresh = await createEnrollmentRecord(t, org.id);
      const future = await amina.session.post('/api/cases', { enrollmentId: fresh.enrollment.id, openedOn: addDays(today, 1) });
      expect(future.statusCode).toBe(400);
      expect(fieldsOf(future)).toHaveProperty('openedOn');
      const volunteer = await amina.session.post('/api/cases', { enrollmentId: fresh.enrollment.id, primaryCaseManagerId: vic.user.id });
      expect(volunteer.statusCode).toBe(400);
      expect(fieldsOf(volunteer)).toHaveProperty('primaryCaseManagerId');
      const strangers = await createHouseholdRecord(t, org.id);
      const household = await amina.session.post('/api/cases', { enrollmentId: fresh.enrollment.id, householdId: strangers.household.id });
      expect(household.statusCode).toBe(400);
      expect(fieldsOf(household)).toEqual({ householdId: 'Choose a household this client belongs to' });
      const unknown = await amina.session.post('/api/cases', { enrollmentId: crypto.randomUUID() });
      expect(unknown.statusCode).toBe(400);
      expect(fieldsOf(unknown)).toHaveProperty('enrollmentId');

      await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, (tx) =>
        tx.update(schema.enrollments).set({ status: 'exited', exitedOn: today }).where(eq(schema.enrollments.id, fresh.enrollment.id)),
      );
      const exited = await amina.session.post('/api/cases', { enrollmentId: fresh.enrollment.id });
      expect(exited.statusCode).toBe(400);
      expect(fieldsOf(exited)).toHaveProperty('enrollmentId');
      expect(await caseload(amina.session)).toHaveLength(1);
    });
  });

  describe('the caseload', () => {
    it('shows days since the last meaningful contact, the earliest open task and whether contact is due', async () => {
      const { org, today, amina } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, openedOn: addDays(today, -40) });
      const contacted = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, openedOn: addDays(today, -90) });
      await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, async (tx) => {
        await tx.update(schema.cases).set({ lastMeaningfulContactOn: today }).where(eq(schema.cases.id, contacted.kase.id));
        await tx.insert(schema.tasks).values([
          { orgId: org.id, caseId: kase.id, title: 'Call the landlord', dueOn: addDays(today, 9), assignedTo: amina.user.id, source: 'manual' },
          { orgId: org.id, caseId: kase.id, title: 'Employment check at 90 days', dueOn: addDays(today, 3), assignedTo: amina.user.id, source: 'checkpoint' },
          { orgId: org.id, caseId: kase.id, title: 'Already done', dueOn: addDays(today, -3), assignedTo: amina.user.id, source: 'manual', status: 'done' },
        ]);
      });
      const items = await caseload(amina.session);
      // Longest without contact first.
      expect(items.map((c) => c.id)).toEqual([kase.id, contacted.kase.id]);
      expect(items[0]).toMatchObject({ daysSinceContact: 40, lastMeaningfulContactOn: null, nextDue: { title: 'Employment check at 90 days', dueOn: addDays(today, 3) }, contactDue: true });
      expect(items[1]).toMatchObject({ daysSinceContact: 0, lastMeaningfulContactOn: today, nextDue: null, contactDue: false });

      const page = await amina.session.get('/api/cases?limit=1');
      const next = await amina.session.get(`/api/cases?limit=1&cursor=${page.json<{ nextCursor: string }>().nextCursor}`);
      expect(next.json<{ items: CaseListItem[] }>().items.map((c) => c.id)).toEqual([contacted.kase.id]);
    });

    it('lists who can take a case and who can supervise, without volunteers', async () => {
      const { amina, omar, sara, lena, vic } = await team(t);
      const staff = (await amina.session.get('/api/case-staff')).json<{ caseManagers: { id: string }[]; supervisors: { id: string }[] }>();
      const managers = staff.caseManagers.map((p) => p.id);
      expect(managers).toEqual(expect.arrayContaining([amina.user.id, omar.user.id, sara.user.id]));
      expect(managers).not.toContain(vic.user.id);
      expect(staff.supervisors.map((p) => p.id).sort()).toEqual([sara.user.id, lena.user.id].sort());
    });

    it("another case manager's caseload is refused to a case manager (403) and shown to a supervisor", async () => {
      const { org, amina, omar, sara } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id });
      expect((await omar.session.get(`/api/cases?caseManagerId=${amina.user.id}`)).statusCode).toBe(403);
      expect((await caseload(sara.session, `?caseManagerId=${amina.user.id}`)).map((c) => c.id)).toEqual([kase.id]);
      expect(await caseload(omar.session)).toEqual([]);
    });
  });

  describe('visibility', () => {
    it("another case manager gets 404; a supervisor sees every case; a protected client's case is invisible to an unassigned supervisor", async () => {
      const { org, amina, omar, sara, lena, vic } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id });
      expect((await omar.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(404);
      expect((await omar.session.get(`/api/cases/${kase.id}/timeline`)).statusCode).toBe(404);
      expect((await sara.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(200);
      expect((await vic.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(403);

      const hidden = await createClientRecord(t, org.id, { isProtected: true, assignedTo: [amina.user.id, sara.user.id] });
      const guarded = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, clientId: hidden.id });
      expect((await lena.session.get(`/api/cases/${guarded.kase.id}`)).statusCode).toBe(404);
      expect((await caseload(lena.session, '?scope=all')).map((c) => c.id)).not.toContain(guarded.kase.id);
      expect((await sara.session.get(`/api/cases/${guarded.kase.id}`)).statusCode).toBe(200);
      const audits = await systemTransaction(t.database.db, (tx) =>
        tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.action, 'case.read_sensitive'))),
      );
      expect(audits.map((a) => a.objectId)).toEqual([guarded.kase.id]);
    });

    it("reading a protected client's notes, timeline, documents, plans or assessments is recorded, view by view; other clients' are not", async () => {
      const { org, amina } = await team(t);
      const hidden = await createClientRecord(t, org.id, { isProtected: true, assignedTo: [amina.user.id] });
      const guarded = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, clientId: hidden.id });
      const plain = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id });
      const views = ['notes', 'timeline', 'documents', 'plans', 'assessments'];
      for (const kase of [guarded.kase, plain.kase]) {
        for (const view of views) {
          expect((await amina.session.get(`/api/cases/${kase.id}/${view}`)).statusCode).toBe(200);
        }
      }
      const audits = await systemTransaction(t.database.db, (tx) =>
        tx
          .select({ objectId: schema.auditEvents.objectId, after: schema.auditEvents.after, actor: schema.auditEvents.actorUserId })
          .from(schema.auditEvents)
          .where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.action, 'case.read_sensitive')))
          .orderBy(schema.auditEvents.seq),
      );
      expect(audits).toEqual(views.map((view) => ({ objectId: guarded.kase.id, after: { view }, actor: amina.user.id })));
    });
  });

  describe('stages', () => {
    it('refuses a skip and planning without an assessment (400 naming stage); an assessment on file lets it through; a stale version is 409', async () => {
      const { org, amina } = await team(t);
      const { kase, client } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id });
      const skip = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'planning', version: 1 });
      expect(skip.statusCode).toBe(400);
      expect(fieldsOf(skip).stage).toBe('Move one stage at a time');

      const toAssessment = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'assessment', version: 1 });
      expect(toAssessment.statusCode, toAssessment.body).toBe(200);
      expect(toAssessment.json<CaseResponse>()).toMatchObject({ stage: 'assessment', version: 2 });

      const unassessed = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'planning', version: 2 });
      expect(unassessed.statusCode).toBe(400);
      expect(fieldsOf(unassessed).stage).toBe('Record an assessment before planning');

      await insertAssessment(t, org.id, { id: kase.id, clientId: client.id }, amina.user.id);
      expect((await caseOf(amina.session, kase.id)).allowedMoves).toEqual(['engagement', 'planning']);
      const staleMove = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'planning', version: 1 });
      expect(staleMove.statusCode).toBe(409);
      expect((await readCaseRow(t, kase.id)).stage).toBe('assessment');
      const planning = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'planning', version: 2 });
      expect(planning.json<CaseResponse>()).toMatchObject({ stage: 'planning', facts: { assessmentCount: 1, planInForce: false } });
    });
  });

  describe('transfer', () => {
    it('Amina hands her case to Omar with a note: he sees it in his caseload, she no longer does', async () => {
      const { org, amina, omar } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id });
      const short = await amina.session.post(`/api/cases/${kase.id}/transfer`, { toCaseManagerId: omar.user.id, handOffNote: 'Call her', version: 1 });
      expect(short.statusCode).toBe(400);
      expect(fieldsOf(short)).toHaveProperty('handOffNote');
      const moved = await amina.session.post(`/api/cases/${kase.id}/transfer`, {
        toCaseManagerId: omar.user.id,
        handOffNote: 'Rent assistance is pending; she prefers calls after 5 pm.',
        version: 1,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect((await caseload(omar.session)).map((c) => c.id)).toEqual([kase.id]);
      expect(await caseload(amina.session)).toEqual([]);
      expect((await amina.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(404);
      const [event] = (await omar.session.get(`/api/cases/${kase.id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items;
      expect(event).toMatchObject({ kind: 'transferred', data: { handOffNote: 'Rent assistance is pending; she prefers calls after 5 pm.', toName: 'Omar Case Manager' } });
    });

    it("a protected client's new case manager is assigned to her; a case manager cannot transfer someone else's case", async () => {
      const { org, amina, omar, sara } = await team(t);
      const hidden = await createClientRecord(t, org.id, { isProtected: true, assignedTo: [amina.user.id, sara.user.id] });
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, supervisorId: sara.user.id, clientId: hidden.id });
      expect((await omar.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(404);
      // Amina may hand on her own cases, but not open a protected client to a colleague: that is a supervisor's decision.
      const byAmina = await amina.session.post(`/api/cases/${kase.id}/transfer`, { toCaseManagerId: omar.user.id, handOffNote: 'Safety plan is in the documents tab.', version: 1 });
      expect(byAmina.statusCode).toBe(403);
      expect(byAmina.json().error.message).toMatch(/only a supervisor can give another case manager access/);
      expect((await omar.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(404);
      const bySara = await sara.session.post(`/api/cases/${kase.id}/transfer`, { toCaseManagerId: omar.user.id, handOffNote: 'Safety plan is in the documents tab.', version: 1 });
      expect(bySara.statusCode, bySara.body).toBe(200);
      expect((await omar.session.get(`/api/cases/${kase.id}`)).statusCode).toBe(200);
      const assigned = await systemTransaction(t.database.db, (tx) =>
        tx
          .select({ after: schema.auditEvents.after, actor: schema.auditEvents.actorUserId })
          .from(schema.auditEvents)
          .where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.action, 'client.assigned'), eq(schema.auditEvents.objectId, hidden.id))),
      );
      expect(assigned).toEqual([{ after: { userId: omar.user.id, reason: 'case_transferred' }, actor: sara.user.id }]);
      const back = await sara.session.post(`/api/cases/${kase.id}/transfer`, { toCaseManagerId: sara.user.id, handOffNote: 'Taking it over myself for now.', version: 2 });
      expect(back.statusCode, back.body).toBe(200);
      // Omar no longer sees the case at all; where he reads a case he does not manage, he may not hand it on.
      expect((await omar.session.post(`/api/cases/${kase.id}/transfer`, { toCaseManagerId: omar.user.id, handOffNote: 'I would like it back please.', version: 3 })).statusCode).toBe(404);
      const watched = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, supervisorId: omar.user.id });
      const refused = await omar.session.post(`/api/cases/${watched.kase.id}/transfer`, { toCaseManagerId: omar.user.id, handOffNote: 'I would like to take this one.', version: 1 });
      expect(refused.statusCode).toBe(403);
      expect((await readCaseRow(t, watched.kase.id)).primaryCaseManagerId).toBe(amina.user.id);
    });
  });

  describe('closure', () => {
    it('closure with approval: pending, another supervisor approves, the case is read-only and the enrollment ended; reopen goes back to assessment', async () => {
      const { org, today, amina, sara } = await team(t);
      const { kase, enrollment } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, supervisorId: sara.user.id, stage: 'monitoring', openedOn: addDays(today, -100) });
      const missing = await amina.session.post(`/api/cases/${kase.id}/closure`, {
        reason: 'goals_met',
        checklist: { ...allDone, financial_reconciled: false },
        summary: 'Employed full time; rent paid for three months.',
        closedOn: today,
        version: 1,
      });
      expect(missing.statusCode).toBe(400);
      expect(fieldsOf(missing)).toHaveProperty(['checklist.financial_reconciled']);
      const before = await amina.session.post(`/api/cases/${kase.id}/closure`, { reason: 'goals_met', checklist: allDone, summary: 'Done.', closedOn: addDays(today, -101), version: 1 });
      expect(fieldsOf(before)).toHaveProperty('closedOn');

      const requested = await amina.session.post(`/api/cases/${kase.id}/closure`, { reason: 'goals_met', checklist: allDone, summary: 'Employed full time; rent paid for three months.', closedOn: today, version: 1 });
      expect(requested.statusCode, requested.body).toBe(200);
      expect(requested.json<CaseResponse>()).toMatchObject({ status: 'closure_pending', stage: 'closure', closure: { reason: 'goals_met', requestedBy: { id: amina.user.id } } });

      const approved = await sara.session.post(`/api/cases/${kase.id}/closure/decision`, { decision: 'approve', version: 2 });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json<CaseResponse>()).toMatchObject({ status: 'closed', closedOn: today, capabilities: { canManage: false }, allowedMoves: [] });
      const [exited] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.enrollments).where(eq(schema.enrollments.id, enrollment.id)));
      expect(exited).toMatchObject({ status: 'exited', exitedOn: today });

      const move = await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'monitoring', version: 3 });
      expect(move.statusCode).toBe(409);
      expect((await amina.session.post(`/api/cases/${kase.id}/reopen`, { reason: 'New eviction notice', version: 3 })).statusCode).toBe(403);

      const reopened = await sara.session.post(`/api/cases/${kase.id}/reopen`, { reason: 'New eviction notice', version: 3 });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json<CaseResponse>()).toMatchObject({ status: 'open', stage: 'assessment', closedOn: null });
      const [active] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.enrollments).where(eq(schema.enrollments.id, enrollment.id)));
      expect(active).toMatchObject({ status: 'active', exitedOn: null });

      const kinds = (await amina.session.get(`/api/cases/${kase.id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items.map((e) => e.kind);
      expect(kinds).toEqual(['reopened', 'closure_approved', 'closure_requested']);
    });

    it('a supervisor cannot approve her own closure request; a returned request goes back to monitoring with the note', async () => {
      const { org, today, sara, lena } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: sara.user.id, stage: 'monitoring', openedOn: addDays(today, -30) });
      expect((await sara.session.post(`/api/cases/${kase.id}/closure`, { reason: 'other', checklist: allDone, summary: 'Moving on.', closedOn: today, version: 1 })).statusCode).toBe(400);
      const requested = await sara.session.post(`/api/cases/${kase.id}/closure`, { reason: 'moved', checklist: allDone, summary: 'Moved to Ohio; referred to a local agency.', closedOn: today, version: 1 });
      expect(requested.statusCode, requested.body).toBe(200);
      expect(requested.json<CaseResponse>().capabilities.canDecideClosure).toBe(false);
      const own = await sara.session.post(`/api/cases/${kase.id}/closure/decision`, { decision: 'approve', version: 2 });
      expect(own.statusCode).toBe(400);
      expect(fieldsOf(own).decision).toBe('Another supervisor must approve your own closure request');
      expect((await readCaseRow(t, kase.id)).status).toBe('closure_pending');

      const noNote = await lena.session.post(`/api/cases/${kase.id}/closure/decision`, { decision: 'return', version: 2 });
      expect(fieldsOf(noNote)).toHaveProperty('note');
      const returned = await lena.session.post(`/api/cases/${kase.id}/closure/decision`, { decision: 'return', note: 'Document the referral first.', version: 2 });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json<CaseResponse>()).toMatchObject({ status: 'open', stage: 'monitoring', closure: null });
      const [latest] = (await sara.session.get(`/api/cases/${kase.id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items;
      expect(latest).toMatchObject({ kind: 'closure_returned', actor: { id: lena.user.id }, data: { note: 'Document the referral first.' } });
    });

    it('a program without closure approval closes at once', async () => {
      const { org, today, amina } = await team(t);
      const { kase } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, caseSettings: { closureApprovalRequired: false }, openedOn: addDays(today, -10) });
      const closed = await amina.session.post(`/api/cases/${kase.id}/closure`, { reason: 'declined', checklist: allDone, summary: 'Declined further services.', closedOn: today, version: 1 });
      expect(closed.json<CaseResponse>()).toMatchObject({ status: 'closed', closedOn: today });
      expect(await caseload(amina.session)).toEqual([]);
      expect((await caseload(amina.session, '?status=closed')).map((c) => c.id)).toEqual([kase.id]);
    });
  });

  describe('timeline', () => {
    it('events and signed notes in one chain, newest first, with addenda; drafts only for their author', async () => {
      const { org, amina, sara } = await team(t);
      const { kase, client } = await createCaseRecord(t, org.id, { caseManagerId: amina.user.id, supervisorId: sara.user.id });
      expect((await amina.session.post(`/api/cases/${kase.id}/stage`, { stage: 'assessment', version: 1 })).statusCode).toBe(200);
      await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, async (tx) => {
        const [signed] = await tx
          .insert(schema.caseNotes)
          .values({ orgId: org.id, caseId: kase.id, clientId: client.id, contactOn: '2026-02-01', contactType: 'home_visit', meaningful: true, narrative: 'Visited the family.', status: 'signed', signedBy: amina.user.id, signedAt: new Date(Date.now() + 1000), createdBy: amina.user.id })
          .returning();
        await tx.insert(schema.caseNoteAddenda).values({ orgId: org.id, noteId: signed!.id, caseId: kase.id, text: 'The visit lasted an hour.', createdBy: amina.user.id });
        await tx.insert(schema.caseNotes).values({ orgId: org.id, caseId: kase.id, clientId: client.id, contactOn: '2026-02-02', contactType: 'phone', meaningful: false, narrative: 'Draft.', createdBy: amina.user.id });
      });
      const mine = (await amina.session.get(`/api/cases/${kase.id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items;
      expect(mine.map((e) => e.kind)).toEqual(['note', 'note', 'stage_changed']);
      const theirs = (await sara.session.get(`/api/cases/${kase.id}/timeline`)).json<{ items: CaseTimelineEntry[] }>().items;
      expect(theirs.map((e) => e.kind)).toEqual(['note', 'stage_changed']);
      expect(theirs[0]!.note).toMatchObject({ narrative: 'Visited the family.', signedBy: { id: amina.user.id }, addenda: [{ text: 'The visit lasted an hour.' }] });
      expect(theirs[1]!.data).toMatchObject({ from: 'engagement', to: 'assessment' });
    });
  });
});
