import type { TestApp } from '../../support/app.js';
import { PUBLIC_URL } from '../../support/app.js';
import { type Caller, type ModuleCases, send } from '../../support/matrix.js';

const FEED_READERS = 'matter.read' as const;

/**
 * The feed address carries no session (calendar apps send no cookie), so its route is reached
 * the way a member reaches it: they make the address (as the caller: 401 without a session, 403
 * without matter.read), then a calendar app reads it with no cookie at all. The address's own
 * refusals (revoked, unknown, suspended member, another organization) are in test/calendar.
 */
async function feedReadThroughOwnAddress(t: TestApp, caller: Caller) {
  const created = await send(t, caller, 'POST', '/api/calendar/feed', {});
  if (created.statusCode !== 201) {
    return created;
  }
  const url = created.json<{ url: string }>().url;
  return send(t, null, 'GET', url.slice(PUBLIC_URL.length));
}

export const calendarCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/calendar', needs: FEED_READERS, call: (c) => send(t, c, 'GET', '/api/calendar?from=2026-03-01&to=2026-03-31') },
    { route: 'GET /api/calendar/feed', needs: FEED_READERS, call: (c) => send(t, c, 'GET', '/api/calendar/feed') },
    { route: 'POST /api/calendar/feed', needs: FEED_READERS, call: (c) => send(t, c, 'POST', '/api/calendar/feed', { showFullNames: false }) },
    { route: 'DELETE /api/calendar/feed', needs: FEED_READERS, call: (c) => send(t, c, 'DELETE', '/api/calendar/feed') },
    { route: 'GET /api/calendar/feed/:token.ics', needs: FEED_READERS, call: (c) => feedReadThroughOwnAddress(t, c) },
  ],
  badInputs: (t) => [
    {
      route: 'GET /api/calendar',
      story: 'Amina asks for a whole quarter at once (more than 62 days)',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/calendar?from=2026-01-01&to=2026-03-31'),
      field: 'to',
    },
    {
      route: 'GET /api/calendar',
      story: 'Amina asks for a calendar from 30 February',
      as: 'org_admin',
      send: (c) => send(t, c, 'GET', '/api/calendar?from=2026-02-30&to=2026-03-10'),
      field: 'from',
    },
    {
      route: 'POST /api/calendar/feed',
      story: 'Amina answers "yes" instead of true for full names',
      as: 'org_admin',
      send: (c) => send(t, c, 'POST', '/api/calendar/feed', { showFullNames: 'yes' }),
      field: 'showFullNames',
    },
  ],
};
