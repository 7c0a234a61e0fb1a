import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { addDays, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { newStorageKey } from '../../../src/platform/storage.js';
import type { TestApp } from '../../support/app.js';
import { callerId, createCaseRecord } from '../../support/cases.js';
import { type BadInput, type Caller, type ModuleCases, send } from '../../support/matrix.js';

const today = todayIn('America/New_York');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256), Buffer.from('\n%%EOF')]);

const noteBody = (overrides: Record<string, unknown> = {}) => ({
  contactOn: addDays(today, -1),
  contactType: 'phone',
  meaningful: true,
  narrative: 'Called to confirm the clinic appointment; transport arranged.',
  ...overrides,
});
const serviceBody = (overrides: Record<string, unknown> = {}) => ({ serviceType: 'transportation', providedOn: today, units: 1, unitKind: 'item', ...overrides });

/** A case the caller works (their own: roles without case.read_all still reach it). */
async function ownCase(t: TestApp, caller: Caller, orgId: string) {
  return (await createCaseRecord(t, orgId, { caseManagerId: callerId(caller), openedOn: addDays(today, -30) })).kase;
}

/** A note of the caller's own case, written by them (a draft unless signed). */
async function ownNote(t: TestApp, caller: Caller, orgId: string, status: 'draft' | 'signed' = 'draft') {
  const kase = await ownCase(t, caller, orgId);
  const author = callerId(caller) ?? randomUUID();
  const [note] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.caseNotes)
      .values({
        orgId,
        caseId: kase.id,
        clientId: kase.clientId,
        contactOn: addDays(today, -2),
        contactType: 'in_person',
        meaningful: true,
        narrative: 'Met at the office.',
        status,
        signedBy: status === 'signed' ? author : null,
        signedAt: status === 'signed' ? new Date() : null,
        createdBy: author,
      })
      .returning(),
  );
  return { kase, note: note! };
}

/** A budget line of the caller's case, and a payment on it waiting for approval, asked by someone else. */
async function pendingPayment(t: TestApp, caller: Caller, orgId: string) {
  const kase = await ownCase(t, caller, orgId);
  const requester = kase.primaryCaseManagerId === callerId(caller) ? randomUUID() : kase.primaryCaseManagerId;
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [budget] = await tx.insert(schema.caseBudgets).values({ orgId, caseId: kase.id, fundingSource: 'RCA', amountCents: 100_000, createdBy: requester }).returning();
    const [payment] = await tx
      .insert(schema.disbursements)
      .values({ orgId, caseId: kase.id, budgetId: budget!.id, kind: 'rent', amountCents: 80_000, payee: 'Maple Court', paidOn: today, status: 'pending_approval', requestedBy: requester })
      .returning();
    return { kase, budget: budget!, payment: payment! };
  });
}

async function budgetOf(t: TestApp, caller: Caller, orgId: string) {
  const kase = await ownCase(t, caller, orgId);
  const [budget] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.caseBudgets).values({ orgId, caseId: kase.id, fundingSource: 'RCA', amountCents: 10_000, createdBy: kase.primaryCaseManagerId }).returning(),
  );
  return { kase, budget: budget! };
}

/** A stored PDF in the caller's case. */
async function ownDocument(t: TestApp, caller: Caller, orgId: string) {
  const kase = await ownCase(t, caller, orgId);
  const storageKey = newStorageKey('documents');
  await t.storage.put(storageKey, PDF);
  const [document] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.documents)
      .values({
        orgId,
        clientId: kase.clientId,
        caseId: kase.id,
        kind: 'receipt',
        filename: 'receipt.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        storageKey,
        createdBy: kase.primaryCaseManagerId,
      })
      .returning(),
  );
  return { kase, document: document! };
}

/** The upload sends raw bytes with their own content type, which `send` (JSON) does not. */
function sendFile(t: TestApp, caller: Caller, url: string, bytes: Buffer, contentType: string) {
  if (caller === null) {
    return t.app.inject({ method: 'PUT', url, payload: bytes, headers: { 'content-type': contentType } });
  }
  return caller.request('PUT', url, bytes, { 'content-type': contentType });
}

export const caseNotesServicesCases: ModuleCases = {
  routes: (t) => [
    {
      route: 'GET /api/cases/:id/notes',
      needs: 'case.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/notes`),
    },
    {
      route: 'POST /api/cases/:id/notes',
      needs: 'case.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/notes`, noteBody()),
    },
    {
      route: 'PUT /api/cases/:id/notes/:noteId',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId);
        return send(t, c, 'PUT', `/api/cases/${kase.id}/notes/${note.id}`, { ...noteBody(), version: note.version });
      },
    },
    {
      route: 'DELETE /api/cases/:id/notes/:noteId',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId);
        return send(t, c, 'DELETE', `/api/cases/${kase.id}/notes/${note.id}`);
      },
    },
    {
      route: 'POST /api/cases/:id/notes/:noteId/sign',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/notes/${note.id}/sign`, { version: note.version });
      },
    },
    {
      route: 'POST /api/cases/:id/notes/:noteId/addenda',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId, 'signed');
        return send(t, c, 'POST', `/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: 'The appointment moved to Friday.' });
      },
    },
    {
      route: 'GET /api/cases/:id/services',
      needs: 'case.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/services`),
    },
    {
      route: 'POST /api/cases/:id/services',
      needs: 'case.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/services`, serviceBody()),
    },
    {
      route: 'GET /api/cases/:id/budgets',
      needs: 'case.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/budgets`),
    },
    {
      route: 'PUT /api/cases/:id/budgets',
      needs: 'case.supervise',
      call: async (c, orgId) => send(t, c, 'PUT', `/api/cases/${(await ownCase(t, c, orgId)).id}/budgets`, { fundingSource: 'Matching grant', amountCents: 50_000 }),
    },
    {
      route: 'GET /api/cases/:id/disbursements',
      needs: 'case.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/disbursements`),
    },
    {
      route: 'POST /api/cases/:id/disbursements',
      needs: 'case.manage',
      call: async (c, orgId) => {
        const { kase, budget } = await budgetOf(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/disbursements`, { budgetId: budget.id, kind: 'transport', amountCents: 2_500, payee: 'Metro', paidOn: today });
      },
    },
    {
      route: 'POST /api/cases/:id/disbursements/:disbursementId/decision',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase, payment } = await pendingPayment(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/disbursements/${payment.id}/decision`, { decision: 'approve' });
      },
    },
    {
      route: 'GET /api/cases/:id/documents',
      needs: 'case.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/documents`),
    },
    {
      route: 'PUT /api/cases/:id/documents',
      needs: 'case.manage',
      call: async (c, orgId) => sendFile(t, c, `/api/cases/${(await ownCase(t, c, orgId)).id}/documents?kind=housing`, PDF, 'application/pdf'),
    },
    {
      route: 'GET /api/cases/:id/documents/:documentId/content',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase, document } = await ownDocument(t, c, orgId);
        return send(t, c, 'GET', `/api/cases/${kase.id}/documents/${document.id}/content`);
      },
    },
  ],
  badInputs: (t) => {
    const story = (route: string, text: string, field: string, run: (c: Caller, orgId: string) => ReturnType<typeof send>): BadInput => ({ route, story: text, as: 'org_admin', send: run, field });
    const postNote = (text: string, field: string, body: Record<string, unknown>) =>
      story('POST /api/cases/:id/notes', text, field, async (c, orgId) => send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/notes`, body));
    return [
      postNote('Amina dates a note tomorrow', 'contactOn', noteBody({ contactOn: addDays(today, 1) })),
      postNote('Amina dates a note before the case was opened', 'contactOn', noteBody({ contactOn: addDays(today, -60) })),
      postNote('Amina says the contact was by carrier pigeon', 'contactType', noteBody({ contactType: 'carrier_pigeon' })),
      postNote('Amina writes a note of 25 hours', 'durationMinutes', noteBody({ durationMinutes: 1500 })),
      postNote('Amina writes an empty note', 'narrative', noteBody({ narrative: '   ' })),
      postNote('Amina links a goal no plan of the case has', 'goalIds', noteBody({ goalIds: ['goal-from-elsewhere'] })),
      postNote('Amina names an interpreter without the language', 'interpreter.language', noteBody({ interpreter: { language: '', name: 'Omar' } })),
      story('PUT /api/cases/:id/notes/:noteId', 'Amina edits her draft without the version she read', 'version', async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId);
        return send(t, c, 'PUT', `/api/cases/${kase.id}/notes/${note.id}`, noteBody());
      }),
      story('POST /api/cases/:id/notes/:noteId/sign', 'Amina signs with a version that is not a number', 'version', async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/notes/${note.id}/sign`, { version: 'latest' });
      }),
      story('POST /api/cases/:id/notes/:noteId/addenda', 'Amina adds an empty addendum', 'text', async (c, orgId) => {
        const { kase, note } = await ownNote(t, c, orgId, 'signed');
        return send(t, c, 'POST', `/api/cases/${kase.id}/notes/${note.id}/addenda`, { text: '' });
      }),
      story('DELETE /api/cases/:id/notes/:noteId', 'Amina deletes a note by an id that is not a uuid', 'noteId', async (c, orgId) =>
        send(t, c, 'DELETE', `/api/cases/${(await ownCase(t, c, orgId)).id}/notes/last`),
      ),
      story('GET /api/cases/:id/notes', 'Amina pages the notes with a made-up cursor', 'cursor', async (c, orgId) =>
        send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/notes?cursor=page-two`),
      ),
      story('GET /api/cases/:id/services', 'Amina lists services of a case id that is not a uuid', 'id', (c) => send(t, c, 'GET', '/api/cases/C-2026-0042/services')),
      story('POST /api/cases/:id/services', 'Amina records zero units of a service', 'units', async (c, orgId) =>
        send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/services`, serviceBody({ units: 0 })),
      ),
      story('POST /api/cases/:id/services', 'Amina records a service type Haven does not know', 'serviceType', async (c, orgId) =>
        send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/services`, serviceBody({ serviceType: 'tax_preparation' })),
      ),
      story('POST /api/cases/:id/services', 'Amina dates a service next week', 'providedOn', async (c, orgId) =>
        send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/services`, serviceBody({ providedOn: addDays(today, 7) })),
      ),
      story('GET /api/cases/:id/budgets', 'Amina reads the budget of a case id that is not a uuid', 'id', (c) => send(t, c, 'GET', '/api/cases/42/budgets')),
      story('PUT /api/cases/:id/budgets', 'Amina sets a negative budget', 'amountCents', async (c, orgId) =>
        send(t, c, 'PUT', `/api/cases/${(await ownCase(t, c, orgId)).id}/budgets`, { fundingSource: 'RCA', amountCents: -100 }),
      ),
      story('PUT /api/cases/:id/budgets', 'Amina changes an existing budget without the version she read', 'version', async (c, orgId) => {
        const { kase } = await budgetOf(t, c, orgId);
        return send(t, c, 'PUT', `/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 20_000 });
      }),
      story('GET /api/cases/:id/disbursements', 'Amina filters payments by a status that does not exist', 'status', async (c, orgId) =>
        send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/disbursements?status=lost`),
      ),
      story('POST /api/cases/:id/disbursements', 'Amina pays more than the remaining budget without asking for approval', 'amountCents', async (c, orgId) => {
        const { kase, budget } = await budgetOf(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/disbursements`, { budgetId: budget.id, kind: 'rent', amountCents: 10_001, payee: 'Maple Court', paidOn: today });
      }),
      story('POST /api/cases/:id/disbursements', 'Amina pays in a kind Haven does not know', 'kind', async (c, orgId) => {
        const { kase, budget } = await budgetOf(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/disbursements`, { budgetId: budget.id, kind: 'crypto', amountCents: 100, payee: 'Maple Court', paidOn: today });
      }),
      story('POST /api/cases/:id/disbursements', 'Amina pays against a budget line that does not exist', 'budgetId', async (c, orgId) =>
        send(t, c, 'POST', `/api/cases/${(await ownCase(t, c, orgId)).id}/disbursements`, { budgetId: randomUUID(), kind: 'rent', amountCents: 100, payee: 'Maple Court', paidOn: today }),
      ),
      story('POST /api/cases/:id/disbursements/:disbursementId/decision', 'Amina denies a payment without saying why', 'note', async (c, orgId) => {
        const { kase, payment } = await pendingPayment(t, c, orgId);
        return send(t, c, 'POST', `/api/cases/${kase.id}/disbursements/${payment.id}/decision`, { decision: 'deny' });
      }),
      story('GET /api/cases/:id/documents', 'Amina asks for 1000 documents at once', 'limit', async (c, orgId) =>
        send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/documents?limit=1000`),
      ),
      story('PUT /api/cases/:id/documents', 'Amina uploads without saying what kind of document it is', 'kind', async (c, orgId) =>
        sendFile(t, c, `/api/cases/${(await ownCase(t, c, orgId)).id}/documents`, PDF, 'application/pdf'),
      ),
      story('PUT /api/cases/:id/documents', 'Amina uploads an empty file', 'file', async (c, orgId) =>
        sendFile(t, c, `/api/cases/${(await ownCase(t, c, orgId)).id}/documents?kind=receipt`, Buffer.alloc(0), 'application/pdf'),
      ),
      story('GET /api/cases/:id/documents/:documentId/content', 'Amina downloads by a document id that is not a uuid', 'documentId', async (c, orgId) =>
        send(t, c, 'GET', `/api/cases/${(await ownCase(t, c, orgId)).id}/documents/receipt.pdf/content`),
      ),
    ];
  },
};
