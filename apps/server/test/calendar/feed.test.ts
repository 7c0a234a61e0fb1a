import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { addDays, type HearingType, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { addMembership, anonymous, createClientRecord, createOrg, createTestApp, createUser, login, memberSession, PUBLIC_URL, type TestApp } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';

/*
 * The iCalendar feed, read the way a calendar app reads it (no cookie, just the address) and
 * parsed by an independent parser (ical.js).
 */

const today = () => todayIn('America/New_York');

/**
 * The 12th of the next December, January or February: Chicago keeps standard time (UTC-6)
 * then, and the day is always inside the feed's year ahead.
 */
function nextWinterDay(): string {
  const year = Number(today().slice(0, 4));
  const candidates = [`${year}-01-12`, `${year}-02-12`, `${year}-12-12`, `${year + 1}-01-12`, `${year + 1}-02-12`];
  return candidates.find((date) => date > addDays(today(), 1))!;
}

async function insertHearing(t: TestApp, orgId: string, values: { matterId: string; responsibleId: string; startsAt: Date; hearingType?: HearingType; court?: string; status?: 'scheduled' | 'cancelled' }) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterHearings)
      .values({
        orgId,
        matterId: values.matterId,
        court: values.court ?? 'Chicago Immigration Court',
        hearingType: values.hearingType ?? 'master',
        startsAt: values.startsAt,
        timeZone: 'America/Chicago',
        status: values.status ?? 'scheduled',
        responsibleId: values.responsibleId,
        createdBy: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

async function insertCheckin(t: TestApp, orgId: string, values: { matterId: string; responsibleId: string; startsAt: Date }) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterCheckins)
      .values({ orgId, matterId: values.matterId, agency: 'ice_ero', location: 'ICE ERO Chicago Field Office', startsAt: values.startsAt, timeZone: 'America/Chicago', responsibleId: values.responsibleId, createdBy: values.responsibleId })
      .returning(),
  );
  return row!;
}

async function insertDeadline(
  t: TestApp,
  orgId: string,
  values: { matterId: string; responsibleId: string; dueOn: string; title?: string; status?: 'open' | 'met' | 'missed' | 'withdrawn'; ruleId?: string | null },
) {
  const ruleId = values.ruleId === undefined ? 'asylum.one_year_filing' : values.ruleId;
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterDeadlines)
      .values({
        orgId,
        matterId: values.matterId,
        source: ruleId ? 'rule' : 'manual',
        ruleId,
        kind: 'deadline',
        title: values.title ?? 'One-year asylum filing',
        citation: ruleId ? 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)' : null,
        dueOn: values.dueOn,
        status: values.status ?? 'open',
        responsibleId: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

/** A feed read as a calendar app does: no cookie, the path from the address Haven gave. */
function fetchFeed(t: TestApp, url: string) {
  expect(url.startsWith(`${PUBLIC_URL}/api/calendar/feed/`)).toBe(true);
  return anonymous(t, 'GET', url.slice(PUBLIC_URL.length));
}

function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)) };
}

async function createFeed(session: { post: (url: string, body?: unknown) => Promise<{ statusCode: number; json: <T>() => T; body: string }> }, body: unknown = {}) {
  const response = await session.post('/api/calendar/feed', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ url: string; webcalUrl: string; active: boolean; showFullNames: boolean }>();
}

describe('calendar feed (iCalendar)', async () => {
  const t = await createTestApp();

  /** Lina, an attorney, represents Amina Haddad on an affirmative asylum matter with a hearing, a check-in and deadlines. */
  async function linaWithAMatter() {
    const org = await createOrg(t);
    const lina = await createUser(t, { orgId: org.id, role: 'legal_representative', name: 'Lina Ortega' });
    const session = await login(t, lina.email);
    const client = await createClientRecord(t, org.id, { givenName: 'Amina', familyName: 'Haddad' });
    const matter = await createMatterRecord(t, org.id, { representativeId: lina.id, clientId: client.id, type: 'affirmative_asylum' });
    const winter = nextWinterDay();
    // Scheduled the way staff do, from the court notice: 09:00 at the Chicago court.
    const scheduled = await session.post(`/api/matters/${matter.id}/hearings`, { court: 'Chicago Immigration Court', hearingType: 'master', date: winter, time: '09:00' });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const hearing = scheduled.json<{ id: string }>();
    const checkin = await insertCheckin(t, org.id, { matterId: matter.id, responsibleId: lina.id, startsAt: new Date(`${addDays(today(), 20)}T14:00:00Z`) });
    const deadline = await insertDeadline(t, org.id, { matterId: matter.id, responsibleId: lina.id, dueOn: addDays(today(), 40) });
    const withdrawn = await insertDeadline(t, org.id, { matterId: matter.id, responsibleId: lina.id, dueOn: addDays(today(), 50), status: 'withdrawn', ruleId: 'asylum.other' });
    return { org, lina, session, client, matter, hearing, checkin, deadline, withdrawn, winter };
  }

  it('Lina subscribes: the feed is text/calendar, never cached, and the parser finds her hearing, check-in and deadline with initials, not the name', async () => {
    const { session, matter, hearing, checkin, deadline, withdrawn, winter } = await linaWithAMatter();
    const feed = await createFeed(session);
    expect(feed).toMatchObject({ active: true, showFullNames: false });
    expect(feed.url).toMatch(/^http:\/\/haven\.test\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace('http:', 'webcal:'));

    const response = await fetchFeed(t, feed.url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.body).not.toContain('Haddad');
    expect(response.body).not.toContain('Amina');

    const { calendar, events } = parse(response.body);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(response.body).toContain('X-WR-CALNAME:Haven — Lina Ortega');
    const byUid = new Map(events.map((event) => [event.uid, event]));
    expect([...byUid.keys()].sort()).toEqual([`checkin-${checkin.id}@haven`, `deadline-${deadline.id}@haven`, `hearing-${hearing.id}@haven`].sort());
    expect(byUid.has(`deadline-${withdrawn.id}@haven`)).toBe(false);

    // 09:00 in Chicago in winter (UTC-6) is 15:00Z; a master hearing is shown two hours long.
    const court = byUid.get(`hearing-${hearing.id}@haven`)!;
    expect(court.startDate.toJSDate().toISOString()).toBe(`${winter}T15:00:00.000Z`);
    expect(court.startDate.zone.tzid).toBe('UTC');
    expect(court.endDate.toJSDate().toISOString()).toBe(`${winter}T17:00:00.000Z`);
    expect(court.summary).toBe('A.H. · Affirmative asylum · Master hearing');
    expect(court.location).toBe('Chicago Immigration Court');
    expect(court.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(court.description).toContain(`Matter ${matter.reference}`);
    expect(court.description).toContain(`${PUBLIC_URL}/matters/${matter.id}`);
    const alarm = court.component.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-P1D');

    const visit = byUid.get(`checkin-${checkin.id}@haven`)!;
    expect(visit.summary).toBe('A.H. · Affirmative asylum · ICE check-in');
    expect(visit.endDate.toJSDate().getTime() - visit.startDate.toJSDate().getTime()).toBe(60 * 60_000);
    expect(visit.location).toBe('ICE ERO Chicago Field Office');

    // A deadline is a whole day: DTSTART;VALUE=DATE, DTEND the next day, no alarm of its own.
    const due = byUid.get(`deadline-${deadline.id}@haven`)!;
    expect(due.startDate.isDate).toBe(true);
    expect(due.startDate.toString()).toBe(addDays(today(), 40));
    expect(due.endDate.toString()).toBe(addDays(today(), 41));
    expect(due.summary).toBe('A.H. · Affirmative asylum · Deadline: One-year asylum filing');
    expect(due.description).toContain('Citation: INA 208(a)(2)(B); 8 CFR 208.4(a)(2)');
    expect(due.component.getFirstSubcomponent('valarm')).toBeNull();

    // In the app, the hearing keeps the court's zone for display.
    const inApp = (await session.get(`/api/calendar?from=${winter}&to=${winter}`)).json<{ events: { id: string; timeZone: string; start: string }[] }>();
    expect(inApp.events.find((event) => event.id === hearing.id)).toMatchObject({ timeZone: 'America/Chicago', start: `${winter}T15:00:00.000Z` });

    // Haven notes the read (for "last fetched" in the app).
    const status = (await session.get('/api/calendar/feed')).json<{ active: boolean; lastFetchedAt: string | null; showFullNames: boolean }>();
    expect(status.active).toBe(true);
    expect(status.lastFetchedAt).not.toBeNull();
  });

  it('Lina chooses full names: a new address, the old one answers 404 exactly like a made-up one, and the new feed names Amina Haddad', async () => {
    const { session, hearing, org } = await linaWithAMatter();
    const first = await createFeed(session);
    expect((await fetchFeed(t, first.url)).statusCode).toBe(200);

    const second = await createFeed(session, { showFullNames: true });
    expect(second.url).not.toBe(first.url);
    const old = await fetchFeed(t, first.url);
    const madeUp = await anonymous(t, 'GET', `/api/calendar/feed/${'A'.repeat(43)}.ics`);
    const garbage = await anonymous(t, 'GET', '/api/calendar/feed/not-a-token.ics');
    expect(old.statusCode).toBe(404);
    expect(madeUp.statusCode).toBe(404);
    expect(garbage.statusCode).toBe(404);
    expect(old.body).toBe(madeUp.body);
    expect(garbage.body).toBe(madeUp.body);

    const named = await fetchFeed(t, second.url);
    const { events } = parse(named.body);
    expect(events.find((event) => event.uid === `hearing-${hearing.id}@haven`)!.summary).toBe('Amina Haddad · Affirmative asylum · Master hearing');

    // Both changes are in the audit log, with no token or name in them.
    const audit = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.objectType, 'calendar_feed'))),
    );
    expect(audit.map((event) => event.action).sort()).toEqual(['calendar_feed.created', 'calendar_feed.created', 'calendar_feed.revoked']);
    expect(JSON.stringify(audit)).not.toContain(second.url.split('/').pop()!.replace('.ics', ''));
  });

  it('Lina turns her feed off: the address answers 404 and the app shows no feed', async () => {
    const { session } = await linaWithAMatter();
    const feed = await createFeed(session);
    const revoked = await session.delete('/api/calendar/feed');
    expect(revoked.statusCode).toBe(204);
    expect((await fetchFeed(t, feed.url)).statusCode).toBe(404);
    expect((await session.get('/api/calendar/feed')).json()).toEqual({ active: false, createdAt: null, lastFetchedAt: null, showFullNames: false });
  });

  it("a token belongs to one member in one organization: Lina's feed at Org B shows none of Org A's entries, and another organization's feed address opens nothing at Org A", async () => {
    const a = await linaWithAMatter();
    const orgB = await createOrg(t);
    await addMembership(t, orgB.id, a.lina.id, 'legal_representative');
    const inB = await login(t, a.lina.email);
    expect((await inB.put('/api/session/organization', { orgId: orgB.id })).statusCode).toBe(200);
    const matterB = await createMatterRecord(t, orgB.id, { representativeId: a.lina.id, type: 'u_visa' });
    const hearingB = await insertHearing(t, orgB.id, { matterId: matterB.id, responsibleId: a.lina.id, startsAt: new Date(`${addDays(today(), 10)}T15:00:00Z`), hearingType: 'individual' });

    const feedB = await createFeed(inB);
    const { events } = parse((await fetchFeed(t, feedB.url)).body);
    expect(events.map((event) => event.uid)).toEqual([`hearing-${hearingB.id}@haven`]);
    expect(events[0]!.summary).toBe('T.C. · U visa · Individual hearing');
    expect(events[0]!.endDate.toJSDate().getTime() - events[0]!.startDate.toJSDate().getTime()).toBe(4 * 3_600_000);

    // Lina's feed at Org A is untouched by the one she made at Org B (one live feed per member and organization).
    const feedA = await createFeed(a.session);
    const onlyA = parse((await fetchFeed(t, feedA.url)).body).events.map((event) => event.uid);
    expect(onlyA).toContain(`hearing-${a.hearing.id}@haven`);
    expect(onlyA).not.toContain(`hearing-${hearingB.id}@haven`);
    expect((await fetchFeed(t, feedB.url)).statusCode).toBe(200);
  });

  it('a member suspended because a phone was lost loses the feed at once (404), and reinstating them does not revive the old address', async () => {
    const { org, lina, session } = await linaWithAMatter();
    const feed = await createFeed(session);
    const admin = await memberSession(t, 'org_admin', org.id);
    expect((await admin.session.patch(`/api/members/${lina.id}`, { status: 'suspended' })).statusCode).toBe(200);
    expect((await fetchFeed(t, feed.url)).statusCode).toBe(404);
    expect((await admin.session.patch(`/api/members/${lina.id}`, { status: 'active' })).statusCode).toBe(200);
    expect((await fetchFeed(t, feed.url)).statusCode).toBe(404);
    // Back at work, Lina sees no feed and makes a new address, which works.
    const again = await login(t, lina.email);
    expect((await again.get('/api/calendar/feed')).json()).toMatchObject({ active: false });
    expect((await fetchFeed(t, (await createFeed(again)).url)).statusCode).toBe(200);
    const revoked = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.action, 'calendar_feed.revoked'))),
    );
    expect(revoked.map((event) => event.actorUserId)).toEqual([admin.user.id]);
  });

  it('a role change that takes away matter access closes the feed (404), and giving the role back does not revive it', async () => {
    const { org, lina, session } = await linaWithAMatter();
    const feed = await createFeed(session);
    const admin = await memberSession(t, 'org_admin', org.id);
    expect((await admin.session.patch(`/api/members/${lina.id}`, { role: 'case_manager' })).statusCode).toBe(200);
    expect((await fetchFeed(t, feed.url)).statusCode).toBe(404);
    expect((await admin.session.patch(`/api/members/${lina.id}`, { role: 'legal_representative' })).statusCode).toBe(200);
    expect((await fetchFeed(t, feed.url)).statusCode).toBe(404);
  });

  it("a protected client's entries vanish from the feed of a supervisor no longer assigned to that client", async () => {
    const org = await createOrg(t);
    const sofia = await createUser(t, { orgId: org.id, role: 'supervisor', name: 'Sofia Supervisor' });
    const rep = await createUser(t, { orgId: org.id, role: 'legal_representative' });
    const client = await createClientRecord(t, org.id, { givenName: 'Nadia', familyName: 'Karimi', isProtected: true, assignedTo: [sofia.id, rep.id] });
    const matter = await createMatterRecord(t, org.id, { representativeId: rep.id, supervisingAttorneyId: sofia.id, clientId: client.id, type: 'vawa' });
    const hearing = await insertHearing(t, org.id, { matterId: matter.id, responsibleId: sofia.id, startsAt: new Date(`${addDays(today(), 5)}T14:00:00Z`) });
    const session = await login(t, sofia.email);
    const feed = await createFeed(session);

    const before = parse((await fetchFeed(t, feed.url)).body).events;
    expect(before.map((event) => event.uid)).toEqual([`hearing-${hearing.id}@haven`]);
    expect(before[0]!.summary).toBe('N.K. · Confidential matter · Master hearing');

    await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, (tx) =>
      tx.delete(schema.clientAssignments).where(and(eq(schema.clientAssignments.clientId, client.id), eq(schema.clientAssignments.userId, sofia.id))),
    );
    const after = await fetchFeed(t, feed.url);
    expect(after.statusCode).toBe(200);
    expect(parse(after.body).events).toEqual([]);
    expect(after.body).not.toContain(matter.reference);
  });

  it("a protected client's entries leave Haven with initials and 'Confidential matter' only, even with full names chosen, and every poll is in the audit log", async () => {
    const org = await createOrg(t);
    const lina = await createUser(t, { orgId: org.id, role: 'legal_representative', name: 'Lina Ortega' });
    const session = await login(t, lina.email);
    const nadia = await createClientRecord(t, org.id, { givenName: 'Nadia', familyName: 'Karimi', isProtected: true, assignedTo: [lina.id] });
    const amina = await createClientRecord(t, org.id, { givenName: 'Amina', familyName: 'Haddad' });
    const uVisa = await createMatterRecord(t, org.id, { representativeId: lina.id, clientId: nadia.id, type: 'u_visa' });
    const asylum = await createMatterRecord(t, org.id, { representativeId: lina.id, clientId: amina.id, type: 'affirmative_asylum' });
    const checkin = await insertCheckin(t, org.id, { matterId: uVisa.id, responsibleId: lina.id, startsAt: new Date(`${addDays(today(), 6)}T15:00:00Z`) });
    const certification = await insertDeadline(t, org.id, { matterId: uVisa.id, responsibleId: lina.id, dueOn: addDays(today(), 12), title: 'U visa certification expires', ruleId: 'u_visa.certification' });
    const hearing = await insertHearing(t, org.id, { matterId: asylum.id, responsibleId: lina.id, startsAt: new Date(`${addDays(today(), 8)}T15:00:00Z`) });
    const feed = await createFeed(session, { showFullNames: true });

    const response = await fetchFeed(t, feed.url);
    expect(response.statusCode).toBe(200);
    for (const word of ['Nadia', 'Karimi', 'U visa', 'VAWA', '214.14']) {
      expect(response.body).not.toContain(word);
    }
    const byUid = new Map(parse(response.body).events.map((event) => [event.uid, event]));
    expect(byUid.get(`checkin-${checkin.id}@haven`)!.summary).toBe('N.K. · Confidential matter · ICE check-in');
    expect(byUid.get(`deadline-${certification.id}@haven`)!.summary).toBe('N.K. · Confidential matter · Deadline');
    expect(byUid.get(`deadline-${certification.id}@haven`)!.description).not.toContain('Citation');
    // Everyone else's entries still follow Lina's choice of full names.
    expect(byUid.get(`hearing-${hearing.id}@haven`)!.summary).toBe('Amina Haddad · Affirmative asylum · Master hearing');

    // Lina is assigned to Nadia: in the app she sees the matter type, and the read is recorded there too.
    const inApp = (await session.get(`/api/calendar?from=${today()}&to=${addDays(today(), 20)}`)).json<{ events: { id: string; matterType: string; timeZone: string }[] }>();
    // The check-in shows in the zone it was scheduled in (Chicago, stored with it), not the organization's.
    expect(inApp.events.find((event) => event.id === checkin.id)).toMatchObject({ matterType: 'u_visa', timeZone: 'America/Chicago' });

    const reads = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, org.id), eq(schema.auditEvents.action, 'matter.read_sensitive'))).orderBy(schema.auditEvents.seq),
    );
    // One per protected matter per answer (two items of the U visa matter, one record), none for Amina's.
    expect(reads.map((event) => [event.objectId, (event.after as { view: string }).view, event.actorUserId])).toEqual([
      [uVisa.id, 'calendar_feed', lina.id],
      [uVisa.id, 'calendar', lina.id],
    ]);
  });

  it('a cancelled hearing stays in the feed as CANCELLED, without an alarm', async () => {
    const { org, lina, session, matter } = await linaWithAMatter();
    const cancelled = await insertHearing(t, org.id, { matterId: matter.id, responsibleId: lina.id, startsAt: new Date(`${addDays(today(), 3)}T15:00:00Z`), status: 'cancelled' });
    const feed = await createFeed(session);
    const event = parse((await fetchFeed(t, feed.url)).body).events.find((e) => e.uid === `hearing-${cancelled.id}@haven`)!;
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.component.getFirstSubcomponent('valarm')).toBeNull();
  });
});
