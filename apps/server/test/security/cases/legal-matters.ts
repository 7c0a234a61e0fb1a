import { addDays, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { createClientRecord, type TestApp } from '../../support/app.js';
import { callerId } from '../../support/cases.js';
import { createMatterRecord } from '../../support/legal.js';
import { type Caller, createProgramRecord, type ModuleCases, send } from '../../support/matrix.js';

/** Organizations are created in New York time. */
const today = () => todayIn('America/New_York');
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** A matter the caller represents and opened, so a role with matter.read or matter.manage reaches it. */
async function ownMatter(t: TestApp, caller: Caller, orgId: string) {
  return createMatterRecord(t, orgId, { representativeId: callerId(caller) ?? NOBODY, facts: { lastArrivalDate: addDays(today(), -200) } });
}

/** A manual deadline on the caller's own matter, theirs to do. */
async function ownManualDeadline(t: TestApp, caller: Caller, orgId: string) {
  const matter = await ownMatter(t, caller, orgId);
  const [deadline] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterDeadlines)
      .values({ orgId, matterId: matter.id, source: 'manual', kind: 'deadline', title: 'Gather country conditions evidence', dueOn: addDays(today(), 14), responsibleId: matter.createdBy })
      .returning(),
  );
  return deadline!;
}

async function openingBody(t: TestApp, orgId: string) {
  const client = await createClientRecord(t, orgId);
  const program = await createProgramRecord(t, orgId);
  return { clientId: client.id, programId: program.id, type: 'affirmative_asylum', facts: { lastArrivalDate: addDays(today(), -300) } };
}

export const legalMatterCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/matters', needs: 'matter.read', call: (c) => send(t, c, 'GET', '/api/matters') },
    { route: 'POST /api/matters', needs: 'matter.manage', call: async (c, orgId) => send(t, c, 'POST', '/api/matters', await openingBody(t, orgId)) },
    { route: 'GET /api/matters/representatives', needs: 'matter.read', call: (c) => send(t, c, 'GET', '/api/matters/representatives') },
    {
      route: 'GET /api/matters/:id',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}`),
    },
    {
      route: 'PATCH /api/matters/:id',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'PATCH', `/api/matters/${(await ownMatter(t, c, orgId)).id}`, { type: 'adjustment', representativeId: null, version: 1 }),
    },
    {
      route: 'PUT /api/matters/:id/facts',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'PUT', `/api/matters/${(await ownMatter(t, c, orgId)).id}/facts`, { facts: { lastArrivalDate: addDays(today(), -250) }, version: 1 }),
    },
    {
      route: 'GET /api/matters/:id/parties',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/parties`),
    },
    {
      route: 'POST /api/matters/:id/parties',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/parties`, { role: 'derivative', name: 'Yusuf Amari', relationship: 'son' }),
    },
    {
      route: 'DELETE /api/matter-parties/:id',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const matter = await ownMatter(t, c, orgId);
        const [party] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
          tx.insert(schema.matterParties).values({ orgId, matterId: matter.id, role: 'witness', name: 'Leila Amari', searchName: 'leila amari' }).returning(),
        );
        return send(t, c, 'DELETE', `/api/matter-parties/${party!.id}`);
      },
    },
    {
      route: 'GET /api/matters/:id/deadlines',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/deadlines`),
    },
    {
      route: 'POST /api/matters/:id/deadlines',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/deadlines`, { title: 'Client interview', dueOn: addDays(today(), 5), responsibleId: callerId(c) ?? NOBODY }),
    },
    {
      route: 'POST /api/matter-deadlines/:id/complete',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matter-deadlines/${(await ownManualDeadline(t, c, orgId)).id}/complete`, { version: 1 }),
    },
    {
      route: 'POST /api/matter-deadlines/:id/assign',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matter-deadlines/${(await ownManualDeadline(t, c, orgId)).id}/assign`, { responsibleId: callerId(c) ?? NOBODY, version: 1 }),
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/matters',
      story: 'Amina opens a matter of a type Haven does not know',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', '/api/matters', { ...(await openingBody(t, orgId)), type: 'daca' }),
      field: 'type',
    },
    {
      route: 'PUT /api/matters/:id/facts',
      story: 'Amina sends the facts as a sentence instead of named dates',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'PUT', `/api/matters/${(await ownMatter(t, c, orgId)).id}/facts`, { facts: 'arrived last spring', version: 1 }),
      field: 'facts',
    },
    {
      route: 'POST /api/matters/:id/deadlines',
      story: 'Amina adds a deadline due on 30 February',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/deadlines`, { title: 'Client interview', dueOn: '2027-02-30', responsibleId: NOBODY }),
      field: 'dueOn',
    },
    {
      route: 'POST /api/matters/:id/parties',
      story: 'Amina adds a party without a name',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/parties`, { role: 'derivative', name: '  ' }),
      field: 'name',
    },
  ],
};
