import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, memberSession, type Session } from '../support/app.js';
import {
  createProgram,
  daysAgo,
  type Enrollment,
  eligibilityOf,
  enrollmentsOf,
  type ExceptionRequest,
  expectFieldRefused,
  type Intake,
  ok,
  registerClient,
  today,
  withStatus,
} from './support.js';

/** Karim, a case manager, and Amina, the org admin who set up the programs, in a fresh organization. */
async function agency(t: Awaited<ReturnType<typeof createTestApp>>) {
  const amina = await memberSession(t, 'org_admin');
  const karim = await memberSession(t, 'case_manager', amina.orgId);
  const sofia = await memberSession(t, 'supervisor', amina.orgId);
  const rp = await createProgram(amina.session, 'Reception & Placement', 'RP');
  return { amina, karim, sofia, orgId: amina.orgId, rp };
}

/** A family admitted as refugees `admittedDaysAgo` days ago: two parents and two children. */
async function refugeeFamily(session: Session, familyName: string, admittedDaysAgo: number): Promise<string[]> {
  const admitted = daysAgo(admittedDaysAgo);
  return [
    await registerClient(session, withStatus('Jean', familyName, 'refugee', admitted, { dateOfBirth: '1985-02-14' })),
    await registerClient(session, withStatus('Esther', familyName, 'refugee', admitted, { dateOfBirth: '1988-07-30' })),
    await registerClient(session, withStatus('Grace', familyName, 'refugee', admitted, { dateOfBirth: '2015-05-09' })),
    await registerClient(session, withStatus('Daniel', familyName, 'refugee', admitted, { dateOfBirth: '2019-11-01' })),
  ];
}

async function patchIntake(session: Session, id: string, body: Record<string, unknown>): Promise<Intake> {
  return ok<Intake>(await session.patch(`/api/intakes/${id}`, body));
}

describe('intake of a family, ending in enrollment', async () => {
  const t = await createTestApp();

  it('Karim takes the Mukendi family of four through the intake step by step; the tier suggestion follows the needs, a reload shows every saved answer, and completing enrolls all four with the eligibility found on the day', async () => {
    const { karim, rp } = await agency(t);
    const family = await refugeeFamily(karim.session, 'Mukendi', 20);

    // Step 1, the people: the intake is saved at once, on the first step, suggesting the light tier.
    const started = ok<Intake>(await karim.session.post('/api/intakes', { data: { clientIds: family } }), 201);
    expect(started).toMatchObject({ status: 'in_progress', step: 'people', version: 1, suggestedTier: 'orientation_referrals', createdBy: karim.user.id, completedAt: null, enrollmentIds: [] });

    // Step 2, the needs: one need alone keeps orientation and referrals; a second tips it to comprehensive.
    const oneNeed = await patchIntake(karim.session, started.id, { version: 1, step: 'needs', data: { needs: ['housing_unstable'] } });
    expect(oneNeed).toMatchObject({ step: 'needs', version: 2, suggestedTier: 'orientation_referrals' });
    const twoNeeds = await patchIntake(karim.session, started.id, { version: 2, data: { needs: ['housing_unstable', 'medical_or_mental_health'] } });
    expect(twoNeeds).toMatchObject({ step: 'needs', version: 3, suggestedTier: 'comprehensive' });
    // A safety concern alone is enough.
    expect((await patchIntake(karim.session, started.id, { version: 3, data: { needs: ['safety_concern'] } })).suggestedTier).toBe('comprehensive');
    await patchIntake(karim.session, started.id, { version: 4, data: { needs: ['housing_unstable', 'medical_or_mental_health'] } });

    // Step 3, the program and the tier with its reason.
    const tierReason = 'Esther needs follow-up for a chronic condition and the family has no housing yet';
    await patchIntake(karim.session, started.id, { version: 5, step: 'program', data: { serviceTier: 'comprehensive', tierReason, programId: rp.id } });

    // Karim closes the laptop; tomorrow the intake is where he left it, every answer kept.
    const reloaded = ok<Intake>(await karim.session.get(`/api/intakes/${started.id}`));
    expect(reloaded).toMatchObject({
      status: 'in_progress',
      step: 'program',
      version: 6,
      suggestedTier: 'comprehensive',
      data: { clientIds: family, needs: ['housing_unstable', 'medical_or_mental_health'], serviceTier: 'comprehensive', tierReason, programId: rp.id },
    });
    const mine = ok<{ items: { id: string; people: { givenName: string }[] }[] }>(await karim.session.get('/api/intakes?mine=true&status=in_progress'));
    expect(mine.items.map((i) => [i.id, i.people.map((p) => p.givenName)])).toEqual([[started.id, ['Jean', 'Esther', 'Grace', 'Daniel']]]);

    // A save from a stale screen (version 2) is refused and changes nothing; so is an empty save.
    expect((await karim.session.patch(`/api/intakes/${started.id}`, { version: 2, data: { needs: [] } })).statusCode).toBe(409);
    expect((await karim.session.patch(`/api/intakes/${started.id}`, { version: 6 })).statusCode).toBe(400);
    expect((await karim.session.post(`/api/intakes/${started.id}/complete`, { version: 5 })).statusCode).toBe(409);
    expect(ok<Intake>(await karim.session.get(`/api/intakes/${started.id}`)).data.needs).toEqual(['housing_unstable', 'medical_or_mental_health']);

    // Step 4, review: the eligibility shown before completing.
    const preview = await eligibilityOf(karim.session, family[2]!, rp.id);
    expect(preview.evaluation).toMatchObject({ outcome: 'eligible', orr: { population: 'refugee', eligibilityDate: daysAgo(20) } });

    const completed = ok<Intake>(await karim.session.post(`/api/intakes/${started.id}/complete`, { version: 6 }));
    expect(completed).toMatchObject({ status: 'completed', step: 'review', version: 7 });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.enrollmentIds).toHaveLength(4);

    const enrolled = ok<{ items: Enrollment[] }>(await karim.session.get(`/api/enrollments?programId=${rp.id}`)).items;
    expect(enrolled.map((e) => e.clientId).sort()).toEqual([...family].sort());
    expect(enrolled.map((e) => e.id).sort()).toEqual([...completed.enrollmentIds].sort());
    for (const enrollment of enrolled) {
      expect(enrollment).toMatchObject({
        programName: 'Reception & Placement',
        intakeId: started.id,
        serviceTier: 'comprehensive',
        tierReason,
        enrolledOn: today(),
        status: 'active',
        exceptionRequestId: null,
      });
      // The snapshot says why: admitted as a refugee on the day, inside the 90-day R&P period, each with its authority.
      const { eligibility } = enrollment;
      expect(eligibility).toMatchObject({ asOf: today(), outcome: 'eligible', eligible: true, orr: { code: 'orr.refugee', population: 'refugee', eligibilityDate: daysAgo(20) } });
      expect(eligibility.orr.reason).toContain(daysAgo(20));
      expect(eligibility.orr.citation).toContain('45 CFR 400.43');
      expect(eligibility.results.map((r) => [r.ruleKind, r.code, r.passed])).toEqual([
        ['orr_population', 'orr.refugee', true],
        ['window', 'window.reception_and_placement.open', true],
      ]);
      for (const result of eligibility.results) {
        expect(result.reason.length).toBeGreaterThan(20);
        expect(result.citation.length).toBeGreaterThan(5);
      }
      expect(eligibility.results[1]!.windowEnd).toBe(daysAgo(20 - 89));
    }

    // The intake is finished: it shows its enrollments and can no longer change in any way.
    const after = ok<Intake>(await karim.session.get(`/api/intakes/${started.id}`));
    expect(after.enrollmentIds.sort()).toEqual([...completed.enrollmentIds].sort());
    for (const attempt of [
      karim.session.patch(`/api/intakes/${started.id}`, { version: 7, data: { notes: 'one more thing' } }),
      karim.session.patch(`/api/intakes/${started.id}`, { version: 7, abandon: true }),
      karim.session.post(`/api/intakes/${started.id}/complete`, { version: 7 }),
    ]) {
      expect((await attempt).statusCode).toBe(409);
    }
    expect(ok<{ items: Enrollment[] }>(await karim.session.get(`/api/enrollments?programId=${rp.id}`)).items).toHaveLength(4);
  });

  it('completing an unfinished intake names what is missing; an intake can be abandoned and then stays abandoned', async () => {
    const { karim, rp } = await agency(t);
    const [jean] = await refugeeFamily(karim.session, 'Ilunga', 10);
    const empty = ok<Intake>(await karim.session.post('/api/intakes', {}), 201);
    const refused = await karim.session.post(`/api/intakes/${empty.id}/complete`, { version: 1 });
    const fields = expectFieldRefused(refused, 'data.clientIds');
    expect(Object.keys(fields).sort()).toEqual(['data.clientIds', 'data.programId', 'data.serviceTier', 'data.tierReason']);

    // Unknown people and programs are refused when saved, naming the place in the list.
    expectFieldRefused(await karim.session.patch(`/api/intakes/${empty.id}`, { version: 1, data: { clientIds: [jean, randomUUID()] } }), 'data.clientIds.1');
    expectFieldRefused(await karim.session.patch(`/api/intakes/${empty.id}`, { version: 1, data: { clientIds: [jean, jean] } }), 'data.clientIds');
    expectFieldRefused(await karim.session.patch(`/api/intakes/${empty.id}`, { version: 1, data: { programId: randomUUID() } }), 'data.programId');
    expectFieldRefused(await karim.session.patch(`/api/intakes/${empty.id}`, { version: 1, data: { needs: ['bored'] } }), 'data.needs.0');
    expect(ok<Intake>(await karim.session.get(`/api/intakes/${empty.id}`))).toMatchObject({ version: 1, data: {} });

    const abandoned = await patchIntake(karim.session, empty.id, { version: 1, abandon: true, data: { clientIds: [jean], programId: rp.id } });
    expect(abandoned.status).toBe('abandoned');
    expect((await karim.session.post(`/api/intakes/${empty.id}/complete`, { version: abandoned.version })).statusCode).toBe(409);
    expect(await enrollmentsOf(karim.session, jean!)).toEqual([]);
  });
});

describe('nothing half-saved: one person not eligible, and the exception that overrides it', async () => {
  const t = await createTestApp();

  /** The Mukendi family and the grandmother, who came later and is still an asylum seeker. */
  async function familyWithGrandmother(session: Session, familyName: string) {
    const family = await refugeeFamily(session, familyName, 15);
    const grandmother = await registerClient(session, withStatus('Marie', familyName, 'asylum_seeker_affirmative', daysAgo(40), { dateOfBirth: '1955-01-20' }));
    return { family, grandmother, everyone: [...family, grandmother] };
  }

  async function readyIntake(session: Session, clientIds: string[], programId: string): Promise<Intake> {
    const intake = ok<Intake>(
      await session.post('/api/intakes', {
        data: { clientIds, needs: ['no_support_network'], serviceTier: 'orientation_referrals', tierReason: 'Settled with relatives nearby', programId },
      }),
      201,
    );
    return patchIntake(session, intake.id, { version: intake.version, step: 'review' });
  }

  it('the grandmother is an asylum seeker: completing is refused naming her place in the list, no one is enrolled, the intake stays open; after a supervisor approves an exception it completes, and her enrollment records the exception', async () => {
    const { karim, sofia, rp } = await agency(t);
    const { grandmother, everyone } = await familyWithGrandmother(karim.session, 'Kabila');
    const intake = await readyIntake(karim.session, everyone, rp.id);

    const refused = await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version });
    const fields = expectFieldRefused(refused, 'data.clientIds.4');
    expect(fields['data.clientIds.4']).toMatch(/Marie Kabila is not eligible for Reception & Placement/);
    expect(Object.keys(fields)).toEqual(['data.clientIds.4']);
    // All or none: the four who were eligible were not enrolled either.
    for (const clientId of everyone) {
      expect(await enrollmentsOf(karim.session, clientId)).toEqual([]);
    }
    expect(ok<Intake>(await karim.session.get(`/api/intakes/${intake.id}`))).toMatchObject({ status: 'in_progress', version: intake.version, enrollmentIds: [] });

    // Her eligibility says why, with the authority.
    const marie = await eligibilityOf(karim.session, grandmother, rp.id);
    expect(marie.evaluation).toMatchObject({ outcome: 'ineligible', eligible: false, orr: { outcome: 'ineligible' } });
    expect(marie.evaluation.results[0]).toMatchObject({ ruleKind: 'orr_population', outcome: 'ineligible', passed: false });
    expect(marie.evaluation.results[0]!.citation).toContain('ORR PL 16-01');

    // Karim asks for an exception. Too short a reason is refused, naming the field.
    expectFieldRefused(await karim.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason: 'family' }), 'reason');
    const reason = 'She lives with the family and depends on them; R&P support for the household covers her';
    const requested = ok<ExceptionRequest>(await karim.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason }), 201);
    expect(requested).toMatchObject({ status: 'requested', clientName: 'Marie Kabila', programName: 'Reception & Placement', reason, requestedBy: karim.user.id, decidedBy: null });
    expect((await eligibilityOf(karim.session, grandmother, rp.id)).pendingExceptionId).toBe(requested.id);

    // While it waits, asking again is refused; and a waiting request does not let the intake through.
    expectFieldRefused(await karim.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason }), 'programId');
    expectFieldRefused(await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version }), 'data.clientIds.4');

    // Karim cannot decide it: case managers do not decide exceptions.
    expect((await karim.session.post(`/api/exception-requests/${requested.id}/decision`, { decision: 'approved', note: 'Fine by me' })).statusCode).toBe(403);
    // A decision needs its reason.
    expectFieldRefused(await sofia.session.post(`/api/exception-requests/${requested.id}/decision`, { decision: 'approved', note: '' }), 'note');

    const approved = ok<ExceptionRequest>(
      await sofia.session.post(`/api/exception-requests/${requested.id}/decision`, { decision: 'approved', note: 'Approved: household composition, see case notes' }),
    );
    expect(approved).toMatchObject({ status: 'approved', decidedBy: sofia.user.id, decisionNote: 'Approved: household composition, see case notes' });
    expect(approved.decidedAt).not.toBeNull();
    // Deciding twice is a conflict, whichever way; the first decision stands.
    expect((await sofia.session.post(`/api/exception-requests/${requested.id}/decision`, { decision: 'denied', note: 'Changed my mind' })).statusCode).toBe(409);
    // With an approval on file, another request for the same program is refused.
    expectFieldRefused(await karim.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason }), 'programId');
    expect(await eligibilityOf(karim.session, grandmother, rp.id)).toMatchObject({ approvedExceptionId: requested.id, pendingExceptionId: null });

    const completed = ok<Intake>(await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version }));
    expect(completed.status).toBe('completed');
    expect(completed.enrollmentIds).toHaveLength(5);
    const [marieEnrollment] = await enrollmentsOf(karim.session, grandmother);
    // Her enrollment keeps both: the rules said no, and the exception that let her in.
    expect(marieEnrollment).toMatchObject({ status: 'active', exceptionRequestId: requested.id, eligibility: { eligible: false, outcome: 'ineligible' } });
    for (const clientId of everyone.filter((id) => id !== grandmother)) {
      expect(await enrollmentsOf(karim.session, clientId)).toEqual([expect.objectContaining({ exceptionRequestId: null, eligibility: expect.objectContaining({ eligible: true }) })]);
    }
  });

  it('a denied exception does not help; Sofia cannot decide a request she made herself, and a new request may follow a denial', async () => {
    const { amina, karim, sofia, orgId, rp } = await agency(t);
    const director = await memberSession(t, 'program_director', orgId);
    const omar = await memberSession(t, 'case_manager', orgId);
    const { grandmother } = await familyWithGrandmother(karim.session, 'Tshisekedi');
    const intake = await readyIntake(karim.session, [grandmother], rp.id);

    const first = ok<ExceptionRequest>(
      await karim.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason: 'Arrived with the family, asylum pending' }),
      201,
    );
    const denied = ok<ExceptionRequest>(
      await sofia.session.post(`/api/exception-requests/${first.id}/decision`, { decision: 'denied', note: 'R&P funds cannot cover an asylum seeker' }),
    );
    expect(denied.status).toBe('denied');
    expect(await eligibilityOf(karim.session, grandmother, rp.id)).toMatchObject({ approvedExceptionId: null, pendingExceptionId: null });
    expectFieldRefused(await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version }), 'data.clientIds.0');
    expect(await enrollmentsOf(karim.session, grandmother)).toEqual([]);

    // Sofia asks herself this time; she may not decide her own request, someone else must.
    const second = ok<ExceptionRequest>(
      await sofia.session.post('/api/exception-requests', { clientId: grandmother, programId: rp.id, reason: 'New evidence: she was included in the case at the overseas interview' }),
      201,
    );
    expect((await sofia.session.post(`/api/exception-requests/${second.id}/decision`, { decision: 'approved', note: 'Approving mine' })).statusCode).toBe(403);

    // Requesters see their own requests; deciders see them all; Omar sees none of these.
    const listOf = async (session: Session) => ok<{ items: ExceptionRequest[] }>(await session.get(`/api/exception-requests?clientId=${grandmother}`)).items.map((e) => e.id);
    expect(await listOf(karim.session)).toEqual([first.id]);
    expect(await listOf(omar.session)).toEqual([]);
    expect((await listOf(director.session)).sort()).toEqual([first.id, second.id].sort());

    const approved = ok<ExceptionRequest>(
      await director.session.post(`/api/exception-requests/${second.id}/decision`, { decision: 'approved', note: 'Included in the overseas case' }),
    );
    expect(approved.decidedBy).toBe(director.user.id);
    const completed = ok<Intake>(await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version }));
    const [enrollment] = await enrollmentsOf(karim.session, grandmother);
    expect(enrollment).toMatchObject({ id: completed.enrollmentIds[0], exceptionRequestId: second.id });
    // The org admin is not a decider.
    expect((await amina.session.post(`/api/exception-requests/${first.id}/decision`, { decision: 'approved', note: 'Override' })).statusCode).toBe(403);
  });
});

describe('a protected client in an intake', async () => {
  const t = await createTestApp();

  it("Carla's intake for Nadia (protected) and her son does not exist for Omar; Nadia's eligibility and enrollments are not there for him either, while her son's are", async () => {
    const { amina, karim: carla, sofia, rp } = await agency(t);
    const omar = await memberSession(t, 'case_manager', amina.orgId);
    const admitted = daysAgo(12);
    const nadia = await registerClient(carla.session, withStatus('Nadia', 'Rahimi', 'refugee', admitted, { isProtected: true, protectionBasis: 'safety' }));
    const son = await registerClient(carla.session, withStatus('Adam', 'Rahimi', 'refugee', admitted));

    const intake = ok<Intake>(
      await carla.session.post('/api/intakes', {
        data: { clientIds: [nadia, son], serviceTier: 'comprehensive', tierReason: 'Safety planning after leaving an abusive partner', programId: rp.id, needs: ['safety_concern'] },
      }),
      201,
    );

    // To Omar, the intake answers like an unknown id, is not listed, and cannot be changed or completed.
    for (const who of [omar, sofia]) {
      const direct = await who.session.get(`/api/intakes/${intake.id}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.json()).toEqual((await who.session.get(`/api/intakes/${randomUUID()}`)).json());
      expect(ok<{ items: { id: string }[] }>(await who.session.get('/api/intakes')).items.map((i) => i.id)).not.toContain(intake.id);
      expect((await who.session.patch(`/api/intakes/${intake.id}`, { version: 1, data: { notes: 'x' } })).statusCode).toBe(404);
      expect((await who.session.post(`/api/intakes/${intake.id}/complete`, { version: 1 })).statusCode).toBe(404);
    }

    const completed = ok<Intake>(await carla.session.post(`/api/intakes/${intake.id}/complete`, { version: 1 }));
    expect(completed.enrollmentIds).toHaveLength(2);
    const [nadiaEnrollment] = await enrollmentsOf(carla.session, nadia);
    expect(nadiaEnrollment).toBeDefined();

    // Her eligibility, her enrollment and her name in lists: absent for Omar, exactly as for an unknown id.
    const hidden = await omar.session.get(`/api/clients/${nadia}/eligibility`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual((await omar.session.get(`/api/clients/${randomUUID()}/eligibility`)).json());
    expect(await enrollmentsOf(omar.session, nadia)).toEqual([]);
    expect((await omar.session.get(`/api/enrollments/${nadiaEnrollment!.id}`)).statusCode).toBe(404);
    const all = ok<{ items: Enrollment[] }>(await omar.session.get(`/api/enrollments?programId=${rp.id}`)).items;
    expect(all.map((e) => e.clientId)).toEqual([son]);
    expect((await omar.session.patch(`/api/enrollments/${nadiaEnrollment!.id}`, { version: 1, exitedOn: today(), exitReason: 'Moved away' })).statusCode).toBe(404);
    expect((await eligibilityOf(omar.session, son, rp.id)).evaluation.eligible).toBe(true);

    // Naming her in his own intake or enrollment gets the same answer as a made-up id.
    const withNadia = await omar.session.post('/api/intakes', { data: { clientIds: [nadia] } });
    const withNobody = await omar.session.post('/api/intakes', { data: { clientIds: [randomUUID()] } });
    expectFieldRefused(withNadia, 'data.clientIds.0');
    expect(withNadia.json()).toEqual(withNobody.json());
    const enrollNadia = await omar.session.post('/api/enrollments', { clientId: nadia, programId: rp.id, serviceTier: 'comprehensive', tierReason: 'Testing' });
    const enrollNobody = await omar.session.post('/api/enrollments', { clientId: randomUUID(), programId: rp.id, serviceTier: 'comprehensive', tierReason: 'Testing' });
    expectFieldRefused(enrollNadia, 'clientId');
    expect(enrollNadia.json()).toEqual(enrollNobody.json());
    expect(enrollNadia.body).not.toContain('Nadia');

    // Exception requests about her are not listed for a supervisor who is not assigned.
    ok(await carla.session.post('/api/exception-requests', { clientId: nadia, programId: rp.id, reason: 'Needs the program beyond its window' }), 201);
    expect(ok<{ items: ExceptionRequest[] }>(await sofia.session.get('/api/exception-requests')).items).toEqual([]);
    expect(ok<{ items: ExceptionRequest[] }>(await carla.session.get('/api/exception-requests')).items).toHaveLength(1);
  });
});

describe('an intake whose person becomes protected', async () => {
  const t = await createTestApp();

  it('Omar started an intake for Layla; when Carla marks Layla protected, the intake disappears for Omar as Layla does, though he started it', async () => {
    const { amina, karim: carla, rp } = await agency(t);
    const omar = await memberSession(t, 'case_manager', amina.orgId);
    const layla = await registerClient(carla.session, withStatus('Layla', 'Haidari', 'refugee', daysAgo(30)));
    const intake = ok<Intake>(
      await omar.session.post('/api/intakes', { data: { clientIds: [layla], programId: rp.id, notes: 'Layla mentioned her husband controls the family documents' } }),
      201,
    );
    expect(ok<Intake>(await omar.session.get(`/api/intakes/${intake.id}`)).data.clientIds).toEqual([layla]);

    const record = ok<{ version: number }>(await carla.session.get(`/api/clients/${layla}`));
    ok(await carla.session.patch(`/api/clients/${layla}`, { version: record.version, isProtected: true, protectionBasis: 'vawa' }));
    expect((await omar.session.get(`/api/clients/${layla}`)).statusCode).toBe(404);

    // The intake names her and holds what she told Omar: it must be as hidden as she is (8 USC 1367).
    expect((await omar.session.get(`/api/intakes/${intake.id}`)).statusCode).toBe(404);
    expect(ok<{ items: { id: string }[] }>(await omar.session.get('/api/intakes?mine=true')).items).toEqual([]);
    expect((await omar.session.patch(`/api/intakes/${intake.id}`, { version: 1, data: { notes: 'more' } })).statusCode).toBe(404);
    // Carla, who is assigned, carries on with it.
    expect(ok<Intake>(await carla.session.get(`/api/intakes/${intake.id}`)).data.notes).toContain('husband');
  });
});
