import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/platform/audit.js';
import { type Db, queryRows, schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser } from '../support/app.js';

const TENANT_TABLES = ['memberships', 'invitations', 'programs', 'offices', 'clients', 'client_assignments', 'client_identifiers', 'households', 'household_members', 'intakes', 'exception_requests', 'enrollments', 'documents', 'consents', 'client_imports', 'cases', 'case_events', 'assessment_instruments', 'assessments', 'plans', 'case_notes', 'case_note_addenda', 'case_services', 'case_budgets', 'disbursements', 'risk_flags', 'tasks', 'case_reviews', 'legal_matters', 'matter_parties', 'matter_events', 'matter_filings', 'matter_hearings', 'matter_checkins', 'matter_decisions', 'matter_deadlines', 'tickler_reminders', 'notifications', 'calendar_feeds', 'fee_schedules', 'poverty_guidelines', 'fee_settings', 'matter_charges', 'fee_waivers', 'matter_payments', 'staff_credentials', 'org_recognitions', 'audit_events', 'audit_heads', 'outbox'];

describe('row-level security: the second wall between organizations', async () => {
  const t = await createTestApp();

  it('a query that forgets its organization filter still sees only its own organization', async () => {
    const a = await createOrg(t, 'Org A');
    const b = await createOrg(t, 'Org B');
    for (const org of [a, b]) {
      const user = await createUser(t, { orgId: org.id, role: 'case_manager' });
      const client = await createClientRecord(t, org.id, { assignedTo: [user.id] });
      await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, async (tx) => {
        await tx.insert(schema.programs).values({ orgId: org.id, name: `Program of ${org.name}` });
        await tx.insert(schema.offices).values({ orgId: org.id, name: `Office of ${org.name}` });
        await tx.insert(schema.invitations).values({ orgId: org.id, email: `x-${org.id}@example.test`, role: 'volunteer', tokenHash: `h-${org.id}`, expiresAt: new Date(Date.now() + 1e6) });
        await tx.insert(schema.outbox).values({ orgId: org.id, toAddress: 'x@example.test', subject: 's', body: 'b', status: 'stored' });
        await tx.insert(schema.clientIdentifiers).values({ orgId: org.id, clientId: client.id, kind: 'a_number', valueSealed: 'sealed', lookupHash: `h-${org.id}` });
        const [household] = await tx.insert(schema.households).values({ orgId: org.id, name: `Household of ${org.name}` }).returning();
        await tx.insert(schema.householdMembers).values({ orgId: org.id, householdId: household!.id, clientId: client.id, relationship: 'head', joinedOn: '2026-01-01' });
        const [program] = await tx.insert(schema.programs).values({ orgId: org.id, name: `Enrolling program of ${org.name}` }).returning();
        await tx.insert(schema.intakes).values({ orgId: org.id, createdBy: user.id, data: { clientIds: [client.id] } });
        await tx.insert(schema.exceptionRequests).values({ orgId: org.id, kind: 'eligibility_override', clientId: client.id, programId: program!.id, reason: 'Arrived 40 days ago', requestedBy: user.id });
        const [enrollment] = await tx.insert(schema.enrollments).values({
          orgId: org.id,
          clientId: client.id,
          programId: program!.id,
          serviceTier: 'comprehensive',
          tierReason: 'Two needs',
          enrolledOn: '2026-01-02',
          eligibility: { asOf: '2026-01-02', outcome: 'eligible', eligible: true, needsReview: false, results: [], orr: { outcome: 'unknown', code: 'orr.missing.status_history', params: {}, reason: '', citation: '' } },
          createdBy: user.id,
        }).returning();
        await insertCaseFile(tx, org.id, user.id, client.id, enrollment!);
        await insertLegalFile(tx, org.id, user.id, client.id, program!.id);
        const [document] = await tx
          .insert(schema.documents)
          .values({ orgId: org.id, clientId: client.id, kind: 'consent_form', filename: 'consent.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x', storageKey: `k-${org.id}`, createdBy: user.id })
          .returning();
        await tx.insert(schema.consents).values({
          orgId: org.id,
          clientId: client.id,
          recipientKind: 'organization',
          recipientName: 'Legal aid partner',
          purpose: 'Legal referral',
          dataCategories: ['contact'],
          signedBy: 'client',
          signerName: 'Test Client',
          signedOn: '2026-01-02',
          expiresOn: '2027-01-02',
          formLanguage: 'en',
          documentId: document!.id,
          createdBy: user.id,
        });
        await tx.insert(schema.clientImports).values({ orgId: org.id, filename: 'clients.csv', format: 'csv', columns: ['Given name'], createdBy: user.id });
        await recordAudit(tx, { orgId: org.id, actor: { userId: null, ip: null, userAgent: null }, action: 'client.created', objectType: 'client', objectId: client.id });
      });
    }

    for (const table of TENANT_TABLES) {
      const rows = await tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        queryRows<{ org_id: string }>(tx, sql.raw(`select org_id from ${table}`)),
      );
      expect(rows.length, `${table} has rows for org A`).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.org_id)), `${table} leaks another organization`).toEqual(new Set([a.id]));
    }
    const orgs = await tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from organizations`),
    );
    expect(orgs.map((o) => o.id)).toEqual([a.id]);
  });

  it('refuses to write a row into another organization', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        tx.insert(schema.programs).values({ orgId: b.id, name: 'Smuggled' }),
      ),
    ).rejects.toThrow();
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) =>
        queryRows(tx, sql`update clients set given_name = 'x' where org_id = ${b.id} returning id`),
      ),
    ).resolves.toEqual([]);
  });

  it('gives tenant requests no access to sessions or password hashes', async () => {
    const a = await createOrg(t);
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) => queryRows(tx, sql`select * from sessions`)),
    ).rejects.toThrow();
    await expect(
      tenantTransaction(t.database.db, { orgId: a.id, userId: null }, (tx) => queryRows(tx, sql`select password_hash from users`)),
    ).rejects.toThrow();
  });

  it('without an organization set, a tenant transaction sees nothing at all', async () => {
    const a = await createOrg(t);
    await createClientRecord(t, a.id);
    const rows = await tenantTransaction(t.database.db, { orgId: '00000000-0000-0000-0000-00000000abcd', userId: null }, (tx) =>
      queryRows(tx, sql`select id from clients`),
    );
    expect(rows).toEqual([]);
  });
});

/** One row in each case lifecycle table, for the isolation check. */
async function insertLegalFile(tx: Db, orgId: string, userId: string, clientId: string, programId: string) {
  const [matter] = await tx
    .insert(schema.legalMatters)
    .values({ orgId, reference: `M-${orgId.slice(0, 8)}`, clientId, programId, type: 'affirmative_asylum', status: 'open', representativeId: userId, openedOn: '2026-01-02', createdBy: userId })
    .returning();
  const matterId = matter!.id;
  const startsAt = new Date('2026-03-02T14:00:00Z');
  await tx.insert(schema.matterParties).values({ orgId, matterId, role: 'client', name: 'Test Client', searchName: 'test client' });
  await tx.insert(schema.matterEvents).values({ orgId, matterId, kind: 'opened', actorId: userId });
  await tx.insert(schema.matterFilings).values({ orgId, matterId, form: 'I-589', filedWith: 'uscis', filedOn: '2026-01-05', createdBy: userId });
  await tx.insert(schema.matterHearings).values({ orgId, matterId, court: 'Test court', hearingType: 'master', startsAt, timeZone: 'America/New_York', responsibleId: userId, createdBy: userId });
  await tx.insert(schema.matterCheckins).values({ orgId, matterId, agency: 'isap', location: 'Test office', startsAt, timeZone: 'America/New_York', responsibleId: userId, createdBy: userId });
  await tx.insert(schema.matterDecisions).values({ orgId, matterId, body: 'uscis', outcome: 'granted', decidedOn: '2026-02-01', createdBy: userId });
  const [deadline] = await tx
    .insert(schema.matterDeadlines)
    .values({ orgId, matterId, source: 'manual', kind: 'deadline', title: 'Send evidence', dueOn: '2026-02-01', responsibleId: userId })
    .returning();
  await tx.insert(schema.ticklerReminders).values({ orgId, itemKind: 'deadline', itemId: deadline!.id, step: '30', userId });
  await tx.insert(schema.notifications).values({ orgId, userId, kind: 'deadline_reminder' });
  await tx.insert(schema.calendarFeeds).values({ orgId, userId, tokenHash: `feed-${orgId}` });
  await tx.insert(schema.feeSchedules).values({ orgId, code: 'I-589', name: 'Asylum application', amountCents: 15000 });
  await tx.insert(schema.povertyGuidelines).values({ orgId, year: 2026, region: 'contiguous', firstPersonCents: 1565000, additionalPersonCents: 550000, effectiveFrom: '2026-01-15' });
  await tx.insert(schema.feeSettings).values({ orgId, bands: [{ upToPercent: 100, feePercent: 0 }] });
  const [charge] = await tx.insert(schema.matterCharges).values({ orgId, matterId, description: 'Asylum application', fullCents: 15000, amountCents: 7500, createdBy: userId }).returning();
  await tx.insert(schema.feeWaivers).values({ orgId, matterId, chargeId: charge!.id, amountCents: 7500, reason: 'Hardship', requestedBy: userId });
  await tx.insert(schema.matterPayments).values({ orgId, matterId, receiptNumber: 'R-2026-0001', amountCents: 2500, method: 'cash', receivedOn: '2026-01-06', receivedBy: userId });
  await tx.insert(schema.staffCredentials).values({ orgId, userId, kind: 'attorney', barState: 'IA', barNumber: 'AT0001', barStatus: 'active' });
  await tx.insert(schema.orgRecognitions).values({ orgId, recognizedOn: '2024-01-01', expiresOn: '2030-01-01' });
}

async function insertCaseFile(tx: Db, orgId: string, userId: string, clientId: string, enrollment: { id: string; programId: string }) {
  const [kase] = await tx
    .insert(schema.cases)
    .values({ orgId, reference: `C-${orgId.slice(0, 8)}`, clientId, enrollmentId: enrollment.id, programId: enrollment.programId, primaryCaseManagerId: userId, openedOn: '2026-01-02' })
    .returning();
  const caseId = kase!.id;
  await tx.insert(schema.caseEvents).values({ orgId, caseId, kind: 'opened', actorId: userId });
  const [instrument] = await tx
    .insert(schema.assessmentInstruments)
    .values({ orgId, familyId: crypto.randomUUID(), name: 'Assessment', domains: [{ key: 'housing', label: 'Housing' }], createdBy: userId })
    .returning();
  await tx.insert(schema.assessments).values({ orgId, caseId, clientId, instrumentId: instrument!.id, assessedOn: '2026-01-03', scores: [{ domain: 'housing', score: 3 }], createdBy: userId });
  await tx.insert(schema.plans).values({ orgId, caseId, startsOn: '2026-01-04', createdBy: userId });
  const [note] = await tx
    .insert(schema.caseNotes)
    .values({ orgId, caseId, clientId, contactOn: '2026-01-05', contactType: 'phone', meaningful: true, narrative: 'Called about housing.', createdBy: userId })
    .returning();
  await tx.insert(schema.caseNoteAddenda).values({ orgId, noteId: note!.id, caseId, text: 'Interpreter was present.', createdBy: userId });
  await tx.insert(schema.caseServices).values({ orgId, caseId, clientId, serviceType: 'housing_search', providedOn: '2026-01-06', createdBy: userId });
  const [budget] = await tx.insert(schema.caseBudgets).values({ orgId, caseId, fundingSource: 'RCA', amountCents: 100_000, createdBy: userId }).returning();
  await tx.insert(schema.disbursements).values({ orgId, caseId, budgetId: budget!.id, kind: 'rent', amountCents: 50_000, payee: 'Landlord', paidOn: '2026-01-07', status: 'approved', requestedBy: userId });
  await tx.insert(schema.riskFlags).values({ orgId, caseId, kind: 'family_violence', raisedOn: '2026-01-08', description: 'Disclosed at home visit.', raisedBy: userId });
  await tx.insert(schema.tasks).values({ orgId, caseId, title: 'Monthly contact', dueOn: '2026-01-31', assignedTo: userId, source: 'contact_rule', sourceKey: 'contact:2026-01' });
  await tx.insert(schema.caseReviews).values({ orgId, caseId, reviewerId: userId, reviewedOn: '2026-01-09', items: [{ item: 'intake', result: 'met' }] });
}

describe('a signed case note is permanent, below the API too', async () => {
  const t = await createTestApp();

  it('refuses to change or delete a signed note and its addenda, but lets a merge move it', async () => {
    const org = await createOrg(t);
    const user = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const client = await createClientRecord(t, org.id);
    const survivor = await createClientRecord(t, org.id);
    const scope = { orgId: org.id, userId: null };
    const noteId = await tenantTransaction(t.database.db, scope, async (tx) => {
      const [program] = await tx.insert(schema.programs).values({ orgId: org.id, name: 'ICM' }).returning();
      const [enrollment] = await tx
        .insert(schema.enrollments)
        .values({ orgId: org.id, clientId: client.id, programId: program!.id, serviceTier: 'comprehensive', tierReason: 'Needs', enrolledOn: '2026-01-02', eligibility: { asOf: '2026-01-02', outcome: 'eligible', eligible: true, needsReview: false, results: [], orr: { outcome: 'unknown', code: 'orr.missing.status_history', params: {}, reason: '', citation: '' } }, createdBy: user.id })
        .returning();
      const [kase] = await tx
        .insert(schema.cases)
        .values({ orgId: org.id, reference: 'C-1', clientId: client.id, enrollmentId: enrollment!.id, programId: program!.id, primaryCaseManagerId: user.id, openedOn: '2026-01-02' })
        .returning();
      const [note] = await tx
        .insert(schema.caseNotes)
        .values({ orgId: org.id, caseId: kase!.id, clientId: client.id, contactOn: '2026-01-05', contactType: 'home_visit', meaningful: true, narrative: 'First visit.', status: 'signed', signedBy: user.id, signedAt: new Date(), createdBy: user.id })
        .returning();
      await tx.insert(schema.caseNoteAddenda).values({ orgId: org.id, noteId: note!.id, caseId: kase!.id, text: 'Date corrected.', createdBy: user.id });
      return note!.id;
    });
    const attempt = (statement: ReturnType<typeof sql>) => tenantTransaction(t.database.db, scope, (tx) => queryRows(tx, statement));
    /** The database's own refusal (the driver wraps it in a "Failed query" error). */
    const refusal = (statement: ReturnType<typeof sql>) =>
      attempt(statement).then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(sql`update case_notes set narrative = 'Rewritten.' where id = ${noteId}`)).toMatch(/signed case note cannot be changed/);
    expect(await refusal(sql`update case_notes set status = 'draft' where id = ${noteId}`)).toMatch(/signed case note cannot be changed/);
    expect(await refusal(sql`delete from case_notes where id = ${noteId}`)).toMatch(/signed case note cannot be changed/);
    expect(await refusal(sql`update case_note_addenda set text = 'Changed.' where note_id = ${noteId}`)).toMatch(/addendum cannot be changed/);
    await expect(attempt(sql`update case_notes set client_id = ${survivor.id} where id = ${noteId}`)).resolves.toEqual([]);
    const [row] = await attempt(sql`select narrative, client_id from case_notes where id = ${noteId}`);
    expect(row).toEqual({ narrative: 'First visit.', client_id: survivor.id });
  });
});
