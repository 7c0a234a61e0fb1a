import { addDays, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { callerId, createCaseRecord } from '../../support/cases.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

/** Organizations are created in New York time; a week ahead is "not in the past" anywhere. */
const nextWeek = () => addDays(todayIn('America/New_York'), 7);
const TASK_ROLES = ['case.manage', 'case.supervise'] as const;

/** A task of the caller's own (assigned to and by them), on no case. */
async function ownTask(t: TestApp, caller: Caller, orgId: string) {
  const userId = callerId(caller) ?? '00000000-0000-4000-8000-000000000000';
  const [task] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.tasks).values({ orgId, title: 'Call the school about enrollment', dueOn: nextWeek(), assignedTo: userId, assignedBy: userId, source: 'manual' }).returning(),
  );
  return task!;
}

/** An open risk flag on a case the caller works. */
async function flagOnOwnCase(t: TestApp, caller: Caller, orgId: string) {
  const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(caller) });
  const [flag] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.riskFlags)
      .values({
        orgId,
        caseId: kase.id,
        kind: 'family_violence',
        raisedOn: '2026-03-02',
        description: 'Bruises seen at the home visit',
        raisedBy: kase.primaryCaseManagerId,
        safetyPlan: { summary: 'Shelter hotline and a packed bag', recordedOn: '2026-03-02', recordedBy: kase.primaryCaseManagerId },
      })
      .returning(),
  );
  return { kase, flag: flag! };
}

const flagBody = { kind: 'suicidal_ideation', raisedOn: '2026-03-02', description: 'Said they see no way forward' };

export const tasksRiskCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/tasks', needs: TASK_ROLES, call: (c) => send(t, c, 'GET', '/api/tasks?view=mine&due=week') },
    { route: 'GET /api/tasks/assignees', needs: TASK_ROLES, call: (c) => send(t, c, 'GET', '/api/tasks/assignees') },
    {
      route: 'POST /api/tasks',
      needs: TASK_ROLES,
      call: (c) => send(t, c, 'POST', '/api/tasks', { title: 'Bring the lease to the housing clinic', dueOn: nextWeek() }),
    },
    {
      route: 'PATCH /api/tasks/:id',
      needs: TASK_ROLES,
      call: async (c, orgId) => {
        const task = await ownTask(t, c, orgId);
        return send(t, c, 'PATCH', `/api/tasks/${task.id}`, { status: 'done', version: 1 });
      },
    },
    { route: 'GET /api/account/task-digest', needs: 'member', call: (c) => send(t, c, 'GET', '/api/account/task-digest') },
    { route: 'PUT /api/account/task-digest', needs: 'member', call: (c) => send(t, c, 'PUT', '/api/account/task-digest', { enabled: false }) },
    {
      route: 'GET /api/cases/:id/risk-flags',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'GET', `/api/cases/${kase.id}/risk-flags`);
      },
    },
    {
      route: 'POST /api/cases/:id/risk-flags',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags`, flagBody);
      },
    },
    {
      route: 'PUT /api/cases/:id/risk-flags/:flagId',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, flag } = await flagOnOwnCase(t, c, orgId);
        return send(t, c, 'PUT', `/api/cases/${kase.id}/risk-flags/${flag.id}`, {
          version: 1,
          mandatoryReport: { reportedBy: 'Ana Ruiz', reportedOn: '2026-03-03', agency: 'County child protective services', reference: 'CPS-2026-118' },
        });
      },
    },
    {
      route: 'POST /api/cases/:id/risk-flags/:flagId/resolve',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, flag } = await flagOnOwnCase(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags/${flag.id}/resolve`, { note: 'Moved to a shelter; safety plan in place' });
      },
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/tasks',
      story: 'Amina gives a task no title',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/tasks', { title: ' ', dueOn: nextWeek() }),
      field: 'title',
    },
    {
      route: 'POST /api/tasks',
      story: 'Amina makes a task due yesterday',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/tasks', { title: 'Call the landlord', dueOn: addDays(todayIn('America/New_York'), -2) }),
      field: 'dueOn',
    },
    {
      route: 'POST /api/tasks',
      story: 'Amina gives a task to someone who is not a member',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/tasks', { title: 'Call the landlord', dueOn: nextWeek(), assignedTo: '00000000-0000-4000-8000-000000000000' }),
      field: 'assignedTo',
    },
    {
      route: 'GET /api/tasks',
      story: 'Amina asks for tasks due "someday"',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/tasks?due=someday'),
      field: 'due',
    },
    {
      route: 'PATCH /api/tasks/:id',
      story: 'Amina marks a task finished, a status Haven does not know',
      as: 'org_admin',
      send: async (c, orgId) => {
        const task = await ownTask(t, c, orgId);
        return send(t, c, 'PATCH', `/api/tasks/${task.id}`, { status: 'finished', version: 1 });
      },
      field: 'status',
    },
    {
      route: 'PUT /api/account/task-digest',
      story: 'Amina answers "yes" instead of true',
      as: 'org_admin',
      send: (c) => send(t, c, 'PUT', '/api/account/task-digest', { enabled: 'yes' }),
      field: 'enabled',
    },
    {
      route: 'POST /api/cases/:id/risk-flags',
      story: 'Amina raises a flag dated next year',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags`, { ...flagBody, raisedOn: addDays(todayIn('America/New_York'), 400) });
      },
      field: 'raisedOn',
    },
    {
      route: 'POST /api/cases/:id/risk-flags',
      story: 'Amina raises a flag of a kind Haven does not know',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags`, { ...flagBody, kind: 'burglary' });
      },
      field: 'kind',
    },
    {
      route: 'PUT /api/cases/:id/risk-flags/:flagId',
      story: 'Amina records a mandatory report without the agency',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { kase, flag } = await flagOnOwnCase(t, c, orgId);
        return send(t, c, 'PUT', `/api/cases/${kase.id}/risk-flags/${flag.id}`, {
          version: 1,
          mandatoryReport: { reportedBy: 'Ana Ruiz', reportedOn: '2026-03-03', agency: '', reference: 'CPS-2026-118' },
        });
      },
      field: 'mandatoryReport.agency',
    },
    {
      route: 'POST /api/cases/:id/risk-flags/:flagId/resolve',
      story: 'Amina resolves a child-abuse flag before the safety plan and the mandatory report are recorded',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        const raised = await send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags`, { ...flagBody, kind: 'child_abuse_neglect' });
        return send(t, c, 'POST', `/api/cases/${kase.id}/risk-flags/${raised.json<{ id: string }>().id}/resolve`, { note: 'Resolved' });
      },
      field: 'mandatoryReport',
    },
  ],
};
