import { addDays, addYears, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { createUser, type TestApp } from '../../support/app.js';
import { createCredentialRecord } from '../../support/legal.js';
import { type ModuleCases, send } from '../../support/matrix.js';

const today = () => todayIn('America/New_York');

/** A fresh member of the organization, to hold the credential a story records. */
const newMember = (t: TestApp, orgId: string) => createUser(t, { orgId, role: 'legal_representative' });

async function recognitionRecord(t: TestApp, orgId: string) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.orgRecognitions).values({ orgId, recognizedOn: '2024-03-01', expiresOn: '2030-03-01' }).returning(),
  );
  return row!;
}

const attorneyBody = (userId: string) => ({ userId, kind: 'attorney', barState: 'IL', barNumber: '6300451', barStatus: 'active' });

export const credentialCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/credentials', needs: 'credential.manage', call: (c) => send(t, c, 'GET', '/api/credentials?status=expiring') },
    { route: 'GET /api/credentials/mine', needs: 'member', call: (c) => send(t, c, 'GET', '/api/credentials/mine') },
    { route: 'GET /api/credentials/overview', needs: 'credential.manage', call: (c) => send(t, c, 'GET', '/api/credentials/overview') },
    {
      route: 'POST /api/credentials',
      needs: 'credential.manage',
      call: async (c, orgId) => send(t, c, 'POST', '/api/credentials', attorneyBody((await newMember(t, orgId)).id)),
    },
    {
      route: 'PATCH /api/credentials/:id',
      needs: 'credential.manage',
      call: async (c, orgId) => {
        const credential = await createCredentialRecord(t, orgId, (await newMember(t, orgId)).id);
        return send(t, c, 'PATCH', `/api/credentials/${credential.id}`, { barStatus: 'inactive', version: 1 });
      },
    },
    {
      route: 'DELETE /api/credentials/:id',
      needs: 'credential.manage',
      call: async (c, orgId) => {
        const credential = await createCredentialRecord(t, orgId, (await newMember(t, orgId)).id);
        return send(t, c, 'DELETE', `/api/credentials/${credential.id}?version=1`);
      },
    },
    { route: 'GET /api/recognitions', needs: ['credential.manage', 'org.read'], call: (c) => send(t, c, 'GET', '/api/recognitions') },
    {
      route: 'POST /api/recognitions',
      needs: 'credential.manage',
      call: (c) => send(t, c, 'POST', '/api/recognitions', { recognizedOn: '2025-05-01', expiresOn: '2031-05-01', note: 'Approval letter on file' }),
    },
    {
      route: 'PATCH /api/recognitions/:id',
      needs: 'credential.manage',
      call: async (c, orgId) => {
        const recognition = await recognitionRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/recognitions/${recognition.id}`, { expiresOn: '2030-02-28', version: 1 });
      },
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/credentials',
      story: 'Amina records an attorney without a bar number',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', '/api/credentials', { ...attorneyBody((await newMember(t, orgId)).id), barNumber: undefined }),
      field: 'barNumber',
    },
    {
      route: 'POST /api/credentials',
      story: 'Amina records an accreditation running four years (accreditation lasts at most three)',
      as: 'org_admin',
      send: async (c, orgId) =>
        send(t, c, 'POST', '/api/credentials', { userId: (await newMember(t, orgId)).id, kind: 'accredited_representative', accreditationLevel: 'full', expiresOn: addYears(today(), 4) }),
      field: 'expiresOn',
    },
    {
      route: 'POST /api/credentials',
      story: 'Amina records a credential for someone who is not a member',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/credentials', attorneyBody('00000000-0000-4000-8000-000000000000')),
      field: 'userId',
    },
    {
      route: 'POST /api/credentials',
      story: 'Amina makes an accredited representative the supervising attorney',
      as: 'org_admin',
      send: async (c, orgId) =>
        send(t, c, 'POST', '/api/credentials', {
          userId: (await newMember(t, orgId)).id,
          kind: 'accredited_representative',
          accreditationLevel: 'full',
          expiresOn: addDays(today(), 300),
          supervisingAttorney: true,
        }),
      field: 'supervisingAttorney',
    },
    {
      route: 'PATCH /api/credentials/:id',
      story: 'Amina gives an attorney a bar state that does not exist',
      as: 'org_admin',
      send: async (c, orgId) => {
        const credential = await createCredentialRecord(t, orgId, (await newMember(t, orgId)).id);
        return send(t, c, 'PATCH', `/api/credentials/${credential.id}`, { barState: 'XX', version: 1 });
      },
      field: 'barState',
    },
    {
      route: 'POST /api/recognitions',
      story: 'Amina records a recognition running seven years (recognition lasts at most six)',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/recognitions', { recognizedOn: '2025-05-01', expiresOn: '2032-05-01' }),
      field: 'expiresOn',
    },
    {
      route: 'PATCH /api/recognitions/:id',
      story: 'Amina moves a recognition’s expiry before its start',
      as: 'org_admin',
      send: async (c, orgId) => {
        const recognition = await recognitionRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/recognitions/${recognition.id}`, { expiresOn: '2024-01-01', version: 1 });
      },
      field: 'expiresOn',
    },
  ],
};
