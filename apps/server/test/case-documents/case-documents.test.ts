import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, type CaseDocumentPage, type CaseDocumentResponse, type DisbursementResponse, todayIn } from '@haven/domain';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = todayIn('America/New_York');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000), Buffer.from('\n%%EOF')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
/** A Windows program: "MZ" and then anything. */
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(1000)]);

function upload(session: Session, caseId: string, bytes: Buffer, contentType: string, query = 'kind=receipt&filename=rent%20receipt.pdf') {
  return session.request('PUT', `/api/cases/${caseId}/documents?${query}`, bytes, { 'content-type': contentType });
}

async function documentsOfCase(t: TestApp, caseId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.documents).where(eq(schema.documents.caseId, caseId)));
}

async function storedFileCount(t: TestApp): Promise<number> {
  try {
    return (await readdir(`${t.storage.root}/documents`)).filter((name) => !name.endsWith('.partial')).length;
  } catch {
    return 0;
  }
}

describe('case documents', async () => {
  const t = await createTestApp();

  it('Carmen uploads a receipt; it is listed, downloaded byte for byte, and each download is audited', async () => {
    const carmen = await memberSession(t, 'case_manager');
    const { kase, client } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id });
    const response = await upload(carmen.session, kase.id, PDF, 'application/pdf');
    expect(response.statusCode, response.body).toBe(201);
    const document = response.json<CaseDocumentResponse>();
    expect(document).toMatchObject({ kind: 'receipt', filename: 'rent receipt.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    const [row] = await documentsOfCase(t, kase.id);
    expect(row).toMatchObject({ clientId: client.id, caseId: kase.id });
    expect(row!.storageKey).not.toContain('rent');

    await upload(carmen.session, kase.id, PNG, 'image/png', 'kind=identity');
    const list = (await carmen.session.get(`/api/cases/${kase.id}/documents`)).json<CaseDocumentPage>();
    expect(list.items.map((d) => d.kind)).toEqual(['identity', 'receipt']);
    expect(list.items[0]!.filename).toBe('identity.png');
    expect((await carmen.session.get(`/api/cases/${kase.id}/documents?kind=receipt`)).json<CaseDocumentPage>().items).toHaveLength(1);

    const download = await carmen.session.get(`/api/cases/${kase.id}/documents/${document.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const reads = await systemTransaction(t.database.db, (tx) =>
      tx
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.orgId, carmen.orgId), eq(schema.auditEvents.action, 'document.read'), eq(schema.auditEvents.objectId, document.id))),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorUserId).toBe(carmen.user.id);
    const events = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, kase.id)));
    expect(events.filter((e) => e.kind === 'document_added')).toHaveLength(2);
  });

  it('a program renamed .pdf is refused (415), nothing is stored; a wrong type and an empty file are refused too', async () => {
    const carmen = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id });
    const files = await storedFileCount(t);
    const exe = await upload(carmen.session, kase.id, EXE, 'application/pdf', 'kind=receipt&filename=receipt.pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toBe('The file is not the type it claims to be: upload a PDF, JPEG or PNG file');
    expect((await upload(carmen.session, kase.id, EXE, 'application/x-msdownload')).statusCode).toBe(415);
    const empty = await upload(carmen.session, kase.id, Buffer.alloc(0), 'application/pdf');
    expect(empty.statusCode).toBe(400);
    expect((await upload(carmen.session, kase.id, PDF, 'application/pdf', 'kind=selfie')).json().error.fields).toHaveProperty('kind');
    expect(await documentsOfCase(t, kase.id)).toEqual([]);
    expect(await storedFileCount(t)).toBe(files);
  });

  it('a receipt document of the case can back a payment', async () => {
    const carmen = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id });
    const document = (await upload(carmen.session, kase.id, PDF, 'application/pdf')).json<CaseDocumentResponse>();
    const sam = await memberSession(t, 'supervisor', carmen.orgId);
    const budget = (await sam.session.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 10_000 })).json<{ items: { id: string }[] }>();
    const paid = await carmen.session.post(`/api/cases/${kase.id}/disbursements`, {
      budgetId: budget.items[0]!.id,
      kind: 'gift_card',
      amountCents: 5_000,
      payee: 'Grocery store',
      paidOn: addDays(today, -1),
      receiptDocumentId: document.id,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json<DisbursementResponse>().receipt).toEqual({ id: document.id, filename: 'rent receipt.pdf' });
  });

  it('a closed case refuses uploads (409) but its documents can still be read; a stranger to the case gets 404', async () => {
    const carmen = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, carmen.orgId, { caseManagerId: carmen.user.id });
    const document = (await upload(carmen.session, kase.id, PDF, 'application/pdf')).json<CaseDocumentResponse>();
    await tenantTransaction(t.database.db, { orgId: carmen.orgId, userId: null }, (tx) =>
      tx.update(schema.cases).set({ status: 'closed', closedOn: today }).where(eq(schema.cases.id, kase.id)),
    );
    expect((await upload(carmen.session, kase.id, PDF, 'application/pdf')).statusCode).toBe(409);
    expect((await carmen.session.get(`/api/cases/${kase.id}/documents/${document.id}/content`)).statusCode).toBe(200);
    expect(await documentsOfCase(t, kase.id)).toHaveLength(1);

    const dina = await login(t, (await createUser(t, { orgId: carmen.orgId, role: 'case_manager' })).email);
    expect((await dina.get(`/api/cases/${kase.id}/documents/${document.id}/content`)).statusCode).toBe(404);
    expect((await dina.get(`/api/cases/${kase.id}/documents`)).statusCode).toBe(404);
  });
});
