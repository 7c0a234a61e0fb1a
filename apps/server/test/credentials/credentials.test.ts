import { addDays, addYears, type CredentialList, type CredentialOverview, type CredentialResponse, type MyCredentials, type RecognitionResponse, todayIn } from '@haven/domain';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser, login, memberSession } from '../support/app.js';
import { createOfficeRecord } from '../support/matrix.js';
import { createCredentialRecord, createMatterRecord } from '../support/legal.js';

const today = () => todayIn('America/New_York');

async function auditActions(t: Awaited<ReturnType<typeof createTestApp>>, orgId: string, objectId: string) {
  const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, objectId))).orderBy(asc(schema.auditEvents.seq)),
  );
  return rows;
}

describe('credentials', async () => {
  const t = await createTestApp();

  it('Amina (admin) records an attorney and an accredited representative; each kind must carry its own fields', async () => {
    const amina = await memberSession(t, 'org_admin');
    const grace = await createUser(t, { orgId: amina.orgId, role: 'legal_representative', name: 'Grace Mwangi' });
    const joseph = await createUser(t, { orgId: amina.orgId, role: 'legal_representative', name: 'Joseph Banda' });

    // An attorney without a bar number, with an accreditation level: refused, naming the fields.
    const missing = await amina.session.post('/api/credentials', { userId: grace.id, kind: 'attorney', barState: 'IL', barStatus: 'active', accreditationLevel: 'full' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json<{ error: { fields: Record<string, string> } }>().error.fields).sort()).toEqual(['accreditationLevel', 'barNumber']);
    expect((await amina.session.post('/api/credentials', { userId: grace.id, kind: 'attorney', barState: 'ZZ', barNumber: '6300451', barStatus: 'active' })).json()).toMatchObject({
      error: { fields: { barState: expect.any(String) } },
    });

    const attorney = await amina.session.post('/api/credentials', { userId: grace.id, kind: 'attorney', barState: 'IL', barNumber: '6300451', barStatus: 'active', supervisingAttorney: true });
    expect(attorney.statusCode).toBe(201);
    expect(attorney.json()).toMatchObject({ kind: 'attorney', status: 'valid', supervisingAttorney: true, member: { id: grace.id, name: 'Grace Mwangi', active: true } });
    // One credential per member and kind.
    const again = await amina.session.post('/api/credentials', { userId: grace.id, kind: 'attorney', barState: 'NY', barNumber: '1', barStatus: 'active' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { fields: { kind: expect.any(String) } } });

    // Accreditation: level and expiry required, at most three years ahead (8 CFR 1292.16), no bar fields, never supervising.
    const noExpiry = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'partial' });
    expect(noExpiry.json()).toMatchObject({ error: { fields: { expiresOn: expect.any(String) } } });
    const tooLong = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(addYears(today(), 3), 1) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { fields: { expiresOn: expect.stringContaining('three years') } } });
    const supervising = await amina.session.post('/api/credentials', {
      userId: joseph.id,
      kind: 'accredited_representative',
      accreditationLevel: 'full',
      expiresOn: addDays(today(), 400),
      supervisingAttorney: true,
      barNumber: '12',
    });
    expect(Object.keys(supervising.json<{ error: { fields: Record<string, string> } }>().error.fields).sort()).toEqual(['barNumber', 'supervisingAttorney']);
    const rep = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addYears(today(), 3) });
    expect(rep.statusCode).toBe(201);
    expect(rep.json()).toMatchObject({ status: 'valid', accreditationLevel: 'partial', barNumber: null });

    // Someone who is not a member of the organization (another organization's member) cannot hold one here.
    const stranger = await memberSession(t, 'legal_representative');
    const notMember = await amina.session.post('/api/credentials', { userId: stranger.user.id, kind: 'attorney', barState: 'IL', barNumber: '7', barStatus: 'active' });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json()).toMatchObject({ error: { fields: { userId: expect.any(String) } } });

    // Nothing half-saved: two credentials, each audited, the bar number masked in the audit log.
    const list = (await amina.session.get('/api/credentials')).json<CredentialList>();
    expect(list.items.map((c) => c.member.name)).toEqual(['Grace Mwangi', 'Joseph Banda']);
    const audit = await auditActions(t, amina.orgId, attorney.json<CredentialResponse>().id);
    expect(audit.map((a) => a.action)).toEqual(['credential.saved']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('6300451');
  });

  it('statuses follow the organization’s day: expiring within 90 days, expired the day after the expiry, inactive when the bar admission is not active; filters and pages', async () => {
    const amina = await memberSession(t, 'org_admin');
    const orgId = amina.orgId;
    const names = ['Ana Expiring', 'Ben Expired', 'Cy Today', 'Dee Inactive', 'Eve Valid'];
    const [ana, ben, cy, dee, eve] = await Promise.all(names.map((name) => createUser(t, { orgId, role: 'legal_representative', name })));
    await createCredentialRecord(t, orgId, ana!.id, { kind: 'accredited_representative', expiresOn: addDays(today(), 90) });
    await createCredentialRecord(t, orgId, ben!.id, { kind: 'accredited_representative', expiresOn: addDays(today(), -1) });
    await createCredentialRecord(t, orgId, cy!.id, { kind: 'accredited_representative', expiresOn: today() });
    await createCredentialRecord(t, orgId, dee!.id, { barStatus: 'suspended' });
    await createCredentialRecord(t, orgId, eve!.id, { kind: 'accredited_representative', expiresOn: addDays(today(), 91) });

    const all = (await amina.session.get('/api/credentials')).json<CredentialList>();
    expect(all.items.map((c) => [c.member.name, c.status, c.daysToExpiry])).toEqual([
      ['Ana Expiring', 'expiring', 90],
      ['Ben Expired', 'expired', -1],
      ['Cy Today', 'expiring', 0],
      ['Dee Inactive', 'inactive', null],
      ['Eve Valid', 'valid', 91],
    ]);
    for (const [status, expected] of [
      ['expiring', ['Ana Expiring', 'Cy Today']],
      ['expired', ['Ben Expired']],
      ['inactive', ['Dee Inactive']],
      ['valid', ['Eve Valid']],
    ] as const) {
      expect((await amina.session.get(`/api/credentials?status=${status}`)).json<CredentialList>().items.map((c) => c.member.name)).toEqual(expected);
    }
    expect((await amina.session.get('/api/credentials?kind=attorney')).json<CredentialList>().items.map((c) => c.member.name)).toEqual(['Dee Inactive']);
    expect((await amina.session.get(`/api/credentials?userId=${ben!.id}`)).json<CredentialList>().items).toHaveLength(1);

    const first = (await amina.session.get('/api/credentials?limit=2')).json<CredentialList>();
    const second = (await amina.session.get(`/api/credentials?limit=2&cursor=${first.nextCursor}`)).json<CredentialList>();
    const third = (await amina.session.get(`/api/credentials?limit=2&cursor=${second.nextCursor}`)).json<CredentialList>();
    expect([...first.items, ...second.items, ...third.items].map((c) => c.member.name)).toEqual(names);
    expect(third.nextCursor).toBeNull();
    expect((await amina.session.get('/api/credentials?cursor=nonsense')).statusCode).toBe(400);

    // Ben sees his own (expired) credential: he may not represent anyone today.
    const benSession = await login(t, ben!.email);
    expect((await benSession.get('/api/credentials/mine')).json<MyCredentials>()).toMatchObject({ mayRepresent: false, items: [{ status: 'expired' }] });
    const cySession = await login(t, cy!.email);
    expect((await cySession.get('/api/credentials/mine')).json<MyCredentials>()).toMatchObject({ mayRepresent: true });
  });

  it('a change needs the version read; a new expiry is audited; removing is audited and another organization’s credential is not found', async () => {
    const amina = await memberSession(t, 'org_admin');
    const joseph = await createUser(t, { orgId: amina.orgId, role: 'legal_representative' });
    const created = (
      await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today(), 20) })
    ).json<CredentialResponse>();
    const renewed = await amina.session.patch(`/api/credentials/${created.id}`, { expiresOn: addDays(today(), 900), accreditationLevel: 'full', version: 1 });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toMatchObject({ status: 'valid', accreditationLevel: 'full', version: 2 });
    expect((await amina.session.patch(`/api/credentials/${created.id}`, { accreditationLevel: 'partial', version: 1 })).statusCode).toBe(409);
    // Giving a representative bar details is refused, naming the field.
    expect((await amina.session.patch(`/api/credentials/${created.id}`, { barState: 'IL', version: 2 })).json()).toMatchObject({ error: { fields: { barState: expect.any(String) } } });

    const other = await memberSession(t, 'org_admin');
    expect((await other.session.patch(`/api/credentials/${created.id}`, { accreditationLevel: 'partial', version: 2 })).statusCode).toBe(404);
    expect((await other.session.delete(`/api/credentials/${created.id}`)).statusCode).toBe(404);

    expect((await amina.session.delete(`/api/credentials/${created.id}?version=1`)).statusCode).toBe(409);
    expect((await amina.session.delete(`/api/credentials/${created.id}?version=2`)).statusCode).toBe(204);
    expect((await amina.session.get('/api/credentials')).json<CredentialList>().items).toHaveLength(0);
    const audit = await auditActions(t, amina.orgId, created.id);
    expect(audit.map((a) => a.action)).toEqual(['credential.saved', 'credential.saved', 'credential.removed']);
    expect(audit[1]).toMatchObject({ before: { expiresOn: addDays(today(), 20) }, after: { expiresOn: addDays(today(), 900), accreditationLevel: 'full' } });
  });

  it('Amina records that Joseph filed his renewal on time: he may still represent after the expiry while EOIR decides, and the new expiry closes the renewal', async () => {
    const amina = await memberSession(t, 'org_admin');
    const joseph = await createUser(t, { orgId: amina.orgId, role: 'legal_representative' });
    const grace = await createUser(t, { orgId: amina.orgId, role: 'legal_representative' });
    const expiresOn = addDays(today(), -5);
    const fields = (response: { json: () => unknown }) => (response.json() as { error: { fields: Record<string, string> } }).error.fields;

    // Not in the future, not after the expiry (a renewal filed late does not keep the accreditation), never for an attorney.
    const future = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'full', expiresOn, renewalFiledOn: addDays(today(), 1) });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual({ renewalFiledOn: expect.stringContaining('future') });
    const late = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'full', expiresOn, renewalFiledOn: addDays(expiresOn, 1) });
    expect(fields(late)).toEqual({ renewalFiledOn: expect.stringContaining('on or before the expiry') });
    const attorney = await amina.session.post('/api/credentials', { userId: grace.id, kind: 'attorney', barState: 'IL', barNumber: '6300451', barStatus: 'active', renewalFiledOn: today() });
    expect(fields(attorney)).toEqual({ renewalFiledOn: expect.any(String) });

    const created = await amina.session.post('/api/credentials', { userId: joseph.id, kind: 'accredited_representative', accreditationLevel: 'full', expiresOn, renewalFiledOn: addDays(expiresOn, -30) });
    expect(created.statusCode, created.body).toBe(201);
    const credential = created.json<CredentialResponse>();
    expect(credential).toMatchObject({ status: 'expired', renewalFiledOn: addDays(expiresOn, -30), renewalPending: true });
    expect((await (await login(t, joseph.email)).get('/api/credentials/mine')).json<MyCredentials>().mayRepresent).toBe(true);
    // His court matter does not need another representative.
    const matter = await createMatterRecord(t, amina.orgId, { representativeId: joseph.id, type: 'removal_defense' });
    const overview = (await amina.session.get('/api/credentials/overview')).json<CredentialOverview>();
    expect(overview.mattersNeedingRepresentative.items.some((m) => m.id === matter.id)).toBe(false);
    expect((await auditActions(t, amina.orgId, credential.id))[0]!.after).toMatchObject({ renewalFiledOn: addDays(expiresOn, -30) });

    // EOIR grants it: the new expiry is recorded and the old filing no longer applies.
    const granted = await amina.session.patch(`/api/credentials/${credential.id}`, { expiresOn: addYears(today(), 3), version: 1 });
    expect(granted.json()).toMatchObject({ status: 'valid', renewalFiledOn: null, renewalPending: false });
    // Taken off the record before a decision, the accreditation is expired again.
    const other = await createUser(t, { orgId: amina.orgId, role: 'legal_representative' });
    const pending = (
      await amina.session.post('/api/credentials', { userId: other.id, kind: 'accredited_representative', accreditationLevel: 'full', expiresOn, renewalFiledOn: expiresOn })
    ).json<CredentialResponse>();
    expect((await amina.session.patch(`/api/credentials/${pending.id}`, { renewalFiledOn: null, version: 1 })).json()).toMatchObject({ renewalPending: false });
    expect((await (await login(t, other.email)).get('/api/credentials/mine')).json<MyCredentials>().mayRepresent).toBe(false);
  });
});

describe('recognition', async () => {
  const t = await createTestApp();

  it('Amina records the organization’s recognition (at most six years, 8 CFR 1292.11) and renews it; every member can read it', async () => {
    const amina = await memberSession(t, 'org_admin');
    const office = await createOfficeRecord(t, amina.orgId, { name: 'Main Office' });
    const tooLong = await amina.session.post('/api/recognitions', { recognizedOn: '2024-01-10', expiresOn: '2030-01-11' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { fields: { expiresOn: expect.stringContaining('six years') } } });
    expect((await amina.session.post('/api/recognitions', { recognizedOn: '2024-01-10', expiresOn: '2024-01-10' })).json()).toMatchObject({ error: { fields: { expiresOn: expect.any(String) } } });
    const otherOffice = await createOfficeRecord(t, (await createOrg(t)).id);
    expect((await amina.session.post('/api/recognitions', { officeId: otherOffice.id, recognizedOn: '2024-01-10', expiresOn: '2030-01-10' })).json()).toMatchObject({
      error: { fields: { officeId: expect.any(String) } },
    });

    const created = await amina.session.post('/api/recognitions', { officeId: office.id, recognizedOn: '2024-01-10', expiresOn: '2030-01-10', note: 'Approval letter in the shared drive' });
    expect(created.statusCode).toBe(201);
    const recognition = created.json<RecognitionResponse>();
    expect(recognition).toMatchObject({ office: { id: office.id, name: 'Main Office' }, expiresOn: '2030-01-10', status: 'valid', version: 1 });

    const volunteer = await memberSession(t, 'volunteer', amina.orgId);
    expect((await volunteer.session.get('/api/recognitions')).json()).toMatchObject({ items: [{ id: recognition.id }] });
    expect((await volunteer.session.post('/api/recognitions', { recognizedOn: '2024-01-10', expiresOn: '2030-01-10' })).statusCode).toBe(403);

    expect((await amina.session.patch(`/api/recognitions/${recognition.id}`, { expiresOn: '2031-01-10', version: 1 })).json()).toMatchObject({ error: { fields: { expiresOn: expect.any(String) } } });
    const renewed = await amina.session.patch(`/api/recognitions/${recognition.id}`, { recognizedOn: '2026-01-05', expiresOn: '2032-01-05', version: 1 });
    expect(renewed.json()).toMatchObject({ expiresOn: '2032-01-05', version: 2 });
    expect((await amina.session.patch(`/api/recognitions/${recognition.id}`, { note: null, version: 1 })).statusCode).toBe(409);
    const other = await memberSession(t, 'org_admin');
    expect((await other.session.patch(`/api/recognitions/${recognition.id}`, { note: null, version: 2 })).statusCode).toBe(404);
    expect((await auditActions(t, amina.orgId, recognition.id)).map((a) => a.action)).toEqual(['recognition.saved', 'recognition.saved']);
  });

  it('pages recognitions by expiry; a forged or garbled cursor is a 400 naming the cursor, never a server error', async () => {
    const amina = await memberSession(t, 'org_admin');
    for (const year of [2028, 2029, 2030]) {
      expect((await amina.session.post('/api/recognitions', { recognizedOn: `${year - 6}-03-01`, expiresOn: `${year}-02-28` })).statusCode).toBe(201);
    }
    const first = (await amina.session.get('/api/recognitions?limit=2')).json<{ items: RecognitionResponse[]; nextCursor: string | null }>();
    expect(first.items.map((r) => r.expiresOn)).toEqual(['2030-02-28', '2029-02-28']);
    const second = (await amina.session.get(`/api/recognitions?limit=2&cursor=${first.nextCursor}`)).json<{ items: RecognitionResponse[] }>();
    expect(second.items.map((r) => r.expiresOn)).toEqual(['2028-02-28']);

    const id = first.items[0]!.id;
    for (const values of [['x', id], ['2030-02-31', id], ['2030-02-28; drop', id]]) {
      const forged = await amina.session.get(`/api/recognitions?cursor=${Buffer.from(JSON.stringify(values)).toString('base64url')}`);
      expect(forged.statusCode, forged.body).toBe(400);
      expect(forged.json()).toMatchObject({ error: { fields: { cursor: expect.any(String) } } });
    }
  });
});

describe('the accreditation overview', async () => {
  const t = await createTestApp();

  it('lists what expires soon or has, the recognition, and the open matters whose representative must be replaced', async () => {
    const amina = await memberSession(t, 'program_director');
    const orgId = amina.orgId;
    const [grace, joseph, lina, omar] = await Promise.all(
      ['Grace Attorney', 'Joseph Partial', 'Lina Lapsed', 'Omar Nobody'].map((name) => createUser(t, { orgId, role: 'legal_representative', name })),
    );
    await createCredentialRecord(t, orgId, grace!.id);
    await createCredentialRecord(t, orgId, joseph!.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today(), 45) });
    await createCredentialRecord(t, orgId, lina!.id, { kind: 'accredited_representative', expiresOn: addDays(today(), -3) });

    const fine = await createMatterRecord(t, orgId, { representativeId: grace!.id, type: 'removal_defense' });
    const partialOk = await createMatterRecord(t, orgId, { representativeId: joseph!.id, type: 'work_permit' });
    const partialCourt = await createMatterRecord(t, orgId, { representativeId: joseph!.id, type: 'removal_defense' });
    const lapsed = await createMatterRecord(t, orgId, { representativeId: lina!.id, type: 'naturalization' });
    const none = await createMatterRecord(t, orgId, { representativeId: omar!.id, status: 'screening' });
    await createMatterRecord(t, orgId, { representativeId: lina!.id, status: 'closed' });

    const overview = (await amina.session.get('/api/credentials/overview')).json<CredentialOverview>();
    expect(overview.today).toBe(today());
    expect(overview.expiring.map((c) => c.member.name)).toEqual(['Joseph Partial']);
    expect(overview.expired.map((c) => c.member.name)).toEqual(['Lina Lapsed']);
    expect(overview.recognition).toEqual({ status: 'none', current: null });
    expect(overview.mattersNeedingRepresentative.count).toBe(3);
    const byId = new Map(overview.mattersNeedingRepresentative.items.map((m) => [m.id, m]));
    expect(byId.get(partialCourt.id)).toMatchObject({ reference: partialCourt.reference, problem: 'partial_accreditation_before_eoir', representative: { name: 'Joseph Partial' } });
    expect(byId.get(lapsed.id)).toMatchObject({ problem: 'accreditation_expired' });
    expect(byId.get(none.id)).toMatchObject({ problem: 'no_credential', status: 'screening' });
    expect(byId.has(fine.id) || byId.has(partialOk.id)).toBe(false);

    // The organization's recognition lapses: now the accredited representative's DHS matter needs another representative too.
    expect((await amina.session.post('/api/recognitions', { recognizedOn: addDays(today(), -2000), expiresOn: addDays(today(), -1) })).statusCode).toBe(201);
    const afterResponse = await amina.session.get('/api/credentials/overview');
    expect(afterResponse.statusCode).toBe(200);
    const after = afterResponse.json<CredentialOverview>();
    expect(after.recognition.status).toBe('expired');
    expect(after.mattersNeedingRepresentative.items.find((m) => m.id === partialOk.id)).toMatchObject({ problem: 'recognition_expired' });
    expect(after.mattersNeedingRepresentative.items.some((m) => m.id === fine.id)).toBe(false);

    // A legal representative may not see the desk.
    expect((await (await login(t, grace!.email)).get('/api/credentials/overview')).statusCode).toBe(403);
  });

  it("a protected client's matter is listed only to staff assigned to the client; others see that one more matter needs a representative, and nothing about it", async () => {
    const director = await memberSession(t, 'program_director');
    const orgId = director.orgId;
    const assigned = await createUser(t, { orgId, role: 'org_admin' });
    const lina = await createUser(t, { orgId, role: 'legal_representative', name: 'Lina Lapsed' });
    await createCredentialRecord(t, orgId, lina.id, { kind: 'accredited_representative', expiresOn: addDays(today(), -3) });
    const nadia = await createClientRecord(t, orgId, { givenName: 'Nadia', familyName: 'Karimi', isProtected: true, assignedTo: [assigned.id, lina.id] });
    const vawa = await createMatterRecord(t, orgId, { representativeId: lina.id, clientId: nadia.id, type: 'vawa' });
    const plain = await createMatterRecord(t, orgId, { representativeId: lina.id, type: 'naturalization' });

    const unassigned = await director.session.get('/api/credentials/overview');
    const seen = unassigned.json<CredentialOverview>().mattersNeedingRepresentative;
    expect(seen).toMatchObject({ count: 1, hiddenCount: 1 });
    expect(seen.items.map((m) => m.id)).toEqual([plain.id]);
    expect(unassigned.body).not.toContain(vawa.reference);
    expect(unassigned.body).not.toContain('vawa');
    expect((await director.session.get(`/api/matters/${vawa.id}`)).statusCode).toBe(404);

    const full = (await (await login(t, assigned.email)).get('/api/credentials/overview')).json<CredentialOverview>().mattersNeedingRepresentative;
    expect(full).toMatchObject({ count: 2, hiddenCount: 0 });
    expect(full.items.find((m) => m.id === vawa.id)).toMatchObject({ reference: vawa.reference, type: 'vawa', problem: 'accreditation_expired' });
  });
});
