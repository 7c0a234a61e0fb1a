import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, type CaseBudgetSummary, type CaseServicePage, type DisbursementPage, type DisbursementResponse, todayIn } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = todayIn('America/New_York');

async function disbursementsOf(t: TestApp, caseId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.disbursements).where(eq(schema.disbursements.caseId, caseId)));
}

async function caseEvents(t: TestApp, caseId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)));
}

/**
 * Carmen, a case manager, works a case in a program whose threshold is $250; Sam supervises the
 * case and Sofia is another supervisor of the organization.
 */
async function moneyStory(t: TestApp, options: { status?: 'open' | 'closed' } = {}) {
  const carmen = await memberSession(t, 'case_manager');
  const sam = await createUser(t, { orgId: carmen.orgId, role: 'supervisor', name: 'Sam Okafor' });
  const { kase } = await createCaseRecord(t, carmen.orgId, {
    caseManagerId: carmen.user.id,
    supervisorId: sam.id,
    caseSettings: { disbursementApprovalThresholdCents: 25_000 },
    status: options.status,
  });
  return { ...carmen, kase, sam: await login(t, sam.email), samId: sam.id };
}

async function setBudget(session: Session, caseId: string, body: Record<string, unknown>): Promise<CaseBudgetSummary> {
  const response = await session.put(`/api/cases/${caseId}/budgets`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseBudgetSummary>();
}

function payment(budgetId: string, overrides: Record<string, unknown> = {}) {
  return { budgetId, kind: 'rent', amountCents: 10_000, payee: 'Maple Court Apartments', paidOn: addDays(today, -1), purpose: 'First month rent', ...overrides };
}

async function pay(session: Session, caseId: string, body: Record<string, unknown>): Promise<DisbursementResponse> {
  const response = await session.post(`/api/cases/${caseId}/disbursements`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<DisbursementResponse>();
}

describe('services, budgets and disbursements', async () => {
  const t = await createTestApp();

  it('Carmen records a service; it is listed newest first and joins the case chronology', async () => {
    const { session, kase } = await moneyStory(t);
    const older = await session.post(`/api/cases/${kase.id}/services`, { serviceType: 'english_class', providedOn: addDays(today, -7), units: 2, unitKind: 'hour', provider: 'Library ESL' });
    expect(older.statusCode, older.body).toBe(201);
    const newer = await session.post(`/api/cases/${kase.id}/services`, {
      serviceType: 'medical_accompaniment',
      providedOn: today,
      units: 1,
      unitKind: 'session',
      fundingSource: 'RCA',
    });
    expect(newer.statusCode).toBe(201);
    const list = (await session.get(`/api/cases/${kase.id}/services`)).json<CaseServicePage>();
    expect(list.items.map((s) => s.serviceType)).toEqual(['medical_accompaniment', 'english_class']);
    expect(list.items[1]).toMatchObject({ units: 2, unitKind: 'hour', provider: 'Library ESL', fundingSource: null });
    expect((await caseEvents(t, kase.id)).filter((e) => e.kind === 'service_recorded')).toHaveLength(2);

    const future = await session.post(`/api/cases/${kase.id}/services`, { serviceType: 'employment', providedOn: addDays(today, 1), units: 1, unitKind: 'session' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('providedOn');
    const unknownType = await session.post(`/api/cases/${kase.id}/services`, { serviceType: 'tax_preparation', providedOn: today, units: 1, unitKind: 'session' });
    expect(unknownType.json().error.fields).toHaveProperty('serviceType');
    expect((await session.get(`/api/cases/${kase.id}/services`)).json<CaseServicePage>().items).toHaveLength(2);
  });

  it('budget vs. actual: approved within threshold, pending above it, and the totals add up', async () => {
    const { session, kase, sam } = await moneyStory(t);
    let summary = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 100_000 });
    const rca = summary.items[0]!;
    summary = await setBudget(sam, kase.id, { fundingSource: 'Matching grant', amountCents: 20_000 });
    expect(summary.approvalThresholdCents).toBe(25_000);

    const small = await pay(session, kase.id, payment(rca.id, { amountCents: 20_000 }));
    expect(small.status).toBe('approved');
    const large = await pay(session, kase.id, payment(rca.id, { amountCents: 30_000, kind: 'utility', payee: 'City Power' }));
    expect(large.status).toBe('pending_approval');

    summary = (await session.get(`/api/cases/${kase.id}/budgets`)).json<CaseBudgetSummary>();
    expect(summary.items.map((l) => [l.fundingSource, l.amountCents, l.approvedCents, l.pendingCents, l.remainingCents])).toEqual([
      ['Matching grant', 20_000, 0, 0, 20_000],
      ['RCA', 100_000, 20_000, 30_000, 50_000],
    ]);
    expect(summary.totals).toEqual({ amountCents: 120_000, approvedCents: 20_000, pendingCents: 30_000, remainingCents: 70_000 });
    expect((await caseEvents(t, kase.id)).filter((e) => e.kind === 'disbursement_recorded')).toHaveLength(2);
  });

  it('over the remaining budget without asking for approval → 400 naming amountCents, nothing saved; asking makes it wait', async () => {
    const { session, kase, sam } = await moneyStory(t);
    const { items } = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 15_000 });
    await pay(session, kase.id, payment(items[0]!.id, { amountCents: 10_000 }));

    const over = await session.post(`/api/cases/${kase.id}/disbursements`, payment(items[0]!.id, { amountCents: 6_000 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toEqual({ amountCents: 'This is more than the remaining budget; ask a supervisor to approve it' });
    expect(await disbursementsOf(t, kase.id)).toHaveLength(1);

    const asked = await pay(session, kase.id, payment(items[0]!.id, { amountCents: 6_000, requestApproval: true }));
    expect(asked.status).toBe('pending_approval');

    const future = await session.post(`/api/cases/${kase.id}/disbursements`, payment(items[0]!.id, { amountCents: 100, paidOn: addDays(today, 1) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toHaveProperty('paidOn');
    expect(await disbursementsOf(t, kase.id)).toHaveLength(2);
  });

  it('a supervisor decides a pending payment, never their own; a denial needs a note', async () => {
    const { session, kase, orgId, sam, samId } = await moneyStory(t);
    const { items } = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 100_000 });
    const pending = await pay(session, kase.id, payment(items[0]!.id, { amountCents: 40_000 }));

    // Carmen cannot decide at all (no case.supervise).
    expect((await session.post(`/api/cases/${kase.id}/disbursements/${pending.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);

    // Sam asks for a payment himself: he may not approve it; Sofia, another supervisor, may.
    const samsOwn = await pay(sam, kase.id, payment(items[0]!.id, { amountCents: 30_000, kind: 'transport', payee: 'Metro card' }));
    expect(samsOwn.status).toBe('pending_approval');
    const own = await sam.post(`/api/cases/${kase.id}/disbursements/${samsOwn.id}/decision`, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    const sofia = await login(t, (await createUser(t, { orgId, role: 'supervisor', name: 'Sofia Reyes' })).email);
    const approvedBySofia = await sofia.post(`/api/cases/${kase.id}/disbursements/${samsOwn.id}/decision`, { decision: 'approve' });
    expect(approvedBySofia.statusCode, approvedBySofia.body).toBe(200);
    expect(approvedBySofia.json<DisbursementResponse>()).toMatchObject({ status: 'approved', decidedBy: { name: 'Sofia Reyes' } });

    const noNote = await sam.post(`/api/cases/${kase.id}/disbursements/${pending.id}/decision`, { decision: 'deny' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toHaveProperty('note');
    const denied = await sam.post(`/api/cases/${kase.id}/disbursements/${pending.id}/decision`, { decision: 'deny', note: 'Use the housing grant instead' });
    expect(denied.statusCode).toBe(200);
    expect(denied.json<DisbursementResponse>()).toMatchObject({ status: 'denied', decidedBy: { id: samId }, decisionNote: 'Use the housing grant instead' });
    expect((await sam.post(`/api/cases/${kase.id}/disbursements/${pending.id}/decision`, { decision: 'approve' })).statusCode).toBe(409);

    const summary = (await session.get(`/api/cases/${kase.id}/budgets`)).json<CaseBudgetSummary>();
    expect(summary.items[0]).toMatchObject({ approvedCents: 30_000, pendingCents: 0, remainingCents: 70_000 });
    const pendingList = (await session.get(`/api/cases/${kase.id}/disbursements?status=pending_approval`)).json<DisbursementPage>();
    expect(pendingList.items).toEqual([]);
    const audits = await systemTransaction(t.database.db, (tx) =>
      tx
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'disbursement.decided'))),
    );
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain('Metro card');
  });

  it('a supervisor sets the budget lines, never the case manager; changing one needs the version read', async () => {
    const { session, kase, sam } = await moneyStory(t);
    const own = await session.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 5_000_000 });
    expect(own.statusCode).toBe(403);
    expect((await session.get(`/api/cases/${kase.id}/budgets`)).json<CaseBudgetSummary>().items).toEqual([]);
    const { items } = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 50_000 });
    const raise = await session.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 90_000, version: items[0]!.version });
    expect(raise.statusCode).toBe(403);

    const noVersion = await sam.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 90_000 });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.fields).toHaveProperty('version');
    const changed = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 90_000, version: items[0]!.version });
    expect(changed.items[0]).toMatchObject({ amountCents: 90_000, version: 2 });
    const stale = await sam.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 10_000, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await session.get(`/api/cases/${kase.id}/budgets`)).json<CaseBudgetSummary>().items[0]!.amountCents).toBe(90_000);
  });

  it('a budget line or receipt of another case is refused naming the field', async () => {
    const { session, kase, orgId, user, sam } = await moneyStory(t);
    const other = await createCaseRecord(t, orgId, { caseManagerId: user.id });
    const { items } = await setBudget(sam, other.kase.id, { fundingSource: 'RCA', amountCents: 50_000 });
    const response = await session.post(`/api/cases/${kase.id}/disbursements`, payment(items[0]!.id));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('budgetId');

    const own = await setBudget(sam, kase.id, { fundingSource: 'RCA', amountCents: 50_000 });
    const receipt = await session.post(`/api/cases/${kase.id}/disbursements`, payment(own.items[0]!.id, { receiptDocumentId: items[0]!.id }));
    expect(receipt.statusCode).toBe(400);
    expect(receipt.json().error.fields).toHaveProperty('receiptDocumentId');
    expect(await disbursementsOf(t, kase.id)).toEqual([]);
  });

  it('a closed case refuses services, budgets and payments (409)', async () => {
    const { session, kase, sam } = await moneyStory(t, { status: 'closed' });
    expect((await session.post(`/api/cases/${kase.id}/services`, { serviceType: 'employment', providedOn: today, units: 1, unitKind: 'session' })).statusCode).toBe(409);
    expect((await sam.put(`/api/cases/${kase.id}/budgets`, { fundingSource: 'RCA', amountCents: 100 })).statusCode).toBe(409);
    expect((await session.get(`/api/cases/${kase.id}/budgets`)).json<CaseBudgetSummary>().items).toEqual([]);
  });
});
