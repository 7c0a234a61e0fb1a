import { and, eq } from 'drizzle-orm';
import { addDays, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { type Db, schema, tenantTransaction } from '../../src/platform/db/index.js';
import { recomputeMatterDeadlines } from '../../src/modules/legal-matters/deadlines.js';
import { createTestApp, memberSession } from '../support/app.js';
import { createCredentialRecord, createMatterRecord, type MatterRecordOptions } from '../support/legal.js';

const today = () => todayIn('America/New_York');

interface Change {
  ruleId: string;
  fromStatus: string | null;
  toStatus: string;
  toDueOn: string | null;
}

describe('matter proceedings', async () => {
  const t = await createTestApp();

  /** Nadia, an attorney (legal representative with an active bar admission), and her own matter. */
  async function attorneyWithMatter(options: Partial<MatterRecordOptions> = {}) {
    const nadia = await memberSession(t, 'legal_representative');
    await createCredentialRecord(t, nadia.orgId, nadia.user.id);
    const matter = await createMatterRecord(t, nadia.orgId, { representativeId: nadia.user.id, ...options });
    return { orgId: nadia.orgId, nadia, matter };
  }

  function rows<T>(orgId: string, work: (tx: Db) => Promise<T>) {
    return tenantTransaction(t.database.db, { orgId, userId: null }, work);
  }

  async function deadlinesOf(orgId: string, matterId: string) {
    return rows(orgId, (tx) =>
      tx
        .select()
        .from(schema.matterDeadlines)
        .where(and(eq(schema.matterDeadlines.orgId, orgId), eq(schema.matterDeadlines.matterId, matterId))),
    );
  }

  it('an I-589 filing meets the one-year asylum deadline, and its receipt number is sealed, masked and read only on purpose', async () => {
    const arrived = addDays(today(), -200);
    const { orgId, nadia, matter } = await attorneyWithMatter({ facts: { lastArrivalDate: arrived } });
    await rows(orgId, (tx) => recomputeMatterDeadlines(tx, { orgId, actorId: nadia.user.id }, matter, 'facts_changed'));
    const [before] = (await deadlinesOf(orgId, matter.id)).filter((d) => d.ruleId === 'ASYLUM_ONE_YEAR_FILING');
    expect(before).toMatchObject({ status: 'open', metByFilingId: null });

    const filedOn = addDays(today(), -3);
    const saved = await nadia.session.post(`/api/matters/${matter.id}/filings`, {
      form: 'I-589',
      filedWith: 'uscis',
      filedOn,
      receivedOn: addDays(today(), -1),
      receiptNumber: 'ioe 0912345678',
      feeCents: 10_000,
    });
    expect(saved.statusCode).toBe(201);
    const body = saved.json<{ filing: { id: string; receiptNumberMasked: string; status: string }; deadlineChanges: Change[] }>();
    expect(body.filing).toMatchObject({ form: 'I-589', receiptNumberMasked: '••••5678', status: 'received', feeCents: 10_000, createdBy: { id: nadia.user.id } });
    expect(body.deadlineChanges).toContainEqual(expect.objectContaining({ ruleId: 'ASYLUM_ONE_YEAR_FILING', fromStatus: 'open', toStatus: 'met' }));
    const [after] = (await deadlinesOf(orgId, matter.id)).filter((d) => d.ruleId === 'ASYLUM_ONE_YEAR_FILING');
    expect(after).toMatchObject({ status: 'met', metByFilingId: body.filing.id });
    // The received I-589 also starts the work-permit clock.
    expect((await deadlinesOf(orgId, matter.id)).map((d) => d.ruleId)).toContain('EAD_C8_EARLIEST_FILING');

    const [stored] = await rows(orgId, (tx) => tx.select().from(schema.matterFilings).where(eq(schema.matterFilings.id, body.filing.id)));
    expect(stored!.receiptNumberSealed).not.toContain('0912345678');
    expect(stored!.receiptNumberLast4).toBe('5678');

    const list = await nadia.session.get(`/api/matters/${matter.id}/filings`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('0912345678');
    expect(list.json()).toMatchObject({ items: [{ id: body.filing.id, receiptNumberMasked: '••••5678' }], nextCursor: null });

    const full = await nadia.session.get(`/api/matter-filings/${body.filing.id}/receipt-number`);
    expect(full.json()).toEqual({ receiptNumber: 'IOE0912345678' });
    const audit = await rows(orgId, (tx) => tx.select().from(schema.auditEvents).where(eq(schema.auditEvents.orgId, orgId)));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['filing.recorded', 'matter.read_sensitive', 'deadline.updated']));
    expect(JSON.stringify(audit)).not.toContain('0912345678');
    const events = await rows(orgId, (tx) => tx.select().from(schema.matterEvents).where(eq(schema.matterEvents.matterId, matter.id)));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['filing_recorded', 'deadlines_changed']));

    // Withdrawing the only I-589 takes the fact away again: the deadline is open once more.
    const withdrawn = await nadia.session.patch(`/api/matter-filings/${body.filing.id}`, { status: 'withdrawn', version: 1 });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json<{ deadlineChanges: Change[] }>().deadlineChanges).toContainEqual(expect.objectContaining({ ruleId: 'ASYLUM_ONE_YEAR_FILING', fromStatus: 'met', toStatus: 'open' }));
    const stale = await nadia.session.patch(`/api/matter-filings/${body.filing.id}`, { note: 'Refiled', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { fields: { version: expect.any(String) } } });
  });

  it('refuses a malformed receipt number, a receipt before the filing and a filing dated in the future, saving nothing', async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter();
    const base = { form: 'I-765', filedWith: 'uscis', filedOn: addDays(today(), -10), feeCents: 0 };
    const cases = [
      [{ ...base, receiptNumber: 'IOE12345' }, 'receiptNumber'],
      [{ ...base, receivedOn: addDays(today(), -11) }, 'receivedOn'],
      [{ ...base, filedOn: addDays(today(), 2) }, 'filedOn'],
      [{ ...base, form: 'other' }, 'formOther'],
      [{ ...base, form: 'EOIR-28' }, 'filedWith'],
    ] as const;
    for (const [payload, field] of cases) {
      const response = await nadia.session.post(`/api/matters/${matter.id}/filings`, payload);
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json<{ error: { fields: Record<string, string> } }>().error.fields)).toContain(field);
    }
    const filing = await nadia.session.post(`/api/matters/${matter.id}/filings`, base);
    const late = await nadia.session.patch(`/api/matter-filings/${filing.json<{ filing: { id: string } }>().filing.id}`, { receivedOn: addDays(today(), -12), version: 1 });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ error: { fields: { receivedOn: 'The receipt date cannot be before the filing date' } } });
    const stored = await rows(orgId, (tx) => tx.select().from(schema.matterFilings).where(eq(schema.matterFilings.matterId, matter.id)));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.receivedOn).toBeNull();
  });

  it('an EOIR-28 needs a representative who may appear in immigration court: a partially accredited one may file a G-28 only', async () => {
    const rafael = await memberSession(t, 'legal_representative');
    const orgId = rafael.orgId;
    await createCredentialRecord(t, orgId, rafael.user.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today(), 400) });
    const matter = await createMatterRecord(t, orgId, { representativeId: rafael.user.id, type: 'work_permit' });
    const filedOn = addDays(today(), -1);

    const eoir = await rafael.session.post(`/api/matters/${matter.id}/filings`, { form: 'EOIR-28', filedWith: 'eoir', filedOn, feeCents: 0 });
    expect(eoir.statusCode).toBe(400);
    expect(eoir.json()).toMatchObject({ error: { fields: { form: 'A partially accredited representative cannot appear before the immigration court or the BIA' } } });

    const g28 = await rafael.session.post(`/api/matters/${matter.id}/filings`, { form: 'G-28', filedWith: 'uscis', filedOn, feeCents: 0 });
    expect(g28.statusCode).toBe(201);
    const representation = (await rafael.session.get(`/api/matters/${matter.id}/representation`)).json();
    expect(representation).toMatchObject({
      representative: { id: rafael.user.id },
      dhs: { form: 'G-28', filedOn, filingId: g28.json<{ filing: { id: string } }>().filing.id },
      eoir: null,
      problems: { dhs: null, eoir: 'partial_accreditation_before_eoir' },
    });

    // A member with no credential at all cannot be entered on a notice of appearance either.
    const paralegal = await memberSession(t, 'legal_representative', orgId);
    const theirs = await createMatterRecord(t, orgId, { representativeId: paralegal.user.id });
    const refused = await paralegal.session.post(`/api/matters/${theirs.id}/filings`, { form: 'G-28', filedWith: 'uscis', filedOn, feeCents: 0 });
    expect(refused.json()).toMatchObject({ error: { fields: { form: 'Only an attorney or a DOJ-accredited representative can represent a client' } } });
    expect(await rows(orgId, (tx) => tx.select().from(schema.matterFilings).where(eq(schema.matterFilings.matterId, theirs.id)))).toHaveLength(0);
  });

  it("stores a hearing at the instant the court's local time names, and moving it asks for acknowledgement again", async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter({ type: 'defensive_asylum' });
    const colleague = await memberSession(t, 'supervisor', orgId);
    // Chicago in January is UTC−6; a court not listed takes the zone given (Los Angeles in July: UTC−7).
    const chicago = await nadia.session.post(`/api/matters/${matter.id}/hearings`, {
      court: 'Chicago Immigration Court',
      judge: 'IJ Moreno',
      hearingType: 'master',
      date: '2027-01-12',
      time: '09:00',
    });
    expect(chicago.statusCode).toBe(201);
    expect(chicago.json()).toMatchObject({ startsAt: '2027-01-12T15:00:00.000Z', date: '2027-01-12', time: '09:00', timeZone: 'America/Chicago', status: 'scheduled', responsible: { id: nadia.user.id } });
    const hearing = chicago.json<{ id: string }>();
    const annex = await nadia.session.post(`/api/matters/${matter.id}/hearings`, {
      court: 'Pasadena annex',
      hearingType: 'individual',
      date: '2027-07-20',
      time: '13:30',
      timeZone: 'America/Los_Angeles',
      responsibleId: colleague.user.id,
    });
    expect(annex.json()).toMatchObject({ startsAt: '2027-07-20T20:30:00.000Z', time: '13:30', timeZone: 'America/Los_Angeles', responsible: { id: colleague.user.id } });

    const list = (await nadia.session.get(`/api/matters/${matter.id}/hearings`)).json<{ items: { id: string; timeZone: string; time: string }[] }>();
    expect(list.items.map((h) => [h.timeZone, h.time])).toEqual([
      ['America/Chicago', '09:00'],
      ['America/Los_Angeles', '13:30'],
    ]);

    // Nadia acknowledged it in the tickler; the court moves it: it must be acknowledged again.
    await rows(orgId, (tx) => tx.update(schema.matterHearings).set({ acknowledgedAt: new Date(), acknowledgedBy: nadia.user.id }).where(eq(schema.matterHearings.id, hearing.id)));
    const moved = await nadia.session.patch(`/api/matter-hearings/${hearing.id}`, { date: '2027-02-02', version: 1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2027-02-02T15:00:00.000Z', time: '09:00', timeZone: 'America/Chicago', acknowledgedAt: null, version: 2 });

    // Someone without the matter cannot be made responsible for it.
    const outsider = await memberSession(t, 'legal_representative', orgId);
    const refused = await nadia.session.patch(`/api/matter-hearings/${hearing.id}`, { responsibleId: outsider.user.id, version: 2 });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json<{ error: { fields: object } }>().error.fields)).toEqual(['responsibleId']);
  });

  it('a hearing is recorded as held only with its outcome, and only once its time has come', async () => {
    const { nadia, matter } = await attorneyWithMatter({ type: 'removal_defense' });
    const past = await nadia.session.post(`/api/matters/${matter.id}/hearings`, { court: 'Newark Immigration Court', hearingType: 'master', date: addDays(today(), -2), time: '08:30' });
    const id = past.json<{ id: string }>().id;
    const noOutcome = await nadia.session.patch(`/api/matter-hearings/${id}`, { status: 'held', version: 1 });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json()).toMatchObject({ error: { fields: { outcome: 'Record the outcome of a hearing that was held' } } });
    const held = await nadia.session.patch(`/api/matter-hearings/${id}`, { status: 'held', outcome: 'Pleadings taken; individual hearing set', version: 1 });
    expect(held.json()).toMatchObject({ status: 'held', outcome: 'Pleadings taken; individual hearing set', version: 2 });

    const future = await nadia.session.post(`/api/matters/${matter.id}/hearings`, { court: 'Newark Immigration Court', hearingType: 'individual', date: addDays(today(), 30), time: '08:30' });
    const early = await nadia.session.patch(`/api/matter-hearings/${future.json<{ id: string }>().id}`, { status: 'held', outcome: 'Granted', version: 1 });
    expect(early.json()).toMatchObject({ error: { fields: { status: 'A hearing cannot be held before its date and time' } } });
  });

  it('an ICE check-in is its own record, never a hearing, and a missed one alerts the supervising attorney', async () => {
    const { nadia, matter } = await attorneyWithMatter();
    const orgId = matter.orgId;
    const supervisor = await memberSession(t, 'supervisor', orgId);
    await rows(orgId, (tx) => tx.update(schema.legalMatters).set({ supervisingAttorneyId: supervisor.user.id }).where(eq(schema.legalMatters.id, matter.id)));

    const created = await nadia.session.post(`/api/matters/${matter.id}/checkins`, { agency: 'ice_ero', location: '26 Federal Plaza, 9th floor', date: addDays(today(), -1), time: '10:00' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ agency: 'ice_ero', timeZone: 'America/New_York', time: '10:00', status: 'scheduled' });
    expect((await nadia.session.get(`/api/matters/${matter.id}/hearings`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await nadia.session.get(`/api/matters/${matter.id}/checkins`)).json<{ items: unknown[] }>().items).toHaveLength(1);

    const missed = await nadia.session.patch(`/api/matter-checkins/${created.json<{ id: string }>().id}`, { status: 'missed', version: 1 });
    expect(missed.statusCode).toBe(200);
    const notes = await rows(orgId, (tx) => tx.select().from(schema.notifications).where(eq(schema.notifications.userId, supervisor.user.id)));
    expect(notes).toEqual([expect.objectContaining({ kind: 'checkin_missed', link: `/matters/${matter.id}` })]);
  });

  it("an immigration judge's decision brings the BIA appeal deadline, 30 days later rolled past the weekend and Washington's Birthday", async () => {
    const { nadia, matter } = await attorneyWithMatter({ type: 'removal_defense' });
    // 2026-01-16 + 30 days is Sunday 2026-02-15; Monday 2026-02-16 is Washington's Birthday.
    const decided = await nadia.session.post(`/api/matters/${matter.id}/decisions`, { body: 'immigration_judge', outcome: 'removal_ordered', decidedOn: '2026-01-16' });
    expect(decided.statusCode).toBe(201);
    expect(decided.json<{ deadlineChanges: Change[] }>().deadlineChanges).toContainEqual(expect.objectContaining({ ruleId: 'BIA_APPEAL_DUE', fromStatus: null, toDueOn: '2026-02-17' }));
    const [bia] = (await deadlinesOf(matter.orgId, matter.id)).filter((d) => d.ruleId === 'BIA_APPEAL_DUE');
    expect(bia!.dueOn).toBe('2026-02-17');
    expect((await nadia.session.get(`/api/matters/${matter.id}/decisions`)).json()).toMatchObject({ items: [{ body: 'immigration_judge', outcome: 'removal_ordered', decidedOn: '2026-01-16' }] });
  });

  it("refuses a judge's decision before the first hearing and an asylum grant before the I-589, saving nothing", async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter({ type: 'defensive_asylum' });
    await nadia.session.post(`/api/matters/${matter.id}/hearings`, { court: 'Boston Immigration Court', hearingType: 'master', date: '2026-03-10', time: '09:00' });
    const early = await nadia.session.post(`/api/matters/${matter.id}/decisions`, { body: 'immigration_judge', outcome: 'denied', decidedOn: '2026-03-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: { fields: { decidedOn: 'A judge’s decision cannot come before the first hearing' } } });

    await nadia.session.post(`/api/matters/${matter.id}/filings`, { form: 'I-589', filedWith: 'eoir', filedOn: '2026-03-10', feeCents: 10_000 });
    const grant = await nadia.session.post(`/api/matters/${matter.id}/decisions`, { body: 'uscis', outcome: 'granted', relief: 'asylum', decidedOn: '2026-03-05' });
    expect(grant.statusCode).toBe(400);
    expect(Object.keys(grant.json<{ error: { fields: object } }>().error.fields)).toEqual(['decidedOn']);
    expect(await rows(orgId, (tx) => tx.select().from(schema.matterDecisions).where(eq(schema.matterDecisions.matterId, matter.id)))).toHaveLength(0);
    const finalFirst = await nadia.session.post(`/api/matters/${matter.id}/decisions`, { body: 'immigration_judge', outcome: 'denied', decidedOn: '2026-04-01', finalOn: '2026-03-30' });
    expect(finalFirst.json()).toMatchObject({ error: { fields: { finalOn: 'A decision cannot become final before it is made' } } });
  });

  it('a closed matter is read-only (409) and another representative’s matter does not exist for Nadia (404)', async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter({ status: 'closed' });
    const filing = { form: 'I-765', filedWith: 'uscis', filedOn: addDays(today(), -1), feeCents: 0 };
    const closed = await nadia.session.post(`/api/matters/${matter.id}/filings`, filing);
    expect(closed.statusCode).toBe(409);
    expect((await nadia.session.get(`/api/matters/${matter.id}/filings`)).statusCode).toBe(200);

    const omar = await memberSession(t, 'legal_representative', orgId);
    const hers = await createMatterRecord(t, orgId, { representativeId: nadia.user.id });
    for (const response of [
      await omar.session.get(`/api/matters/${hers.id}/filings`),
      await omar.session.post(`/api/matters/${hers.id}/filings`, filing),
      await omar.session.post(`/api/matters/${hers.id}/hearings`, { court: 'Boston Immigration Court', hearingType: 'master', date: '2027-03-10', time: '09:00' }),
      await omar.session.get(`/api/matters/${hers.id}/decisions`),
    ]) {
      expect(response.statusCode).toBe(404);
    }
    const mine = await nadia.session.post(`/api/matters/${hers.id}/filings`, { ...filing, receiptNumber: 'EAC2612345678' });
    const filingId = mine.json<{ filing: { id: string } }>().filing.id;
    expect((await omar.session.get(`/api/matter-filings/${filingId}/receipt-number`)).statusCode).toBe(404);
    expect((await omar.session.patch(`/api/matter-filings/${filingId}`, { note: 'Mine now', version: 1 })).statusCode).toBe(404);
  });

  it('a hearing and a check-in keep the zone they were scheduled in: a new court brings its zone, and the tickler reads it', async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter({ type: 'defensive_asylum' });
    const date = addDays(today(), 20);
    const created = await nadia.session.post(`/api/matters/${matter.id}/hearings`, { court: 'Chicago Immigration Court', hearingType: 'master', date, time: '09:00' });
    const hearing = created.json<{ id: string }>();
    // The case moves to Los Angeles: same notice time, the new court's zone.
    const moved = await nadia.session.patch(`/api/matter-hearings/${hearing.id}`, { court: 'Los Angeles Immigration Court', version: 1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ date, time: '09:00', timeZone: 'America/Los_Angeles', version: 2 });
    const [row] = await rows(orgId, (tx) => tx.select().from(schema.matterHearings).where(eq(schema.matterHearings.id, hearing.id)));
    expect(row!.timeZone).toBe('America/Los_Angeles');
    // A check-in moved to another office's zone.
    const checkin = (await nadia.session.post(`/api/matters/${matter.id}/checkins`, { agency: 'isap', location: 'ISAP Phoenix', date, time: '08:00' })).json<{ id: string }>();
    const rezoned = await nadia.session.patch(`/api/matter-checkins/${checkin.id}`, { timeZone: 'America/Phoenix', version: 1 });
    expect(rezoned.json()).toMatchObject({ date, time: '08:00', timeZone: 'America/Phoenix' });

    // The deadlines page shows both at their local time.
    const mine = (await nadia.session.get(`/api/tickler/mine?kinds=hearing,checkin`)).json<{ items: { id: string; date: string; time: string }[] }>();
    expect(mine.items.find((i) => i.id === hearing.id)).toMatchObject({ date, time: '09:00' });
    expect(mine.items.find((i) => i.id === checkin.id)).toMatchObject({ date, time: '08:00' });

    // The stored zone is what is read, whatever the chronology says (rows backfilled by migration have no event naming it).
    await rows(orgId, (tx) => tx.delete(schema.matterEvents).where(eq(schema.matterEvents.matterId, matter.id)));
    const list = (await nadia.session.get(`/api/matters/${matter.id}/hearings`)).json<{ items: { id: string; time: string; timeZone: string }[] }>();
    expect(list.items).toEqual([expect.objectContaining({ id: hearing.id, time: '09:00', timeZone: 'America/Los_Angeles' })]);
  });

  it('a forged or garbled cursor on filings and decisions is a 400 naming the cursor', async () => {
    const { nadia, matter } = await attorneyWithMatter();
    const forged = Buffer.from(JSON.stringify(['not-a-date', matter.id])).toString('base64url');
    const impossible = Buffer.from(JSON.stringify(['2026-02-30', matter.id])).toString('base64url');
    for (const list of ['filings', 'decisions']) {
      for (const cursor of [forged, impossible]) {
        const response = await nadia.session.get(`/api/matters/${matter.id}/${list}?cursor=${cursor}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: { fields: { cursor: expect.any(String) } } });
      }
    }
  });

  it('a missed check-in alerts only people who may still read the matter', async () => {
    const { orgId, nadia, matter } = await attorneyWithMatter();
    const attorney = await memberSession(t, 'supervisor', orgId);
    const colleague = await memberSession(t, 'legal_representative', orgId);
    await rows(orgId, (tx) => tx.update(schema.legalMatters).set({ supervisingAttorneyId: attorney.user.id }).where(eq(schema.legalMatters.id, matter.id)));
    const checkin = async () =>
      (await nadia.session.post(`/api/matters/${matter.id}/checkins`, { agency: 'ice_ero', location: '26 Federal Plaza', date: addDays(today(), -1), time: '10:00', responsibleId: colleague.user.id })).json<{ id: string }>();
    const notesOf = (userId: string) => rows(orgId, (tx) => tx.select().from(schema.notifications).where(and(eq(schema.notifications.orgId, orgId), eq(schema.notifications.userId, userId))));
    // The colleague opened the matter, so may read it and be responsible for its check-ins.
    await rows(orgId, (tx) => tx.update(schema.legalMatters).set({ createdBy: colleague.user.id }).where(eq(schema.legalMatters.id, matter.id)));

    // The client is protected after the matter was opened; only Nadia is assigned: neither the attorney nor the colleague hears of it.
    const first = await checkin();
    await rows(orgId, async (tx) => {
      await tx.update(schema.clients).set({ isProtected: true }).where(eq(schema.clients.id, matter.clientId));
      await tx.insert(schema.clientAssignments).values({ orgId, clientId: matter.clientId, userId: nadia.user.id }).onConflictDoNothing();
    });
    expect((await nadia.session.patch(`/api/matter-checkins/${first.id}`, { status: 'missed', version: 1 })).statusCode).toBe(200);
    expect(await notesOf(attorney.user.id)).toEqual([]);
    expect(await notesOf(colleague.user.id)).toEqual([]);

    // Assigned, the attorney hears of the next one; once moved to a role without matter access, no longer.
    await rows(orgId, (tx) => tx.insert(schema.clientAssignments).values({ orgId, clientId: matter.clientId, userId: attorney.user.id }));
    await rows(orgId, (tx) => tx.insert(schema.clientAssignments).values({ orgId, clientId: matter.clientId, userId: colleague.user.id }));
    const second = await checkin();
    await nadia.session.patch(`/api/matter-checkins/${second.id}`, { status: 'missed', version: 1 });
    expect((await notesOf(attorney.user.id)).map((n) => n.kind)).toEqual(['checkin_missed']);
    expect((await notesOf(colleague.user.id)).map((n) => n.kind)).toEqual(['checkin_missed']);
    await rows(orgId, (tx) => tx.update(schema.memberships).set({ role: 'case_manager' }).where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, attorney.user.id))));
    const third = await checkin();
    await nadia.session.patch(`/api/matter-checkins/${third.id}`, { status: 'missed', version: 1 });
    expect(await notesOf(attorney.user.id)).toHaveLength(1);
    expect(await notesOf(colleague.user.id)).toHaveLength(2);
  });
});
