import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  type ChargeResponse,
  DEFAULT_SLIDING_BANDS,
  FEE_MESSAGES,
  type FeeScheduleResponse,
  type FeeSettingsResponse,
  type MatterFeesResponse,
  type PaymentReceiptResponse,
  type PaymentResponse,
  SLIDING_BAND_MESSAGES,
  todayIn,
  type WaiverResponse,
} from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';
import { createOfficeRecord } from '../support/matrix.js';

const today = todayIn('America/New_York');
const year = Number(today.slice(0, 4));

async function chargesOf(t: TestApp, matterId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.matterCharges).where(eq(schema.matterCharges.matterId, matterId)));
}

async function paymentsOf(t: TestApp, matterId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.matterPayments).where(eq(schema.matterPayments.matterId, matterId)));
}

async function eventsOf(t: TestApp, matterId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.matterEvents).where(eq(schema.matterEvents.matterId, matterId)));
}

async function auditActions(t: TestApp, orgId: string, objectId: string) {
  const rows = await systemTransaction(t.database.db, (tx) =>
    tx
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, objectId)))
      .orderBy(asc(schema.auditEvents.seq)),
  );
  return rows;
}

function expectCreated<T>(response: { statusCode: number; body: string; json: <J>() => J }, status = 201): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

/**
 * Diana directs the legal program (she configures fees and decides waivers); Lucia is an attorney
 * representing Nadia on an open asylum matter; Omar is another attorney of the organization.
 * Diana has entered this year's guideline ($15,650 for one person, $5,500 per additional one)
 * and an I-589 preparation fee of $300 on the sliding scale.
 */
async function feeStory(t: TestApp, options: { guideline?: boolean; matterStatus?: 'open' | 'closed' | 'screening' } = {}) {
  const diana = await memberSession(t, 'program_director');
  const orgId = diana.orgId;
  const luciaUser = await createUser(t, { orgId, role: 'legal_representative', name: 'Lucia Ferreira' });
  const lucia = await login(t, luciaUser.email);
  const omarUser = await createUser(t, { orgId, role: 'legal_representative', name: 'Omar Haddad' });
  const omar = await login(t, omarUser.email);
  const client = await createClientRecord(t, orgId, { givenName: 'Nadia', familyName: 'Rahimi' });
  const matter = await createMatterRecord(t, orgId, { representativeId: luciaUser.id, clientId: client.id, status: options.matterStatus ?? 'open' });
  if (options.guideline !== false) {
    const saved = await diana.session.put(`/api/poverty-guidelines/${year}/contiguous`, { firstPersonCents: 1_565_000, additionalPersonCents: 550_000, effectiveFrom: `${year}-01-01` });
    expect(saved.statusCode, saved.body).toBe(200);
  }
  const i589 = expectCreated<FeeScheduleResponse>(
    await diana.session.post('/api/fee-schedules', { code: 'i589_preparation', name: 'I-589 preparation', matterType: 'affirmative_asylum', amountCents: 30_000, slidingScale: true }),
  );
  const foia = expectCreated<FeeScheduleResponse>(await diana.session.post('/api/fee-schedules', { code: 'foia', name: 'FOIA request', amountCents: 5_000, slidingScale: false }));
  return { orgId, diana: diana.session, dianaId: diana.user.id, lucia, luciaId: luciaUser.id, omar, omarId: omarUser.id, matter, client, i589, foia };
}

async function fees(session: Session, matterId: string): Promise<MatterFeesResponse> {
  return expectCreated<MatterFeesResponse>(await session.get(`/api/matters/${matterId}/fees`), 200);
}

async function charge(session: Session, matterId: string, body: Record<string, unknown>): Promise<ChargeResponse> {
  return expectCreated<ChargeResponse>(await session.post(`/api/matters/${matterId}/charges`, body));
}

async function pay(session: Session, matterId: string, amountCents: number, receivedOn = today): Promise<PaymentResponse> {
  return expectCreated<PaymentResponse>(await session.post(`/api/matters/${matterId}/payments`, { amountCents, method: 'cash', receivedOn }));
}

describe('fee configuration', async () => {
  const t = await createTestApp();

  it('Diana adds services to the fee schedule; a code already used is refused naming code; a stale version is a conflict', async () => {
    const { diana, lucia, i589 } = await feeStory(t);
    expect(i589).toMatchObject({ code: 'i589_preparation', amountCents: 30_000, slidingScale: true, active: true, version: 1 });

    const again = await diana.post('/api/fee-schedules', { code: 'I589_PREPARATION', name: 'Duplicate', amountCents: 100 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ code: FEE_MESSAGES.codeTaken });

    const changed = await diana.patch(`/api/fee-schedules/${i589.id}`, { amountCents: 35_000, active: false, version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ amountCents: 35_000, active: false, version: 2, name: 'I-589 preparation' });
    const stale = await diana.patch(`/api/fee-schedules/${i589.id}`, { amountCents: 40_000, version: 1 });
    expect(stale.statusCode).toBe(409);

    // Attorneys read the schedule (to charge from it) but do not change it.
    const list = await lucia.get('/api/fee-schedules?active=true');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((item: FeeScheduleResponse) => item.code)).toEqual(['foia']);
    expect((await lucia.patch(`/api/fee-schedules/${i589.id}`, { amountCents: 1, version: 2 })).statusCode).toBe(403);
  });

  it('the sliding scale starts from Haven’s defaults; Diana saves her own, version by version; bands out of order are refused naming bands', async () => {
    const { diana, lucia, orgId } = await feeStory(t);
    const initial = expectCreated<FeeSettingsResponse>(await lucia.get('/api/fee-settings'), 200);
    expect(initial).toMatchObject({ region: 'contiguous', version: 0, isDefault: true, bands: DEFAULT_SLIDING_BANDS });

    const disordered = await diana.put('/api/fee-settings', {
      region: 'contiguous',
      version: 0,
      bands: [
        { upToPercent: 200, feePercent: 50 },
        { upToPercent: 125, feePercent: 10 },
      ],
    });
    expect(disordered.statusCode).toBe(400);
    expect(disordered.json().error.fields).toEqual({ bands: SLIDING_BAND_MESSAGES.ascending });

    const bands = [
      { upToPercent: 125, feePercent: 0 },
      { upToPercent: 200, feePercent: 50 },
    ];
    const saved = expectCreated<FeeSettingsResponse>(await diana.put('/api/fee-settings', { region: 'alaska', version: 0, bands }), 200);
    expect(saved).toMatchObject({ region: 'alaska', bands, version: 1, isDefault: false });
    expect((await diana.put('/api/fee-settings', { region: 'contiguous', version: 0, bands })).statusCode).toBe(409);
    expect((await diana.put('/api/fee-settings', { region: 'contiguous', version: 1, bands })).statusCode).toBe(200);
    expect((await lucia.put('/api/fee-settings', { region: 'contiguous', version: 2, bands })).statusCode).toBe(403);
    const audit = await auditActions(t, orgId, orgId);
    expect(audit.filter((row) => row.action === 'fee_settings.saved')).toHaveLength(2);
  });

  it('Diana enters and corrects a year’s poverty guideline; an effective date in another year is refused', async () => {
    const { diana, lucia } = await feeStory(t);
    const corrected = await diana.put(`/api/poverty-guidelines/${year}/contiguous`, { firstPersonCents: 1_600_000, additionalPersonCents: 560_000, effectiveFrom: `${year}-01-15` });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const hawaii = await diana.put(`/api/poverty-guidelines/${year - 1}/hawaii`, { firstPersonCents: 1_800_000, additionalPersonCents: 630_000, effectiveFrom: `${year - 1}-01-15` });
    expect(hawaii.statusCode, hawaii.body).toBe(200);
    const wrongYear = await diana.put(`/api/poverty-guidelines/${year}/alaska`, { firstPersonCents: 1_950_000, additionalPersonCents: 690_000, effectiveFrom: `${year - 1}-12-01` });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.fields).toEqual({ effectiveFrom: FEE_MESSAGES.effectiveFromYear });

    const list = await lucia.get('/api/poverty-guidelines');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((row: { year: number; region: string; firstPersonCents: number }) => [row.year, row.region, row.firstPersonCents])).toEqual([
      [year, 'contiguous', 1_600_000],
      [year - 1, 'hawaii', 1_800_000],
    ]);
    const firstPage = await lucia.get('/api/poverty-guidelines?limit=1');
    const next = await lucia.get(`/api/poverty-guidelines?limit=1&cursor=${firstPage.json().nextCursor}`);
    expect(next.json().items.map((row: { region: string }) => row.region)).toEqual(['hawaii']);
    expect(next.json().nextCursor).toBeNull();
  });
});

describe("a matter's fees", async () => {
  const t = await createTestApp();

  it('a sliding-scale charge keeps its working: household of 1 earning $20,000 is 127% of the guideline → the 25% band', async () => {
    const { lucia, matter, i589, orgId } = await feeStory(t);
    const missing = await lucia.post(`/api/matters/${matter.id}/charges`, { feeScheduleId: i589.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ householdSize: FEE_MESSAGES.householdSizeNeeded, annualIncomeCents: FEE_MESSAGES.incomeNeeded });

    const created = await charge(lucia, matter.id, { feeScheduleId: i589.id, householdSize: 1, annualIncomeCents: 2_000_000 });
    expect(created).toMatchObject({
      description: 'I-589 preparation',
      feeScheduleCode: 'i589_preparation',
      fullCents: 30_000,
      amountCents: 7_500,
      slidingScale: { householdSize: 1, annualIncomeCents: 2_000_000, povertyPercent: 127, feePercent: 25, guidelineYear: year },
    });
    const [stored] = await chargesOf(t, matter.id);
    expect(stored).toMatchObject({ amountCents: 7_500, fullCents: 30_000, householdSize: 1, povertyPercent: 127, feePercent: 25, guidelineYear: year });

    // A service without the scale charges its full fee, whatever the household.
    const foia = (await lucia.get('/api/fee-schedules')).json().items.find((item: FeeScheduleResponse) => item.code === 'foia');
    expect(await charge(lucia, matter.id, { feeScheduleId: foia.id, householdSize: 1, annualIncomeCents: 0 })).toMatchObject({ amountCents: 5_000, slidingScale: null });
    // And a charge described by hand.
    expect(await charge(lucia, matter.id, { description: 'Certified translation of birth certificate', amountCents: 2_500 })).toMatchObject({ fullCents: 2_500, amountCents: 2_500 });

    const view = await fees(lucia, matter.id);
    expect(view.totals).toEqual({ chargedCents: 15_000, waivedCents: 0, pendingWaiverCents: 0, paidCents: 0, balanceCents: 15_000, dueNowCents: 15_000 });
    expect(view.slidingScale.guideline).toMatchObject({ year, firstPersonCents: 1_565_000 });
    const events = await eventsOf(t, matter.id);
    expect(events.filter((event) => event.kind === 'charge_recorded')).toHaveLength(3);
    const audit = await auditActions(t, orgId, created.id);
    expect(audit.map((row) => row.action)).toEqual(['charge.recorded']);
    // The household's income stays out of the audit trail.
    expect(JSON.stringify(audit[0]!.after)).not.toContain('2000000');
  });

  it('without a guideline in force a sliding-scale charge is refused naming householdSize, and nothing is saved', async () => {
    const { lucia, matter, i589 } = await feeStory(t, { guideline: false });
    const refused = await lucia.post(`/api/matters/${matter.id}/charges`, { feeScheduleId: i589.id, householdSize: 3, annualIncomeCents: 2_500_000 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ householdSize: FEE_MESSAGES.guidelineMissing });
    expect(await chargesOf(t, matter.id)).toEqual([]);
  });

  it('a manual charge needs its description and amount; a schedule fee takes no amount', async () => {
    const { lucia, matter, foia } = await feeStory(t);
    const bare = await lucia.post(`/api/matters/${matter.id}/charges`, {});
    expect(bare.statusCode).toBe(400);
    expect(Object.keys(bare.json().error.fields)).toEqual(['description', 'amountCents']);
    const priced = await lucia.post(`/api/matters/${matter.id}/charges`, { feeScheduleId: foia.id, amountCents: 1 });
    expect(priced.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.scheduleHasAmount });
  });

  it('Lucia asks to waive part of a charge; Diana approves and the balance falls; Lucia cannot decide her own request', async () => {
    const { lucia, diana, matter, i589, orgId } = await feeStory(t);
    const fee = await charge(lucia, matter.id, { feeScheduleId: i589.id, householdSize: 1, annualIncomeCents: 3_500_000 });
    expect(fee.amountCents).toBe(22_500);

    const tooMuch = await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 22_501, reason: 'Lost job last month' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.waiverTooMuch });
    const noReason = await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 100, reason: '  ' });
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);

    const waiver = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 12_500, reason: 'Lost job last month' }));
    expect(waiver).toMatchObject({ status: 'requested', requestedBy: { name: 'Lucia Ferreira' } });
    // A requested waiver holds its part of the charge: another request for the rest and more is refused.
    expect((await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 10_001, reason: 'Also rent' })).statusCode).toBe(400);
    expect((await fees(lucia, matter.id)).totals).toMatchObject({ waivedCents: 0, pendingWaiverCents: 12_500, balanceCents: 22_500, dueNowCents: 10_000 });

    // Lucia holds matter.decide (she decides other attorneys' waivers) but not her own.
    const own = await lucia.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve' });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.fields).toEqual({ decision: FEE_MESSAGES.ownWaiver });

    const approved = expectCreated<WaiverResponse>(await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve', note: 'Hardship documented' }), 200);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { name: expect.any(String) }, decisionNote: 'Hardship documented' });
    const again = await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'deny' });
    expect(again.statusCode).toBe(409);

    const view = await fees(lucia, matter.id);
    expect(view.totals).toEqual({ chargedCents: 22_500, waivedCents: 12_500, pendingWaiverCents: 0, paidCents: 0, balanceCents: 10_000, dueNowCents: 10_000 });
    expect(view.charges[0]).toMatchObject({ waivedCents: 12_500, pendingWaiverCents: 0 });
    expect((await auditActions(t, orgId, waiver.id)).map((row) => row.action)).toEqual(['waiver.requested', 'waiver.decided']);

    // A denied waiver leaves the balance as it was.
    const second = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 5_000, reason: 'Medical bills' }));
    expectCreated(await diana.post(`/api/fee-waivers/${second.id}/decision`, { decision: 'deny', note: 'Not documented' }), 200);
    expect((await fees(lucia, matter.id)).totals.balanceCents).toBe(10_000);
  });

  it('a payment over the balance is refused naming amountCents and saves nothing; receipts are numbered in sequence', async () => {
    const { lucia, matter, foia } = await feeStory(t);
    await charge(lucia, matter.id, { feeScheduleId: foia.id });
    await charge(lucia, matter.id, { description: 'Copies of the record', amountCents: 1_000 });

    const over = await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 6_001, method: 'cash', receivedOn: today });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.overBalance });
    const future = await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 100, method: 'cash', receivedOn: addDays(today, 1) });
    expect(future.json().error.fields).toEqual({ receivedOn: FEE_MESSAGES.futurePayment });
    expect(await paymentsOf(t, matter.id)).toEqual([]);

    const first = await pay(lucia, matter.id, 2_000);
    const second = await pay(lucia, matter.id, 1_500);
    const third = await pay(lucia, matter.id, 2_500);
    expect([first, second, third].map((payment) => payment.receiptNumber)).toEqual([`R-${year}-0001`, `R-${year}-0002`, `R-${year}-0003`]);
    expect((await fees(lucia, matter.id)).totals).toMatchObject({ paidCents: 6_000, balanceCents: 0 });

    const nothingOwed = await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 1, method: 'check', receivedOn: today });
    expect(nothingOwed.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.nothingOwed });
  });

  it('a voided payment stays on the record but leaves the balance; its receipt says VOID', async () => {
    const { lucia, diana, matter, foia, orgId } = await feeStory(t);
    await createOfficeRecord(t, orgId, { name: 'Downtown legal clinic', address: '12 Main St, Newark NJ', phone: '+1 555 0100' });
    await charge(lucia, matter.id, { feeScheduleId: foia.id });
    const first = await pay(lucia, matter.id, 2_000);
    const second = await pay(lucia, matter.id, 1_000);

    const receipt = expectCreated<PaymentReceiptResponse>(await lucia.get(`/api/matter-payments/${first.id}/receipt`), 200);
    expect(receipt).toMatchObject({
      organization: { office: { name: 'Downtown legal clinic', address: '12 Main St, Newark NJ' } },
      receiptNumber: first.receiptNumber,
      receivedOn: today,
      client: { name: 'Nadia Rahimi' },
      matter: { id: matter.id, reference: matter.reference, type: 'affirmative_asylum' },
      amountCents: 2_000,
      method: 'cash',
      receivedBy: 'Lucia Ferreira',
      balanceAfterCents: 3_000,
      voided: null,
    });
    expect(receipt.organization.name).not.toBe('');
    // The second receipt counts both payments.
    expect((await lucia.get(`/api/matter-payments/${second.id}/receipt`)).json().balanceAfterCents).toBe(2_000);

    const noReason = await lucia.post(`/api/matter-payments/${first.id}/void`, {});
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);
    const voided = expectCreated<PaymentResponse>(await lucia.post(`/api/matter-payments/${first.id}/void`, { reason: 'Entered on the wrong matter' }), 200);
    expect(voided.voided).toMatchObject({ reason: 'Entered on the wrong matter', by: { name: 'Lucia Ferreira' } });
    expect((await diana.post(`/api/matter-payments/${first.id}/void`, { reason: 'Again' })).statusCode).toBe(409);

    const view = await fees(lucia, matter.id);
    expect(view.totals).toMatchObject({ paidCents: 1_000, balanceCents: 4_000 });
    expect(view.payments.map((payment) => payment.receiptNumber).sort()).toEqual([first.receiptNumber, second.receiptNumber].sort());
    const voidReceipt = (await lucia.get(`/api/matter-payments/${first.id}/receipt`)).json<PaymentReceiptResponse>();
    expect(voidReceipt.voided).toMatchObject({ reason: 'Entered on the wrong matter' });
    expect((await auditActions(t, orgId, first.id)).map((row) => row.action)).toEqual(['payment.recorded', 'payment.voided']);
    // The freed balance can be paid again, with a new number.
    expect((await pay(lucia, matter.id, 4_000)).receiptNumber).not.toBe(first.receiptNumber);
  });

  it('paid first, then waived: a waiver asks at most what is still unpaid, and the balance ends at zero', async () => {
    const { lucia, diana, matter } = await feeStory(t);
    const fee = await charge(lucia, matter.id, { description: 'Representation at the asylum interview', amountCents: 50_000 });
    const payment = await pay(lucia, matter.id, 30_000);

    // $500 charged, $300 paid: only $200 is left to waive.
    const over = await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 20_001, reason: 'Lost job last month' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.waiverOverUnpaid });
    const waiver = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 20_000, reason: 'Lost job last month' }));
    expectCreated(await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve' }), 200);
    expect((await fees(lucia, matter.id)).totals).toEqual({ chargedCents: 50_000, waivedCents: 20_000, pendingWaiverCents: 0, paidCents: 30_000, balanceCents: 0, dueNowCents: 0 });

    // Paid in full: nothing is left to waive until the payment is voided.
    const paidUp = await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 100, reason: 'Medical bills' });
    expect(paidUp.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.waiverOverUnpaid });
    expectCreated(await diana.post(`/api/matter-payments/${payment.id}/void`, { reason: 'Refunded: hardship' }), 200);
    expectCreated(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 30_000, reason: 'Medical bills' }));
  });

  it('waived first, then paid: a payment covers at most the balance less waivers waiting for a decision', async () => {
    const { lucia, diana, matter } = await feeStory(t);
    const fee = await charge(lucia, matter.id, { description: 'Representation at the asylum interview', amountCents: 50_000 });
    const waiver = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 50_000, reason: 'No income' }));
    expect((await fees(lucia, matter.id)).totals).toMatchObject({ balanceCents: 50_000, pendingWaiverCents: 50_000, dueNowCents: 0 });

    // The client offers the full fee while the waiver waits: refused, so that approving it later cannot leave the balance at -$500.
    const whileWaiting = await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 50_000, method: 'cash', receivedOn: today });
    expect(whileWaiting.statusCode).toBe(400);
    expect(whileWaiting.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.waiverPending });
    const overBalance = await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 50_001, method: 'cash', receivedOn: today });
    expect(overBalance.json().error.fields).toEqual({ amountCents: FEE_MESSAGES.overBalance });
    expect(await paymentsOf(t, matter.id)).toEqual([]);

    // Denied: the whole fee is due again and can be paid.
    expectCreated(await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'deny' }), 200);
    expect((await fees(lucia, matter.id)).totals).toMatchObject({ balanceCents: 50_000, pendingWaiverCents: 0, dueNowCents: 50_000 });
    await pay(lucia, matter.id, 10_000);

    // A smaller waiver for part of the rest; the client pays what is due now; the approval ends at zero.
    const second = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 25_000, reason: 'Partial hardship' }));
    expect((await lucia.post(`/api/matters/${matter.id}/payments`, { amountCents: 15_001, method: 'cash', receivedOn: today })).json().error.fields).toEqual({
      amountCents: FEE_MESSAGES.waiverPending,
    });
    await pay(lucia, matter.id, 15_000);
    expectCreated(await diana.post(`/api/fee-waivers/${second.id}/decision`, { decision: 'approve' }), 200);
    expect((await fees(lucia, matter.id)).totals).toEqual({ chargedCents: 50_000, waivedCents: 25_000, pendingWaiverCents: 0, paidCents: 25_000, balanceCents: 0, dueNowCents: 0 });
  });

  it('a waiver whose approval would take the balance below zero is refused (409 naming decision) until the payment is voided', async () => {
    const { lucia, diana, matter, orgId, luciaId } = await feeStory(t);
    const fee = await charge(lucia, matter.id, { description: 'Representation at the asylum interview', amountCents: 50_000 });
    const waiver = expectCreated<WaiverResponse>(await lucia.post(`/api/matters/${matter.id}/waivers`, { chargeId: fee.id, amountCents: 50_000, reason: 'No income' }));
    // A payment taken while the waiver waited (as the API allowed before payments counted pending waivers).
    const [payment] = await systemTransaction(t.database.db, (tx) =>
      tx
        .insert(schema.matterPayments)
        .values({ orgId, matterId: matter.id, receiptNumber: `R-${year}-0900`, amountCents: 50_000, method: 'cash', receivedOn: today, receivedBy: luciaId })
        .returning(),
    );

    const refused = await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields).toEqual({ decision: FEE_MESSAGES.waiverOverBalance });
    const unchanged = await fees(lucia, matter.id);
    expect(unchanged.waivers[0]).toMatchObject({ status: 'requested' });
    expect(unchanged.totals).toMatchObject({ waivedCents: 0, paidCents: 50_000, balanceCents: 0 });

    expectCreated(await diana.post(`/api/matter-payments/${payment!.id}/void`, { reason: 'Returned to the client: fee waived' }), 200);
    expectCreated(await diana.post(`/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve' }), 200);
    expect((await fees(lucia, matter.id)).totals).toMatchObject({ waivedCents: 50_000, paidCents: 0, balanceCents: 0 });
  });

  it('a closed matter takes no charges or payments (409); another attorney finds the matter, its payments and receipts nowhere (404)', async () => {
    const closed = await feeStory(t, { matterStatus: 'closed' });
    const refused = await closed.lucia.post(`/api/matters/${closed.matter.id}/charges`, { description: 'Copies', amountCents: 500 });
    expect(refused.statusCode).toBe(409);
    expect((await closed.lucia.post(`/api/matters/${closed.matter.id}/payments`, { amountCents: 500, method: 'cash', receivedOn: today })).statusCode).toBe(409);
    expect((await closed.lucia.get(`/api/matters/${closed.matter.id}/fees`)).statusCode).toBe(200);

    const { lucia, omar, matter, foia } = await feeStory(t);
    await charge(lucia, matter.id, { feeScheduleId: foia.id });
    const payment = await pay(lucia, matter.id, 1_000);
    expect((await omar.get(`/api/matters/${matter.id}/fees`)).statusCode).toBe(404);
    expect((await omar.post(`/api/matters/${matter.id}/charges`, { description: 'Copies', amountCents: 500 })).statusCode).toBe(404);
    expect((await omar.get(`/api/matter-payments/${payment.id}/receipt`)).statusCode).toBe(404);
    expect((await omar.post(`/api/matter-payments/${payment.id}/void`, { reason: 'Mine now' })).statusCode).toBe(404);
    expect(await chargesOf(t, matter.id)).toHaveLength(1);
  });
});
