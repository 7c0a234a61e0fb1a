import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addDays, type InstrumentList, type PlanList, type PlanPrintContext, type PlanResponse, type ProgramCaseSettings, todayIn } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, memberSession, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = todayIn('America/New_York');
const startsOn = addDays(today, -2);

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;
}

function goal(overrides: Record<string, unknown> = {}) {
  return {
    what: 'Move into an affordable two-bedroom apartment',
    measure: 'Signed lease',
    target: 'Rent at most 40% of household income',
    dueOn: addDays(startsOn, 90),
    domain: 'housing',
    status: 'open',
    steps: [{ what: 'Apply to three listings', ownerKind: 'client', dueOn: addDays(startsOn, 30) }],
    ...overrides,
  };
}

function planBody(version: number, overrides: Record<string, unknown> = {}) {
  return {
    startsOn,
    reviewOn: addDays(startsOn, 60),
    goals: [goal()],
    barriers: [{ barrier: 'No US rental history', strategy: 'Landlord letter from the agency', domain: 'housing' }],
    strengths: [{ strength: 'Steady job at the warehouse', buildOn: 'Use pay stubs for the application' }],
    budget: [{ item: 'Security deposit', fundingSource: 'RCA', amountCents: 120_000 }],
    version,
    ...overrides,
  };
}

/** A case of Karim's with one assessment on the default instrument: ready for planning. */
async function assessedCase(t: TestApp, options: { caseSettings?: Partial<ProgramCaseSettings> | null; status?: 'open' | 'closed' } = {}) {
  const karim = await memberSession(t, 'case_manager');
  const sam = await memberSession(t, 'supervisor', karim.orgId);
  const { kase } = await createCaseRecord(t, karim.orgId, {
    caseManagerId: karim.user.id,
    supervisorId: sam.user.id,
    stage: 'planning',
    openedOn: addDays(today, -30),
    ...(options.caseSettings !== undefined ? { caseSettings: options.caseSettings } : {}),
  });
  const instrument = (await karim.session.get('/api/assessment-instruments')).json<InstrumentList>().items[0]!;
  const assessed = await karim.session.post(`/api/cases/${kase.id}/assessments`, {
    instrumentId: instrument.id,
    assessedOn: addDays(today, -5),
    scores: instrument.domains.map((d) => ({ domain: d.key, score: 2 })),
  });
  expect(assessed.statusCode, assessed.body).toBe(201);
  return { karim, sam, kase, orgId: karim.orgId };
}

async function draft(session: Session, caseId: string): Promise<PlanResponse> {
  const response = await session.post(`/api/cases/${caseId}/plans`, {});
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PlanResponse>();
}

async function saved(session: Session, caseId: string, plan: PlanResponse, overrides: Record<string, unknown> = {}): Promise<PlanResponse> {
  const response = await session.put(`/api/cases/${caseId}/plans/${plan.id}`, planBody(plan.version, overrides));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PlanResponse>();
}

async function planRow(t: TestApp, planId: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.plans).where(eq(schema.plans.id, planId)));
  return row!;
}

async function eventKinds(t: TestApp, caseId: string): Promise<string[]> {
  const rows = await systemTransaction(t.database.db, (tx) =>
    tx.select({ kind: schema.caseEvents.kind }).from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(schema.caseEvents.occurredAt),
  );
  return rows.map((r) => r.kind);
}

describe('plans', async () => {
  const t = await createTestApp();

  it('a plan needs an assessment first: 400 naming assessment, no plan made', async () => {
    const karim = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, karim.orgId, { caseManagerId: karim.user.id });
    const response = await karim.session.post(`/api/cases/${kase.id}/plans`, {});
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toEqual({ assessment: 'Record an assessment before planning' });
    const rows = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.plans).where(eq(schema.plans.caseId, kase.id)));
    expect(rows).toHaveLength(0);
  });

  it('Karim drafts and saves a SMART plan; goals and steps get ids; the audit trail holds no plan text', async () => {
    const { karim, kase, orgId } = await assessedCase(t);
    const plan = await saved(karim.session, kase.id, await draft(karim.session, kase.id));
    expect(plan).toMatchObject({ status: 'draft', version: 2, startsOn, reviewOn: addDays(startsOn, 60) });
    expect(plan.goals[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(plan.goals[0]!.steps[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(plan.budget).toEqual([{ item: 'Security deposit', fundingSource: 'RCA', amountCents: 120_000 }]);

    // Saving again keeps the ids it was given.
    const again = await saved(karim.session, kase.id, plan, { goals: [{ ...goal(), id: plan.goals[0]!.id, status: 'achieved' }] });
    expect(again.goals[0]).toMatchObject({ id: plan.goals[0]!.id, status: 'achieved' });

    const audits = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, plan.id))).orderBy(schema.auditEvents.seq),
    );
    expect(audits.map((a) => a.action)).toEqual(['plan.created', 'plan.updated', 'plan.updated']);
    expect(JSON.stringify(audits)).not.toContain('two-bedroom');
  });

  it('SMART errors are refused naming the field, and nothing is saved', async () => {
    const { karim, kase } = await assessedCase(t);
    const plan = await draft(karim.session, kase.id);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ goals: [goal({ dueOn: addDays(startsOn, -1) })] }, 'goals.0.dueOn', "A goal can't be due before the plan starts"],
      [{ goals: [goal({ steps: [{ what: 'Apply', ownerKind: 'client', dueOn: addDays(startsOn, 91) }] })] }, 'goals.0.steps.0.dueOn', "A step can't be due after its goal"],
      [{ goals: [goal({ what: '   ' })] }, 'goals.0.what'],
      [{ goals: [goal({ measure: '' })] }, 'goals.0.measure'],
      [{ goals: [goal({ target: '' })] }, 'goals.0.target'],
      [{ goals: [goal({ domain: 'astrology' })] }, 'goals.0.domain'],
      [{ goals: [goal({ status: 'postponed' })] }, 'goals.0.status'],
      [{ goals: [goal({ steps: [{ what: 'Call', ownerKind: 'other', dueOn: startsOn }] })] }, 'goals.0.steps.0.ownerName'],
      [{ budget: [{ item: 'Bus pass', fundingSource: 'RCA', amountCents: -5 }] }, 'budget.0.amountCents'],
      [{ reviewOn: addDays(startsOn, -1) }, 'reviewOn'],
    ];
    for (const [overrides, field, message] of cases) {
      const response = await karim.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version, overrides));
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(errorOf(response).fields, field).toHaveProperty([field]);
      if (message) {
        expect(errorOf(response).fields![field]).toBe(message);
      }
    }
    const row = await planRow(t, plan.id);
    expect(row.version).toBe(1);
    expect(row.goals).toEqual([]);
  });

  it('two people save from the same version: the second is told the plan changed (409), the first save is kept', async () => {
    const { karim, sam, kase } = await assessedCase(t);
    const plan = await draft(karim.session, kase.id);
    const first = await karim.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version, { goals: [goal({ target: 'Karim’s target' })] }));
    expect(first.statusCode).toBe(200);
    const second = await sam.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version, { goals: [goal({ target: 'Sam’s target' })] }));
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).message).toBe('This plan was changed by someone else. Reload to see their changes.');
    const row = await planRow(t, plan.id);
    expect(row.version).toBe(2);
    expect(row.goals[0]!.target).toBe('Karim’s target');
  });

  it('submit, return with a note, resubmit, approve; the submitter cannot decide; an approved plan is no longer editable', async () => {
    const { karim, sam, kase, orgId } = await assessedCase(t);
    let plan = await saved(karim.session, kase.id, await draft(karim.session, kase.id));
    const submitted = await karim.session.post(`/api/cases/${kase.id}/plans/${plan.id}/submit`, { version: plan.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    plan = submitted.json<PlanResponse>();
    expect(plan).toMatchObject({ status: 'submitted', submittedBy: karim.user.id });

    // A submitted plan is not edited.
    const edit = await karim.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version));
    expect(edit.statusCode).toBe(409);
    expect(errorOf(edit).fields).toHaveProperty('status');

    const noNote = await sam.session.post(`/api/cases/${kase.id}/plans/${plan.id}/decision`, { decision: 'return', version: plan.version });
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).fields).toHaveProperty('note');
    const returned = await sam.session.post(`/api/cases/${kase.id}/plans/${plan.id}/decision`, { decision: 'return', note: 'Add a step for the deposit', version: plan.version });
    expect(returned.statusCode, returned.body).toBe(200);
    plan = returned.json<PlanResponse>();
    expect(plan).toMatchObject({ status: 'draft', returnNote: 'Add a step for the deposit' });
    expect((await karim.session.get(`/api/cases/${kase.id}/plans/${plan.id}`)).json<PlanResponse>().returnNote).toBe('Add a step for the deposit');

    plan = await saved(karim.session, kase.id, plan);
    plan = (await karim.session.post(`/api/cases/${kase.id}/plans/${plan.id}/submit`, { version: plan.version })).json<PlanResponse>();

    // Karim submitted it, so Sam, the case's supervisor, decides.
    const approved = await sam.session.post(`/api/cases/${kase.id}/plans/${plan.id}/decision`, { decision: 'approve', version: plan.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<PlanResponse>()).toMatchObject({ status: 'approved', approvedBy: sam.user.id });
    expect(await eventKinds(t, kase.id)).toEqual(['assessment_recorded', 'plan_submitted', 'plan_returned', 'plan_submitted', 'plan_approved']);

    const late = await karim.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(approved.json<PlanResponse>().version));
    expect(late.statusCode).toBe(409);

    // Approving one's own plan is refused: Sam works the replan and submits it himself.
    const replan = await draft(sam.session, kase.id);
    const own = (await sam.session.post(`/api/cases/${kase.id}/plans/${replan.id}/submit`, { version: replan.version })).json<PlanResponse>();
    expect(own.status).toBe('submitted');
    const selfApproval = await sam.session.post(`/api/cases/${kase.id}/plans/${replan.id}/decision`, { decision: 'approve', version: own.version });
    expect(selfApproval.statusCode).toBe(403);
    expect((await planRow(t, replan.id)).status).toBe('submitted');

    // Another supervisor approves it: the replan is in force and the first plan is superseded.
    const ines = await memberSession(t, 'org_admin', orgId);
    const other = await ines.session.post(`/api/cases/${kase.id}/plans/${replan.id}/decision`, { decision: 'approve', version: own.version });
    expect(other.statusCode, other.body).toBe(200);
    const history = (await karim.session.get(`/api/cases/${kase.id}/plans`)).json<PlanList>().items;
    expect(history.map((p) => [p.id, p.status])).toEqual([
      [replan.id, 'approved'],
      [plan.id, 'superseded'],
    ]);
    // The replan started as a copy of the newest plan.
    expect(replan.goals.map((g) => g.what)).toEqual(['Move into an affordable two-bedroom apartment']);
  });

  it('a case manager may not decide on a plan; a program without plan approval puts a submitted plan in force at once', async () => {
    const { karim, kase } = await assessedCase(t, { caseSettings: { planApprovalRequired: false } });
    const plan = await saved(karim.session, kase.id, await draft(karim.session, kase.id));
    const response = await karim.session.post(`/api/cases/${kase.id}/plans/${plan.id}/submit`, { version: plan.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PlanResponse>()).toMatchObject({ status: 'approved', approvedBy: karim.user.id });
    expect(await eventKinds(t, kase.id)).toEqual(['assessment_recorded', 'plan_submitted', 'plan_approved']);

    const decide = await karim.session.post(`/api/cases/${kase.id}/plans/${plan.id}/decision`, { decision: 'approve', version: 3 });
    expect(decide.statusCode).toBe(403);
  });

  it('a plan with no goals cannot be submitted; a second draft is refused while one is open', async () => {
    const { karim, kase } = await assessedCase(t);
    const plan = await draft(karim.session, kase.id);
    const empty = await karim.session.post(`/api/cases/${kase.id}/plans/${plan.id}/submit`, { version: plan.version });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).fields).toHaveProperty('goals');
    const another = await karim.session.post(`/api/cases/${kase.id}/plans`, {});
    expect(another.statusCode).toBe(409);
  });

  it('a closed case refuses plan changes (409) and its plans stay readable; the print context names the people', async () => {
    const { karim, kase, orgId } = await assessedCase(t);
    const plan = await saved(karim.session, kase.id, await draft(karim.session, kase.id));
    await systemTransaction(t.database.db, (tx) => tx.update(schema.cases).set({ status: 'closed' }).where(and(eq(schema.cases.orgId, orgId), eq(schema.cases.id, kase.id))));
    const edit = await karim.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version));
    expect(edit.statusCode).toBe(409);
    expect((await karim.session.post(`/api/cases/${kase.id}/plans`, {})).statusCode).toBe(409);
    expect((await planRow(t, plan.id)).version).toBe(plan.version);

    const print = await karim.session.get(`/api/cases/${kase.id}/plans/${plan.id}/print-context`);
    expect(print.statusCode).toBe(200);
    const context = print.json<PlanPrintContext>();
    expect(context.caseReference).toBe(kase.reference);
    expect(context.caseManagerName).toBe(karim.user.displayName);
    expect(context.domains.map((d) => d.key)).toContain('housing');

    // A closed case from the start refuses a first draft too.
    const { kase: closed } = await createCaseRecord(t, orgId, { caseManagerId: karim.user.id, status: 'closed' });
    expect((await karim.session.post(`/api/cases/${closed.id}/plans`, {})).statusCode).toBe(409);
  });

  it('another case manager’s case does not exist for Layla (404)', async () => {
    const { kase, orgId, karim } = await assessedCase(t);
    const plan = await draft(karim.session, kase.id);
    const layla = await memberSession(t, 'case_manager', orgId);
    expect((await layla.session.get(`/api/cases/${kase.id}/plans`)).statusCode).toBe(404);
    expect((await layla.session.put(`/api/cases/${kase.id}/plans/${plan.id}`, planBody(plan.version))).statusCode).toBe(404);
    expect((await planRow(t, plan.id)).version).toBe(1);
  });
});
