import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { IMPORT_CONTENT_TYPES, type ImportResponse } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, memberSession } from '../support/app.js';
import { registerClient, searchClients } from '../clients/support.js';
import { csv, dryRun, remap, runImport, upload, uploadFile, xlsx } from './support.js';

/**
 * Importing clients from a spreadsheet, as stories: Tomás (intake specialist) uploads the file his
 * agency kept before Haven, maps its columns, reads the dry run's row-by-row report, fixes the file
 * and imports it — all rows or none.
 */
describe('client import', async () => {
  const t = await createTestApp();

  async function clientCount(orgId: string): Promise<number> {
    const rows = await systemTransaction(t.database.db, (tx) => tx.select({ id: schema.clients.id }).from(schema.clients).where(eq(schema.clients.orgId, orgId)));
    return rows.length;
  }

  async function storedImport(id: string) {
    const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.clientImports).where(eq(schema.clientImports.id, id)));
    return row!;
  }

  const HEADER = ['First name', 'Last name', 'Date of birth', 'Sex', 'Country of birth', 'Phone', 'A-Number', 'Arrival date', 'Immigration status', 'Status date', 'Notes'];

  it('Tomás uploads a CSV with three bad rows: the dry run names each row and field, the import is refused, and no client is written', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const file = csv([
      HEADER,
      ['Amina', 'Haddad', '1988-04-12', 'F', 'SY', '+1 555 010 2030', 'A-201-555-001', '2024-03-02', 'Refugee', '2024-03-02', 'Arrived with two children'],
      ['Omar', '', '1990-01-01', 'M', 'SY', '', '', '', '', '', 'no family name'],
      ['Leila', 'Karimi', '2026-02-30', 'female', 'AF', '', 'A12B45678', '', '', '', 'impossible date, A-number with letters'],
      ['Yusuf', 'Karimi', '2019-06-01', 'male', 'AF', '', '', '2018-01-01', 'asylee', '2020-01-01', 'arrived before birth'],
      ['Maryam', 'Noori', '1975-11-30', 'F', 'AF', '555-0100', '', '', '', '', ''],
    ]);
    const uploaded = await upload(tomas.session, file);
    expect(uploaded).toMatchObject({ status: 'uploaded', format: 'csv', totalRows: 5, columns: HEADER });
    // Haven recognizes the header names and preselects them; "Notes" stays unmapped.
    expect(uploaded.suggestedMapping).toEqual({
      'First name': 'givenName',
      'Last name': 'familyName',
      'Date of birth': 'dateOfBirth',
      Sex: 'sex',
      'Country of birth': 'countryOfBirth',
      Phone: 'phone',
      'A-Number': 'aNumber',
      'Arrival date': 'lastArrivalDate',
      'Immigration status': 'immigrationStatus',
      'Status date': 'statusDate',
    });
    expect(uploaded.mapping).toEqual(uploaded.suggestedMapping);

    const refusedBeforeCheck = await runImport(tomas.session, uploaded.id);
    expect(refusedBeforeCheck.statusCode).toBe(409);

    const checked = await dryRun(tomas.session, uploaded.id);
    expect(checked).toMatchObject({ status: 'checked', totalRows: 5, validRows: 2 });
    expect(checked.errors).toEqual([
      { row: 3, field: 'familyName', message: 'Enter a family name' },
      { row: 4, field: 'dateOfBirth', message: 'Enter a real date as YYYY-MM-DD' },
      { row: 4, field: 'aNumber', message: 'An A-number has 8 or 9 digits' },
      { row: 5, field: 'lastArrivalDate', message: 'The arrival is before the date of birth' },
    ]);
    // The messages are the API's own: registering row 4 by hand gives the same answer.
    const byHand = await tomas.session.post('/api/clients', { givenName: 'Leila', familyName: 'Karimi', aNumber: 'A12B45678' });
    expect(byHand.json().error.fields).toEqual({ aNumber: 'An A-number has 8 or 9 digits' });

    const refused = await runImport(tomas.session, uploaded.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    expect(await clientCount(tomas.orgId)).toBe(0);
    expect((await storedImport(uploaded.id)).status).toBe('checked');
  });

  it('Tomás fixes the file: every row is imported in one go, findable by name and A-number, identifiers sealed, and the import is audited without personal data', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const supervisor = await memberSession(t, 'supervisor', tomas.orgId);
    const file = csv([
      HEADER,
      ['Amina', 'Haddad', '1988-04-12', 'F', 'SY', '+1 555 010 2030', 'A-201-555-001', '2024-03-02', 'Refugee', '2024-03-02', ''],
      ['Omar', 'Haddad', '1990-01-01', 'M', 'SY', '', '', '', '', '', ''],
      ['Leila', 'Karimi', '2016-02-29', 'female', 'AF', '', '202555002', '', '', '', ''],
      ['Yusuf', 'Karimi', '2019-06-01', 'male', 'AF', '', '', '2021-08-30', 'parolee afghan', '2021-08-30', ''],
      ['Rosa', 'Méndez', '1979-07-07', 'F', 'HN', '555-0100', '', '', 'U visa', '2023-05-01', ''],
    ]);
    const uploaded = await upload(tomas.session, file, { filename: 'intake-2024.csv' });
    const checked = await dryRun(tomas.session, uploaded.id);
    expect(checked.errors).toEqual([]);
    expect(checked.validRows).toBe(5);

    const run = await runImport(tomas.session, uploaded.id);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json<ImportResponse>()).toMatchObject({ status: 'completed', importedRows: 5, progress: null });
    expect(await clientCount(tomas.orgId)).toBe(5);

    const [amina] = await searchClients(supervisor.session, 'Amina Haddad');
    expect(amina).toMatchObject({ givenName: 'Amina', familyName: 'Haddad', aNumberMasked: 'A-•••-••5-001' });
    expect((await searchClients(supervisor.session, 'A-202-555-002')).map((c) => c.givenName)).toEqual(['Leila']);
    expect((await searchClients(supervisor.session, 'Mendez')).map((c) => c.givenName)).toEqual([]); // protected: a U visa holder
    expect((await searchClients(tomas.session, 'Mendez')).map((c) => c.givenName)).toEqual(['Rosa']); // …but Tomás registered her
    const record = (await tomas.session.get(`/api/clients/${amina!.id}`)).json();
    expect(record).toMatchObject({
      aNumber: 'A-201-555-001',
      dateOfBirth: '1988-04-12',
      sex: 'female',
      countryOfBirth: 'SY',
      phones: [{ number: '+1 555 010 2030', kind: 'mobile', whatsapp: false, sms: false }],
      statuses: [{ status: 'refugee', effectiveFrom: '2024-03-02' }],
      lastArrivalDate: '2024-03-02',
    });

    const stored = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.clientIdentifiers).where(eq(schema.clientIdentifiers.orgId, tomas.orgId)),
    );
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.valueSealed).not.toContain('201555001');
      expect(row.valueSealed).not.toContain('202555002');
    }
    // The stored file is cleared once imported; running again is refused.
    expect((await storedImport(uploaded.id)).content).toBeNull();
    expect((await runImport(tomas.session, uploaded.id)).statusCode).toBe(409);

    const audit = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.orgId, tomas.orgId)),
    );
    const imported = audit.filter((e) => e.action === 'client.imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ actorUserId: tomas.user.id, objectId: uploaded.id, after: { format: 'csv', totalRows: 5, importedRows: 5, protectedRows: 1 } });
    const auditText = JSON.stringify(audit);
    for (const secret of ['Amina', 'Haddad', '201555001', 'intake-2024']) {
      expect(auditText).not.toContain(secret);
    }
    expect(t.logs()).not.toContain('Haddad');

    const list = await tomas.session.get('/api/client-imports');
    expect(list.json().items).toEqual([expect.objectContaining({ id: uploaded.id, filename: 'intake-2024.csv', status: 'completed', importedRows: 5 })]);
  });

  it('An XLSX workbook with Spanish headers and real date cells imports the same way', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const file = await xlsx([
      ['Nombre', 'Apellidos', 'Fecha de nacimiento', 'Sexo', 'Teléfono', 'Número A', 'Idioma'],
      ['José', 'Pérez', new Date(Date.UTC(1985, 2, 14)), 'masculino', '+1 555 777 1234', 'A-203-555-010', 'es'],
      ['María', 'López', new Date(Date.UTC(1987, 9, 3)), 'mujer', '', '', 'es'],
    ]);
    const uploaded = await upload(tomas.session, file, { filename: 'clientes.xlsx', contentType: IMPORT_CONTENT_TYPES.xlsx });
    expect(uploaded).toMatchObject({ format: 'xlsx', totalRows: 2 });
    expect(uploaded.suggestedMapping).toEqual({
      Nombre: 'givenName',
      Apellidos: 'familyName',
      'Fecha de nacimiento': 'dateOfBirth',
      Sexo: 'sex',
      Teléfono: 'phone',
      'Número A': 'aNumber',
      Idioma: 'preferredLanguage',
    });
    const checked = await dryRun(tomas.session, uploaded.id);
    expect(checked.errors).toEqual([]);
    expect((await runImport(tomas.session, uploaded.id)).json()).toMatchObject({ status: 'completed', importedRows: 2 });
    const [jose] = await searchClients(tomas.session, 'Jose Perez');
    expect(jose).toMatchObject({ givenName: 'José', dateOfBirth: '1985-03-14', preferredLanguage: 'es' });
  });

  it('Arabic headers are recognized, and a column can be remapped by hand (which makes the last check stale)', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const uploaded = await upload(tomas.session, csv([['الاسم', 'اسم العائلة', 'تاريخ الميلاد', 'Apodo'], ['نور', 'صالح', '1995-05-05', 'Nouri']]));
    expect(uploaded.suggestedMapping).toEqual({ 'الاسم': 'givenName', 'اسم العائلة': 'familyName', 'تاريخ الميلاد': 'dateOfBirth', Apodo: 'preferredName' });
    const checked = await dryRun(tomas.session, uploaded.id);
    expect(checked.status).toBe('checked');
    const remapped = await remap(tomas.session, checked, { 'الاسم': 'givenName', 'اسم العائلة': 'familyName', Apodo: 'aliases' });
    expect(remapped).toMatchObject({ status: 'uploaded', validRows: null, errors: [] });
    expect((await runImport(tomas.session, uploaded.id)).statusCode).toBe(409);
    // A stale version is refused, not overwritten.
    const stale = await tomas.session.patch(`/api/client-imports/${uploaded.id}`, { mapping: {}, version: checked.version });
    expect(stale.statusCode).toBe(409);
    await dryRun(tomas.session, uploaded.id);
    expect((await runImport(tomas.session, uploaded.id)).json()).toMatchObject({ status: 'completed', importedRows: 1 });
    const [nour] = await searchClients(tomas.session, 'نور');
    expect(nour).toMatchObject({ givenName: 'نور', familyName: 'صالح', dateOfBirth: null });
  });

  it('A duplicate A-number inside the file and one already registered are both reported on their rows, naming aNumber', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    await registerClient(tomas.session, { givenName: 'Samir', familyName: 'Aziz', aNumber: '204555777' });
    const file = csv([
      ['Given name', 'Family name', 'A-number', 'Receipt number'],
      ['Hana', 'Aziz', 'A-204-555-888', 'IOE0912345678'],
      ['Samira', 'Aziz', '204555777', ''],
      ['Hanan', 'Aziz', '204 555 888', 'IOE0912345679; ioe0912345679'],
    ]);
    const checked = await dryRun(tomas.session, (await upload(tomas.session, file)).id);
    expect(checked.validRows).toBe(1);
    expect(checked.errors).toEqual([
      { row: 3, field: 'aNumber', message: 'Another client in this organization has this A-number' },
      { row: 4, field: 'aNumber', message: 'Row 2 has the same A-number' },
      { row: 4, field: 'receiptNumbers', message: 'A receipt number is listed twice' },
    ]);
    expect(await clientCount(tomas.orgId)).toBe(1);
  });

  it('Someone registers one of the A-numbers between the dry run and the import: the whole import rolls back and the report names the row', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const carla = await memberSession(t, 'case_manager', tomas.orgId);
    const rows = [['Given name', 'Family name', 'A-number']];
    for (let i = 0; i < 40; i += 1) {
      rows.push([`Person${i}`, 'Rahimi', `2055500${String(i).padStart(2, '0')}`]);
    }
    const uploaded = await upload(tomas.session, csv(rows));
    expect((await dryRun(tomas.session, uploaded.id)).errors).toEqual([]);

    await registerClient(carla.session, { givenName: 'Walk-in', familyName: 'Rahimi', aNumber: '205550031' });
    const run = await runImport(tomas.session, uploaded.id);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json<ImportResponse>()).toMatchObject({
      status: 'failed',
      importedRows: 0,
      validRows: 39,
      errors: [{ row: 33, field: 'aNumber', message: 'Another client in this organization has this A-number' }],
    });
    // Nothing half-imported: only Carla's walk-in exists, and no stray identifiers or assignments.
    expect(await clientCount(tomas.orgId)).toBe(1);
    const identifiers = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.clientIdentifiers).where(eq(schema.clientIdentifiers.orgId, tomas.orgId)),
    );
    expect(identifiers).toHaveLength(1);
    const assignments = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.clientAssignments).where(eq(schema.clientAssignments.userId, tomas.user.id)),
    );
    expect(assignments).toEqual([]);
    // The file is kept so the row can be fixed; a failed import must be checked again before it runs.
    expect((await storedImport(uploaded.id)).content).not.toBeNull();
    expect((await runImport(tomas.session, uploaded.id)).statusCode).toBe(409);
  });

  it("Tomás at Org A uploads a file; Ben at Org B tries to read, remap, check and run it → 404 each time, the same as an unknown id, and nothing changes", async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const ben = await memberSession(t, 'org_admin');
    const uploaded = await upload(tomas.session, csv([['Given name', 'Family name'], ['Amina', 'Haddad']]));
    const attempts = [
      await ben.session.get(`/api/client-imports/${uploaded.id}`),
      await ben.session.patch(`/api/client-imports/${uploaded.id}`, { mapping: {}, version: uploaded.version }),
      await ben.session.request('POST', `/api/client-imports/${uploaded.id}/dry-run`),
      await ben.session.request('POST', `/api/client-imports/${uploaded.id}/run`),
    ];
    const unknown = await ben.session.get(`/api/client-imports/${randomUUID()}`);
    for (const attempt of attempts) {
      expect(attempt.statusCode, attempt.body).toBe(404);
      expect(attempt.body).not.toContain('Haddad');
    }
    expect(attempts[0]!.json()).toEqual(unknown.json());
    expect((await ben.session.get('/api/client-imports')).json().items).toEqual([]);
    expect(await storedImport(uploaded.id)).toMatchObject({ status: 'uploaded', version: 1, mapping: uploaded.mapping });
    expect(await clientCount(ben.orgId)).toBe(0);
  });

  it('The upload refuses what is not a spreadsheet, an empty file, a file with too many rows, and too large a body', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const json = await tomas.session.request('POST', '/api/client-imports?filename=clients.json', { givenName: 'A' });
    expect(json.statusCode).toBe(415);
    const pdf = await uploadFile(tomas.session, '%PDF-1.7', { contentType: 'application/pdf' });
    expect(pdf.statusCode).toBe(415);
    const notXlsx = await uploadFile(tomas.session, 'First name,Last name\nA,B\n', { contentType: IMPORT_CONTENT_TYPES.xlsx });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.fields).toHaveProperty('file');
    const headerOnly = await uploadFile(tomas.session, 'First name,Last name\n');
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().error.fields).toHaveProperty('file');
    const tooMany = await uploadFile(tomas.session, `First name,Last name\n${'A,B\n'.repeat(20_001)}`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields.file).toMatch(/20000/);
    const huge = await uploadFile(tomas.session, Buffer.alloc(10 * 1024 * 1024 + 10, 'a'));
    expect(huge.statusCode).toBe(413);
    expect(await clientCount(tomas.orgId)).toBe(0);
  });

  it('A semicolon-separated CSV saved by Spanish Excel in Windows-1252 is read correctly', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const text = 'Nombre;Apellido;Fecha de nacimiento\r\nJosé;Muñoz;1980-01-02\r\n';
    const bytes = Buffer.from(text, 'latin1');
    const uploaded = await upload(tomas.session, bytes);
    expect(uploaded.columns).toEqual(['Nombre', 'Apellido', 'Fecha de nacimiento']);
    await dryRun(tomas.session, uploaded.id);
    expect((await runImport(tomas.session, uploaded.id)).json()).toMatchObject({ status: 'completed', importedRows: 1 });
    expect((await searchClients(tomas.session, 'Muñoz'))[0]).toMatchObject({ givenName: 'José', familyName: 'Muñoz' });
  });

  it('Tomás imports a US spreadsheet with dates written 04/12/1991: refused as written until he says the month comes first, then read as 12 April', async () => {
    const tomas = await memberSession(t, 'intake_specialist');
    const file = csv([
      ['First name', 'Last name', 'Date of birth', 'Arrival date'],
      ['Nour', 'Saleh', '04/12/1991', '9/30/2024'],
    ]);
    const uploaded = await upload(tomas.session, file);
    expect(uploaded.dateFormat).toBe('iso');
    const unread = await dryRun(tomas.session, uploaded.id);
    expect(unread.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, field: 'dateOfBirth' }), expect.objectContaining({ row: 2, field: 'lastArrivalDate' })]));

    const monthFirst = await remap(tomas.session, unread, unread.mapping, 'month_first');
    expect(monthFirst).toMatchObject({ dateFormat: 'month_first', status: 'uploaded' });
    const checked = await dryRun(tomas.session, monthFirst.id);
    expect(checked.errors).toEqual([]);
    const done = await runImport(tomas.session, checked.id);
    expect(done.statusCode, done.body).toBe(200);
    const [nour] = await searchClients(tomas.session, 'Nour Saleh');
    expect(nour).toMatchObject({ dateOfBirth: '1991-04-12' });
  });
});
