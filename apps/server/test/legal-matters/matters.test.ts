import { addDays, addYears, type DeadlineChange, type MatterDeadline, type MatterDeadlinesResponse, type MatterDetail, type MatterFactsResponse, type MatterPage, rollForward, todayIn } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recomputeAllDeadlines, recomputeMatterDeadlines } from '../../src/modules/legal-matters/deadlines.js';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { AppError } from '../../src/platform/errors.js';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';
import { testDbKind } from '../support/database.js';
import { createCredentialRecord } from '../support/legal.js';
import { createProgramRecord } from '../support/matrix.js';

const today = () => todayIn('America/New_York');
const ONE_YEAR = 'ASYLUM_ONE_YEAR_FILING';

describe('legal matters', async () => {
  const t = await createTestApp();

  /** Amira, an attorney on staff; a client who arrived `arrivedDaysAgo` days ago; a legal program. */
  async function team(options: { arrivedDaysAgo?: number; dateOfBirth?: string } = {}) {
    const amira = await memberSession(t, 'legal_representative');
    const orgId = amira.orgId;
    await createCredentialRecord(t, orgId, amira.user.id);
    const client = await createClientRecord(t, orgId, { givenName: 'Nadia', familyName: 'Haddad' });
    const lastArrivalDate = addDays(today(), -(options.arrivedDaysAgo ?? 300));
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.clients)
        .set({ lastArrivalDate, dateOfBirth: options.dateOfBirth ?? '1990-05-01' })
        .where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.id, client.id))),
    );
    const program = await createProgramRecord(t, orgId, { name: 'Immigration legal services' });
    return { orgId, amira, client, program, lastArrivalDate };
  }

  async function openAsylum(session: Awaited<ReturnType<typeof team>>['amira']['session'], clientId: string, programId: string, extra: Record<string, unknown> = {}) {
    const response = await session.post('/api/matters', { clientId, programId, type: 'affirmative_asylum', ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<MatterDetail>();
  }

  async function deadlinesOf(session: Awaited<ReturnType<typeof team>>['amira']['session'], matterId: string) {
    const response = await session.get(`/api/matters/${matterId}/deadlines`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<MatterDeadlinesResponse>();
  }

  const oneYearOf = (deadlines: MatterDeadlinesResponse) => deadlines.items.find((d) => d.ruleId === ONE_YEAR);

  it('opens an asylum matter from the client record and computes the one-year deadline with its citation', async () => {
    const { orgId, amira, client, program, lastArrivalDate } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id, parties: [{ role: 'derivative', name: 'Omar Haddad', relationship: 'son' }] });
    const year = today().slice(0, 4);
    expect(matter).toMatchObject({
      reference: `M-${year}-0001`,
      status: 'screening',
      type: 'affirmative_asylum',
      openedOn: today(),
      clientName: 'Nadia Haddad',
      client: { initials: 'NH', isProtected: false },
      representative: { id: amira.user.id },
      facts: {},
      effectiveFacts: { lastArrivalDate, dateOfBirth: '1990-05-01' },
      sources: { lastArrivalDate: { kind: 'client' }, dateOfBirth: { kind: 'client' } },
      capabilities: { canManage: true, canDecide: false },
    });
    const due = rollForward(addYears(lastArrivalDate, 1));
    expect(matter.nextDeadline).toMatchObject({ dueOn: due });

    const deadlines = await deadlinesOf(amira.session, matter.id);
    expect(oneYearOf(deadlines)).toMatchObject({ source: 'rule', dueOn: due, status: 'open', kind: 'deadline', responsible: { id: amira.user.id } });
    expect(oneYearOf(deadlines)!.citation).toContain('INA 208(a)(2)(B)');
    expect(oneYearOf(deadlines)!.explanation).toContain(`lastArrivalDate ${lastArrivalDate}`);
    expect(deadlines.history).toEqual([expect.objectContaining({ cause: 'opened', changes: [expect.objectContaining({ ruleId: ONE_YEAR, fromDueOn: null, toDueOn: due })] })]);

    const parties = (await amira.session.get(`/api/matters/${matter.id}/parties`)).json<{ items: { role: string; name: string }[] }>();
    expect(parties.items.map((p) => [p.role, p.name])).toEqual([
      ['client', 'Nadia Haddad'],
      ['derivative', 'Omar Haddad'],
    ]);

    // The second matter of the year takes the next number; the audit log has the opening, without names.
    const second = await openAsylum(amira.session, client.id, program.id);
    expect(second.reference).toBe(`M-${year}-0002`);
    const audit = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'matter.opened'))),
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Haddad');
  });

  it('refuses a representative without a credential, a partial accreditation before the court, bad facts and roles without matter actions', async () => {
    const { orgId, amira, client, program } = await team();
    const paralegal = await memberSession(t, 'legal_representative', orgId);
    let response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum', representativeId: paralegal.user.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.representativeId).toBe('Only an attorney or a DOJ-accredited representative can represent a client');

    await createCredentialRecord(t, orgId, paralegal.user.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today(), 300) });
    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'defensive_asylum', representativeId: paralegal.user.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.representativeId).toContain('partially accredited');
    // Before USCIS a partial accreditation is enough.
    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'work_permit', representativeId: paralegal.user.id });
    expect(response.statusCode).toBe(201);

    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum', supervisingAttorneyId: amira.user.id });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(['supervisingAttorneyId']);

    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum', facts: { lastArrivalDate: '2025-02-30' } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(['facts.lastArrivalDate']);
    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum', facts: { lastArivalDate: '2025-02-03' } });
    expect(Object.keys(response.json().error.fields)).toEqual(['facts.lastArivalDate']);

    const caseManager = await memberSession(t, 'case_manager', orgId);
    response = await caseManager.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum' });
    expect(response.statusCode).toBe(403);
    expect((await caseManager.session.get('/api/matters')).statusCode).toBe(403);

    const matters = (await amira.session.get(`/api/matters?clientId=${client.id}`)).json<MatterPage>();
    expect(matters.items.map((m) => m.type)).toEqual(['work_permit']);
  });

  it('a VAWA matter makes the client protected: an unassigned supervisor finds neither the client nor the matter', async () => {
    const { orgId, amira, client, program } = await team();
    const supervisor = await memberSession(t, 'supervisor', orgId);
    const matter = (await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'vawa', representativeId: amira.user.id })).json<MatterDetail>();
    expect(matter.client.isProtected).toBe(true);

    expect((await supervisor.session.get(`/api/matters/${matter.id}`)).statusCode).toBe(404);
    expect((await supervisor.session.get(`/api/matters/${matter.id}/deadlines`)).statusCode).toBe(404);
    expect((await supervisor.session.get(`/api/clients/${client.id}?reason=Supervision%20review`)).statusCode).toBe(404);
    const list = (await supervisor.session.get('/api/matters?scope=readable')).json<MatterPage>();
    expect(list.items.map((m) => m.id)).not.toContain(matter.id);

    // Amira, assigned by opening it, still sees both, and each read of the matter is recorded.
    expect((await amira.session.get(`/api/clients/${client.id}?reason=Preparing%20the%20VAWA%20petition`)).statusCode).toBe(200);
    expect((await amira.session.get(`/api/matters/${matter.id}`)).statusCode).toBe(200);
    const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.clients).where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.id, client.id))),
    );
    expect(row).toMatchObject({ isProtected: true, protectionBasis: 'vawa' });
    const reads = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'matter.read_sensitive'))),
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it('lists my matters by default; someone else’s only for those who read every matter', async () => {
    const { orgId, amira, client, program } = await team();
    const basil = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, basil.user.id);
    const director = await memberSession(t, 'program_director', orgId);
    const mine = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const his = await openAsylum(basil.session, client.id, program.id, { representativeId: basil.user.id });

    const amiraList = (await amira.session.get('/api/matters')).json<MatterPage>();
    expect(amiraList.items.map((m) => m.id)).toEqual([mine.id]);
    expect(amiraList.items[0]).toMatchObject({ clientName: 'Nadia Haddad', programName: 'Immigration legal services', representative: { id: amira.user.id } });
    expect(amiraList.items[0]!.nextDeadline).toMatchObject({ ruleId: ONE_YEAR, title: expect.stringContaining('one-year') });
    expect((await amira.session.get(`/api/matters/${his.id}`)).statusCode).toBe(404);
    expect((await amira.session.get(`/api/matters?representativeId=${basil.user.id}`)).statusCode).toBe(403);

    const directorView = (await director.session.get(`/api/matters?representativeId=${basil.user.id}`)).json<MatterPage>();
    expect(directorView.items.map((m) => m.id)).toEqual([his.id]);
    const everything = (await director.session.get(`/api/matters?scope=readable&limit=1`)).json<MatterPage>();
    expect(everything.items).toHaveLength(1);
    const rest = (await director.session.get(`/api/matters?scope=readable&limit=1&cursor=${everything.nextCursor}`)).json<MatterPage>();
    expect([...everything.items, ...rest.items].map((m) => m.id).sort()).toEqual([mine.id, his.id].sort());
    expect((await director.session.get('/api/matters?cursor=nonsense')).json().error.fields).toHaveProperty('cursor');
  });

  it('changing a fact moves the one-year deadline and says what moved and why; a stale version is refused', async () => {
    const { amira, client, program, lastArrivalDate } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const laterArrival = addDays(lastArrivalDate, 30);
    const response = await amira.session.put(`/api/matters/${matter.id}/facts`, { facts: { lastArrivalDate: laterArrival }, version: matter.version });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<MatterFactsResponse>();
    const from = rollForward(addYears(lastArrivalDate, 1));
    const to = rollForward(addYears(laterArrival, 1));
    expect(body.changes).toEqual<DeadlineChange[]>([{ ruleId: ONE_YEAR, title: expect.any(String) as string, fromDueOn: from, toDueOn: to, fromStatus: 'open', toStatus: 'open' }]);
    expect(body.matter).toMatchObject({ version: matter.version + 1, facts: { lastArrivalDate: laterArrival }, sources: { lastArrivalDate: { kind: 'matter' } } });

    const deadlines = await deadlinesOf(amira.session, matter.id);
    expect(oneYearOf(deadlines)!.dueOn).toBe(to);
    expect(deadlines.history[0]).toMatchObject({ cause: 'facts_changed:lastArrivalDate', actor: { id: amira.user.id }, changes: body.changes });
    expect(deadlines.history[1]).toMatchObject({ cause: 'opened' });

    const stale = await amira.session.put(`/api/matters/${matter.id}/facts`, { facts: { lastArrivalDate }, version: matter.version });
    expect(stale.statusCode).toBe(409);
    expect((await amira.session.put(`/api/matters/${matter.id}/facts`, { facts: { asOf: today() }, version: body.matter.version })).json().error.fields).toHaveProperty(['facts.asOf']);
  });

  it('an I-589 filing meets the one-year deadline and names the filing', async () => {
    const { orgId, amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const filedOn = addDays(today(), -3);
    const [filing] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.matterFilings).values({ orgId, matterId: matter.id, form: 'I-589', filedWith: 'uscis', filedOn, status: 'filed', createdBy: amira.user.id }).returning(),
    );
    const changes = await tenantTransaction(t.database.db, { orgId, userId: amira.user.id }, async (tx) => {
      const [row] = await tx.select().from(schema.legalMatters).where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.id, matter.id)));
      return recomputeMatterDeadlines(tx, { orgId, actorId: amira.user.id }, row!, 'filing_recorded');
    });
    expect(changes).toContainEqual(expect.objectContaining({ ruleId: ONE_YEAR, fromStatus: 'open', toStatus: 'met' }));
    const deadlines = await deadlinesOf(amira.session, matter.id);
    expect(oneYearOf(deadlines)).toMatchObject({ status: 'met', metByFilingId: filing!.id });
    // The receipt also starts the work-permit clock.
    expect(deadlines.items.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['EAD_C8_EARLIEST_FILING', 'EAD_C8_EARLIEST_GRANT']));
    const detail = (await amira.session.get(`/api/matters/${matter.id}`)).json<MatterDetail>();
    expect(detail.sources.i589ReceiptDate).toEqual({ kind: 'filing', filingId: filing!.id, form: 'I-589', field: 'filedOn' });
  });

  it('a missed one-year deadline asks for an attorney’s review; an unaccompanied child gets a note, not a deadline', async () => {
    const late = await team({ arrivedDaysAgo: 800 });
    const matter = await openAsylum(late.amira.session, late.client.id, late.program.id);
    const missed = oneYearOf(await deadlinesOf(late.amira.session, matter.id))!;
    expect(missed).toMatchObject({ status: 'missed', attorneyReview: true });
    expect(missed.notes.map((n) => n.text).join(' ')).toContain('8 CFR 208.4(a)(4)');

    const child = await team({ arrivedDaysAgo: 100, dateOfBirth: addYears(today(), -12) });
    const childMatter = await openAsylum(child.amira.session, child.client.id, child.program.id, { facts: { unaccompaniedChild: true } });
    const note = oneYearOf(await deadlinesOf(child.amira.session, childMatter.id))!;
    expect(note.kind).toBe('checkpoint');
    expect(note.title).toContain('does not apply');
    expect(note.notes.map((n) => n.text).join(' ')).toContain('INA 208(a)(2)(E)');
  });

  it('contradictory facts are refused naming the fact (or the decision field behind it) and nothing is saved', async () => {
    const { orgId, amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const response = await amira.session.put(`/api/matters/${matter.id}/facts`, {
      facts: { i589ReceiptDate: addDays(today(), -20), asylumGrantDate: addDays(today(), -40) },
      version: matter.version,
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(['facts.asylumGrantDate']);
    const after = (await amira.session.get(`/api/matters/${matter.id}`)).json<MatterDetail>();
    expect(after).toMatchObject({ version: matter.version, facts: {} });

    // A grant recorded before the application was received: the decision's date is at fault.
    await amira.session.put(`/api/matters/${matter.id}/facts`, { facts: { i589ReceiptDate: addDays(today(), -20) }, version: matter.version });
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.matterDecisions).values({ orgId, matterId: matter.id, body: 'uscis', outcome: 'granted', decidedOn: addDays(today(), -40), relief: 'asylum', createdBy: amira.user.id }),
    );
    const error = await tenantTransaction(t.database.db, { orgId, userId: amira.user.id }, async (tx) => {
      const [row] = await tx.select().from(schema.legalMatters).where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.id, matter.id)));
      return recomputeMatterDeadlines(tx, { orgId, actorId: amira.user.id }, row!, 'decision_recorded').catch((err: unknown) => err);
    });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(400);
    expect(Object.keys((error as AppError).fields!)).toEqual(['decidedOn']);
    expect((error as AppError).fields!.decidedOn).toContain('asylumGrantDate comes from the uscis decision');
  });

  it('manual deadlines: added for someone who can see the matter, completed once, reassigned', async () => {
    const { orgId, amira, client, program } = await team();
    const supervisor = await memberSession(t, 'supervisor', orgId);
    const caseManager = await memberSession(t, 'case_manager', orgId);
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const dueOn = addDays(today(), 10);

    let response = await amira.session.post(`/api/matters/${matter.id}/deadlines`, { title: 'Translate birth certificate', dueOn, responsibleId: caseManager.user.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('responsibleId');
    response = await amira.session.post(`/api/matters/${matter.id}/deadlines`, { title: 'Translate birth certificate', dueOn, responsibleId: amira.user.id, note: 'Certified translator' });
    expect(response.statusCode, response.body).toBe(201);
    const manual = response.json<MatterDeadline>();
    expect(manual).toMatchObject({ source: 'manual', ruleId: null, status: 'open', dueOn, notes: [{ type: 'information', text: 'Certified translator' }], version: 1 });

    response = await amira.session.post(`/api/matter-deadlines/${manual.id}/assign`, { responsibleId: supervisor.user.id, version: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<MatterDeadline>()).toMatchObject({ responsible: { id: supervisor.user.id }, version: 2 });

    expect((await amira.session.post(`/api/matter-deadlines/${manual.id}/complete`, { version: 1 })).statusCode).toBe(409);
    response = await amira.session.post(`/api/matter-deadlines/${manual.id}/complete`, { version: 2 });
    expect(response.statusCode).toBe(200);
    expect(response.json<MatterDeadline>()).toMatchObject({ status: 'done', version: 3 });
    expect((await amira.session.post(`/api/matter-deadlines/${manual.id}/complete`, { version: 3 })).statusCode).toBe(409);

    const oneYear = oneYearOf(await deadlinesOf(amira.session, matter.id))!;
    response = await amira.session.post(`/api/matter-deadlines/${oneYear.id}/complete`, { version: oneYear.version });
    expect(response.statusCode).toBe(409);

    // A fact change keeps the manual deadline as it is.
    const detail = (await amira.session.get(`/api/matters/${matter.id}`)).json<MatterDetail>();
    await amira.session.put(`/api/matters/${matter.id}/facts`, { facts: { lastArrivalDate: addDays(today(), -100) }, version: detail.version });
    const items = (await deadlinesOf(amira.session, matter.id)).items;
    expect(items.find((d) => d.id === manual.id)).toMatchObject({ status: 'done', dueOn });
  });

  it('parties: adverse parties added and removed, never the client', async () => {
    const { amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const added = await amira.session.post(`/api/matters/${matter.id}/parties`, { role: 'adverse_party', name: 'Émile Duré' });
    expect(added.statusCode).toBe(201);
    const { items } = (await amira.session.get(`/api/matters/${matter.id}/parties`)).json<{ items: { id: string; role: string }[] }>();
    const clientParty = items.find((p) => p.role === 'client')!;
    expect((await amira.session.delete(`/api/matter-parties/${clientParty.id}`)).statusCode).toBe(400);
    expect((await amira.session.delete(`/api/matter-parties/${added.json<{ id: string }>().id}`)).statusCode).toBe(204);
    expect((await amira.session.post(`/api/matters/${matter.id}/parties`, { role: 'client', name: 'X' })).statusCode).toBe(400);
  });

  it('changing the representative checks the credential again and hands over the open deadlines', async () => {
    const { orgId, amira, client, program } = await team();
    const basil = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, basil.user.id, { kind: 'accredited_representative', accreditationLevel: 'partial' });
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    let response = await amira.session.patch(`/api/matters/${matter.id}`, { type: 'defensive_asylum', representativeId: basil.user.id, version: matter.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('representativeId');
    response = await amira.session.patch(`/api/matters/${matter.id}`, { representativeId: basil.user.id, version: matter.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<MatterDetail>()).toMatchObject({ representative: { id: basil.user.id }, version: matter.version + 1 });
    expect((await amira.session.patch(`/api/matters/${matter.id}`, { representativeId: amira.user.id, version: matter.version })).statusCode).toBe(409);
    expect(oneYearOf(await deadlinesOf(basil.session, matter.id))!.responsible.id).toBe(basil.user.id);
  });

  /** What the audit log recorded for this client under `client.assigned`. */
  async function clientAssignedEvents(orgId: string, clientId: string) {
    const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .select({ after: schema.auditEvents.after })
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'client.assigned'), eq(schema.auditEvents.objectId, clientId))),
    );
    return rows.map((row) => row.after as { userId: string; reason: string });
  }

  it('naming someone new on a protected client’s matter needs a supervisor’s assignment, and is recorded', async () => {
    const { orgId, amira, client, program } = await team();
    const omar = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, omar.user.id);
    const sara = await memberSession(t, 'supervisor', orgId);
    await createCredentialRecord(t, orgId, sara.user.id, { supervisingAttorney: true });
    const reason = '?reason=Preparing%20the%20petition';
    const matter = (await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'vawa', representativeId: amira.user.id })).json<MatterDetail>();
    expect(matter.client.isProtected).toBe(true);

    // Amira (no client.assign) cannot hand the protected client to Omar, nor to a supervising attorney.
    let response = await amira.session.patch(`/api/matters/${matter.id}`, { representativeId: omar.user.id, version: matter.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.representativeId).toBe('This client is protected: a supervisor must first assign the representative to the client');
    response = await amira.session.patch(`/api/matters/${matter.id}`, { supervisingAttorneyId: sara.user.id, version: matter.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('supervisingAttorneyId');
    expect((await omar.session.get(`/api/clients/${client.id}${reason}`)).statusCode).toBe(404);
    expect((await omar.session.get(`/api/clients?q=Haddad`)).json<{ items: unknown[] }>().items).toHaveLength(0);
    expect((await amira.session.get(`/api/matters/${matter.id}`)).json<MatterDetail>()).toMatchObject({ representative: { id: amira.user.id }, supervisingAttorney: null, version: matter.version });

    // Nor open another matter for the same client naming Omar: nothing is saved.
    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'work_permit', representativeId: omar.user.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('representativeId');
    expect((await amira.session.get(`/api/matters?clientId=${client.id}`)).json<MatterPage>().items).toHaveLength(1);

    // Sara, a supervisor assigned to the client, may: Omar then sees the client, and the log says why.
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.insert(schema.clientAssignments).values({ orgId, clientId: client.id, userId: sara.user.id }));
    response = await sara.session.patch(`/api/matters/${matter.id}`, { representativeId: omar.user.id, version: matter.version });
    expect(response.statusCode, response.body).toBe(200);
    expect((await omar.session.get(`/api/clients/${client.id}${reason}`)).statusCode).toBe(200);
    expect((await omar.session.get(`/api/matters/${matter.id}`)).statusCode).toBe(200);
    expect(await clientAssignedEvents(orgId, client.id)).toContainEqual({ userId: omar.user.id, reason: 'matter_updated' });
  });

  it('opening a VAWA matter protects the client for the opener and the people named; once protected, naming others needs a supervisor', async () => {
    const { orgId, amira, client, program } = await team();
    const omar = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, omar.user.id);
    const sara = await memberSession(t, 'supervisor', orgId);
    await createCredentialRecord(t, orgId, sara.user.id, { supervisingAttorney: true });
    const reason = '?reason=Supervision';
    let response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 't_visa', representativeId: amira.user.id, supervisingAttorneyId: sara.user.id });
    expect(response.statusCode, response.body).toBe(201);
    expect((await sara.session.get(`/api/clients/${client.id}${reason}`)).statusCode).toBe(200);
    expect(await clientAssignedEvents(orgId, client.id)).toContainEqual({ userId: sara.user.id, reason: 'legal_matter' });

    // A second protected matter for the same client naming Omar: Amira cannot; Sara can, and it is recorded.
    response = await amira.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'u_visa', representativeId: omar.user.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('representativeId');
    expect((await omar.session.get(`/api/clients/${client.id}${reason}`)).statusCode).toBe(404);
    response = await sara.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'u_visa', representativeId: omar.user.id });
    expect(response.statusCode, response.body).toBe(201);
    expect((await omar.session.get(`/api/clients/${client.id}${reason}`)).statusCode).toBe(200);
    expect(await clientAssignedEvents(orgId, client.id)).toContainEqual({ userId: omar.user.id, reason: 'matter_opened' });
  });

  it('clearing the representative hands the computed deadlines to the supervising attorney, who is reminded from the start', async () => {
    const { orgId, amira, client, program } = await team();
    const sara = await memberSession(t, 'supervisor', orgId);
    await createCredentialRecord(t, orgId, sara.user.id, { supervisingAttorney: true });
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id, supervisingAttorneyId: sara.user.id });
    const oneYear = oneYearOf(await deadlinesOf(amira.session, matter.id))!;
    expect(oneYear.responsible.id).toBe(amira.user.id);
    // Amira has had the 30-day reminder.
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.ticklerReminders).values({ orgId, itemKind: 'deadline', itemId: oneYear.id, step: 'before:30', userId: amira.user.id }),
    );

    const response = await amira.session.patch(`/api/matters/${matter.id}`, { representativeId: null, version: matter.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(oneYearOf(await deadlinesOf(sara.session, matter.id))).toMatchObject({ responsible: { id: sara.user.id }, acknowledgedAt: null });
    const sent = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.ticklerReminders).where(and(eq(schema.ticklerReminders.orgId, orgId), eq(schema.ticklerReminders.itemId, oneYear.id))),
    );
    expect(sent).toEqual([]);
  });

  it('the history of what moved lists recomputes only, not acknowledgements or escalations', async () => {
    const { orgId, amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.insert(schema.matterEvents).values([
        { orgId, matterId: matter.id, kind: 'deadlines_changed', actorId: amira.user.id, data: { change: 'acknowledged' } },
        { orgId, matterId: matter.id, kind: 'deadlines_changed', actorId: null, data: { change: 'escalated' } },
      ]),
    );
    const { history } = await deadlinesOf(amira.session, matter.id);
    expect(history.map((entry) => [entry.cause, entry.changes.length > 0])).toEqual([['opened', true]]);
  });

  it('two people changing the same deadline at once: one wins, the other is told it changed', async () => {
    const { orgId, amira, client, program } = await team();
    const supervisor = await memberSession(t, 'supervisor', orgId);
    const colleague = await memberSession(t, 'supervisor', orgId);
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const add = (title: string) => amira.session.post(`/api/matters/${matter.id}/deadlines`, { title, dueOn: addDays(today(), 10), responsibleId: amira.user.id });
    const first = (await add('Gather country conditions')).json<MatterDeadline>();

    const assigned = await Promise.all([
      amira.session.post(`/api/matter-deadlines/${first.id}/assign`, { responsibleId: supervisor.user.id, version: 1 }),
      supervisor.session.post(`/api/matter-deadlines/${first.id}/assign`, { responsibleId: colleague.user.id, version: 1 }),
    ]);
    expect(assigned.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    const second = (await add('Send the declaration for translation')).json<MatterDeadline>();
    const completed = await Promise.all([
      amira.session.post(`/api/matter-deadlines/${second.id}/complete`, { version: 1 }),
      supervisor.session.post(`/api/matter-deadlines/${second.id}/complete`, { version: 1 }),
    ]);
    expect(completed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.matterEvents).where(and(eq(schema.matterEvents.orgId, orgId), eq(schema.matterEvents.matterId, matter.id), eq(schema.matterEvents.kind, 'deadline_completed'))),
    );
    expect(events).toHaveLength(1);
  });

  // Only PostgreSQL runs two transactions at once (PGlite has one connection).
  const concurrentOnly = testDbKind === 'postgres' ? it : null;
  concurrentOnly?.('the hourly recompute leaves a matter someone is changing to that change, and takes it up the next hour', async () => {
    const { orgId, amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const due = oneYearOf(await deadlinesOf(amira.session, matter.id))!.dueOn;
    const later = addDays(due, 1);
    let job: Promise<Awaited<ReturnType<typeof recomputeAllDeadlines>>> | null = null;
    // Someone is changing the matter (its row locked, as every change does) while the job runs.
    await tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
      await tx.select({ id: schema.legalMatters.id }).from(schema.legalMatters).where(and(eq(schema.legalMatters.orgId, orgId), eq(schema.legalMatters.id, matter.id))).for('update');
      job = recomputeAllDeadlines({ database: t.database }, { orgId, today: later });
      await Promise.race([job, new Promise((resolve) => setTimeout(resolve, 3000))]);
    });
    expect(await job!).toMatchObject({ matters: 0, mattersChanged: 0 });
    expect(oneYearOf(await deadlinesOf(amira.session, matter.id))!.status).toBe('open');

    expect(await recomputeAllDeadlines({ database: t.database }, { orgId, today: later })).toMatchObject({ matters: 1, mattersChanged: 1 });
    expect(oneYearOf(await deadlinesOf(amira.session, matter.id))!.status).toBe('missed');
  });

  it('the hourly recompute turns a passed deadline into a missed one, once', async () => {
    const { orgId, amira, client, program } = await team();
    const matter = await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id });
    const due = oneYearOf(await deadlinesOf(amira.session, matter.id))!.dueOn;
    // A second matter whose explanation has non-ASCII text ("expiry − 180 days"): stored and recomputed words must match.
    await openAsylum(amira.session, client.id, program.id, { representativeId: amira.user.id, type: 'work_permit', facts: { eadExpiryDate: addDays(today(), 400) } });

    const sameDay = await recomputeAllDeadlines({ database: t.database }, { orgId });
    expect(sameDay).toMatchObject({ matters: 2, mattersChanged: 0, changes: 0, skipped: 0 });

    const later = addDays(due, 1);
    const first = await recomputeAllDeadlines({ database: t.database }, { orgId, today: later, batchSize: 1 });
    expect(first).toMatchObject({ matters: 2, mattersChanged: 1 });
    const deadlines = await deadlinesOf(amira.session, matter.id);
    expect(oneYearOf(deadlines)).toMatchObject({ status: 'missed', attorneyReview: true });
    expect(deadlines.history[0]).toMatchObject({ cause: 'time_passed', actor: null, changes: [expect.objectContaining({ ruleId: ONE_YEAR, fromStatus: 'open', toStatus: 'missed' })] });

    const second = await recomputeAllDeadlines({ database: t.database }, { orgId, today: later });
    expect(second).toMatchObject({ matters: 2, mattersChanged: 0, changes: 0 });
    expect((await deadlinesOf(amira.session, matter.id)).history).toHaveLength(deadlines.history.length);
  });
});
