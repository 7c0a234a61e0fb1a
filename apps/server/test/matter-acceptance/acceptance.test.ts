import { and, eq } from 'drizzle-orm';
import { addDays, addYears, type MatterAcceptanceResponse, type MatterDetail, normalizeNameForSearch, rollForward, type TicklerList, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, memberSession, type TestApp } from '../support/app.js';
import { createCredentialRecord, createMatterRecord, type MatterRecordOptions } from '../support/legal.js';
import { createProgramRecord } from '../support/matrix.js';

const today = () => todayIn('America/New_York');
const ONE_YEAR = 'ASYLUM_ONE_YEAR_FILING';

/** A matter whose client party carries the client's name (the factory names every client party alike). */
async function matterFor(t: TestApp, orgId: string, clientName: string, options: MatterRecordOptions & { protectedClient?: boolean }) {
  const [givenName, familyName] = clientName.split(' ');
  const client = await createClientRecord(t, orgId, { givenName, familyName, isProtected: options.protectedClient ?? false });
  const matter = await createMatterRecord(t, orgId, { ...options, clientId: options.clientId ?? client.id });
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .update(schema.matterParties)
      .set({ name: clientName, searchName: normalizeNameForSearch(clientName) })
      .where(and(eq(schema.matterParties.orgId, orgId), eq(schema.matterParties.matterId, matter.id), eq(schema.matterParties.role, 'client'))),
  );
  return { matter, client };
}

async function addParty(t: TestApp, orgId: string, matterId: string, role: 'adverse_party' | 'derivative' | 'witness', name: string, dateOfBirth?: string) {
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.matterParties).values({ orgId, matterId, role, name, searchName: normalizeNameForSearch(name), dateOfBirth }),
  );
}

async function events(t: TestApp, orgId: string, matterId: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select({ kind: schema.matterEvents.kind })
      .from(schema.matterEvents)
      .where(and(eq(schema.matterEvents.orgId, orgId), eq(schema.matterEvents.matterId, matterId))),
  );
}

async function auditActions(t: TestApp, orgId: string, objectId: string) {
  const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select({ action: schema.auditEvents.action, after: schema.auditEvents.after })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, objectId))),
  );
  return rows;
}

const body = (response: { json: <T>() => T }) => response.json<MatterAcceptanceResponse>();

describe('matter acceptance and closing', async () => {
  const t = await createTestApp();

  /** Omar screens and represents (an attorney, not supervising); Sara supervises (a supervising attorney). */
  async function team() {
    const omar = await memberSession(t, 'legal_representative');
    const sara = await memberSession(t, 'supervisor', omar.orgId);
    await createCredentialRecord(t, omar.orgId, omar.user.id);
    await createCredentialRecord(t, omar.orgId, sara.user.id, { supervisingAttorney: true });
    return { orgId: omar.orgId, omar, sara };
  }

  /** A screening matter Omar opened, screened and conflict-checked with nothing found. */
  async function readyToDecide(orgId: string, omar: Awaited<ReturnType<typeof team>>['omar'], clientName = 'Lina Haddad') {
    const { matter, client } = await matterFor(t, orgId, clientName, { representativeId: null, createdBy: omar.user.id, status: 'screening' });
    expect((await omar.session.post(`/api/matters/${matter.id}/screening`, { summary: 'Arrived 8 months ago; fear of return', eligible: true, version: 1 })).statusCode).toBe(200);
    const checked = await omar.session.post(`/api/matters/${matter.id}/conflict-check`);
    expect(body(checked).conflictCheck).toMatchObject({ cleared: true, hits: [] });
    return { matter, client, version: body(checked).matter.version };
  }

  it('screening, a conflict check across every matter of the organization, clearing by a supervising attorney, then acceptance', async () => {
    const { orgId, omar, sara } = await team();
    const other = await memberSession(t, 'legal_representative', orgId);
    const { matter } = await matterFor(t, orgId, 'Amina Hassan', { representativeId: null, createdBy: omar.user.id, status: 'screening' });
    await addParty(t, orgId, matter.id, 'derivative', 'Yusuf Hassan', '2015-04-02');

    // Elsewhere in the organization: Amina is the adverse party on Karim's matter (a conflict)…
    const { matter: karims } = await matterFor(t, orgId, 'Karim Nasser', { representativeId: other.user.id });
    await addParty(t, orgId, karims.id, 'adverse_party', 'Amina Hasan');
    // …a derivative on another family's petition (same side: related)…
    const { matter: family } = await matterFor(t, orgId, 'Samir Hassan', { representativeId: other.user.id, type: 'family_petition' });
    await addParty(t, orgId, family.id, 'derivative', 'Amina Hassan');
    // …and the adverse party on a protected VAWA client's matter nobody here is assigned to.
    const { matter: vawa } = await matterFor(t, orgId, 'Noor Saleh', { representativeId: other.user.id, type: 'vawa', protectedClient: true });
    await addParty(t, orgId, vawa.id, 'adverse_party', 'Amina Hassan');
    // A different person entirely, and a same-named child with another birth date counts only by name.
    const { matter: unrelated } = await matterFor(t, orgId, 'Maria Lopez', { representativeId: other.user.id });
    await addParty(t, orgId, unrelated.id, 'witness', 'Pedro Gomez');

    const screened = await omar.session.post(`/api/matters/${matter.id}/screening`, { summary: 'Fled in 2025; one-year deadline close', eligible: true, version: 1 });
    expect(screened.statusCode, screened.body).toBe(200);
    expect(body(screened).screening).toMatchObject({ summary: 'Fled in 2025; one-year deadline close', eligible: true, screenedBy: { id: omar.user.id } });

    const checked = await omar.session.post(`/api/matters/${matter.id}/conflict-check`);
    expect(checked.statusCode, checked.body).toBe(200);
    const omarsView = body(checked).conflictCheck!;
    expect(omarsView.cleared).toBe(false);
    // Omar cannot read the other matters: roles only, never a reference or a name from them.
    expect(omarsView.hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'conflict', visibility: 'hidden', partyRole: 'client', partyName: 'Amina Hassan', matchedRole: 'adverse_party', matter: null, matchedName: null }),
        expect.objectContaining({ kind: 'related', visibility: 'hidden', partyRole: 'client', matchedRole: 'derivative', matter: null }),
        expect.objectContaining({ kind: 'confidential', visibility: 'confidential', matchedRole: null, matter: null }),
      ]),
    );
    expect(omarsView.hits.some((h) => h.matchedName === 'Pedro Gomez' || h.matchedName === 'Maria Lopez')).toBe(false);
    for (const secret of [karims.reference, family.reference, vawa.reference, 'Karim', 'Noor', 'Amina Hasan"']) {
      expect(checked.body).not.toContain(secret);
    }

    // Omar is an attorney but not a supervising one: he cannot decide.
    const refused = await omar.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: omar.user.id, version: 3 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { message: 'Only a supervising attorney can accept or decline a matter' } });

    // Sara reads every matter except the protected client's: the conflict shows its reference.
    const sarasView = body(await sara.session.get(`/api/matters/${matter.id}/acceptance`)).conflictCheck!;
    expect(sarasView.hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'conflict', visibility: 'visible', matchedName: 'Amina Hasan', matter: expect.objectContaining({ id: karims.id, reference: karims.reference, type: 'affirmative_asylum' }) }),
        expect.objectContaining({ kind: 'related', visibility: 'visible', matter: expect.objectContaining({ reference: family.reference }) }),
        expect.objectContaining({ kind: 'confidential', matter: null }),
      ]),
    );
    expect(sarasView.hits.find((h) => h.kind === 'conflict')!.similarity).toBeGreaterThanOrEqual(0.6);
    expect(JSON.stringify(sarasView)).not.toContain(vawa.reference);

    // Accepting before the hits are cleared is refused, naming the conflict check.
    const early = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: omar.user.id, version: 3 });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ error: { fields: { conflictCheck: expect.any(String) } } });

    expect((await omar.session.post(`/api/matters/${matter.id}/conflict-check/clear`, { note: 'Not her', version: 3 })).statusCode).toBe(403);
    expect((await sara.session.post(`/api/matters/${matter.id}/conflict-check/clear`, { note: ' ', version: 3 })).statusCode).toBe(400);
    // Omar re-runs the check while Sara reads the hits: her clearing names hits she may not have seen, so it is refused.
    const rerun = await omar.session.post(`/api/matters/${matter.id}/conflict-check`);
    expect(rerun.statusCode, rerun.body).toBe(200);
    const staleClear = await sara.session.post(`/api/matters/${matter.id}/conflict-check/clear`, { note: 'Different Amina', version: 3 });
    expect(staleClear.statusCode).toBe(409);
    expect(staleClear.json()).toMatchObject({ error: { message: 'Someone else changed this matter: reload it and try again' } });
    expect(body(await sara.session.get(`/api/matters/${matter.id}/acceptance`)).conflictCheck).toMatchObject({ cleared: false, clearedBy: null });
    const cleared = await sara.session.post(`/api/matters/${matter.id}/conflict-check/clear`, {
      note: 'Different Amina: other birth date and country, confirmed with the VAWA attorney',
      version: body(rerun).matter.version,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(body(cleared).conflictCheck).toMatchObject({ cleared: true, clearedBy: { id: sara.user.id }, note: expect.stringContaining('Different Amina') });
    const version = body(cleared).matter.version;

    const unknown = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit', 'client_is_nice'], representativeId: omar.user.id, version });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { fields: { criteria: "Use the program's selection criteria" } } });

    const noCredential = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: other.user.id, version });
    expect(noCredential.statusCode).toBe(400);
    expect(noCredential.json()).toMatchObject({ error: { fields: { representativeId: 'Only an attorney or a DOJ-accredited representative can represent a client' } } });

    const accepted = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit', 'staff_capacity'], representativeId: omar.user.id, version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(body(accepted)).toMatchObject({
      matter: { status: 'open', representative: { id: omar.user.id }, supervisingAttorney: { id: sara.user.id } },
      decision: { outcome: 'accepted', criteria: ['legal_merit', 'staff_capacity'], decidedBy: { id: sara.user.id } },
    });
    expect((await events(t, orgId, matter.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['screened', 'conflict_checked', 'accepted']));
    const audit = await auditActions(t, orgId, matter.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['matter.screened', 'matter.conflict_checked', 'matter.decided']));
    // Audit payloads carry codes and ids, never the screening summary or the clearing note.
    expect(JSON.stringify(audit)).not.toMatch(/Fled in 2025|Different Amina/);

    // A decided matter is not decided twice.
    const again = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'declined', criteria: [], reason: 'Changed my mind', version: body(accepted).matter.version });
    expect(again.statusCode).toBe(409);
  });

  it('a conflict check goes stale when a party is added, and a matching date of birth catches a differently spelled name', async () => {
    const { orgId, omar, sara } = await team();
    const { matter } = await matterFor(t, orgId, 'Fatima Zahra', { representativeId: null, createdBy: omar.user.id, status: 'screening' });
    await omar.session.post(`/api/matters/${matter.id}/screening`, { summary: 'Screened', eligible: true, version: 1 });
    expect(body(await omar.session.post(`/api/matters/${matter.id}/conflict-check`)).conflictCheck).toMatchObject({ cleared: true, hits: [] });

    const { matter: elsewhere } = await matterFor(t, orgId, 'Hadi Karimi', { representativeId: sara.user.id });
    await addParty(t, orgId, elsewhere.id, 'adverse_party', 'Mahmoud Rahimi', '1980-01-15');
    await addParty(t, orgId, matter.id, 'adverse_party', 'Mahmud Rahimy', '1980-01-15');

    const stale = body(await sara.session.get(`/api/matters/${matter.id}/acceptance`));
    expect(stale.conflictCheck!.stale).toBe(true);
    const refused = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: omar.user.id, version: stale.matter.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { fields: { conflictCheck: 'The parties changed since the conflict check: run it again' } } });

    const rerun = body(await omar.session.post(`/api/matters/${matter.id}/conflict-check`)).conflictCheck!;
    // Adverse party here and adverse party there: the same side, so related (listed, not blocking).
    expect(rerun).toMatchObject({ stale: false, cleared: true, related: 1, conflicts: 0 });
    const seen = body(await sara.session.get(`/api/matters/${matter.id}/acceptance`)).conflictCheck!.hits[0]!;
    expect(seen).toMatchObject({ kind: 'related', partyName: 'Mahmud Rahimy', matchedName: 'Mahmoud Rahimi', sameDateOfBirth: true });
  });

  it("accepting a protected client's matter gives the new representative access to the client (a supervisor's decision)", async () => {
    const { orgId, omar, sara } = await team();
    const rita = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, rita.user.id, { kind: 'accredited_representative', accreditationLevel: 'full' });
    const client = await createClientRecord(t, orgId, { givenName: 'Salma', familyName: 'Idris', isProtected: true, assignedTo: [omar.user.id, sara.user.id] });
    const { matter } = await matterFor(t, orgId, 'Salma Idris', { representativeId: null, createdBy: omar.user.id, status: 'screening', type: 'u_visa', clientId: client.id });
    await omar.session.post(`/api/matters/${matter.id}/screening`, { summary: 'Certified victim of a qualifying crime', eligible: true, version: 1 });
    const checked = body(await omar.session.post(`/api/matters/${matter.id}/conflict-check`));
    expect((await rita.session.get(`/api/matters/${matter.id}/acceptance`)).statusCode).toBe(404);

    const accepted = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: rita.user.id, version: checked.matter.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const ritasView = await rita.session.get(`/api/matters/${matter.id}/acceptance`);
    expect(ritasView.statusCode).toBe(200);
    expect(body(ritasView).matter).toMatchObject({ status: 'open', representative: { id: rita.user.id } });
    const assigned = await auditActions(t, orgId, client.id);
    expect(assigned).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'client.assigned', after: expect.objectContaining({ userId: rita.user.id, reason: 'matter_accepted' }) })]));
    // Reading a protected client's matter is itself recorded.
    expect((await auditActions(t, orgId, matter.id)).map((a) => a.action)).toContain('matter.read_sensitive');
  });

  it('accepting hands the deadlines computed during screening to the representative: their tickler lists the one-year deadline', async () => {
    const { orgId, omar, sara } = await team();
    const rita = await memberSession(t, 'legal_representative', orgId);
    await createCredentialRecord(t, orgId, rita.user.id);
    const client = await createClientRecord(t, orgId, { givenName: 'Nadia', familyName: 'Haddad' });
    const lastArrivalDate = addDays(today(), -300);
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.clients)
        .set({ lastArrivalDate })
        .where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.id, client.id))),
    );
    const program = await createProgramRecord(t, orgId, { name: 'Immigration legal services' });
    // Omar, the intake attorney, opens it in screening with no representative: the engine makes him responsible.
    const opened = await omar.session.post('/api/matters', { clientId: client.id, programId: program.id, type: 'affirmative_asylum' });
    expect(opened.statusCode, opened.body).toBe(201);
    const matter = opened.json<MatterDetail>();
    const due = rollForward(addYears(lastArrivalDate, 1));
    const ruleIdsOf = async (session: typeof omar.session) => (await session.get('/api/tickler/mine')).json<TicklerList>().items.map((i) => i.ruleId);
    expect(await ruleIdsOf(omar.session)).toContain(ONE_YEAR);
    expect(await ruleIdsOf(rita.session)).toEqual([]);

    await omar.session.post(`/api/matters/${matter.id}/screening`, { summary: 'Arrived ten months ago', eligible: true, version: matter.version });
    const checked = body(await omar.session.post(`/api/matters/${matter.id}/conflict-check`));
    const accepted = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: rita.user.id, version: checked.matter.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // The letters list the open deadline by its rule, so the web can name it in the letter's language.
    expect(body(accepted).openDeadlines).toEqual([expect.objectContaining({ ruleId: ONE_YEAR, dueOn: due })]);

    const ritas = (await rita.session.get('/api/tickler/mine')).json<TicklerList>();
    expect(ritas.items).toEqual([expect.objectContaining({ kind: 'deadline', ruleId: ONE_YEAR, date: due, matterId: matter.id, responsible: expect.objectContaining({ id: rita.user.id }) })]);
    expect(await ruleIdsOf(omar.session)).not.toContain(ONE_YEAR);
  });

  it('declining needs a reason, makes the matter read-only and keeps the decision for the letter', async () => {
    const { orgId, omar, sara } = await team();
    const { matter, version } = await readyToDecide(orgId, omar);
    const noReason = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'declined', criteria: ['staff_capacity'], version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: { fields: { reason: 'Say why the matter is declined' } } });

    const declined = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'declined', criteria: ['staff_capacity'], reason: 'No attorney free before the hearing', version });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(body(declined)).toMatchObject({ matter: { status: 'declined', representative: null }, decision: { outcome: 'declined', reason: 'No attorney free before the hearing', criteria: ['staff_capacity'] } });
    const after = body(declined).matter.version;

    const closing = await omar.session.post(`/api/matters/${matter.id}/close`, { reason: 'client_withdrew', summary: 'Withdrew', closedOn: today(), version: after });
    expect(closing.statusCode).toBe(409);
    expect((await omar.session.post(`/api/matters/${matter.id}/agreement`, { scope: 'Asylum', feeCents: 0, version: after })).statusCode).toBe(409);
    expect((await omar.session.post(`/api/matters/${matter.id}/conflict-check`)).statusCode).toBe(409);
    expect((await sara.session.post(`/api/matters/${matter.id}/reopen`, { reason: 'Try again', version: after })).statusCode).toBe(409);
    // Omar, who screened it, still reads it (for the declination letter).
    expect(body(await omar.session.get(`/api/matters/${matter.id}/acceptance`)).decision).toMatchObject({ outcome: 'declined' });
  });

  it("the agreement is made in the client's language, and once signed it cannot be replaced", async () => {
    const { orgId, omar, sara } = await team();
    const { matter, client, version } = await readyToDecide(orgId, omar, 'Huda Mansour');
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.clients)
        .set({ preferredLanguage: 'ar' })
        .where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.id, client.id))),
    );
    const tooEarly = await omar.session.post(`/api/matters/${matter.id}/agreement`, { scope: 'Asylum application', feeCents: 0, version });
    expect(tooEarly.statusCode).toBe(409);
    const accepted = await sara.session.post(`/api/matters/${matter.id}/decision`, { outcome: 'accepted', criteria: ['legal_merit'], representativeId: omar.user.id, version });
    let current = body(accepted).matter.version;

    const scope = 'Prepare and file Form I-589 with USCIS and represent at the asylum interview';
    const made = await omar.session.post(`/api/matters/${matter.id}/agreement`, { scope, feeCents: 15_000, feeNote: 'Payable in three monthly payments', version: current });
    expect(made.statusCode, made.body).toBe(200);
    expect(body(made)).toMatchObject({ client: { documentLanguage: 'ar' }, agreement: { scope, feeCents: 15_000, language: 'ar', signed: false, generatedBy: { id: omar.user.id } } });
    current = body(made).matter.version;

    // Until it is signed, preparing it again replaces it.
    const replaced = await omar.session.post(`/api/matters/${matter.id}/agreement`, { scope, feeCents: 10_000, version: current });
    expect(body(replaced).agreement).toMatchObject({ feeCents: 10_000, feeNote: null });
    current = body(replaced).matter.version;

    const future = await omar.session.post(`/api/matters/${matter.id}/agreement/sign`, { clientSignedOn: addDays(today(), 2), orgSignedOn: today(), version: current });
    expect(future.statusCode).toBe(400);
    const beforePrepared = await omar.session.post(`/api/matters/${matter.id}/agreement/sign`, { clientSignedOn: addDays(today(), -3), orgSignedOn: today(), version: current });
    expect(beforePrepared.statusCode).toBe(400);
    expect(beforePrepared.json()).toMatchObject({ error: { fields: { clientSignedOn: expect.any(String) } } });
    const stale = await omar.session.post(`/api/matters/${matter.id}/agreement/sign`, { clientSignedOn: today(), orgSignedOn: today(), version: current - 1 });
    expect(stale.statusCode).toBe(409);

    const signed = await omar.session.post(`/api/matters/${matter.id}/agreement/sign`, { clientSignedOn: today(), orgSignedOn: today(), version: current });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(body(signed).agreement).toMatchObject({ signed: true, clientSignedOn: today(), orgSignedOn: today(), orgSignedBy: { id: omar.user.id } });
    current = body(signed).matter.version;

    const regenerate = await omar.session.post(`/api/matters/${matter.id}/agreement`, { scope: 'Something else', feeCents: 0, version: current });
    expect(regenerate.statusCode).toBe(409);
    const fetched = await sara.session.get(`/api/matters/${matter.id}/agreement`);
    expect(fetched.json()).toMatchObject({ scope, feeCents: 10_000, language: 'ar', signed: true });
  });

  it('closing waits for scheduled hearings, sets the retention date from the program and can be reopened', async () => {
    const { orgId, omar, sara } = await team();
    const director = await memberSession(t, 'program_director', orgId);
    const { matter } = await matterFor(t, orgId, 'Rania Aziz', { representativeId: omar.user.id, openedOn: addDays(today(), -200) });
    const program = await director.session.patch(`/api/programs/${matter.programId}`, { legalSettings: { retentionYears: 10 } });
    expect(program.statusCode, program.body).toBe(200);
    expect(program.json()).toMatchObject({ legalSettings: { retentionYears: 10, reminderOffsets: [30, 14, 7, 2, 1] }, legalSettingsCustomized: true });

    const [hearing] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .insert(schema.matterHearings)
        .values({ orgId, matterId: matter.id, court: 'New York Broadway', hearingType: 'master', startsAt: new Date(Date.now() + 20 * 86_400_000), timeZone: 'America/New_York', responsibleId: omar.user.id, createdBy: omar.user.id })
        .returning(),
    );
    const closedOn = addDays(today(), -1);
    const request = { reason: 'completed_granted', summary: 'Asylum granted by USCIS', closedOn, version: 1 };
    const blocked = await omar.session.post(`/api/matters/${matter.id}/close`, request);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json()).toMatchObject({ error: { fields: { hearings: 'Record the outcome or cancel scheduled hearings and check-ins first' } } });

    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.matterHearings)
        .set({ status: 'cancelled' })
        .where(and(eq(schema.matterHearings.orgId, orgId), eq(schema.matterHearings.id, hearing!.id))),
    );
    const other = await omar.session.post(`/api/matters/${matter.id}/close`, { ...request, reason: 'other' });
    expect(other.json()).toMatchObject({ error: { fields: { reasonDetail: 'Describe the reason' } } });
    const beforeOpening = await omar.session.post(`/api/matters/${matter.id}/close`, { ...request, closedOn: addDays(today(), -300) });
    expect(beforeOpening.json()).toMatchObject({ error: { fields: { closedOn: 'The matter cannot close before it opened' } } });

    const closed = await omar.session.post(`/api/matters/${matter.id}/close`, request);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(body(closed)).toMatchObject({
      matter: { status: 'closed', closedOn, retentionUntil: addYears(closedOn, 10) },
      closing: { reason: 'completed_granted', summary: 'Asylum granted by USCIS', letterLanguage: 'en', retentionUntil: addYears(closedOn, 10), closedBy: { id: omar.user.id } },
    });
    const closedVersion = body(closed).matter.version;
    expect((await omar.session.post(`/api/matters/${matter.id}/close`, { ...request, version: closedVersion })).statusCode).toBe(409);

    // Omar holds matter.decide but no supervising attorney credential: he cannot undo the closing.
    const notSupervising = await omar.session.post(`/api/matters/${matter.id}/reopen`, { reason: 'Derivative petition for the son', version: closedVersion });
    expect(notSupervising.statusCode).toBe(403);
    expect(notSupervising.json()).toMatchObject({ error: { message: 'Only a supervising attorney can accept or decline a matter' } });
    expect(body(await omar.session.get(`/api/matters/${matter.id}/acceptance`)).matter).toMatchObject({ status: 'closed', retentionUntil: addYears(closedOn, 10) });

    const reopened = await sara.session.post(`/api/matters/${matter.id}/reopen`, { reason: 'Derivative petition for the son', version: closedVersion });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(body(reopened)).toMatchObject({ matter: { status: 'open', closedOn: null, retentionUntil: null }, closing: null });
    expect((await events(t, orgId, matter.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['closed', 'reopened']));
    expect((await auditActions(t, orgId, matter.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['matter.closed', 'matter.reopened']));
  });

  it('a closing letter follows the language asked for; a screening matter cannot be closed', async () => {
    const { orgId, omar } = await team();
    const { matter } = await matterFor(t, orgId, 'Luis Ortega', { representativeId: omar.user.id });
    const closed = await omar.session.post(`/api/matters/${matter.id}/close`, { reason: 'lost_contact', summary: 'No answer to three letters', closedOn: today(), letterLanguage: 'es', version: 1 });
    expect(body(closed).closing).toMatchObject({ letterLanguage: 'es', retentionUntil: addYears(today(), 7) });

    const { matter: screening } = await matterFor(t, orgId, 'Ana Ruiz', { representativeId: null, createdBy: omar.user.id, status: 'screening' });
    expect((await omar.session.post(`/api/matters/${screening.id}/close`, { reason: 'client_withdrew', summary: 'Withdrew', closedOn: today(), version: 1 })).statusCode).toBe(409);
  });

  it('program legal settings: stored partially, answered with the defaults filled in, reset with null', async () => {
    const director = await memberSession(t, 'program_director');
    const created = await director.session.post('/api/programs', { name: 'Immigration legal services' });
    expect(created.json()).toMatchObject({ legalSettings: { retentionYears: 7, escalateUnacknowledgedDays: 7 }, legalSettingsCustomized: false });
    const id = created.json<{ id: string }>().id;
    const criteria = ['within_program_priorities', 'legal_merit', 'resides_in_service_area'];
    const saved = await director.session.patch(`/api/programs/${id}`, { legalSettings: { selectionCriteria: criteria, reminderOffsets: [21, 7, 1] } });
    expect(saved.json()).toMatchObject({ legalSettings: { selectionCriteria: criteria, reminderOffsets: [21, 7, 1], retentionYears: 7 }, legalSettingsCustomized: true });
    const bad = await director.session.patch(`/api/programs/${id}`, { legalSettings: { reminderOffsets: [7, 7] } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ error: { fields: Record<string, string> } }>().error.fields)).toEqual(['legalSettings.reminderOffsets']);
    const reset = await director.session.patch(`/api/programs/${id}`, { legalSettings: null });
    expect(reset.json()).toMatchObject({ legalSettings: { retentionYears: 7 }, legalSettingsCustomized: false });
  });
});
