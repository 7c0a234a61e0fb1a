import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, type ConsentResponse, todayIn } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createProgramRecord } from '../support/matrix.js';

const today = todayIn('America/New_York');

function consentBody(overrides: Record<string, unknown> = {}) {
  return {
    recipientKind: 'organization',
    recipientName: 'Riverside Community Health Center',
    purpose: 'Coordinate primary care and vaccinations after arrival',
    dataCategories: ['contact', 'health'],
    signedBy: 'client',
    signerName: 'Amina Haddad',
    signedOn: addDays(today, -3),
    formLanguage: 'ar',
    ...overrides,
  };
}

async function recordConsent(session: Session, clientId: string, overrides: Record<string, unknown> = {}): Promise<ConsentResponse> {
  const response = await session.post(`/api/clients/${clientId}/consents`, consentBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ConsentResponse>();
}

function pdfBytes(size = 4000): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 15)), Buffer.from('\n%%EOF')]);
}

function upload(session: Session, clientId: string, consentId: string, bytes: Buffer, contentType: string, filename = 'signed form.pdf') {
  return session.request('PUT', `/api/clients/${clientId}/consents/${consentId}/document?filename=${encodeURIComponent(filename)}`, bytes, { 'content-type': contentType });
}

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;
}

async function storedFiles(t: TestApp): Promise<string[]> {
  try {
    return await readdir(`${t.storage.root}/documents`);
  } catch {
    return [];
  }
}

async function consentRows(t: TestApp, clientId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.consents).where(eq(schema.consents.clientId, clientId)));
}

async function documentRows(t: TestApp, clientId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.documents).where(eq(schema.documents.clientId, clientId)));
}

async function auditActions(t: TestApp, orgId: string, objectId: string): Promise<string[]> {
  const rows = await systemTransaction(t.database.db, (tx) =>
    tx
      .select({ action: schema.auditEvents.action })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, objectId)))
      .orderBy(schema.auditEvents.seq),
  );
  return rows.map((r) => r.action);
}

describe('consents', async () => {
  const t = await createTestApp();

  it('Karim records Amina’s consent for the health center: one year by default, active, listed; the audit trail has it', async () => {
    const karim = await memberSession(t, 'case_manager');
    const amina = await createClientRecord(t, karim.orgId, { givenName: 'Amina', familyName: 'Haddad' });

    const consent = await recordConsent(karim.session, amina.id);
    expect(consent).toMatchObject({
      clientId: amina.id,
      recipientKind: 'organization',
      recipientName: 'Riverside Community Health Center',
      dataCategories: ['contact', 'health'],
      signedBy: 'client',
      signedOn: addDays(today, -3),
      expiresOn: addYears(addDays(today, -3), 1),
      formLanguage: 'ar',
      status: 'active',
      revokedOn: null,
      document: null,
    });

    const list = await karim.session.get(`/api/clients/${amina.id}/consents`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: ConsentResponse[] }>().items.map((c) => c.id)).toEqual([consent.id]);
    expect(await auditActions(t, karim.orgId, consent.id)).toEqual(['consent.recorded']);
  });

  it('a consent for one of the organization’s programs carries the program’s own name; a program of another organization is refused', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const program = await createProgramRecord(t, karim.orgId, { name: 'Immigration legal services' });
    const consent = await recordConsent(karim.session, client.id, { recipientKind: 'program', recipientProgramId: program.id, recipientName: 'legal', dataCategories: ['legal', 'immigration'] });
    expect(consent).toMatchObject({ recipientKind: 'program', recipientProgramId: program.id, recipientName: 'Immigration legal services' });

    const elsewhere = await createProgramRecord(t, (await memberSession(t, 'org_admin')).orgId);
    const refused = await karim.session.post(`/api/clients/${client.id}/consents`, consentBody({ recipientKind: 'program', recipientProgramId: elsewhere.id }));
    expect(refused.statusCode, refused.body).toBe(400);
    expect(errorOf(refused).fields).toEqual({ recipientProgramId: 'Program not found' });
  });

  it('an expiry more than one year after signing is refused naming expiresOn, and nothing is saved', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const signedOn = addDays(today, -3);
    const response = await karim.session.post(`/api/clients/${client.id}/consents`, consentBody({ signedOn, expiresOn: addDays(addYears(signedOn, 1), 1) }));
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).fields).toEqual({ expiresOn: 'Consent can last at most one year from the signing date' });
    expect(await consentRows(t, client.id)).toEqual([]);
  });

  it('an expiry before the signing date is refused naming expiresOn', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const response = await karim.session.post(`/api/clients/${client.id}/consents`, consentBody({ signedOn: addDays(today, -3), expiresOn: addDays(today, -10) }));
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).fields).toEqual({ expiresOn: 'The expiry date must be after the signing date' });
    expect(await consentRows(t, client.id)).toEqual([]);
  });

  it('Amina changes her mind: Karim revokes with her reason; it shows revoked, a second revocation is refused; an old consent shows expired', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const consent = await recordConsent(karim.session, client.id);

    const beforeSigning = await karim.session.post(`/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: addDays(today, -10), reason: 'Asked in person' });
    expect(beforeSigning.statusCode, beforeSigning.body).toBe(400);
    expect(errorOf(beforeSigning).fields).toEqual({ revokedOn: 'The revocation date is before the signing date' });

    const revoked = await karim.session.post(`/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: today, reason: 'She asked in person to stop sharing' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<ConsentResponse>()).toMatchObject({ status: 'revoked', revokedOn: today, revocationReason: 'She asked in person to stop sharing' });

    const again = await karim.session.post(`/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: today, reason: 'Twice' });
    expect(again.statusCode, again.body).toBe(409);

    const signedLongAgo = addDays(today, -400);
    const old = await recordConsent(karim.session, client.id, { signedOn: signedLongAgo, expiresOn: addYears(signedLongAgo, 1) });
    expect(old.status).toBe('expired');

    const list = (await karim.session.get(`/api/clients/${client.id}/consents`)).json<{ items: ConsentResponse[] }>().items;
    expect(list.map((c) => [c.id, c.status])).toEqual([
      [consent.id, 'revoked'],
      [old.id, 'expired'],
    ]);
    expect(await auditActions(t, karim.orgId, consent.id)).toEqual(['consent.recorded', 'consent.revoked']);
  });

  it('Karim uploads the signed PDF and downloads it byte for byte; both are audited, the download as a read', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const consent = await recordConsent(karim.session, client.id);
    const bytes = pdfBytes(250_000);

    const uploaded = await upload(karim.session, client.id, consent.id, bytes, 'application/pdf', '../../etc/passwd <script>.pdf');
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const document = uploaded.json<ConsentResponse>().document!;
    expect(document).toMatchObject({ contentType: 'application/pdf', sizeBytes: bytes.length });
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The name is only shown; the stored key is Haven's own.
    expect(document.filename).not.toContain('/');
    expect(document.filename).not.toContain('<');
    const [row] = await documentRows(t, client.id);
    expect(row!.storageKey).toMatch(/^documents\/[0-9a-f-]{36}$/);

    const download = await karim.session.get(`/api/clients/${client.id}/consents/${consent.id}/document`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="consent-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);

    expect(await auditActions(t, karim.orgId, consent.id)).toEqual(['consent.recorded', 'consent.document_added', 'consent.document_read']);
  });

  it('a PNG photo of the form is accepted; a Word file gets 415, a file that only claims to be a PDF gets 415, 10 MB and one byte gets 413 — nothing stored', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const consent = await recordConsent(karim.session, client.id);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
    expect((await upload(karim.session, client.id, consent.id, png, 'image/png', 'photo.png')).statusCode).toBe(200);
    const before = await storedFiles(t);

    const word = await upload(karim.session, client.id, consent.id, randomBytes(100), 'application/msword');
    expect(word.statusCode, word.body).toBe(415);
    expect(errorOf(word).code).toBe('unsupported_media_type');

    const json = await karim.session.request('PUT', `/api/clients/${client.id}/consents/${consent.id}/document`, { pdf: true });
    expect(json.statusCode, json.body).toBe(415);

    const disguised = await upload(karim.session, client.id, consent.id, Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf');
    expect(disguised.statusCode, disguised.body).toBe(415);

    const tooBig = await upload(karim.session, client.id, consent.id, pdfBytes(10 * 1024 * 1024 + 1), 'application/pdf');
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    expect(errorOf(tooBig).code).toBe('payload_too_large');

    expect(await documentRows(t, client.id)).toHaveLength(1);
    expect((await storedFiles(t)).sort()).toEqual(before.sort());
  });

  it("Ben at Org B tries to record, revoke, upload and download on Org A's client: 404 each time, nothing saved or stored", async () => {
    const karim = await memberSession(t, 'case_manager');
    const ben = await memberSession(t, 'org_admin');
    const client = await createClientRecord(t, karim.orgId);
    const consent = await recordConsent(karim.session, client.id);
    const filesBefore = (await storedFiles(t)).length;

    expect((await ben.session.get(`/api/clients/${client.id}/consents`)).statusCode).toBe(404);
    expect((await ben.session.post(`/api/clients/${client.id}/consents`, consentBody())).statusCode).toBe(404);
    expect((await ben.session.post(`/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: today, reason: 'Not mine to revoke' })).statusCode).toBe(404);
    expect((await upload(ben.session, client.id, consent.id, pdfBytes(), 'application/pdf')).statusCode).toBe(404);
    expect((await ben.session.get(`/api/clients/${client.id}/consents/${consent.id}/document`)).statusCode).toBe(404);
    expect((await ben.session.get(`/api/clients/${client.id}/consent-print-context`)).statusCode).toBe(404);

    const rows = await consentRows(t, client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revokedOn: null, documentId: null, version: 1 });
    expect(await documentRows(t, client.id)).toEqual([]);
    expect((await storedFiles(t)).length).toBe(filesBefore);
  });

  it('a consent of one client cannot be reached through another client’s address', async () => {
    const karim = await memberSession(t, 'case_manager');
    const first = await createClientRecord(t, karim.orgId);
    const second = await createClientRecord(t, karim.orgId);
    const consent = await recordConsent(karim.session, first.id);
    expect((await karim.session.get(`/api/clients/${second.id}/consents/${consent.id}`)).statusCode).toBe(404);
    expect((await karim.session.post(`/api/clients/${second.id}/consents/${consent.id}/revoke`, { revokedOn: today, reason: 'Wrong client' })).statusCode).toBe(404);
    expect((await consentRows(t, first.id))[0]!.revokedOn).toBeNull();
  });

  it('a protected client’s consents do not exist for Lena, a colleague who is not assigned', async () => {
    const karim = await memberSession(t, 'case_manager');
    const lena = await createUser(t, { orgId: karim.orgId, role: 'case_manager' });
    const lenaSession = await login(t, lena.email);
    const client = await createClientRecord(t, karim.orgId, { isProtected: true, assignedTo: [karim.user.id] });
    const consent = await recordConsent(karim.session, client.id);
    expect((await upload(karim.session, client.id, consent.id, pdfBytes(), 'application/pdf')).statusCode).toBe(200);

    for (const response of [
      await lenaSession.get(`/api/clients/${client.id}/consents`),
      await lenaSession.get(`/api/clients/${client.id}/consents/${consent.id}`),
      await lenaSession.get(`/api/clients/${client.id}/consents/${consent.id}/document`),
      await lenaSession.get(`/api/clients/${client.id}/consent-print-context`),
      await lenaSession.post(`/api/clients/${client.id}/consents`, consentBody()),
      await lenaSession.post(`/api/clients/${client.id}/consents/${consent.id}/revoke`, { revokedOn: today, reason: 'Curious' }),
      await upload(lenaSession, client.id, consent.id, pdfBytes(), 'application/pdf'),
    ]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
    expect(await consentRows(t, client.id)).toHaveLength(1);
    expect(await documentRows(t, client.id)).toHaveLength(1);
  });

  it('an auditor reads consents but cannot record one; a volunteer sees none', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    await recordConsent(karim.session, client.id);
    const auditor = await createUser(t, { orgId: karim.orgId, role: 'auditor' });
    const volunteer = await createUser(t, { orgId: karim.orgId, role: 'volunteer' });
    const auditorSession = await login(t, auditor.email);
    expect((await auditorSession.get(`/api/clients/${client.id}/consents`)).statusCode).toBe(200);
    expect((await auditorSession.post(`/api/clients/${client.id}/consents`, consentBody())).statusCode).toBe(403);
    expect((await (await login(t, volunteer.email)).get(`/api/clients/${client.id}/consents`)).statusCode).toBe(403);
  });

  it('the print context names the client and the organization', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId, { givenName: 'Amina', familyName: 'Haddad' });
    const response = await karim.session.get(`/api/clients/${client.id}/consent-print-context`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ client: { givenName: 'Amina', familyName: 'Haddad' } });
    expect(typeof response.json<{ organizationName: string }>().organizationName).toBe('string');
  });
});
