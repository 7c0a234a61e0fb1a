import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { callerId } from '../../support/cases.js';
import { createMatterRecord } from '../../support/legal.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

const FEE_READERS = ['matter.read', 'fee.configure'] as const;
const today = () => todayIn('America/New_York');
/** Someone outside the matrix's crew: the opener of a visitor's fixture, the requester of a waiver. */
const OUTSIDER = '00000000-0000-4000-8000-000000000001';

/** An open matter the caller represents, with one $50 charge on it. */
async function ownMatterWithCharge(t: TestApp, caller: Caller, orgId: string) {
  const userId = callerId(caller) ?? OUTSIDER;
  const matter = await createMatterRecord(t, orgId, { representativeId: userId });
  const [charge] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.matterCharges).values({ orgId, matterId: matter.id, description: 'FOIA request', fullCents: 5_000, amountCents: 5_000, createdBy: userId }).returning(),
  );
  return { matter, charge: charge!, userId };
}

/** …and a waiver of $20 of it, requested by someone else. */
async function requestedWaiver(t: TestApp, caller: Caller, orgId: string) {
  const { matter, charge } = await ownMatterWithCharge(t, caller, orgId);
  const [waiver] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.feeWaivers).values({ orgId, matterId: matter.id, chargeId: charge.id, amountCents: 2_000, reason: 'Lost job', requestedBy: OUTSIDER }).returning(),
  );
  return waiver!;
}

/** …and a $10 payment the caller received today. */
async function ownPayment(t: TestApp, caller: Caller, orgId: string) {
  const { matter, userId } = await ownMatterWithCharge(t, caller, orgId);
  const [payment] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterPayments)
      .values({ orgId, matterId: matter.id, receiptNumber: `R-T-${randomBytes(4).toString('hex')}`, amountCents: 1_000, method: 'cash', receivedOn: today(), receivedBy: userId })
      .returning(),
  );
  return payment!;
}

async function feeScheduleRecord(t: TestApp, orgId: string) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.feeSchedules).values({ orgId, code: `svc_${randomBytes(4).toString('hex')}`, name: 'Consultation', amountCents: 7_500 }).returning(),
  );
  return row!;
}

/** The version a PUT must send: the roles of one crew save the same organization's settings in turn. */
async function feeSettingsVersion(t: TestApp, orgId: string): Promise<number> {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.select().from(schema.feeSettings).where(eq(schema.feeSettings.orgId, orgId)));
  return row?.version ?? 0;
}

const bands = [
  { upToPercent: 100, feePercent: 0 },
  { upToPercent: 200, feePercent: 50 },
];

export const feeCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/fee-schedules', needs: FEE_READERS, call: (c) => send(t, c, 'GET', '/api/fee-schedules') },
    {
      route: 'POST /api/fee-schedules',
      needs: 'fee.configure',
      call: (c) => send(t, c, 'POST', '/api/fee-schedules', { code: `naturalization_${randomBytes(3).toString('hex')}`, name: 'Naturalization (N-400)', amountCents: 30_000 }),
    },
    {
      route: 'PATCH /api/fee-schedules/:id',
      needs: 'fee.configure',
      call: async (c, orgId) => {
        const schedule = await feeScheduleRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/fee-schedules/${schedule.id}`, { amountCents: 10_000, version: 1 });
      },
    },
    { route: 'GET /api/fee-settings', needs: FEE_READERS, call: (c) => send(t, c, 'GET', '/api/fee-settings') },
    {
      route: 'PUT /api/fee-settings',
      needs: 'fee.configure',
      call: async (c, orgId) => send(t, c, 'PUT', '/api/fee-settings', { region: 'contiguous', bands, version: await feeSettingsVersion(t, orgId) }),
    },
    { route: 'GET /api/poverty-guidelines', needs: FEE_READERS, call: (c) => send(t, c, 'GET', '/api/poverty-guidelines') },
    {
      route: 'PUT /api/poverty-guidelines/:year/:region',
      needs: 'fee.configure',
      call: (c) => send(t, c, 'PUT', '/api/poverty-guidelines/2026/contiguous', { firstPersonCents: 1_565_000, additionalPersonCents: 550_000, effectiveFrom: '2026-01-15' }),
    },
    {
      route: 'GET /api/matters/:id/fees',
      needs: 'matter.read',
      call: async (c, orgId) => {
        const { matter } = await ownMatterWithCharge(t, c, orgId);
        return send(t, c, 'GET', `/api/matters/${matter.id}/fees`);
      },
    },
    {
      route: 'POST /api/matters/:id/charges',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { matter } = await ownMatterWithCharge(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/charges`, { description: 'Certified translation', amountCents: 2_500 });
      },
    },
    {
      route: 'POST /api/matters/:id/waivers',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { matter, charge } = await ownMatterWithCharge(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/waivers`, { chargeId: charge.id, amountCents: 1_000, reason: 'Household income fell' });
      },
    },
    {
      route: 'POST /api/fee-waivers/:id/decision',
      needs: 'matter.decide',
      call: async (c, orgId) => {
        const waiver = await requestedWaiver(t, c, orgId);
        return send(t, c, 'POST', `/api/fee-waivers/${waiver.id}/decision`, { decision: 'approve' });
      },
    },
    {
      route: 'POST /api/matters/:id/payments',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { matter } = await ownMatterWithCharge(t, c, orgId);
        return send(t, c, 'POST', `/api/matters/${matter.id}/payments`, { amountCents: 1_000, method: 'money_order', receivedOn: today() });
      },
    },
    {
      // Voiding: whoever decides on fees, or the person who received the payment on the same day.
      route: 'POST /api/matter-payments/:id/void',
      needs: ['matter.decide', 'matter.manage'],
      call: async (c, orgId) => {
        const payment = await ownPayment(t, c, orgId);
        return send(t, c, 'POST', `/api/matter-payments/${payment.id}/void`, { reason: 'Entered twice' });
      },
    },
    {
      route: 'GET /api/matter-payments/:id/receipt',
      needs: 'matter.read',
      call: async (c, orgId) => {
        const payment = await ownPayment(t, c, orgId);
        return send(t, c, 'GET', `/api/matter-payments/${payment.id}/receipt`);
      },
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/fee-schedules',
      story: 'Amina gives a service a code with a space in it',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/fee-schedules', { code: 'work permit', name: 'Work permit (I-765)', amountCents: 10_000 }),
      field: 'code',
    },
    {
      route: 'PATCH /api/fee-schedules/:id',
      story: 'Amina sets a negative fee',
      as: 'org_admin',
      send: async (c, orgId) => {
        const schedule = await feeScheduleRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/fee-schedules/${schedule.id}`, { amountCents: -100, version: 1 });
      },
      field: 'amountCents',
    },
    {
      route: 'GET /api/fee-schedules',
      story: 'Amina asks for services that are "maybe" active',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/fee-schedules?active=maybe'),
      field: 'active',
    },
    {
      route: 'PUT /api/fee-settings',
      story: 'Amina lists the sliding-scale bands from the highest income down',
      as: 'org_admin',
      send: (c) =>
        send(t, c, 'PUT', '/api/fee-settings', {
          region: 'contiguous',
          version: 0,
          bands: [
            { upToPercent: 200, feePercent: 50 },
            { upToPercent: 100, feePercent: 0 },
          ],
        }),
      field: 'bands',
    },
    {
      route: 'GET /api/poverty-guidelines',
      story: 'Amina filters guidelines by a region HHS does not publish',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/poverty-guidelines?region=mainland'),
      field: 'region',
    },
    {
      route: 'PUT /api/poverty-guidelines/:year/:region',
      story: 'Amina enters a guideline with no amount for the first person',
      as: 'org_admin',
      send: (c) => send(t, c, 'PUT', '/api/poverty-guidelines/2026/contiguous', { additionalPersonCents: 550_000, effectiveFrom: '2026-01-15' }),
      field: 'firstPersonCents',
    },
    {
      route: 'GET /api/matters/:id/fees',
      story: 'Amina asks for the fees of matter "latest"',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/matters/latest/fees'),
      field: 'id',
    },
    {
      route: 'POST /api/matters/:id/charges',
      story: 'Amina charges a household of nobody',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `/api/matters/${randomUUID()}/charges`, { feeScheduleId: randomUUID(), householdSize: 0, annualIncomeCents: 1_000_000 }),
      field: 'householdSize',
    },
    {
      route: 'POST /api/matters/:id/waivers',
      story: 'Amina asks to waive a charge that is not an id',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `/api/matters/${randomUUID()}/waivers`, { chargeId: 'the-first-one', amountCents: 1_000, reason: 'Hardship' }),
      field: 'chargeId',
    },
    {
      route: 'POST /api/fee-waivers/:id/decision',
      story: 'Amina answers "maybe" to a waiver',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `/api/fee-waivers/${randomUUID()}/decision`, { decision: 'maybe' }),
      field: 'decision',
    },
    {
      route: 'POST /api/matters/:id/payments',
      story: 'Amina records a payment by a method Haven does not know',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `/api/matters/${randomUUID()}/payments`, { amountCents: 1_000, method: 'barter', receivedOn: today() }),
      field: 'method',
    },
    {
      route: 'POST /api/matter-payments/:id/void',
      story: 'Amina voids a payment without saying why',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', `/api/matter-payments/${randomUUID()}/void`, {}),
      field: 'reason',
    },
    {
      route: 'GET /api/matter-payments/:id/receipt',
      story: 'Amina asks for the receipt of payment "R-2026-0001" by its number instead of its id',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/matter-payments/R-2026-0001/receipt'),
      field: 'id',
    },
  ],
};
