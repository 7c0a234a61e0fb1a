import { addDays, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { callerId } from '../../support/cases.js';
import { createMatterRecord } from '../../support/legal.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

/** Organizations are created in New York time. */
const yesterday = () => addDays(todayIn('America/New_York'), -1);
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** A matter the caller represents (so a role with matter.read or matter.manage reaches it). */
async function ownMatter(t: TestApp, caller: Caller, orgId: string) {
  return createMatterRecord(t, orgId, { representativeId: callerId(caller) ?? NOBODY, type: 'defensive_asylum' });
}

/** A filing, a hearing and a check-in on the caller's own matter, written straight to the database. */
async function ownProceedings(t: TestApp, caller: Caller, orgId: string) {
  const matter = await ownMatter(t, caller, orgId);
  const by = matter.createdBy;
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [filing] = await tx
      .insert(schema.matterFilings)
      .values({ orgId, matterId: matter.id, form: 'I-765', filedWith: 'uscis', filedOn: yesterday(), feeCents: 0, createdBy: by })
      .returning();
    const [hearing] = await tx
      .insert(schema.matterHearings)
      .values({ orgId, matterId: matter.id, court: 'Boston Immigration Court', hearingType: 'master', startsAt: new Date('2027-03-10T14:00:00Z'), timeZone: 'America/New_York', responsibleId: by, createdBy: by })
      .returning();
    const [checkin] = await tx
      .insert(schema.matterCheckins)
      .values({ orgId, matterId: matter.id, agency: 'isap', location: 'ISAP office, Boston', startsAt: new Date('2027-03-12T15:00:00Z'), timeZone: 'America/New_York', responsibleId: by, createdBy: by })
      .returning();
    return { matter, filing: filing!, hearing: hearing!, checkin: checkin! };
  });
}

const filingBody = () => ({ form: 'I-765', filedWith: 'uscis', filedOn: yesterday(), feeCents: 0 });
const hearingBody = { court: 'Boston Immigration Court', hearingType: 'master', date: '2027-03-10', time: '09:00' };
const checkinBody = { agency: 'ice_ero', location: 'JFK Federal Building, Boston', date: '2027-03-12', time: '10:00' };

export const matterProceedingsCases: ModuleCases = {
  routes: (t) => [
    {
      route: 'GET /api/matters/:id/filings',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/filings`),
    },
    {
      route: 'POST /api/matters/:id/filings',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/filings`, filingBody()),
    },
    {
      route: 'PATCH /api/matter-filings/:id',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { filing } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-filings/${filing.id}`, { receivedOn: yesterday(), receiptNumber: 'EAC2612345678', version: 1 });
      },
    },
    {
      route: 'GET /api/matter-filings/:id/receipt-number',
      needs: 'matter.read',
      call: async (c, orgId) => {
        const { filing } = await ownProceedings(t, c, orgId);
        return send(t, c, 'GET', `/api/matter-filings/${filing.id}/receipt-number`);
      },
    },
    {
      route: 'GET /api/matters/:id/representation',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/representation`),
    },
    {
      route: 'GET /api/matters/:id/hearings',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/hearings`),
    },
    {
      route: 'POST /api/matters/:id/hearings',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/hearings`, hearingBody),
    },
    {
      route: 'PATCH /api/matter-hearings/:id',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { hearing } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-hearings/${hearing.id}`, { date: '2027-03-17', judge: 'IJ Okafor', version: 1 });
      },
    },
    {
      route: 'GET /api/matters/:id/checkins',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/checkins`),
    },
    {
      route: 'POST /api/matters/:id/checkins',
      needs: 'matter.manage',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/checkins`, checkinBody),
    },
    {
      route: 'PATCH /api/matter-checkins/:id',
      needs: 'matter.manage',
      call: async (c, orgId) => {
        const { checkin } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-checkins/${checkin.id}`, { time: '11:30', version: 1 });
      },
    },
    {
      route: 'GET /api/matters/:id/decisions',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/decisions`),
    },
    {
      route: 'POST /api/matters/:id/decisions',
      needs: 'matter.manage',
      call: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/decisions`, { body: 'uscis', outcome: 'denied', relief: 'work_permit', decidedOn: yesterday() }),
    },
  ],
  badInputs: (t) => [
    {
      route: 'POST /api/matters/:id/filings',
      story: 'Amina types a USCIS receipt number with too few digits',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/filings`, { ...filingBody(), receiptNumber: 'IOE12345' }),
      field: 'receiptNumber',
    },
    {
      route: 'POST /api/matters/:id/filings',
      story: 'Amina records a filing made next month',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/filings`, { ...filingBody(), filedOn: addDays(todayIn('America/New_York'), 30) }),
      field: 'filedOn',
    },
    {
      route: 'PATCH /api/matter-filings/:id',
      story: 'Amina marks a filing "lost", a status Haven does not know',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { filing } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-filings/${filing.id}`, { status: 'lost', version: 1 });
      },
      field: 'status',
    },
    {
      route: 'POST /api/matters/:id/hearings',
      story: 'Amina schedules a hearing at 9 o’clock without the minutes',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/hearings`, { ...hearingBody, time: '9' }),
      field: 'time',
    },
    {
      route: 'PATCH /api/matter-hearings/:id',
      story: 'Amina moves a hearing to a time zone that does not exist',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { hearing } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-hearings/${hearing.id}`, { timeZone: 'Mars/Olympus_Mons', version: 1 });
      },
      field: 'timeZone',
    },
    {
      route: 'POST /api/matters/:id/checkins',
      story: 'Amina schedules a check-in with an agency Haven does not know',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/checkins`, { ...checkinBody, agency: 'cbp' }),
      field: 'agency',
    },
    {
      route: 'PATCH /api/matter-checkins/:id',
      story: 'Amina reschedules a check-in to 25:00',
      as: 'org_admin',
      send: async (c, orgId) => {
        const { checkin } = await ownProceedings(t, c, orgId);
        return send(t, c, 'PATCH', `/api/matter-checkins/${checkin.id}`, { time: '25:00', version: 1 });
      },
      field: 'time',
    },
    {
      route: 'POST /api/matters/:id/decisions',
      story: 'Amina records a decision that became final before it was made',
      as: 'org_admin',
      send: async (c, orgId) =>
        send(t, c, 'POST', `/api/matters/${(await ownMatter(t, c, orgId)).id}/decisions`, { body: 'immigration_judge', outcome: 'denied', decidedOn: yesterday(), finalOn: '2020-01-01' }),
      field: 'finalOn',
    },
    {
      route: 'GET /api/matters/:id/filings',
      story: 'Amina asks for 1,000 filings at once',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'GET', `/api/matters/${(await ownMatter(t, c, orgId)).id}/filings?limit=1000`),
      field: 'limit',
    },
  ],
};
