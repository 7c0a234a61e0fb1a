import { and, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { type ActiveClientsServedReport, addMonthsToMonth, type MonthlyContactRateReport, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { readXlsxRows } from '../client-transfer/support.js';
import { createClientRecord, createTestApp, createUser, login, memberSession } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';
import { insertRows, note, service, updateCase } from '../supervision/fixtures.js';

/**
 * Seed 004's reports on a fixture with contacts inside and outside March 2026: only signed,
 * meaningful notes and recorded services count; only cases open on some day of the month; a
 * protected client only for staff assigned to them.
 */
/* Rows are in family-name order: Formula, Haddad, Midmonth. */
describe('reports: active clients served and monthly contact rate', async () => {
  const t = await createTestApp();

  async function fixture() {
    const sofia = await memberSession(t, 'supervisor');
    const { orgId } = sofia;
    const carla = await createUser(t, { orgId, role: 'case_manager', name: 'Carla Reyes' });
    const diego = await createUser(t, { orgId, role: 'case_manager', name: 'Diego Alvarez' });
    const pat = await createUser(t, { orgId, role: 'program_director', name: 'Pat Director' });

    const amina = await createClientRecord(t, orgId, { givenName: 'Amina', familyName: 'Haddad' });
    const formula = await createClientRecord(t, orgId, { givenName: '=SUM(A1:A9)', familyName: 'Formula' });
    const yusuf = await createClientRecord(t, orgId, { givenName: 'Yusuf', familyName: 'Karimi' });
    const closedEarly = await createClientRecord(t, orgId, { givenName: 'Closed', familyName: 'Early' });
    const lateStart = await createClientRecord(t, orgId, { givenName: 'Late', familyName: 'Start' });
    const closedMid = await createClientRecord(t, orgId, { givenName: 'Closed', familyName: 'Midmonth' });
    const rosa = await createClientRecord(t, orgId, { givenName: 'Rosa', familyName: 'Protected', isProtected: true, assignedTo: [diego.id, pat.id] });

    const a = await createCaseRecord(t, orgId, { clientId: amina.id, caseManagerId: carla.id, openedOn: '2026-01-05' });
    const b = await createCaseRecord(t, orgId, { clientId: formula.id, caseManagerId: carla.id, openedOn: '2026-01-05' });
    const c = await createCaseRecord(t, orgId, { clientId: yusuf.id, caseManagerId: diego.id, openedOn: '2026-01-05' });
    const d = await createCaseRecord(t, orgId, { clientId: closedEarly.id, caseManagerId: diego.id, openedOn: '2026-01-05', status: 'closed', stage: 'closure' });
    await updateCase(t, orgId, d.kase.id, { closedOn: '2026-02-20' });
    const e = await createCaseRecord(t, orgId, { clientId: lateStart.id, caseManagerId: diego.id, openedOn: '2026-04-02' });
    const f = await createCaseRecord(t, orgId, { clientId: closedMid.id, caseManagerId: diego.id, openedOn: '2026-01-05', status: 'closed', stage: 'closure' });
    await updateCase(t, orgId, f.kase.id, { closedOn: '2026-03-10' });
    const p = await createCaseRecord(t, orgId, { clientId: rosa.id, caseManagerId: diego.id, openedOn: '2026-01-05' });
    // Amina is also in a second program, with Diego: still one client, with both cases.
    const a2 = await createCaseRecord(t, orgId, { clientId: amina.id, caseManagerId: diego.id, openedOn: '2026-02-01' });

    await insertRows(t, orgId, {
      notes: [
        note(a.kase.id, amina.id, carla.id, '2026-03-10'),
        note(a.kase.id, amina.id, carla.id, '2026-03-20'),
        note(a.kase.id, amina.id, carla.id, '2026-02-28'),
        note(a.kase.id, amina.id, carla.id, '2026-04-01'),
        note(c.kase.id, yusuf.id, diego.id, '2026-03-12', { signed: false }),
        note(c.kase.id, yusuf.id, diego.id, '2026-03-13', { meaningful: false }),
        note(f.kase.id, closedMid.id, diego.id, '2026-03-05'),
        note(e.kase.id, lateStart.id, diego.id, '2026-04-03'),
        note(p.kase.id, rosa.id, diego.id, '2026-03-04'),
      ],
      services: [
        service(a.kase.id, amina.id, carla.id, '2026-03-15'),
        service(b.kase.id, formula.id, carla.id, '2026-03-31'),
        service(d.kase.id, closedEarly.id, diego.id, '2026-03-05'),
        service(b.kase.id, formula.id, carla.id, '2026-02-01'),
        service(a2.kase.id, amina.id, diego.id, '2026-03-16'),
      ],
    });
    return { sofia, carla, diego, pat, cases: { a, a2, b, c, d, e, f, p } };
  }

  it('March 2026: Amina (2 contacts, 1 service), the formula-named client (1 service) and the case closed mid-month are served; a draft, a non-meaningful note, a case closed in February and a protected client are not', async () => {
    const { sofia, carla, pat, cases } = await fixture();
    const response = await sofia.session.get('/api/reports/active-clients-served?month=2026-03');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<ActiveClientsServedReport>();
    expect(report).toMatchObject({ month: '2026-03', from: '2026-03-01', to: '2026-03-31', truncated: false });
    expect(report.rows.map((row) => [row.clientName, row.contacts, row.services, row.lastContactOn, row.caseManagerName])).toEqual([
      ['=SUM(A1:A9) Formula', 0, 1, null, 'Carla Reyes'],
      ['Amina Haddad', 2, 2, '2026-03-20', 'Carla Reyes, Diego Alvarez'],
      ['Closed Midmonth', 1, 0, '2026-03-05', 'Diego Alvarez'],
    ]);
    const aminasCases = [cases.a.kase, cases.a2.kase].sort((x, y) => x.reference.localeCompare(y.reference)).map((kase) => ({ id: kase.id, reference: kase.reference }));
    expect(report.rows[1]).toMatchObject({
      caseId: aminasCases[0]!.id,
      caseReference: aminasCases.map((kase) => kase.reference).join(', '),
      cases: aminasCases,
      programName: [cases.a.program.name, cases.a2.program.name].sort().join(', '),
    });

    // Filtered by case manager: Carla's two.
    const carlas = (await sofia.session.get(`/api/reports/active-clients-served?month=2026-03&caseManagerId=${carla.id}`)).json<ActiveClientsServedReport>();
    expect(carlas.rows.map((row) => row.clientName)).toEqual(['=SUM(A1:A9) Formula', 'Amina Haddad']);
    const oneProgram = (await sofia.session.get(`/api/reports/active-clients-served?month=2026-03&programId=${cases.a.program.id}`)).json<ActiveClientsServedReport>();
    expect(oneProgram.rows.map((row) => row.clientName)).toEqual(['Amina Haddad']);

    // Pat is assigned to the protected client: for Pat she is one more client served.
    const patSession = await login(t, pat.email);
    const patReport = (await patSession.get('/api/reports/active-clients-served?month=2026-03')).json<ActiveClientsServedReport>();
    expect(patReport.rows.map((row) => row.clientName)).toContain('Rosa Protected');
    expect(response.body).not.toContain('Protected');
  });

  it('The monthly contact rate: February 2 of 5, March 3 of 4, April 2 of 4 — with the protected client only in the assigned director’s figures', async () => {
    const { sofia, pat } = await fixture();
    const response = await sofia.session.get('/api/reports/monthly-contact-rate?from=2026-02&to=2026-04');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<MonthlyContactRateReport>()).toEqual({
      from: '2026-02',
      to: '2026-04',
      rows: [
        { month: '2026-02', activeClients: 5, servedClients: 2, percentage: 40 },
        { month: '2026-03', activeClients: 4, servedClients: 3, percentage: 75 },
        { month: '2026-04', activeClients: 4, servedClients: 2, percentage: 50 },
      ],
    });
    const patSession = await login(t, pat.email);
    const patRate = (await patSession.get('/api/reports/monthly-contact-rate?from=2026-03&to=2026-03')).json<MonthlyContactRateReport>();
    expect(patRate.rows).toEqual([{ month: '2026-03', activeClients: 5, servedClients: 4, percentage: 80 }]);
  });

  it('Without a month the report is last month in the organization’s time zone; bad months are refused naming the field', async () => {
    const sofia = await memberSession(t, 'auditor');
    const lastMonth = addMonthsToMonth(todayIn('America/New_York').slice(0, 7), -1);
    expect((await sofia.session.get('/api/reports/active-clients-served')).json<ActiveClientsServedReport>()).toMatchObject({ month: lastMonth, rows: [] });
    const rate = (await sofia.session.get('/api/reports/monthly-contact-rate')).json<MonthlyContactRateReport>();
    expect(rate).toMatchObject({ to: lastMonth, from: addMonthsToMonth(lastMonth, -5) });
    expect(rate.rows).toHaveLength(6);
    for (const [url, field] of [
      ['/api/reports/active-clients-served?month=2026-13', 'month'],
      ['/api/reports/active-clients-served?month=March', 'month'],
      ['/api/reports/monthly-contact-rate?from=2024-01&to=2026-03', 'to'],
      ['/api/reports/monthly-contact-rate?from=2026-05&to=2026-03', 'to'],
      ['/api/reports/monthly-contact-rate?from=2026-5', 'from'],
    ] as const) {
      const refused = await sofia.session.get(url);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json<{ error: { fields: Record<string, string> } }>().error.fields, url).toHaveProperty(field);
    }
    const caseManager = await memberSession(t, 'case_manager');
    expect((await caseManager.session.get('/api/reports/active-clients-served?month=2026-03')).statusCode).toBe(403);
  });

  it('CSV and XLSX downloads: a header row, formula-looking names neutralized, the XLSX opens with the same rows, and each export audited with its filters and no names', async () => {
    const { sofia, carla } = await fixture();
    const csv = await sofia.session.get(`/api/reports/active-clients-served?month=2026-03&caseManagerId=${carla.id}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="haven-active-clients-served-2026-03.csv"');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['Case reference', 'Client', 'Program', 'Case manager', 'Meaningful contacts', 'Services', 'Last contact']);
    expect(rows.map((row) => row.Client)).toEqual([`'=SUM(A1:A9) Formula`, 'Amina Haddad']);
    expect(rows[1]).toMatchObject({ 'Meaningful contacts': '2', Services: '1', 'Last contact': '2026-03-20', 'Case manager': 'Carla Reyes' });

    const xlsx = await sofia.session.get('/api/reports/monthly-contact-rate?from=2026-02&to=2026-04&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(await readXlsxRows(xlsx.rawPayload)).toEqual([
      ['Month', 'Active clients', 'Clients with a meaningful contact or service', 'Percentage'],
      ['2026-02', '5', '2', '40.0'],
      ['2026-03', '4', '3', '75.0'],
      ['2026-04', '4', '2', '50.0'],
    ]);
    const served = await sofia.session.get('/api/reports/active-clients-served?month=2026-03&format=xlsx');
    const servedRows = await readXlsxRows(served.rawPayload);
    expect(servedRows[0]![1]).toBe('Client');
    expect(servedRows.map((row) => row[1])).toContain('Amina Haddad');

    const audit = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, sofia.orgId), eq(schema.auditEvents.action, 'report.exported'))).orderBy(schema.auditEvents.seq),
    );
    expect(audit.map((event) => event.after)).toEqual([
      { report: 'active_clients_served', format: 'csv', filters: { month: '2026-03', programId: null, caseManagerId: carla.id }, rows: 2 },
      { report: 'monthly_contact_rate', format: 'xlsx', filters: { from: '2026-02', to: '2026-04', programId: null, caseManagerId: null }, rows: 3 },
      { report: 'active_clients_served', format: 'xlsx', filters: { month: '2026-03', programId: null, caseManagerId: null }, rows: 3 },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Amina');
    // Looking at a report on screen is not an export.
    await sofia.session.get('/api/reports/active-clients-served?month=2026-03');
    const after = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, sofia.orgId), eq(schema.auditEvents.action, 'report.exported'))).orderBy(schema.auditEvents.seq),
    );
    expect(after).toHaveLength(3);
  });
});
