import { createHash, randomBytes } from 'node:crypto';
import { addDays, addYears, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { newStorageKey } from '../../../src/platform/storage.js';
import { createClientRecord, type TestApp } from '../../support/app.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

const signedOn = addDays(todayIn('America/New_York'), -5);

function consentBody(overrides: Record<string, unknown> = {}) {
  return {
    recipientKind: 'organization',
    recipientName: 'Riverside Community Health Center',
    purpose: 'Coordinate primary care after arrival',
    dataCategories: ['contact', 'health'],
    signedBy: 'client',
    signerName: 'Amina Haddad',
    signedOn,
    formLanguage: 'es',
    ...overrides,
  };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256), Buffer.from('\n%%EOF')]);

/** A consent of a fresh, unprotected client, written by someone outside the matrix's crew; with a stored signed form when asked. */
async function createConsentRecord(t: TestApp, orgId: string, options: { withDocument?: boolean } = {}) {
  const client = await createClientRecord(t, orgId);
  let documentId: string | null = null;
  if (options.withDocument) {
    const storageKey = newStorageKey('documents');
    await t.storage.put(storageKey, PDF);
    const [document] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .insert(schema.documents)
        .values({
          orgId,
          clientId: client.id,
          kind: 'consent_form',
          filename: 'signed.pdf',
          contentType: 'application/pdf',
          sizeBytes: PDF.length,
          sha256: createHash('sha256').update(PDF).digest('hex'),
          storageKey,
          createdBy: client.id,
        })
        .returning(),
    );
    documentId = document!.id;
  }
  const [consent] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.consents)
      .values({
        orgId,
        clientId: client.id,
        recipientKind: 'organization',
        recipientName: 'Riverside Community Health Center',
        purpose: 'Coordinate primary care after arrival',
        dataCategories: ['contact', 'health'],
        signedBy: 'client',
        signerName: 'Amina Haddad',
        signedOn,
        expiresOn: addYears(signedOn, 1),
        formLanguage: 'es',
        documentId,
        createdBy: client.id,
      })
      .returning(),
  );
  return { client, consent: consent! };
}

/** The upload sends raw bytes with their own content type, which `send` (JSON) does not. */
function sendFile(t: TestApp, caller: Caller, url: string, bytes: Buffer, contentType: string) {
  if (caller === null) {
    return t.app.inject({ method: 'PUT', url, payload: bytes, headers: { 'content-type': contentType } });
  }
  return caller.request('PUT', url, bytes, { 'content-type': contentType });
}

export const consentCases: ModuleCases = {
  routes: (t) => [
    {
      route: 'GET /api/clients/:id/consents',
      needs: 'client.read',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}/consents`);
      },
    },
    {
      route: 'POST /api/clients/:id/consents',
      needs: 'client.update',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'POST', `/api/clients/${client.id}/consents`, consentBody());
      },
    },
    {
      route: 'GET /api/clients/:id/consents/:consentId',
      needs: 'client.read',
      call: async (c, orgId) => {
        const { client, consent } = await createConsentRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}/consents/${consent.id}`);
      },
    },
    {
      route: 'POST /api/clients/:id/consents/:consentId/revoke',
      needs: 'client.update',
      call: async (c, orgId) => {
        const { client, consent } = await createConsentRecord(t, orgId);
        return send(t, c, 'POST', `/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: signedOn, reason: 'The client asked to stop sharing' });
      },
    },
    {
      route: 'PUT /api/clients/:id/consents/:consentId/document',
      needs: 'client.update',
      call: async (c, orgId) => {
        const { client, consent } = await createConsentRecord(t, orgId);
        return sendFile(t, c, `/api/clients/${client.id}/consents/${consent.id}/document`, PDF, 'application/pdf');
      },
    },
    {
      route: 'GET /api/clients/:id/consents/:consentId/document',
      needs: 'client.read',
      call: async (c, orgId) => {
        const { client, consent } = await createConsentRecord(t, orgId, { withDocument: true });
        return send(t, c, 'GET', `/api/clients/${client.id}/consents/${consent.id}/document`);
      },
    },
    {
      route: 'GET /api/clients/:id/consent-print-context',
      needs: 'client.read',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}/consent-print-context`);
      },
    },
  ],
  badInputs: (t) => {
    const forClient = (story: string, field: string, body: Record<string, unknown>) => ({
      route: 'POST /api/clients/:id/consents',
      story,
      as: 'org_admin' as const,
      send: async (c: Caller, orgId: string) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'POST', `/api/clients/${client.id}/consents`, body);
      },
      field,
    });
    return [
      forClient('Amina lets a consent run two years, past the one-year limit', 'expiresOn', consentBody({ expiresOn: addYears(signedOn, 2) })),
      forClient('Amina sets the expiry before the signing date', 'expiresOn', consentBody({ expiresOn: addDays(signedOn, -1) })),
      forClient('Amina dates the signature next year', 'signedOn', consentBody({ signedOn: addYears(signedOn, 1) })),
      forClient('Amina dates the signature 30 February', 'signedOn', consentBody({ signedOn: '2026-02-30' })),
      forClient('Amina ticks no kind of information', 'dataCategories', consentBody({ dataCategories: [] })),
      forClient('Amina names a kind of information Haven does not know', 'dataCategories.0', consentBody({ dataCategories: ['genome'] })),
      forClient('Amina picks “program” without saying which', 'recipientProgramId', consentBody({ recipientKind: 'program' })),
      forClient('Amina asks for the form in French', 'formLanguage', consentBody({ formLanguage: 'fr' })),
      forClient('Amina says a neighbour signed', 'signedBy', consentBody({ signedBy: 'neighbour' })),
      forClient('Amina sends the status herself', 'status', consentBody({ status: 'active' })),
      {
        route: 'POST /api/clients/:id/consents',
        story: 'Amina records a consent for a client id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients/amina/consents', consentBody()),
        field: 'id',
      },
      {
        route: 'POST /api/clients/:id/consents/:consentId/revoke',
        story: 'Amina revokes without a reason',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { client, consent } = await createConsentRecord(t, orgId);
          return send(t, c, 'POST', `/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: signedOn, reason: '' });
        },
        field: 'reason',
      },
      {
        route: 'POST /api/clients/:id/consents/:consentId/revoke',
        story: 'Amina revokes from a day before it was signed',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { client, consent } = await createConsentRecord(t, orgId);
          return send(t, c, 'POST', `/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: addDays(signedOn, -1), reason: 'Asked in person' });
        },
        field: 'revokedOn',
      },
      {
        route: 'PUT /api/clients/:id/consents/:consentId/document',
        story: 'Amina uploads to a consent id that is not a uuid',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { client } = await createConsentRecord(t, orgId);
          return sendFile(t, c, `/api/clients/${client.id}/consents/latest/document`, PDF, 'application/pdf');
        },
        field: 'consentId',
      },
      {
        route: 'PUT /api/clients/:id/consents/:consentId/document',
        story: 'Amina uploads an empty file',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { client, consent } = await createConsentRecord(t, orgId);
          return sendFile(t, c, `/api/clients/${client.id}/consents/${consent.id}/document`, Buffer.alloc(0), 'application/pdf');
        },
        field: 'file',
      },
      {
        route: 'GET /api/clients/:id/consents/:consentId/document',
        story: 'Amina downloads by a consent id that is not a uuid',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { client } = await createConsentRecord(t, orgId);
          return send(t, c, 'GET', `/api/clients/${client.id}/consents/1/document`);
        },
        field: 'consentId',
      },
    ];
  },
};
