import { eq } from 'drizzle-orm';
import { CLOSING_CHECKLIST } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { createUser, type TestApp } from '../../support/app.js';
import { callerId, createCaseRecord } from '../../support/cases.js';
import { type Caller, createEnrollmentRecord, type ModuleCases, send } from '../../support/matrix.js';

const allDone = Object.fromEntries(CLOSING_CHECKLIST.map((key) => [key, true]));
const closureBody = (overrides: Record<string, unknown> = {}) => ({
  reason: 'goals_met',
  checklist: allDone,
  summary: 'Employed full time; rent paid for three months.',
  closedOn: '2026-02-01',
  version: 1,
  ...overrides,
});

/** A case in closure_pending, requested by a case manager outside the matrix's crew. */
async function pendingClosureCase(t: TestApp, orgId: string) {
  const record = await createCaseRecord(t, orgId, { stage: 'closure', status: 'closure_pending' });
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .update(schema.cases)
      .set({
        closure: { reason: 'moved', checklist: allDone, summary: 'Moved away; referred on.', closedOn: '2026-02-01', requestedBy: record.kase.primaryCaseManagerId, requestedAt: new Date().toISOString() },
      })
      .where(eq(schema.cases.id, record.kase.id)),
  );
  return record;
}

export const caseCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/cases', needs: 'case.read', call: (c) => send(t, c, 'GET', '/api/cases') },
    { route: 'GET /api/case-staff', needs: 'case.read', call: (c) => send(t, c, 'GET', '/api/case-staff') },
    {
      route: 'POST /api/cases',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { enrollment } = await createEnrollmentRecord(t, orgId);
        return send(t, c, 'POST', '/api/cases', { enrollmentId: enrollment.id });
      },
    },
    {
      route: 'GET /api/cases/:id',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'GET', `/api/cases/${kase.id}`);
      },
    },
    {
      route: 'GET /api/cases/:id/timeline',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'GET', `/api/cases/${kase.id}/timeline`);
      },
    },
    {
      route: 'POST /api/cases/:id/stage',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
        return send(t, c, 'POST', `/api/cases/${kase.id}/stage`, { stage: 'assessment', version: 1 });
      },
    },
    {
      // The caller supervises someone else's case: only a supervisor role may hand it on (its own
      // case manager may too: test/cases).
      route: 'POST /api/cases/:id/transfer',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { supervisorId: callerId(c) });
        const next = await createUser(t, { orgId, role: 'case_manager' });
        return send(t, c, 'POST', `/api/cases/${kase.id}/transfer`, { toCaseManagerId: next.id, handOffNote: 'Rent assistance is pending.', version: 1 });
      },
    },
    {
      route: 'POST /api/cases/:id/closure',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c), stage: 'monitoring' });
        return send(t, c, 'POST', `/api/cases/${kase.id}/closure`, closureBody());
      },
    },
    {
      route: 'POST /api/cases/:id/closure/decision',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase } = await pendingClosureCase(t, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/closure/decision`, { decision: 'approve', version: 1 });
      },
    },
    {
      route: 'POST /api/cases/:id/reopen',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase } = await createCaseRecord(t, orgId, { stage: 'closure', status: 'closed' });
        return send(t, c, 'POST', `/api/cases/${kase.id}/reopen`, { reason: 'A new eviction notice', version: 1 });
      },
    },
  ],
  badInputs: (t) => {
    const onOwnCase = (route: string, story: string, field: string, path: string, body: (caller: Caller) => Record<string, unknown>, options: { stage?: 'monitoring' } = {}) => ({
      route,
      story,
      as: 'org_admin' as const,
      send: async (c: Caller, orgId: string) => {
        const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c), ...options });
        return send(t, c, 'POST', `/api/cases/${kase.id}${path}`, body(c));
      },
      field,
    });
    return [
      {
        route: 'POST /api/cases',
        story: 'Amina opens a case for an enrollment id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/cases', { enrollmentId: 'latest' }),
        field: 'enrollmentId',
      },
      {
        route: 'POST /api/cases',
        story: 'Amina opens a case for an enrollment that does not exist',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/cases', { enrollmentId: crypto.randomUUID() }),
        field: 'enrollmentId',
      },
      {
        route: 'GET /api/cases',
        story: 'Amina filters the caseload by a stage Haven does not know',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/cases?stage=triage'),
        field: 'stage',
      },
      onOwnCase('POST /api/cases/:id/stage', 'Amina jumps from engagement straight to planning', 'stage', '/stage', () => ({ stage: 'planning', version: 1 })),
      onOwnCase('POST /api/cases/:id/stage', 'Amina closes by a plain stage move', 'stage', '/stage', () => ({ stage: 'closure', version: 1 })),
      onOwnCase('POST /api/cases/:id/transfer', 'Amina hands a case on with a three-letter note', 'handOffNote', '/transfer', (c) => ({ toCaseManagerId: callerId(c), handOffNote: 'bye', version: 1 })),
      onOwnCase('POST /api/cases/:id/transfer', 'Amina hands a case to someone who is not a member', 'toCaseManagerId', '/transfer', () => ({ toCaseManagerId: crypto.randomUUID(), handOffNote: 'Rent assistance is pending.', version: 1 })),
      onOwnCase('POST /api/cases/:id/closure', 'Amina closes without confirming the final contact', 'checklist.final_contact_documented', '/closure', () => closureBody({ checklist: { ...allDone, final_contact_documented: false } }), { stage: 'monitoring' }),
      onOwnCase('POST /api/cases/:id/closure', 'Amina closes for “other” without saying why', 'reasonDetail', '/closure', () => closureBody({ reason: 'other' }), { stage: 'monitoring' }),
      onOwnCase('POST /api/cases/:id/closure', 'Amina closes with no summary', 'summary', '/closure', () => closureBody({ summary: '' }), { stage: 'monitoring' }),
      onOwnCase('POST /api/cases/:id/closure', 'Amina dates the closure before the case was opened', 'closedOn', '/closure', () => closureBody({ closedOn: '2025-12-01' }), { stage: 'monitoring' }),
      {
        route: 'POST /api/cases/:id/closure/decision',
        story: 'Amina returns a closure request without a note',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { kase } = await pendingClosureCase(t, orgId);
          return send(t, c, 'POST', `/api/cases/${kase.id}/closure/decision`, { decision: 'return', version: 1 });
        },
        field: 'note',
      },
      {
        route: 'POST /api/cases/:id/reopen',
        story: 'Amina reopens without a reason',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { kase } = await createCaseRecord(t, orgId, { stage: 'closure', status: 'closed' });
          return send(t, c, 'POST', `/api/cases/${kase.id}/reopen`, { reason: '', version: 1 });
        },
        field: 'reason',
      },
      {
        route: 'GET /api/cases/:id/timeline',
        story: 'Amina pages the timeline with a made-up cursor',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { kase } = await createCaseRecord(t, orgId, { caseManagerId: callerId(c) });
          return send(t, c, 'GET', `/api/cases/${kase.id}/timeline?cursor=abc`);
        },
        field: 'cursor',
      },
    ];
  },
};
