import { addDays, type TicklerItem, type TicklerList, todayIn } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, login, memberSession, createUser } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';
import { createProgramRecord } from '../support/matrix.js';
import { createCheckinRecord, createDeadlineRecord, createHearingRecord } from './items.js';

describe('tickler views and acknowledgement', async () => {
  const t = await createTestApp();
  const today = todayIn('America/New_York');

  async function team() {
    const amina = await memberSession(t, 'legal_representative');
    const orgId = amina.orgId;
    const omar = await memberSession(t, 'legal_representative', orgId);
    const sofia = await memberSession(t, 'supervisor', orgId);
    const director = await memberSession(t, 'program_director', orgId);
    const program = await createProgramRecord(t, orgId, { name: 'Immigration legal services' });
    const other = await createProgramRecord(t, orgId, { name: 'Youth' });
    const client = await createClientRecord(t, orgId, { givenName: 'Layla', familyName: 'Qasimova' });
    const matter = await createMatterRecord(t, orgId, { representativeId: amina.user.id, supervisingAttorneyId: sofia.user.id, clientId: client.id, programId: program.id });
    return { amina, omar, sofia, director, orgId, program, other, client, matter };
  }

  it('"my deadlines" lists what I am responsible for, overdue first and then by date, with the rule, its citation and the days left', async () => {
    const { amina, omar, orgId, matter, program } = await team();
    const soon = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 10), responsibleId: amina.user.id });
    const late = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, -45), responsibleId: amina.user.id, ruleId: null, title: 'Call the court clerk' });
    const hearing = await createHearingRecord(t, orgId, matter, { startsAt: `${addDays(today, 3)}T14:30:00Z`, responsibleId: amina.user.id, court: 'New York - Varick' });
    const checkin = await createCheckinRecord(t, orgId, matter, { startsAt: `${addDays(today, 20)}T15:00:00Z`, responsibleId: amina.user.id, agency: 'isap', location: '26 Federal Plaza' });
    // Someone else's, done, and far away: not in my list.
    await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 5), responsibleId: omar.user.id, ruleId: 'AR11_DUE' });
    await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 6), responsibleId: amina.user.id, ruleId: 'EOIR33_DUE', status: 'met' });
    await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 200), responsibleId: amina.user.id, ruleId: 'I730_DUE' });

    const response = await amina.session.get('/api/tickler/mine');
    expect(response.statusCode).toBe(200);
    const list = response.json<TicklerList>();
    expect(list).toMatchObject({ from: addDays(today, -30), to: addDays(today, 90), today, truncated: false });
    expect(list.items.map((i) => i.id)).toEqual([late.id, hearing.id, soon.id, checkin.id]);
    const [first, second, third, fourth] = list.items as [TicklerItem, TicklerItem, TicklerItem, TicklerItem];
    expect(first).toMatchObject({ kind: 'deadline', overdue: true, daysLeft: -45, source: 'manual', title: 'Call the court clerk', status: 'open' });
    expect(second).toMatchObject({ kind: 'hearing', title: 'Master hearing — New York - Varick', date: addDays(today, 3), hearingType: 'master', overdue: false, acknowledged: false });
    expect(second.time).toMatch(/^(09|10):30$/);
    expect(third).toMatchObject({
      kind: 'deadline',
      matterId: matter.id,
      matterReference: matter.reference,
      matterType: 'affirmative_asylum',
      programId: program.id,
      client: { name: 'Layla Qasimova', initials: 'L. Q.' },
      ruleId: 'ASYLUM_ONE_YEAR_FILING',
      citation: 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)',
      daysLeft: 10,
      responsible: { id: amina.user.id, name: amina.user.displayName },
    });
    expect(fourth).toMatchObject({ kind: 'checkin', title: 'ISAP check-in — 26 Federal Plaza', agency: 'isap' });

    // Filters: kinds, a window, everything (met included).
    expect((await amina.session.get('/api/tickler/mine?kinds=hearing,checkin')).json<TicklerList>().items.map((i) => i.kind)).toEqual(['hearing', 'checkin']);
    const wide = (await amina.session.get(`/api/tickler/mine?from=${today}&to=${addDays(today, 365)}&show=all`)).json<TicklerList>();
    expect(wide.items.map((i) => i.status)).toEqual(['open', 'scheduled', 'met', 'open', 'scheduled', 'open']);
    expect((await amina.session.get('/api/tickler/mine?limit=2')).json<TicklerList>()).toMatchObject({ truncated: true, items: [{ id: late.id }, { id: hearing.id }] });
    expect((await amina.session.get(`/api/tickler/mine?from=${today}&to=${addDays(today, -1)}`)).json()).toMatchObject({ error: { fields: { to: expect.any(String) } } });

    // A deadline the engine marked missed within the window is overdue, on top; an earliest date reached is not.
    const missed = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, -2), responsibleId: amina.user.id, ruleId: 'BIA_APPEAL_DUE', status: 'missed' });
    const opened = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, -1), responsibleId: amina.user.id, ruleId: 'EAD_C8_EARLIEST_FILING', kind: 'earliest-date' });
    const again = (await amina.session.get('/api/tickler/mine')).json<TicklerList>();
    expect(again.items.map((i) => i.id).slice(0, 3)).toEqual([late.id, missed.id, opened.id]);
    expect(again.items.slice(0, 3).map((i) => i.overdue)).toEqual([true, true, false]);
  });

  it('"program deadlines" shows a supervisor every matter of the program, a representative only their own; a protected client only to assigned staff', async () => {
    const { amina, omar, sofia, director, orgId, matter, program, other } = await team();
    const mine = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 4), responsibleId: amina.user.id });
    const omarsMatter = await createMatterRecord(t, orgId, { representativeId: omar.user.id, programId: program.id });
    const omars = await createDeadlineRecord(t, orgId, omarsMatter, { dueOn: addDays(today, 8), responsibleId: omar.user.id });
    const elsewhere = await createMatterRecord(t, orgId, { representativeId: omar.user.id, programId: other.id });
    await createDeadlineRecord(t, orgId, elsewhere, { dueOn: addDays(today, 2), responsibleId: omar.user.id });
    const hiddenClient = await createClientRecord(t, orgId, { isProtected: true, assignedTo: [omar.user.id] });
    const hiddenMatter = await createMatterRecord(t, orgId, { representativeId: omar.user.id, programId: program.id, clientId: hiddenClient.id, type: 'u_visa' });
    const hidden = await createDeadlineRecord(t, orgId, hiddenMatter, { dueOn: addDays(today, 9), responsibleId: omar.user.id });

    const ids = async (session: typeof amina.session, query: string) => (await session.get(`/api/tickler/program?${query}`)).json<TicklerList>().items.map((i) => i.id);
    expect(await ids(sofia.session, `programId=${program.id}`)).toEqual([mine.id, omars.id]);
    expect(await ids(director.session, `programId=${program.id}&responsibleId=${omar.user.id}`)).toEqual([omars.id]);
    expect(await ids(amina.session, `programId=${program.id}`)).toEqual([mine.id]);
    expect(await ids(omar.session, `programId=${program.id}`)).toEqual([omars.id, hidden.id]);
    expect((await ids(sofia.session, '')).length).toBe(3);
    // Omar read a protected client's matter through the list: recorded.
    const sensitive = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'matter.read_sensitive'), eq(schema.auditEvents.objectId, hiddenMatter.id))),
    );
    expect(sensitive.map((e) => e.actorUserId)).toEqual([omar.user.id]);

    const stranger = await memberSession(t, 'supervisor');
    expect((await stranger.session.get(`/api/tickler/program?programId=${program.id}`)).statusCode).toBe(404);
    const caseManager = await memberSession(t, 'case_manager', orgId);
    expect((await caseManager.session.get('/api/tickler/mine')).statusCode).toBe(403);
  });

  it('the responsible person or someone who works matters acknowledges an item once, with the version read; others are refused', async () => {
    const { amina, omar, sofia, director, orgId, matter } = await team();
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 4), responsibleId: amina.user.id });
    const hearing = await createHearingRecord(t, orgId, matter, { startsAt: `${addDays(today, 9)}T14:30:00Z`, responsibleId: amina.user.id });
    const checkin = await createCheckinRecord(t, orgId, matter, { startsAt: `${addDays(today, 9)}T15:00:00Z`, responsibleId: amina.user.id });

    // Stale version, then the right one.
    expect((await amina.session.post(`/api/matter-deadlines/${deadline.id}/acknowledge`, { version: 7 })).statusCode).toBe(409);
    const acknowledged = await amina.session.post(`/api/matter-deadlines/${deadline.id}/acknowledge`, { version: 1 });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json<TicklerItem>()).toMatchObject({ id: deadline.id, acknowledged: true, acknowledgedBy: { id: amina.user.id }, version: 2 });
    expect((await amina.session.post(`/api/matter-deadlines/${deadline.id}/acknowledge`, { version: 2 })).statusCode).toBe(409);

    // The supervising attorney (matter.manage, reads the matter) acknowledges the hearing for her.
    expect((await sofia.session.post(`/api/matter-hearings/${hearing.id}/acknowledge`, { version: 1 })).json<TicklerItem>()).toMatchObject({ acknowledged: true, acknowledgedBy: { id: sofia.user.id } });
    // Omar works matters but cannot read this one: not found. The director reads it but neither works matters nor is responsible: refused.
    expect((await omar.session.post(`/api/matter-checkins/${checkin.id}/acknowledge`, { version: 1 })).statusCode).toBe(404);
    expect((await director.session.post(`/api/matter-checkins/${checkin.id}/acknowledge`, { version: 1 })).statusCode).toBe(403);
    // Another organization's supervisor: not found, and the row is unchanged.
    const stranger = await memberSession(t, 'supervisor');
    expect((await stranger.session.post(`/api/matter-checkins/${checkin.id}/acknowledge`, { version: 1 })).statusCode).toBe(404);
    expect((await amina.session.post(`/api/matter-checkins/${checkin.id}/acknowledge`, { version: 1 })).statusCode).toBe(200);

    const audit = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.orgId, orgId)),
    );
    expect(audit.filter((e) => [deadline.id, hearing.id, checkin.id].includes(e.objectId ?? '')).map((e) => e.action).sort()).toEqual(['checkin.updated', 'deadline.acknowledged', 'hearing.updated']);
    const events = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.matterEvents).where(and(eq(schema.matterEvents.orgId, orgId), eq(schema.matterEvents.matterId, matter.id))),
    );
    expect(events.filter((e) => e.data.change === 'acknowledged')).toHaveLength(3);
    // The deadline's acknowledgement is its own chronology entry; the "what moved and why" history stays empty (nothing moved).
    expect(events.filter((e) => e.data.itemId === deadline.id).map((e) => e.kind)).toEqual(['deadline_acknowledged']);
    const deadlines = await amina.session.get(`/api/matters/${matter.id}/deadlines`);
    expect(deadlines.statusCode).toBe(200);
    expect(deadlines.json<{ history: unknown[] }>().history).toEqual([]);

    // A met deadline or a closed matter has nothing left to acknowledge.
    const met = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(today, 4), responsibleId: amina.user.id, ruleId: 'AR11_DUE', status: 'met' });
    expect((await amina.session.post(`/api/matter-deadlines/${met.id}/acknowledge`, { version: 1 })).statusCode).toBe(409);

    // A responsible person whose role may read matters but not work them (here: a program director) acknowledges their own item.
    const directorUser = await createUser(t, { orgId, role: 'program_director' });
    const directorsMatter = await createMatterRecord(t, orgId, { representativeId: amina.user.id, supervisingAttorneyId: directorUser.id });
    const theirs = await createDeadlineRecord(t, orgId, directorsMatter, { dueOn: addDays(today, 4), responsibleId: directorUser.id });
    const directorSession = await login(t, directorUser.email);
    expect((await directorSession.post(`/api/matter-deadlines/${theirs.id}/acknowledge`, { version: 1 })).statusCode).toBe(200);
  });
});
