import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { todayIn } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, memberSession } from '../support/app.js';
import { registerClient } from '../clients/support.js';
import { readXlsxRows } from './support.js';

/**
 * Exporting the client list: only the caller's organization, every protected client (8 USC 1367)
 * left out — also for the staff assigned to them, since no consent allows it — identifiers
 * masked, no SSN, and the export itself audited with its row count.
 */
describe('client export', async () => {
  const t = await createTestApp();

  it('Sofia exports the list as CSV: her organization only, protected clients left out even though she is assigned, the A-number masked and no SSN', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const ben = await memberSession(t, 'org_admin');
    await registerClient(sofia.session, {
      givenName: 'Amina',
      familyName: 'Haddad',
      aNumber: 'A-201-555-019',
      ssn: '521-44-3821',
      receiptNumbers: ['IOE0912345678'],
      phones: [{ number: '+1 555 010 2030' }],
      statuses: [{ status: 'refugee', effectiveFrom: '2024-03-02' }],
    });
    await registerClient(sofia.session, { givenName: '=HYPERLINK("x")', familyName: 'Formula' });
    // Protected: Sofia registered (and so is assigned to) Rosa, but no consent allows an export.
    await registerClient(sofia.session, { givenName: 'Rosa', familyName: 'Méndez', isProtected: true, protectionBasis: 'vawa' });
    await registerClient(sofia.session, { givenName: 'Lucía', familyName: 'Ortega', statuses: [{ status: 'u_nonimmigrant', effectiveFrom: '2023-01-01' }] });
    await registerClient(ben.session, { givenName: 'Other', familyName: 'Organization' });

    const response = await sofia.session.get('/api/clients/export?format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="haven-clients-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(response.headers['x-haven-truncated']).toBe('false');
    const rows = parse(response.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Family name'])).toEqual(['Formula', 'Haddad']);
    const amina = rows.find((r) => r['Given name'] === 'Amina')!;
    expect(amina).toMatchObject({ 'A-number': 'A-•••-••5-019', 'Receipt number': 'IOE•••••••678', Phone: '+1 555 010 2030', 'Immigration status': 'refugee' });
    // A name that looks like a formula is written as text.
    expect(rows.find((r) => r['Family name'] === 'Formula')!['Given name']).toBe(`'=HYPERLINK("x")`);
    for (const secret of ['201555019', '201-555-019', '521443821', '3821', 'IOE0912345678', 'Méndez', 'Ortega', 'Organization']) {
      expect(response.body).not.toContain(secret);
    }

    const audit = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.orgId, sofia.orgId)));
    expect(audit.filter((e) => e.action === 'client.exported')).toEqual([
      expect.objectContaining({ actorUserId: sofia.user.id, after: { format: 'csv', rows: 2, truncated: false, protectedIncluded: 0, recipient: null } }),
    ]);
  });

  it('The XLSX export has the same rows; the assigned case manager does not get the protected client either', async () => {
    const carla = await memberSession(t, 'supervisor');
    await registerClient(carla.session, { givenName: 'Yusuf', familyName: 'Karimi', aNumber: '202555777' });
    await registerClient(carla.session, { givenName: 'Nadia', familyName: 'Saleh', isProtected: true, protectionBasis: 'safety' });
    const response = await carla.session.get('/api/clients/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readXlsxRows(response.rawPayload);
    expect(rows[0]).toContain('A-number');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('Karimi');
    expect(rows[1]).toContain('A-•••-••5-777');
    expect(JSON.stringify(rows)).not.toContain('Saleh');
    expect(JSON.stringify(rows)).not.toContain('202555777');
  });

  it('An exported list goes back in: its headers are recognized by the import', async () => {
    const sofia = await memberSession(t, 'supervisor');
    await registerClient(sofia.session, { givenName: 'Amir', familyName: 'Nazari', dateOfBirth: '1990-02-03' });
    const exported = await sofia.session.get('/api/clients/export');
    const other = await memberSession(t, 'intake_specialist');
    const uploaded = await other.session.request('POST', '/api/client-imports?filename=export.csv', exported.body, { 'content-type': 'text/csv' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().suggestedMapping).toMatchObject({ 'Family name': 'familyName', 'Given name': 'givenName', 'Date of birth': 'dateOfBirth', 'A-number': 'aNumber' });
  });

  it('Rosa, protected, signed a consent for County Legal Aid covering identity, contact and immigration: an export for that organization includes her for Sofia, who is assigned; for another recipient, without one, after she revokes it, or for an unassigned colleague, she stays out', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const omar = await memberSession(t, 'supervisor', sofia.orgId);
    const rosa = await registerClient(sofia.session, { givenName: 'Rosa', familyName: 'Méndez', isProtected: true, protectionBasis: 'vawa' });
    // The organization's calendar day (consents are dated in its time zone), not UTC's.
    const today = todayIn('America/New_York');
    const consent = await sofia.session.post(`/api/clients/${rosa.id}/consents`, {
      recipientKind: 'organization',
      recipientName: 'County Legal Aid',
      purpose: 'Legal representation referral',
      dataCategories: ['identity', 'contact', 'immigration'],
      signedBy: 'client',
      signerName: 'Rosa Méndez',
      signedOn: today,
      formLanguage: 'es',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const familyNames = async (session: typeof sofia.session, query: string) => {
      const response = await session.get(`/api/clients/export?format=csv${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (parse(response.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).map((r) => r['Family name']);
    };
    expect(await familyNames(sofia.session, '&recipient=county%20legal%20aid')).toEqual(['Méndez']);
    expect(await familyNames(sofia.session, '&recipient=State%20Funder')).toEqual([]);
    expect(await familyNames(sofia.session, '')).toEqual([]);
    expect(await familyNames(omar.session, '&recipient=County%20Legal%20Aid')).toEqual([]);

    const revoked = await sofia.session.post(`/api/clients/${rosa.id}/consents/${consent.json<{ id: string }>().id}/revoke`, { revokedOn: today, reason: 'She asked to stop sharing' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await familyNames(sofia.session, '&recipient=County%20Legal%20Aid')).toEqual([]);
  });
});
