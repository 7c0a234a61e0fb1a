import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, memberSession } from '../support/app.js';
import { createProgram, daysAgo, type Enrollment, enrollmentsOf, expectFieldRefused, type Intake, ok, registerClient, withStatus } from './support.js';

describe('enrolling a client directly, and ending the enrollment', async () => {
  const t = await createTestApp();

  async function agency() {
    const amina = await memberSession(t, 'org_admin');
    const karim = await memberSession(t, 'case_manager', amina.orgId);
    const legal = await createProgram(amina.session, 'Legal services', 'LEGAL');
    const mg = await createProgram(amina.session, 'Matching Grant', 'MG');
    return { amina, karim, orgId: amina.orgId, legal, mg };
  }

  it('Karim enrolls Yeni in legal services, changes her tier, and ends the enrollment with a date and a reason; a second active enrollment is refused until the first has ended', async () => {
    const { karim, legal } = await agency();
    const yeni = await registerClient(karim.session, withStatus('Yeni', 'Castillo', 'asylum_seeker_affirmative', '2025-09-01'));
    const enrolledOn = daysAgo(30);
    const enrollment = ok<Enrollment>(
      await karim.session.post('/api/enrollments', { clientId: yeni, programId: legal.id, serviceTier: 'orientation_referrals', tierReason: 'Needs an asylum application only', enrolledOn }),
      201,
    );
    expect(enrollment).toMatchObject({ clientId: yeni, programName: 'Legal services', intakeId: null, enrolledOn, status: 'active', exitedOn: null, version: 1, eligibility: { eligible: true } });

    // Enrolled already: a second one in the same program is refused, naming the program.
    const twice = await karim.session.post('/api/enrollments', { clientId: yeni, programId: legal.id, serviceTier: 'comprehensive', tierReason: 'Second try' });
    expect(expectFieldRefused(twice, 'programId').programId).toMatch(/already enrolled/);

    const upgraded = ok<Enrollment>(
      await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 1, serviceTier: 'comprehensive', tierReason: 'Court hearing scheduled; needs full representation' }),
    );
    expect(upgraded).toMatchObject({ serviceTier: 'comprehensive', version: 2, status: 'active' });

    // Exits: a date before the enrollment, a date without a reason, a stale version: all refused, nothing changed.
    expectFieldRefused(await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 2, exitedOn: daysAgo(31), exitReason: 'Moved to another state' }), 'exitedOn');
    expectFieldRefused(await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 2, exitedOn: daysAgo(1) }), 'exitReason');
    expectFieldRefused(await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 2, exitedOn: '2099-01-01', exitReason: 'Moved away' }), 'exitedOn');
    expect((await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 1, exitedOn: daysAgo(1), exitReason: 'Moved to another state' })).statusCode).toBe(409);
    expect(ok<Enrollment>(await karim.session.get(`/api/enrollments/${enrollment.id}`))).toMatchObject({ status: 'active', version: 2, exitedOn: null });

    // The exit on the day of enrollment itself is allowed.
    const exited = ok<Enrollment>(await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 2, exitedOn: enrolledOn, exitReason: 'Moved to another state' }));
    expect(exited).toMatchObject({ status: 'exited', exitedOn: enrolledOn, exitReason: 'Moved to another state', version: 3 });
    expect((await karim.session.patch(`/api/enrollments/${enrollment.id}`, { version: 3, serviceTier: 'orientation_referrals', tierReason: 'Back' })).statusCode).toBe(409);

    // She comes back: a new enrollment is allowed, and her history shows both.
    const again = ok<Enrollment>(await karim.session.post('/api/enrollments', { clientId: yeni, programId: legal.id, serviceTier: 'comprehensive', tierReason: 'Returned to the area' }), 201);
    expect(again.id).not.toBe(enrollment.id);
    expect((await enrollmentsOf(karim.session, yeni)).map((e) => [e.id, e.status])).toEqual([
      [again.id, 'active'],
      [enrollment.id, 'exited'],
    ]);
    expect(ok<{ items: Enrollment[] }>(await karim.session.get(`/api/enrollments?clientId=${yeni}&status=active`)).items.map((e) => e.id)).toEqual([again.id]);
  });

  it('Matching Grant: an enrollment dated day 31 after the eligibility date is accepted, day 32 is refused with the reason, and the saved eligibility is that of the enrollment day', async () => {
    const { karim, mg } = await agency();
    const admitted = daysAgo(60);
    const hamid = await registerClient(karim.session, withStatus('Hamid', 'Sultani', 'refugee', admitted, { dateOfBirth: '1990-03-03' }));
    const laila = await registerClient(karim.session, withStatus('Laila', 'Sultani', 'refugee', admitted, { dateOfBirth: '1992-08-19' }));
    const body = { programId: mg.id, serviceTier: 'comprehensive', tierReason: 'Employable adult, wants work within months' };

    const late = await karim.session.post('/api/enrollments', { ...body, clientId: laila, enrolledOn: daysAgo(60 - 32) });
    expect(expectFieldRefused(late, 'programId').programId).toMatch(/Laila Sultani is not eligible for Matching Grant.*31 days/);
    expect(await enrollmentsOf(karim.session, laila)).toEqual([]);

    const inTime = ok<Enrollment>(await karim.session.post('/api/enrollments', { ...body, clientId: hamid, enrolledOn: daysAgo(60 - 31) }), 201);
    expect(inTime.eligibility).toMatchObject({ asOf: daysAgo(29), eligible: true });
    expect(inTime.eligibility.results.find((r) => r.ruleKind === 'window')).toMatchObject({ code: 'window.matching_grant.open', windowEnd: daysAgo(29) });
  });

  it('bad enrollment requests are refused naming the field, and roles without enrollment rights are refused', async () => {
    const { amina, karim, orgId, legal } = await agency();
    const client = await registerClient(karim.session, { givenName: 'Pierre', familyName: 'Joseph' });
    const body = { clientId: client, programId: legal.id, serviceTier: 'comprehensive', tierReason: 'Asylum case' };
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, enrolledOn: '2099-01-01' }), 'enrolledOn');
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, enrolledOn: '2026-02-30' }), 'enrolledOn');
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, serviceTier: 'premium' }), 'serviceTier');
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, tierReason: '  ' }), 'tierReason');
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, clientId: randomUUID() }), 'clientId');
    expectFieldRefused(await karim.session.post('/api/enrollments', { ...body, programId: randomUUID() }), 'programId');
    ok(await amina.session.patch(`/api/programs/${legal.id}`, { active: false }));
    expectFieldRefused(await karim.session.post('/api/enrollments', body), 'programId');
    ok(await amina.session.patch(`/api/programs/${legal.id}`, { active: true }));

    for (const role of ['program_director', 'auditor', 'volunteer'] as const) {
      const member = await memberSession(t, role, orgId);
      expect((await member.session.post('/api/enrollments', body)).statusCode, role).toBe(403);
    }
    expect(await enrollmentsOf(karim.session, client)).toEqual([]);
  });

  it('an intake for a family where one child is already enrolled is refused naming that child, and the others are not enrolled either', async () => {
    const { karim, legal } = await agency();
    const ids = [
      await registerClient(karim.session, { givenName: 'Rosa', familyName: 'Mejía' }),
      await registerClient(karim.session, { givenName: 'Luis', familyName: 'Mejía' }),
      await registerClient(karim.session, { givenName: 'Ana', familyName: 'Mejía' }),
    ];
    ok(await karim.session.post('/api/enrollments', { clientId: ids[2], programId: legal.id, serviceTier: 'comprehensive', tierReason: 'Special immigrant juvenile petition' }), 201);
    const intake = ok<Intake>(
      await karim.session.post('/api/intakes', { data: { clientIds: ids, programId: legal.id, serviceTier: 'comprehensive', tierReason: 'Family asylum case' } }),
      201,
    );
    const refused = await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: 1 });
    expect(expectFieldRefused(refused, 'data.clientIds.2')['data.clientIds.2']).toMatch(/Ana Mejía is already enrolled/);
    expect(await enrollmentsOf(karim.session, ids[0]!)).toEqual([]);
    expect(await enrollmentsOf(karim.session, ids[1]!)).toEqual([]);
    expect(ok<Intake>(await karim.session.get(`/api/intakes/${intake.id}`))).toMatchObject({ status: 'in_progress', version: 1 });

    // Without her, it completes.
    const fixed = ok<Intake>(await karim.session.patch(`/api/intakes/${intake.id}`, { version: 1, data: { clientIds: ids.slice(0, 2) } }));
    expect(ok<Intake>(await karim.session.post(`/api/intakes/${intake.id}/complete`, { version: fixed.version })).enrollmentIds).toHaveLength(2);
  });
});
