import { addDays, type CalendarResponse, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser, login, type TestApp } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';

/* The calendar in the app: GET /api/calendar?from&to&scope. */

const today = () => todayIn('America/New_York');

async function insertHearing(t: TestApp, orgId: string, values: { matterId: string; responsibleId: string; startsAt: Date; hearingType?: 'master' | 'individual' }) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterHearings)
      .values({
        orgId,
        matterId: values.matterId,
        court: 'New York Broadway Immigration Court',
        judge: 'IJ Morales',
        hearingType: values.hearingType ?? 'master',
        startsAt: values.startsAt,
        timeZone: 'America/New_York',
        responsibleId: values.responsibleId,
        createdBy: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

async function insertDeadline(t: TestApp, orgId: string, values: { matterId: string; responsibleId: string; dueOn: string; status?: 'open' | 'met' | 'missed' | 'withdrawn'; title?: string }) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterDeadlines)
      .values({
        orgId,
        matterId: values.matterId,
        source: 'manual',
        kind: 'deadline',
        title: values.title ?? 'Send the client declaration for review',
        dueOn: values.dueOn,
        status: values.status ?? 'open',
        responsibleId: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

/** The instant a New York wall-clock time names (the test organizations keep New York time). */
function newYork(date: string, time: string): Date {
  for (const offset of ['-05:00', '-04:00']) {
    const instant = new Date(`${date}T${time}:00${offset}`);
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
    if (local.replace(',', '') === `${date} ${time}`) {
      return instant;
    }
  }
  throw new Error(`No such New York time: ${date} ${time}`);
}

describe('GET /api/calendar', async () => {
  const t = await createTestApp();

  /** Lina represents Amina Haddad; Omar, another representative, has a matter of his own; Sofia supervises. */
  async function team() {
    const org = await createOrg(t);
    const lina = await createUser(t, { orgId: org.id, role: 'legal_representative', name: 'Lina Ortega' });
    const omar = await createUser(t, { orgId: org.id, role: 'legal_representative', name: 'Omar Said' });
    const sofia = await createUser(t, { orgId: org.id, role: 'supervisor', name: 'Sofia Ruiz' });
    const client = await createClientRecord(t, org.id, { givenName: 'Amina', familyName: 'Haddad' });
    const linasMatter = await createMatterRecord(t, org.id, { representativeId: lina.id, clientId: client.id, type: 'defensive_asylum' });
    const omarsMatter = await createMatterRecord(t, org.id, { representativeId: omar.id, type: 'sijs' });
    return { org, lina, omar, sofia, client, linasMatter, omarsMatter, sessions: { lina: await login(t, lina.email), omar: await login(t, omar.email), sofia: await login(t, sofia.email) } };
  }

  it("Lina sees her month: the hearing timed (2 hours, court and judge), the deadline all-day, in day order, with the client's name and initials", async () => {
    const { org, lina, linasMatter, sessions } = await team();
    const day = addDays(today(), 3);
    const hearing = await insertHearing(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, startsAt: newYork(day, '09:00') });
    const deadline = await insertDeadline(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, dueOn: day });
    await insertDeadline(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, dueOn: day, status: 'withdrawn', title: 'No longer applies' });

    const response = await sessions.lina.get(`/api/calendar?from=${today()}&to=${addDays(today(), 30)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<CalendarResponse>();
    expect(body).toMatchObject({ scope: 'mine', timeZone: 'America/New_York', truncated: false });
    expect(body.events.map((event) => [event.kind, event.id])).toEqual([
      ['deadline', deadline.id],
      ['hearing', hearing.id],
    ]);
    expect(body.events[0]).toMatchObject({
      matterId: linasMatter.id,
      matterReference: linasMatter.reference,
      matterType: 'defensive_asylum',
      clientInitials: 'A.H.',
      clientName: 'Amina Haddad',
      title: 'Send the client declaration for review',
      start: day,
      end: null,
      allDay: true,
      status: 'open',
      responsible: { id: lina.id, name: 'Lina Ortega' },
    });
    expect(body.events[1]).toMatchObject({
      title: 'Master hearing',
      subtype: 'master',
      start: newYork(day, '09:00').toISOString(),
      end: newYork(day, '11:00').toISOString(),
      allDay: false,
      status: 'scheduled',
      location: 'New York Broadway Immigration Court',
      judge: 'IJ Morales',
    });
  });

  it("the range is the organization's days: a hearing at 23:30 on the last day is in, one at 00:15 the next day is not", async () => {
    const { org, lina, linasMatter, sessions } = await team();
    const last = addDays(today(), 10);
    const late = await insertHearing(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, startsAt: newYork(last, '23:30') });
    await insertHearing(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, startsAt: newYork(addDays(last, 1), '00:15') });
    const body = (await sessions.lina.get(`/api/calendar?from=${addDays(last, -5)}&to=${last}`)).json<CalendarResponse>();
    expect(body.events.map((event) => event.id)).toEqual([late.id]);
  });

  it("mine is what I am responsible for or represent; Omar does not see Lina's matter, and a representative asking for all gets 403", async () => {
    const { org, lina, omar, linasMatter, omarsMatter, sessions } = await team();
    const day = addDays(today(), 5);
    // Omar covers one of Lina's hearings: it is his too.
    const covered = await insertHearing(t, org.id, { matterId: linasMatter.id, responsibleId: omar.id, startsAt: newYork(day, '13:00') });
    const linas = await insertDeadline(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, dueOn: day });
    const omars = await insertDeadline(t, org.id, { matterId: omarsMatter.id, responsibleId: omar.id, dueOn: day });

    const range = `from=${today()}&to=${addDays(today(), 20)}`;
    const linaSees = (await sessions.lina.get(`/api/calendar?${range}`)).json<CalendarResponse>().events.map((event) => event.id);
    expect(linaSees.sort()).toEqual([covered.id, linas.id].sort());
    // Omar is responsible for the covered hearing, but Lina's matter is not his to read: readableMatters decides.
    const omarSees = (await sessions.omar.get(`/api/calendar?${range}`)).json<CalendarResponse>().events.map((event) => event.id);
    expect(omarSees).toEqual([omars.id]);

    const refused = await sessions.lina.get(`/api/calendar?${range}&scope=all`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it("Sofia, a supervisor, sees every readable matter with scope=all, and only her own with mine", async () => {
    const { org, lina, omar, linasMatter, omarsMatter, sessions } = await team();
    const day = addDays(today(), 7);
    const a = await insertDeadline(t, org.id, { matterId: linasMatter.id, responsibleId: lina.id, dueOn: day });
    const b = await insertHearing(t, org.id, { matterId: omarsMatter.id, responsibleId: omar.id, startsAt: newYork(day, '10:00'), hearingType: 'individual' });
    const range = `from=${today()}&to=${addDays(today(), 20)}`;
    const all = (await sessions.sofia.get(`/api/calendar?${range}&scope=all`)).json<CalendarResponse>();
    expect(all.scope).toBe('all');
    expect(all.events.map((event) => event.id)).toEqual([a.id, b.id]);
    expect(all.events[1]!.end).toBe(newYork(day, '14:00').toISOString());
    expect((await sessions.sofia.get(`/api/calendar?${range}`)).json<CalendarResponse>().events).toEqual([]);
  });

  it('refuses more than 62 days and an end before the start, naming `to`; refuses an unknown scope, naming it', async () => {
    const { sessions } = await team();
    const tooLong = await sessions.lina.get(`/api/calendar?from=2026-01-01&to=2026-03-04`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { code: 'validation_failed', fields: { to: 'Ask for at most 62 days at a time' } } });
    const backwards = await sessions.lina.get(`/api/calendar?from=2026-03-02&to=2026-03-01`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ error: { fields: { to: 'The end date is before the start date' } } });
    const scope = await sessions.lina.get(`/api/calendar?from=2026-03-01&to=2026-03-02&scope=team`);
    expect(scope.statusCode).toBe(400);
    expect(scope.json<{ error: { fields: Record<string, string> } }>().error.fields).toHaveProperty('scope');
    expect((await sessions.lina.get(`/api/calendar?from=2026-01-01&to=2026-03-03`)).statusCode).toBe(200);
  });

  it('says `truncated` when more than 1000 events fall in the range, and returns the first 1000 in order', async () => {
    const { org, lina, linasMatter, sessions } = await team();
    const first = addDays(today(), 1);
    await tenantTransaction(t.database.db, { orgId: org.id, userId: null }, (tx) =>
      tx.insert(schema.matterDeadlines).values(
        Array.from({ length: 1001 }, (_, i) => ({
          orgId: org.id,
          matterId: linasMatter.id,
          source: 'manual' as const,
          kind: 'deadline' as const,
          title: `Exhibit ${i}`,
          dueOn: addDays(first, i % 30),
          responsibleId: lina.id,
        })),
      ),
    );
    const body = (await sessions.lina.get(`/api/calendar?from=${first}&to=${addDays(first, 40)}`)).json<CalendarResponse>();
    expect(body.truncated).toBe(true);
    expect(body.events).toHaveLength(1000);
    const days = body.events.map((event) => event.start);
    expect([...days].sort()).toEqual(days);
  });
});
