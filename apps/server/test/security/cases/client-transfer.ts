import { IMPORT_CONTENT_TYPES } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

const FILE = 'Given name,Family name,Date of birth\nAmina,Haddad,1988-04-12\n';

/** A raw file upload, as the web app sends it (the body is the file, not JSON). */
function uploadAs(t: TestApp, caller: Caller, body: string, url = '/api/client-imports?filename=clients.csv') {
  const headers = { 'content-type': IMPORT_CONTENT_TYPES.csv };
  if (caller === null) {
    return t.app.inject({ method: 'POST', url, payload: body, headers });
  }
  return caller.request('POST', url, body, headers);
}

/** An uploaded import of one valid row, written straight to the database; `checked` as if its dry run passed. */
async function createImportRecord(t: TestApp, orgId: string, options: { checked?: boolean } = {}) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(schema.clientImports)
      .values({
        orgId,
        filename: 'clients.csv',
        format: 'csv',
        content: Buffer.from(FILE).toString('base64'),
        columns: ['Given name', 'Family name', 'Date of birth'],
        mapping: { 'Given name': 'givenName', 'Family name': 'familyName', 'Date of birth': 'dateOfBirth' },
        totalRows: 1,
        ...(options.checked ? { status: 'checked' as const, validRows: 1 } : {}),
        createdBy: orgId,
      })
      .returning();
    return row!;
  });
}

export const clientTransferCases: ModuleCases = {
  routes: (t) => [
    { route: 'POST /api/client-imports', needs: 'client.import', call: (c) => uploadAs(t, c, FILE) },
    { route: 'GET /api/client-imports', needs: 'client.import', call: (c) => send(t, c, 'GET', '/api/client-imports') },
    {
      route: 'GET /api/client-imports/:id',
      needs: 'client.import',
      call: async (c, orgId) => send(t, c, 'GET', `/api/client-imports/${(await createImportRecord(t, orgId)).id}`),
    },
    {
      route: 'PATCH /api/client-imports/:id',
      needs: 'client.import',
      call: async (c, orgId) => {
        const record = await createImportRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/client-imports/${record.id}`, { mapping: { 'Given name': 'givenName', 'Family name': 'familyName' }, version: 1 });
      },
    },
    {
      route: 'POST /api/client-imports/:id/dry-run',
      needs: 'client.import',
      call: async (c, orgId) => send(t, c, 'POST', `/api/client-imports/${(await createImportRecord(t, orgId)).id}/dry-run`),
    },
    {
      route: 'POST /api/client-imports/:id/run',
      needs: 'client.import',
      call: async (c, orgId) => send(t, c, 'POST', `/api/client-imports/${(await createImportRecord(t, orgId, { checked: true })).id}/run`),
    },
    { route: 'GET /api/clients/export', needs: 'client.export', call: (c) => send(t, c, 'GET', '/api/clients/export?format=csv') },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/client-imports',
      story: 'Tomás uploads a file without saying its name',
      as: 'org_admin',
      send: (c) => uploadAs(t, c, FILE, '/api/client-imports'),
      field: 'filename',
    },
    {
      route: 'POST /api/client-imports',
      story: 'Tomás uploads 20,001 people at once',
      as: 'org_admin',
      send: (c) => uploadAs(t, c, `Given name,Family name\n${'Amina,Haddad\n'.repeat(20_001)}`),
      field: 'file',
    },
    {
      route: 'POST /api/client-imports',
      story: 'Tomás uploads a CSV whose first row is empty, so no column has a name',
      as: 'org_admin',
      send: (c) => uploadAs(t, c, ',,\nAmina,Haddad,1988-04-12\n'),
      field: 'file',
    },
    {
      route: 'GET /api/client-imports/:id',
      story: 'Tomás opens an import by a malformed id',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/client-imports/import-1'),
      field: 'id',
    },
    {
      route: 'PATCH /api/client-imports/:id',
      story: 'Tomás maps a column to "shoeSize", which is no client field',
      as: 'org_admin',
      send: async (c, orgId) => {
        const record = await createImportRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/client-imports/${record.id}`, { mapping: { 'Given name': 'shoeSize' }, version: 1 });
      },
      field: 'mapping.Given name',
    },
    {
      route: 'PATCH /api/client-imports/:id',
      story: 'Tomás says the file writes dates "year, day, month", which Haven does not read',
      as: 'org_admin',
      send: async (c, orgId) => {
        const record = await createImportRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/client-imports/${record.id}`, { mapping: { 'Given name': 'givenName' }, dateFormat: 'ydm', version: 1 });
      },
      field: 'dateFormat',
    },
    {
      route: 'PATCH /api/client-imports/:id',
      story: 'Tomás maps a column the file does not have',
      as: 'org_admin',
      send: async (c, orgId) => {
        const record = await createImportRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/client-imports/${record.id}`, { mapping: { Nickname: 'preferredName' }, version: 1 });
      },
      field: 'mapping.Nickname',
    },
    {
      route: 'PATCH /api/client-imports/:id',
      story: 'Tomás maps two columns to the given name',
      as: 'org_admin',
      send: async (c, orgId) => {
        const record = await createImportRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/client-imports/${record.id}`, { mapping: { 'Given name': 'givenName', 'Family name': 'givenName' }, version: 1 });
      },
      field: 'mapping.Family name',
    },
    {
      route: 'POST /api/client-imports/:id/dry-run',
      story: 'Tomás checks an import by a malformed id',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/client-imports/42/dry-run'),
      field: 'id',
    },
    {
      route: 'POST /api/client-imports/:id/run',
      story: 'Tomás runs an import by a malformed id',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/client-imports/42/run'),
      field: 'id',
    },
    {
      route: 'GET /api/clients/export',
      story: 'Sofia asks for the client list as a PDF',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/clients/export?format=pdf'),
      field: 'format',
    },
    {
      route: 'GET /api/clients/export',
      story: 'Amina exports the list "for" an organization named with one letter',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/clients/export?format=csv&recipient=X'),
      field: 'recipient',
    },
  ],
};
