import { addDays, todayIn } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import { notifyInApp } from '../../../src/modules/notifications/in-app.js';
import { createUser, type TestApp } from '../../support/app.js';
import { callerId } from '../../support/cases.js';
import { createMatterRecord } from '../../support/legal.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';
import { createCheckinRecord, createDeadlineRecord, createHearingRecord } from '../../tickler/items.js';

const inAWeek = () => addDays(todayIn('America/New_York'), 7);

/**
 * A matter the caller represents with one item they are responsible for: roles with matter.read
 * acknowledge their own items (matter.manage is needed only for someone else's); roles without
 * it are refused whatever the row says.
 */
async function ownItem(t: TestApp, caller: Caller, orgId: string, kind: 'deadline' | 'hearing' | 'checkin') {
  const userId = callerId(caller) ?? (await createUser(t, { orgId, role: 'legal_representative' })).id;
  const matter = await createMatterRecord(t, orgId, { representativeId: userId });
  if (kind === 'deadline') {
    return createDeadlineRecord(t, orgId, matter, { dueOn: inAWeek(), responsibleId: userId });
  }
  if (kind === 'hearing') {
    return createHearingRecord(t, orgId, matter, { startsAt: `${inAWeek()}T14:30:00Z`, responsibleId: userId });
  }
  return createCheckinRecord(t, orgId, matter, { startsAt: `${inAWeek()}T15:00:00Z`, responsibleId: userId });
}

/** A notification of the caller's own (a placeholder user for an anonymous caller). */
async function ownNotification(t: TestApp, caller: Caller, orgId: string) {
  const userId = callerId(caller) ?? '00000000-0000-4000-8000-000000000000';
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => notifyInApp(tx, [{ orgId, userId, kind: 'tickler_reminder', data: { daysLeft: 7 } }]));
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.orgId, orgId), eq(schema.notifications.userId, userId)))
      .limit(1),
  );
  return row!;
}

export const ticklerCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/tickler/mine', needs: 'matter.read', call: (c) => send(t, c, 'GET', '/api/tickler/mine?kinds=deadline,hearing') },
    { route: 'GET /api/tickler/program', needs: 'matter.read', call: (c) => send(t, c, 'GET', '/api/tickler/program') },
    {
      route: 'POST /api/matter-deadlines/:id/acknowledge',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matter-deadlines/${(await ownItem(t, c, orgId, 'deadline')).id}/acknowledge`, { version: 1 }),
    },
    {
      route: 'POST /api/matter-hearings/:id/acknowledge',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matter-hearings/${(await ownItem(t, c, orgId, 'hearing')).id}/acknowledge`, { version: 1 }),
    },
    {
      route: 'POST /api/matter-checkins/:id/acknowledge',
      needs: 'matter.read',
      call: async (c, orgId) => send(t, c, 'POST', `/api/matter-checkins/${(await ownItem(t, c, orgId, 'checkin')).id}/acknowledge`, { version: 1 }),
    },
    { route: 'GET /api/notifications/inbox', needs: 'member', call: (c) => send(t, c, 'GET', '/api/notifications/inbox?limit=10') },
    { route: 'POST /api/notifications/read-all', needs: 'member', call: (c) => send(t, c, 'POST', '/api/notifications/read-all') },
    {
      route: 'POST /api/notifications/:id/read',
      needs: 'member',
      call: async (c, orgId) => send(t, c, 'POST', `/api/notifications/${(await ownNotification(t, c, orgId)).id}/read`),
    },
  ],
  badInputs: (t) => [
    {
      route: 'GET /api/tickler/mine',
      story: 'Amina asks for her deadlines from December back to November',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/tickler/mine?from=2026-12-01&to=2026-11-01'),
      field: 'to',
    },
    {
      route: 'GET /api/tickler/program',
      story: 'Amina names a program by something that is not an id',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/tickler/program?programId=legal'),
      field: 'programId',
    },
    {
      route: 'POST /api/matter-deadlines/:id/acknowledge',
      story: 'Amina acknowledges a deadline without saying which version she read',
      as: 'org_admin',
      send: async (c, orgId) => send(t, c, 'POST', `/api/matter-deadlines/${(await ownItem(t, c, orgId, 'deadline')).id}/acknowledge`, {}),
      field: 'version',
    },
    {
      route: 'GET /api/notifications/inbox',
      story: 'Amina asks for 500 notifications at once',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/notifications/inbox?limit=500'),
      field: 'limit',
    },
  ],
};
