import { addDays, addMonths, type SupervisionDashboard, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { createClientRecord, createTestApp, createUser, login, memberSession } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';
import { insertPendingDisbursement, insertRows, updateCase } from './fixtures.js';

/**
 * The supervisor dashboard on a small team: Sofia supervises Carla's and Diego's cases. What she
 * sees is what she must act on — contacts overdue under the monthly rule, approvals waiting,
 * risk flags without their safety records, plans past due — and nothing of a protected client
 * she is not assigned to.
 */
describe('supervisor dashboard', async () => {
  const t = await createTestApp();
  const today = todayIn('America/New_York');
  const periodStart = `${today.slice(0, 8)}01`;
  const previousMonth = addMonths(periodStart, -1);
  const longAgo = addMonths(periodStart, -3);

  it('Sofia sees her team: caseloads, an overdue contact, three kinds of approvals, a risk flag missing its safety plan and mandatory report, a plan past due — and not the protected client she is not assigned to', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const { orgId } = sofia;
    const carla = await createUser(t, { orgId, role: 'case_manager', name: 'Carla Reyes' });
    const diego = await createUser(t, { orgId, role: 'case_manager', name: 'Diego Alvarez' });
    const otherSupervisor = await createUser(t, { orgId, role: 'supervisor' });
    const team = { supervisorId: sofia.user.id, openedOn: addMonths(periodStart, -6) };

    const contacted = await createCaseRecord(t, orgId, { ...team, caseManagerId: carla.id, stage: 'intervention' });
    await updateCase(t, orgId, contacted.kase.id, { lastMeaningfulContactOn: today });
    const dueThisMonth = await createCaseRecord(t, orgId, { ...team, caseManagerId: carla.id, stage: 'monitoring' });
    await updateCase(t, orgId, dueThisMonth.kase.id, { lastMeaningfulContactOn: addDays(previousMonth, 3) });
    const overdue = await createCaseRecord(t, orgId, { ...team, caseManagerId: diego.id, stage: 'intervention' });
    await updateCase(t, orgId, overdue.kase.id, { lastMeaningfulContactOn: longAgo });
    const closing = await createCaseRecord(t, orgId, { ...team, caseManagerId: diego.id, stage: 'closure', status: 'closure_pending' });
    await updateCase(t, orgId, closing.kase.id, { lastMeaningfulContactOn: today });
    const closed = await createCaseRecord(t, orgId, { ...team, caseManagerId: diego.id, stage: 'closure', status: 'closed' });
    await updateCase(t, orgId, closed.kase.id, { closedOn: addMonths(periodStart, -2) });
    // Another supervisor's case: in the organization-wide view only.
    const elsewhere = await createCaseRecord(t, orgId, { supervisorId: otherSupervisor.id, caseManagerId: carla.id, openedOn: team.openedOn });
    // A protected client whose case Sofia supervises on paper, but she is not assigned to the client.
    const hiddenClient = await createClientRecord(t, orgId, { givenName: 'Rosa', familyName: 'Hidden', isProtected: true, assignedTo: [diego.id] });
    const hidden = await createCaseRecord(t, orgId, { ...team, caseManagerId: diego.id, clientId: hiddenClient.id, stage: 'intervention' });

    await insertRows(t, orgId, {
      plans: [
        { caseId: contacted.kase.id, status: 'submitted', startsOn: today, submittedBy: carla.id, submittedAt: new Date(), createdBy: carla.id },
        { caseId: hidden.kase.id, status: 'submitted', startsOn: today, submittedBy: diego.id, submittedAt: new Date(), createdBy: diego.id },
        { caseId: dueThisMonth.kase.id, status: 'approved', startsOn: longAgo, reviewOn: addDays(today, -1), createdBy: carla.id },
        {
          caseId: overdue.kase.id,
          status: 'approved',
          startsOn: longAgo,
          reviewOn: addDays(today, 60),
          createdBy: diego.id,
          goals: [
            { id: 'g1', what: 'Find work', measure: 'Job offer', target: '1', dueOn: addDays(today, -10), domain: 'employment', status: 'open', steps: [] },
            { id: 'g2', what: 'ESL class', measure: 'Enrolled', target: '1', dueOn: addDays(today, -30), domain: 'english', status: 'achieved', steps: [] },
          ],
        },
        { caseId: contacted.kase.id, status: 'approved', startsOn: today, reviewOn: addDays(today, 30), createdBy: carla.id },
      ],
      riskFlags: [
        { caseId: overdue.kase.id, kind: 'child_abuse_neglect', raisedOn: addDays(today, -2), description: 'Disclosed at home visit', raisedBy: diego.id },
        {
          caseId: dueThisMonth.kase.id,
          kind: 'family_violence',
          raisedOn: addDays(today, -1),
          description: 'Reported by client',
          raisedBy: carla.id,
          safetyPlan: { summary: 'Shelter contact list', recordedOn: today, recordedBy: carla.id },
        },
        { caseId: hidden.kase.id, kind: 'suicidal_ideation', raisedOn: today, description: 'Hidden', raisedBy: diego.id },
        // Still open on a case closed since: it stays on the dashboard until someone resolves it.
        { caseId: closed.kase.id, kind: 'suicidal_ideation', raisedOn: addDays(today, -40), description: 'Before closing', raisedBy: diego.id },
      ],
      tasks: [
        { caseId: contacted.kase.id, title: 'Call landlord', dueOn: addDays(today, -3), assignedTo: carla.id, source: 'manual' },
        { caseId: contacted.kase.id, title: 'Done already', dueOn: addDays(today, -3), assignedTo: carla.id, source: 'manual', status: 'done' },
        { caseId: dueThisMonth.kase.id, title: 'Not due yet', dueOn: addDays(today, 3), assignedTo: carla.id, source: 'manual' },
      ],
    });
    const disbursement = await insertPendingDisbursement(t, orgId, dueThisMonth.kase.id, carla.id, 75_000);
    await insertPendingDisbursement(t, orgId, hidden.kase.id, diego.id, 90_000);

    const response = await sofia.session.get('/api/supervision/dashboard');
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json<SupervisionDashboard>();
    expect(dashboard).toMatchObject({ asOf: today, scope: 'team', periodStart });

    expect(dashboard.caseloads).toEqual([
      { caseManagerId: carla.id, caseManagerName: 'Carla Reyes', openCases: 2, contactDue: 1, overdueTasks: 1 },
      { caseManagerId: diego.id, caseManagerName: 'Diego Alvarez', openCases: 2, contactDue: 1, overdueTasks: 0 },
    ]);
    expect(dashboard.overdueContacts.count).toBe(1);
    expect(dashboard.overdueContacts.items).toEqual([expect.objectContaining({ caseId: overdue.kase.id, caseManagerName: 'Diego Alvarez', lastContactOn: longAgo })]);

    expect(dashboard.approvals.plans.count).toBe(1);
    expect(dashboard.approvals.plans.items).toEqual([
      expect.objectContaining({ caseId: contacted.kase.id, caseReference: contacted.kase.reference, clientName: expect.stringMatching(/^Test Client/), since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) }),
    ]);
    expect(dashboard.approvals.closures.items[0]!.since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(dashboard.approvals.closures.items.map((item) => item.caseId)).toEqual([closing.kase.id]);
    expect(dashboard.approvals.disbursements).toEqual({ count: 1, items: [expect.objectContaining({ id: disbursement.id, caseId: dueThisMonth.kase.id, amountCents: 75_000 })] });

    expect(dashboard.riskFlags.count).toBe(3);
    expect(dashboard.riskFlags.items[0]).toMatchObject({ caseId: closed.kase.id, kind: 'suicidal_ideation', safetyPlanMissing: true, mandatoryReportMissing: false });
    const byCase = new Map(dashboard.riskFlags.items.map((flag) => [flag.caseId, flag]));
    expect(byCase.get(overdue.kase.id)).toMatchObject({ kind: 'child_abuse_neglect', safetyPlanMissing: true, mandatoryReportMissing: true });
    expect(byCase.get(dueThisMonth.kase.id)).toMatchObject({ kind: 'family_violence', safetyPlanMissing: false, mandatoryReportMissing: false });

    expect(dashboard.plansPastDue.count).toBe(2);
    expect(new Map(dashboard.plansPastDue.items.map((plan) => [plan.caseId, plan.goalDueOn]))).toEqual(
      new Map([
        [dueThisMonth.kase.id, null],
        [overdue.kase.id, addDays(today, -10)],
      ]),
    );

    // Nothing anywhere names the protected client's case.
    expect(response.body).not.toContain(hidden.kase.id);
    expect(response.body).not.toContain('Hidden');
    expect(response.body).not.toContain(elsewhere.kase.id);

    // The organization-wide view adds the other supervisor's case to Carla's caseload.
    const all = (await sofia.session.get('/api/supervision/dashboard?scope=all')).json<SupervisionDashboard>();
    expect(all.caseloads.find((row) => row.caseManagerId === carla.id)).toMatchObject({ openCases: 3, contactDue: 2 });
    expect(JSON.stringify(all)).not.toContain(hidden.kase.id);

    // Diego, assigned to the protected client, is no supervisor: the dashboard is not his.
    const diegoSession = await login(t, diego.email);
    expect((await diegoSession.get('/api/supervision/dashboard')).statusCode).toBe(403);
  });

  it('A program filter narrows every list; a case never contacted counts from its opening', async () => {
    const sofia = await memberSession(t, 'program_director');
    const { orgId } = sofia;
    const neverContacted = await createCaseRecord(t, orgId, { openedOn: longAgo });
    const justOpened = await createCaseRecord(t, orgId, { openedOn: addDays(today, -1) > periodStart ? addDays(today, -1) : periodStart });
    const dashboard = (await sofia.session.get('/api/supervision/dashboard')).json<SupervisionDashboard>();
    expect(dashboard.scope).toBe('all');
    expect(dashboard.overdueContacts.items.map((item) => item.caseId)).toEqual([neverContacted.kase.id]);
    const filtered = (await sofia.session.get(`/api/supervision/dashboard?programId=${justOpened.program.id}`)).json<SupervisionDashboard>();
    expect(filtered.overdueContacts.count).toBe(0);
    expect(filtered.caseloads).toEqual([expect.objectContaining({ openCases: 1, contactDue: 1 })]);
  });
});
