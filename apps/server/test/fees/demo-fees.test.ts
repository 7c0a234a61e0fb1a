import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ChargeResponse, type FeeSchedulePage, type FeeSettingsResponse, type PaymentReceiptResponse, type PaymentResponse, todayIn } from '@haven/domain';
import { DEMO_PASSWORD, seedDemo } from '../../src/ops/seed-demo.js';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createTestApp, login } from '../support/app.js';

describe('demo fees', async () => {
  const t = await createTestApp();

  it('Grace (legal@) charges Selam from the demo fee schedule on the sliding scale, takes a payment and prints its receipt', async () => {
    await seedDemo(t.database.db);
    const year = Number(todayIn('America/New_York').slice(0, 4));
    const grace = await login(t, 'legal@demo.haven.test', DEMO_PASSWORD);
    const schedule = (await grace.get('/api/fee-schedules')).json<FeeSchedulePage>();
    expect(schedule.items.map((item) => item.code)).toEqual(['adjustment', 'consultation', 'foia', 'i589_preparation', 'naturalization', 'work_permit']);
    expect(schedule.items.every((item) => item.amountCents >= 5_000 && item.amountCents <= 60_000)).toBe(true);
    expect((await grace.get('/api/fee-settings')).json<FeeSettingsResponse>()).toMatchObject({ region: 'contiguous', isDefault: false });

    const [matter] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.legalMatters).where(eq(schema.legalMatters.reference, `M-${year}-0001`)));
    const byCode = (code: string) => schedule.items.find((item) => item.code === code)!.id;
    // A family of four earning $31,200 is at 97% of the demo guideline: the 0% band.
    const i589 = await grace.post(`/api/matters/${matter!.id}/charges`, { feeScheduleId: byCode('i589_preparation'), householdSize: 4, annualIncomeCents: 3_120_000 });
    expect(i589.statusCode, i589.body).toBe(201);
    expect(i589.json<ChargeResponse>()).toMatchObject({ amountCents: 0, slidingScale: { povertyPercent: 97, feePercent: 0, guidelineYear: year } });
    const foia = await grace.post(`/api/matters/${matter!.id}/charges`, { feeScheduleId: byCode('foia') });
    expect(foia.json<ChargeResponse>()).toMatchObject({ amountCents: 7_500, slidingScale: null });

    const payment = await grace.post(`/api/matters/${matter!.id}/payments`, { amountCents: 2_500, method: 'cash', receivedOn: todayIn('America/New_York') });
    expect(payment.statusCode, payment.body).toBe(201);
    const receipt = (await grace.get(`/api/matter-payments/${payment.json<PaymentResponse>().id}/receipt`)).json<PaymentReceiptResponse>();
    expect(receipt).toMatchObject({
      receiptNumber: `R-${year}-0001`,
      organization: { name: 'Demo Welcome Center', office: { address: expect.stringContaining('Springfield') } },
      client: { name: 'Selam Tesfay', preferredLanguage: 'ti' },
      matter: { reference: `M-${year}-0001`, type: 'affirmative_asylum' },
      receivedBy: 'Grace Mwangi',
      balanceAfterCents: 5_000,
    });
  });
});
