import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { addDays, DEFAULT_INSTRUMENT_DOMAINS, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { createUser, type TestApp } from '../../support/app.js';
import { callerId, createCaseRecord } from '../../support/cases.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

const today = todayIn('America/New_York');
const startsOn = addDays(today, -3);

/** An instrument with the default domains, written straight to the database. */
async function createInstrumentRecord(t: TestApp, orgId: string, createdBy: string) {
  const [instrument] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.assessmentInstruments)
      .values({ orgId, familyId: randomUUID(), name: 'Self-sufficiency assessment', domains: DEFAULT_INSTRUMENT_DOMAINS, createdBy })
      .returning(),
  );
  return instrument!;
}

/** A case the caller works (their own), assessed once; with a plan in the given state when asked. */
async function caseOf(t: TestApp, caller: Caller, orgId: string, options: { assessed?: boolean; plan?: 'draft' | 'submitted' } = {}) {
  const { kase, client } = await createCaseRecord(t, orgId, { caseManagerId: callerId(caller), openedOn: addDays(today, -30) });
  const instrument = await createInstrumentRecord(t, orgId, kase.primaryCaseManagerId);
  let planId: string | null = null;
  if (options.assessed || options.plan) {
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.assessments).values({
        orgId,
        caseId: kase.id,
        clientId: kase.clientId,
        instrumentId: instrument.id,
        assessedOn: addDays(today, -5),
        scores: DEFAULT_INSTRUMENT_DOMAINS.map((d) => ({ domain: d.key, score: 3 })),
        createdBy: kase.primaryCaseManagerId,
      }),
    );
  }
  if (options.plan) {
    // Submitted by a colleague outside the crew, so a supervising caller is never deciding on their own plan.
    const submitter = options.plan === 'submitted' ? (await createUser(t, { orgId, role: 'case_manager' })).id : null;
    const [plan] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .insert(schema.plans)
        .values({
          orgId,
          caseId: kase.id,
          status: options.plan,
          startsOn,
          goals: [],
          submittedBy: submitter,
          submittedAt: submitter ? new Date() : null,
          createdBy: kase.primaryCaseManagerId,
        })
        .returning(),
    );
    planId = plan!.id;
  }
  return { kase, client, instrument, planId };
}

function planBody(overrides: Record<string, unknown> = {}) {
  return {
    startsOn,
    goals: [
      {
        what: 'Find full-time work',
        measure: 'Signed job offer',
        target: '35 hours a week or more',
        dueOn: addDays(startsOn, 60),
        domain: 'employment_income',
        status: 'open',
        steps: [{ what: 'Update the résumé', ownerKind: 'case_manager', dueOn: addDays(startsOn, 10) }],
      },
    ],
    barriers: [],
    strengths: [],
    budget: [],
    version: 1,
    ...overrides,
  };
}

function assessmentBody(instrumentId: string, overrides: Record<string, unknown> = {}) {
  return { instrumentId, assessedOn: addDays(today, -1), scores: DEFAULT_INSTRUMENT_DOMAINS.map((d) => ({ domain: d.key, score: 4 })), ...overrides };
}

export const assessmentPlanCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/assessment-instruments', needs: 'case.read', call: (c) => send(t, c, 'GET', '/api/assessment-instruments') },
    {
      route: 'POST /api/assessment-instruments',
      needs: 'instrument.manage',
      call: (c) => send(t, c, 'POST', '/api/assessment-instruments', { name: 'Youth wellbeing', domains: [{ key: 'school', label: 'School' }] }),
    },
    {
      route: 'GET /api/assessment-instruments/:id',
      needs: 'case.read',
      call: async (c, orgId) => {
        const instrument = await createInstrumentRecord(t, orgId, randomUUID());
        return send(t, c, 'GET', `/api/assessment-instruments/${instrument.id}`);
      },
    },
    {
      route: 'PUT /api/assessment-instruments/:id',
      needs: 'instrument.manage',
      call: async (c, orgId) => {
        const instrument = await createInstrumentRecord(t, orgId, randomUUID());
        return send(t, c, 'PUT', `/api/assessment-instruments/${instrument.id}`, { name: 'Renamed', domains: [{ key: 'housing', label: 'Housing' }], active: true, version: 1 });
      },
    },
    {
      route: 'GET /api/cases/:id/assessments',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await caseOf(t, c, orgId, { assessed: true });
        return send(t, c, 'GET', `/api/cases/${kase.id}/assessments`);
      },
    },
    {
      route: 'POST /api/cases/:id/assessments',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, instrument } = await caseOf(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/assessments`, assessmentBody(instrument.id));
      },
    },
    {
      route: 'GET /api/clients/:id/assessment-history',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { client } = await caseOf(t, c, orgId, { assessed: true });
        return send(t, c, 'GET', `/api/clients/${client.id}/assessment-history`);
      },
    },
    {
      route: 'GET /api/cases/:id/plans',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await caseOf(t, c, orgId, { plan: 'draft' });
        return send(t, c, 'GET', `/api/cases/${kase.id}/plans`);
      },
    },
    {
      route: 'POST /api/cases/:id/plans',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase } = await caseOf(t, c, orgId, { assessed: true });
        return send(t, c, 'POST', `/api/cases/${kase.id}/plans`, {});
      },
    },
    {
      route: 'GET /api/cases/:id/plans/:planId',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'draft' });
        return send(t, c, 'GET', `/api/cases/${kase.id}/plans/${planId}`);
      },
    },
    {
      route: 'PUT /api/cases/:id/plans/:planId',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'draft' });
        return send(t, c, 'PUT', `/api/cases/${kase.id}/plans/${planId}`, planBody());
      },
    },
    {
      route: 'POST /api/cases/:id/plans/:planId/submit',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'draft' });
        // A plan needs goals to be submitted: the case's worker saves one first (as the fixture).
        await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
          tx
            .update(schema.plans)
            .set({ goals: [{ id: randomUUID(), what: 'Work', measure: 'Offer', target: 'Full time', dueOn: addDays(startsOn, 60), domain: 'employment_income', status: 'open', steps: [] }] })
            .where(and(eq(schema.plans.orgId, orgId), eq(schema.plans.id, planId!))),
        );
        return send(t, c, 'POST', `/api/cases/${kase.id}/plans/${planId}/submit`, { version: 1 });
      },
    },
    {
      route: 'POST /api/cases/:id/plans/:planId/decision',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'submitted' });
        return send(t, c, 'POST', `/api/cases/${kase.id}/plans/${planId}/decision`, { decision: 'approve', version: 1 });
      },
    },
    {
      route: 'GET /api/cases/:id/plans/:planId/print-context',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'draft' });
        return send(t, c, 'GET', `/api/cases/${kase.id}/plans/${planId}/print-context`);
      },
    },
  ],
  badInputs: (t) => {
    const assessment = (story: string, field: string, overrides: (instrumentId: string) => Record<string, unknown>) => ({
      route: 'POST /api/cases/:id/assessments',
      story,
      as: 'org_admin' as const,
      send: async (c: Caller, orgId: string) => {
        const { kase, instrument } = await caseOf(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/assessments`, assessmentBody(instrument.id, overrides(instrument.id)));
      },
      field,
    });
    const plan = (story: string, field: string, overrides: Record<string, unknown>) => ({
      route: 'PUT /api/cases/:id/plans/:planId',
      story,
      as: 'org_admin' as const,
      send: async (c: Caller, orgId: string) => {
        const { kase, planId } = await caseOf(t, c, orgId, { plan: 'draft' });
        return send(t, c, 'PUT', `/api/cases/${kase.id}/plans/${planId}`, planBody(overrides));
      },
      field,
    });
    const goal = planBody().goals[0]!;
    return [
      {
        route: 'POST /api/assessment-instruments',
        story: 'Amina lists the domain “school” twice',
        as: 'org_admin',
        send: (c) =>
          send(t, c, 'POST', '/api/assessment-instruments', {
            name: 'Youth wellbeing',
            domains: [
              { key: 'school', label: 'School' },
              { key: 'school', label: 'Schooling' },
            ],
          }),
        field: 'domains.1.key',
      },
      assessment('Amina scores housing 6 on a 1–5 scale', 'scores.0.score', () => ({
        scores: DEFAULT_INSTRUMENT_DOMAINS.map((d, i) => ({ domain: d.key, score: i === 0 ? 6 : 3 })),
      })),
      assessment('Amina dates the assessment next week', 'assessedOn', () => ({ assessedOn: addDays(today, 7) })),
      assessment('Amina leaves childcare unscored', 'scores', () => ({
        scores: DEFAULT_INSTRUMENT_DOMAINS.filter((d) => d.key !== 'childcare').map((d) => ({ domain: d.key, score: 3 })),
      })),
      plan('Amina sets a goal due the day before the plan starts', 'goals.0.dueOn', { goals: [{ ...goal, dueOn: addDays(startsOn, -1) }] }),
      plan('Amina gives a step a due date after its goal', 'goals.0.steps.0.dueOn', {
        goals: [{ ...goal, steps: [{ what: 'Update the résumé', ownerKind: 'client', dueOn: addDays(goal.dueOn, 1) }] }],
      }),
      plan('Amina leaves the goal’s measure blank', 'goals.0.measure', { goals: [{ ...goal, measure: ' ' }] }),
      {
        route: 'POST /api/cases/:id/plans',
        story: 'Amina starts a plan before anyone assessed the client',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { kase } = await caseOf(t, c, orgId);
          return send(t, c, 'POST', `/api/cases/${kase.id}/plans`, {});
        },
        field: 'assessment',
      },
      {
        route: 'POST /api/cases/:id/plans/:planId/decision',
        story: 'Amina returns a plan without saying what should change',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { kase, planId } = await caseOf(t, c, orgId, { plan: 'submitted' });
          return send(t, c, 'POST', `/api/cases/${kase.id}/plans/${planId}/decision`, { decision: 'return', version: 1 });
        },
        field: 'note',
      },
    ];
  },
};
