import { createClientRecord } from '../../support/app.js';
import { type ModuleCases, send } from '../../support/matrix.js';
import type { TestApp } from '../../support/app.js';

/** Two records of one person, as a duplicate registration leaves them. */
async function mergedPair(t: TestApp, orgId: string) {
  const survivor = await createClientRecord(t, orgId, { givenName: 'Amal', familyName: 'Haddad' });
  const duplicate = await createClientRecord(t, orgId, { givenName: 'Amal', familyName: 'Hadad' });
  return { survivor, duplicate };
}

export const clientMergeCases: ModuleCases = {
  routes: (t) => [
    {
      route: 'POST /api/clients/:id/merge',
      needs: 'client.merge',
      call: async (c, orgId) => {
        const { survivor, duplicate } = await mergedPair(t, orgId);
        return send(t, c, 'POST', `/api/clients/${survivor.id}/merge`, { duplicateId: duplicate.id, version: 1, reason: 'Same person, registered twice' });
      },
    },
    {
      route: 'POST /api/clients/:id/unmerge',
      needs: 'client.merge',
      // Nothing was merged: a caller who passes the gate learns there is no such merge.
      passes: '404 not_found',
      call: async (c, orgId) => {
        const { duplicate } = await mergedPair(t, orgId);
        return send(t, c, 'POST', `/api/clients/${duplicate.id}/unmerge`, { reason: 'They are two people' });
      },
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/clients/:id/merge',
      story: 'Amina merges a record into itself',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { survivor } = await mergedPair(t, orgId);
        return send(t, c, 'POST', `/api/clients/${survivor.id}/merge`, { duplicateId: survivor.id, version: 1, reason: 'Oops' });
      },
      field: 'duplicateId',
    },
    {
      route: 'POST /api/clients/:id/merge',
      story: 'Amina merges without a reason',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { survivor, duplicate } = await mergedPair(t, orgId);
        return send(t, c, 'POST', `/api/clients/${survivor.id}/merge`, { duplicateId: duplicate.id, version: 1, reason: '' });
      },
      field: 'reason',
    },
    {
      route: 'POST /api/clients/:id/unmerge',
      story: 'Amina undoes a merge of a malformed id',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/clients/not-a-client/unmerge', { reason: 'They are two people' }),
      field: 'id',
    },
  ],
};
