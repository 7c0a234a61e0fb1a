import { describe, expect, it } from 'vitest';
import { createTestApp, memberSession } from '../support/app.js';
import { createProgram, daysAgo, type Enrollment, type ExceptionRequest, expectFieldRefused, type Intake, ok, registerClient, withStatus } from './support.js';

describe('exceptions are used once; an intake names everyone it cannot enroll', async () => {
  const t = await createTestApp();

  it('an approved exception admits one enrollment: after she exits, enrolling her again needs a new exception', async () => {
    const admin = await memberSession(t, 'org_admin');
    const karim = await memberSession(t, 'case_manager', admin.orgId);
    const sofia = await memberSession(t, 'supervisor', admin.orgId);
    const rp = await createProgram(admin.session, 'Reception & Placement', 'RP');
    // Arrived 120 days ago: past the 90 days of Reception & Placement.
    const lina = await registerClient(karim.session, withStatus('Lina', 'Aziz', 'refugee', daysAgo(120)));

    const request = ok<ExceptionRequest>(
      await karim.session.post('/api/exception-requests', { clientId: lina, programId: rp.id, reason: 'Hospitalized for most of her first three months' }),
      201,
    );
    ok(await sofia.session.post(`/api/exception-requests/${request.id}/decision`, { decision: 'approved', note: 'Discharge papers seen' }));
    const first = ok<Enrollment>(
      await karim.session.post('/api/enrollments', { clientId: lina, programId: rp.id, serviceTier: 'comprehensive', tierReason: 'Medical follow-up', enrolledOn: daysAgo(5) }),
      201,
    );
    expect(first.exceptionRequestId).toBe(request.id);
    ok(await karim.session.patch(`/api/enrollments/${first.id}`, { version: 1, exitedOn: daysAgo(1), exitReason: 'Moved to another city' }));

    const again = await karim.session.post('/api/enrollments', { clientId: lina, programId: rp.id, serviceTier: 'comprehensive', tierReason: 'Came back' });
    expectFieldRefused(again, 'programId');
    // The used exception no longer stands in the way of asking again.
    ok(await karim.session.post('/api/exception-requests', { clientId: lina, programId: rp.id, reason: 'Returned after a move that fell through' }), 201);
  });

  it('a family with two people who are not eligible: completing the intake names both, and enrolls no one', async () => {
    const admin = await memberSession(t, 'org_admin');
    const tomas = await memberSession(t, 'intake_specialist', admin.orgId);
    const rp = await createProgram(admin.session, 'Reception & Placement', 'RP');
    const mother = await registerClient(tomas.session, withStatus('Rosa', 'Quispe', 'refugee', daysAgo(10)));
    const uncle = await registerClient(tomas.session, withStatus('Luis', 'Quispe', 'asylum_seeker_affirmative', daysAgo(10)));
    const grandmother = await registerClient(tomas.session, { givenName: 'Ana', familyName: 'Quispe' });
    const intake = ok<Intake>(
      await tomas.session.post('/api/intakes', {
        data: { clientIds: [mother, uncle, grandmother], programId: rp.id, serviceTier: 'orientation_referrals', tierReason: 'Orientation first' },
      }),
      201,
    );
    const refused = await tomas.session.post(`/api/intakes/${intake.id}/complete`, { version: intake.version });
    const fields = expectFieldRefused(refused, 'data.clientIds');
    expect(Object.keys(fields).sort()).toEqual(['data.clientIds.1', 'data.clientIds.2']);
    expect(ok<{ items: Enrollment[] }>(await tomas.session.get(`/api/enrollments?programId=${rp.id}`)).items).toEqual([]);
  });
});
