import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_ELIGIBILITY_RULES } from '@haven/domain';
import { createTestApp, memberSession, type Session } from '../support/app.js';
import {
  createProgram,
  eligibilityOf,
  enrollmentsOf,
  expectFieldRefused,
  type Intake,
  ok,
  type Program,
  type ProgramEligibility,
  registerClient,
  withStatus,
} from './support.js';

/** An organization with the demo programs, whose codes bring the default rules. */
async function agencyWithDemoPrograms(t: Awaited<ReturnType<typeof createTestApp>>) {
  const amina = await memberSession(t, 'org_admin');
  const karim = await memberSession(t, 'case_manager', amina.orgId);
  const programs = {
    rp: await createProgram(amina.session, 'Reception & Placement', 'RP'),
    icm: await createProgram(amina.session, 'Intensive Case Management', 'ICM'),
    mg: await createProgram(amina.session, 'Matching Grant', 'MG'),
    legal: await createProgram(amina.session, 'Legal services', 'LEGAL'),
  };
  return { amina, karim, orgId: amina.orgId, ...programs };
}

function resultOf(eligibility: ProgramEligibility, ruleKind: string) {
  const found = eligibility.evaluation.results.find((r) => r.ruleKind === ruleKind);
  expect(found, `no ${ruleKind} result`).toBeDefined();
  return found!;
}

/** Every reason the screen shows has its authority next to it. */
function expectCited(eligibility: ProgramEligibility): void {
  const { evaluation } = eligibility;
  for (const found of [evaluation.orr, ...evaluation.results, ...evaluation.results.flatMap((r) => r.notes)]) {
    expect(found.reason, found.code).not.toMatch(/\{\w+\}/);
    expect(found.citation.trim(), found.code).not.toBe('');
  }
}

describe('eligibility for the demo programs, at the edges of each window', async () => {
  const t = await createTestApp();

  it('Matching Grant: enrolling on day 31 after the ORR eligibility date is in time, day 32 is not; a child is outside the age limits and a missing birth date leaves it unknown', async () => {
    const { karim, mg } = await agencyWithDemoPrograms(t);
    const father = await registerClient(karim.session, withStatus('Hamid', 'Sultani', 'refugee', '2026-10-01', { dateOfBirth: '1990-03-03' }));

    const day31 = await eligibilityOf(karim.session, father, mg.id, { asOf: '2026-11-01' });
    expect(day31.evaluation).toMatchObject({ asOf: '2026-11-01', outcome: 'eligible', eligible: true });
    expect(resultOf(day31, 'window')).toMatchObject({ code: 'window.matching_grant.open', windowEnd: '2026-11-01', passed: true });
    expect(resultOf(day31, 'age')).toMatchObject({ code: 'age.in_range', params: { age: 36 } });
    expectCited(day31);

    const day32 = await eligibilityOf(karim.session, father, mg.id, { asOf: '2026-11-02' });
    expect(day32.evaluation).toMatchObject({ outcome: 'ineligible', eligible: false });
    const closed = resultOf(day32, 'window');
    expect(closed).toMatchObject({ code: 'window.matching_grant.closed', windowEnd: '2026-11-01', passed: false });
    expect(closed.reason).toContain('2026-11-01');
    expect(closed.citation).toMatch(/Matching Grant/);
    expectCited(day32);

    const daughter = await registerClient(karim.session, withStatus('Mina', 'Sultani', 'refugee', '2026-10-01', { dateOfBirth: '2016-06-01' }));
    const child = await eligibilityOf(karim.session, daughter, mg.id, { asOf: '2026-10-05' });
    expect(child.evaluation.outcome).toBe('ineligible');
    expect(resultOf(child, 'age')).toMatchObject({ code: 'age.below_min', params: { age: 10, min: 18 } });

    const uncle = await registerClient(karim.session, withStatus('Farid', 'Sultani', 'refugee', '2026-10-01'));
    const noBirthDate = await eligibilityOf(karim.session, uncle, mg.id, { asOf: '2026-10-05' });
    expect(noBirthDate.evaluation).toMatchObject({ outcome: 'unknown', eligible: false });
    expect(resultOf(noBirthDate, 'age')).toMatchObject({ outcome: 'unknown', code: 'age.missing_date_of_birth' });
  });

  it('Intensive Case Management (Preferred Communities): eligible on the last day of the five-year window, not the day after', async () => {
    const { karim, icm } = await agencyWithDemoPrograms(t);
    const client = await registerClient(karim.session, withStatus('Aline', 'Uwase', 'refugee', '2021-11-22'));

    const lastDay = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-11-21' });
    expect(lastDay.evaluation.outcome).toBe('eligible');
    expect(resultOf(lastDay, 'window')).toMatchObject({ code: 'window.preferred_communities.open', windowEnd: '2026-11-21' });
    expectCited(lastDay);

    const dayAfter = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-11-22' });
    expect(dayAfter.evaluation.outcome).toBe('ineligible');
    expect(resultOf(dayAfter, 'window')).toMatchObject({ code: 'window.preferred_communities.closed', windowEnd: '2026-11-21' });
    expect(resultOf(dayAfter, 'window').citation).toMatch(/Preferred Communities/);
    // The person is still ORR-eligible; only the program's window has closed.
    expect(dayAfter.evaluation.orr).toMatchObject({ outcome: 'eligible', code: 'orr.refugee', eligibilityDate: '2021-11-22' });

    // Before admission the window has not started.
    const before = await eligibilityOf(karim.session, client, icm.id, { asOf: '2021-11-21' });
    expect(before.evaluation.outcome).toBe('ineligible');
    expect(resultOf(before, 'orr_population').code).toBe('orr.not_yet');
  });

  it('Afghan humanitarian parolee: eligibility starts on the later of 2021-10-01 and community entry, given at intake; without that date it is unknown', async () => {
    const { karim, icm } = await agencyWithDemoPrograms(t);
    const client = await registerClient(karim.session, withStatus('Zarghona', 'Noori', 'parolee_afghan', '2021-08-24'));

    const unknown = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-01-15' });
    expect(unknown.evaluation).toMatchObject({ outcome: 'unknown', eligible: false, orr: { outcome: 'unknown', code: 'orr.missing.afghan_community_entry_date' } });
    expect(resultOf(unknown, 'window').code).toBe('window.orr_unknown');
    expectCited(unknown);

    // Entered the community before the benefits start: 2021-10-01 governs.
    const early = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-09-30', communityEntryDate: '2021-09-10' });
    expect(early.evaluation).toMatchObject({ outcome: 'eligible', orr: { population: 'afghan_parolee', eligibilityDate: '2021-10-01' } });
    expect(early.evaluation.orr.reason).toContain('2021-09-10');
    expect(early.evaluation.orr.citation).toContain('Pub. L. 117-43');
    expect(resultOf(early, 'window').windowEnd).toBe('2026-09-30');
    expect((await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-10-01', communityEntryDate: '2021-09-10' })).evaluation.outcome).toBe('ineligible');

    // Entered after it: the community entry date governs, and the window runs five years from it.
    const late = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-10-01', communityEntryDate: '2021-10-15' });
    expect(late.evaluation).toMatchObject({ outcome: 'eligible', orr: { eligibilityDate: '2021-10-15' } });
    expect(resultOf(late, 'window').windowEnd).toBe('2026-10-14');
  });

  it('Ukrainian humanitarian parolee: paroled before 2022-05-21 counts from 2022-05-21, after it from the parole date, and from 2024-04-24 when paroled from 2023-10-01', async () => {
    const { karim, icm } = await agencyWithDemoPrograms(t);
    const cases = [
      ['2022-04-10', '2022-05-21'],
      ['2022-05-21', '2022-05-21'],
      ['2022-06-03', '2022-06-03'],
      ['2023-11-01', '2024-04-24'],
    ] as const;
    for (const [paroled, expected] of cases) {
      const client = await registerClient(karim.session, withStatus('Olena', `Kovalenko${paroled.slice(0, 4)}`, 'parolee_ukrainian', paroled));
      const found = await eligibilityOf(karim.session, client, icm.id, { asOf: '2026-11-01' });
      expect(found.evaluation.orr, paroled).toMatchObject({ outcome: 'eligible', code: 'orr.ukrainian_parolee', population: 'ukrainian_parolee', eligibilityDate: expected });
      expect(found.evaluation.orr.citation, paroled).toContain('Pub. L. 117-128');
      expectCited(found);
    }
    // The five-year window from 2022-05-21 ends on 2027-05-20.
    const early = await registerClient(karim.session, withStatus('Taras', 'Bondarenko', 'parolee_ukrainian', '2022-03-15'));
    expect((await eligibilityOf(karim.session, early, icm.id, { asOf: '2027-05-20' })).evaluation.outcome).toBe('eligible');
    expect((await eligibilityOf(karim.session, early, icm.id, { asOf: '2027-05-21' })).evaluation.outcome).toBe('ineligible');
  });

  it('an asylum seeker is not ORR-eligible, with the reason and the authority; legal services are open to her; a client with no status recorded is unknown, not ineligible', async () => {
    const { karim, rp, icm, legal } = await agencyWithDemoPrograms(t);
    const seeker = await registerClient(karim.session, withStatus('Yeni', 'Castillo', 'asylum_seeker_defensive', '2025-03-01'));

    const all = ok<{ items: ProgramEligibility[] }>(await karim.session.get(`/api/clients/${seeker}/eligibility?asOf=2026-11-01`)).items;
    expect(all.map((p) => [p.programName, p.evaluation.outcome]).sort()).toEqual([
      ['Intensive Case Management', 'ineligible'],
      ['Legal services', 'eligible'],
      ['Matching Grant', 'ineligible'],
      ['Reception & Placement', 'ineligible'],
    ]);
    const icmResult = all.find((p) => p.programId === icm.id)!;
    expect(icmResult.evaluation.orr).toMatchObject({ outcome: 'ineligible' });
    expect(icmResult.evaluation.orr.citation).toContain('ORR PL 16-01');
    // The reason shown must say why her status does not count: a pending asylum application.
    const shown = [icmResult.evaluation.orr, ...icmResult.evaluation.results, ...icmResult.evaluation.results.flatMap((r) => r.notes)].map((f) => f.reason).join(' ');
    expect(shown).toMatch(/pending asylum application/i);
    expect(resultOf(icmResult, 'window').code).toBe('window.no_orr_eligibility');
    expect(all.find((p) => p.programId === legal.id)!.evaluation.results).toEqual([expect.objectContaining({ ruleKind: 'everyone', code: 'everyone', passed: true })]);
    expectCited(icmResult);

    const newcomer = await registerClient(karim.session, { givenName: 'Pierre', familyName: 'Joseph' });
    const unknown = await eligibilityOf(karim.session, newcomer, rp.id, { asOf: '2026-11-01' });
    expect(unknown.evaluation).toMatchObject({ outcome: 'unknown', eligible: false, orr: { outcome: 'unknown', code: 'orr.missing.status_history' } });
    expect(unknown.evaluation.results.map((r) => r.outcome)).toEqual(['unknown', 'unknown']);
  });

  it('bad eligibility queries are refused naming the parameter', async () => {
    const { karim, amina, icm } = await agencyWithDemoPrograms(t);
    const client = await registerClient(karim.session, withStatus('Aline', 'Mukamana', 'refugee', '2024-02-01'));
    const base = `/api/clients/${client}/eligibility`;
    expectFieldRefused(await karim.session.get(`${base}?asOf=2026-02-30`), 'asOf');
    expectFieldRefused(await karim.session.get(`${base}?communityEntryDate=2999-01-01`), 'communityEntryDate');
    expectFieldRefused(await karim.session.get(`${base}?programId=not-a-uuid`), 'programId');
    // An inactive program is not offered.
    ok(await amina.session.patch(`/api/programs/${icm.id}`, { active: false }));
    expectFieldRefused(await karim.session.get(`${base}?programId=${icm.id}`), 'programId');
    const items = ok<{ items: ProgramEligibility[] }>(await karim.session.get(base)).items;
    expect(items.map((p) => p.programId)).not.toContain(icm.id);
    expect(items).toHaveLength(3);
  });

  it('an Afghan family intake carries the community entry date to every member: completed with it, refused without it', async () => {
    const { karim, icm } = await agencyWithDemoPrograms(t);
    const ids = [
      await registerClient(karim.session, withStatus('Wahid', 'Karimi', 'parolee_afghan', '2021-09-02')),
      await registerClient(karim.session, withStatus('Fariba', 'Karimi', 'parolee_afghan', '2021-09-02')),
    ];
    const data = { clientIds: ids, serviceTier: 'comprehensive', tierReason: 'Newly arrived in our county after a secondary migration', programId: icm.id };
    const without = ok<Intake>(await karim.session.post('/api/intakes', { data }), 201);
    const refused = expectFieldRefused(await karim.session.post(`/api/intakes/${without.id}/complete`, { version: 1, enrolledOn: '2026-03-01' }), 'data.clientIds.0');
    expect(refused['data.clientIds.0']).toMatch(/community/);

    const saved = ok<Intake>(await karim.session.patch(`/api/intakes/${without.id}`, { version: 1, data: { extraFacts: { communityEntryDate: '2022-01-10' } } }));
    const done = ok<Intake>(await karim.session.post(`/api/intakes/${without.id}/complete`, { version: saved.version, enrolledOn: '2026-03-01' }));
    expect(done.enrollmentIds).toHaveLength(2);
    for (const id of ids) {
      const [enrollment] = await enrollmentsOf(karim.session, id);
      expect(enrollment).toMatchObject({ enrolledOn: '2026-03-01', eligibility: { asOf: '2026-03-01', eligible: true, orr: { eligibilityDate: '2022-01-10' } } });
    }
  });
});

describe('program eligibility rules, set by the program director', async () => {
  const t = await createTestApp();

  async function setRules(session: Session, program: Program, eligibilityRules: unknown) {
    return session.patch(`/api/programs/${program.id}`, { eligibilityRules });
  }

  it('Refugee Cash Assistance counted in RCA/RMA months: 4 months for a 2025-06-15 eligibility date, exact date or calendar month as the state counts, and 12 months up to 2025-05-04', async () => {
    const amina = await memberSession(t, 'org_admin');
    const dina = await memberSession(t, 'program_director', amina.orgId);
    const karim = await memberSession(t, 'case_manager', amina.orgId);
    const rca = await createProgram(amina.session, 'Refugee Cash Assistance', 'RCA');
    // A code without defaults is open to everyone until rules are set.
    expect(rca).toMatchObject({ eligibilityRules: { rules: [{ kind: 'everyone' }] }, eligibilityRulesCustomized: false });

    const exact = ok<Program>(await setRules(dina.session, rca, { rules: [{ kind: 'orr_population' }, { kind: 'window', window: 'rca_rma' }] }));
    expect(exact).toMatchObject({ eligibilityRulesCustomized: true, eligibilityRules: { rules: [{ kind: 'orr_population' }, { kind: 'window', window: 'rca_rma' }] } });

    const june = await registerClient(karim.session, withStatus('Amani', 'Mwangi', 'refugee', '2025-06-15'));
    const lastDay = await eligibilityOf(karim.session, june, rca.id, { asOf: '2025-10-14' });
    expect(lastDay.evaluation.outcome).toBe('eligible');
    expect(resultOf(lastDay, 'window')).toMatchObject({ code: 'window.rca_rma.open', windowEnd: '2025-10-14', params: { months: 4, counting: 'exact-date' } });
    expect(resultOf(lastDay, 'window').citation).toContain('45 CFR 400.211');
    expect((await eligibilityOf(karim.session, june, rca.id, { asOf: '2025-10-15' })).evaluation.outcome).toBe('ineligible');

    ok(await setRules(dina.session, rca, { rules: [{ kind: 'orr_population' }, { kind: 'window', window: 'rca_rma', countingMode: 'calendar-month' }] }));
    expect(resultOf(await eligibilityOf(karim.session, june, rca.id, { asOf: '2025-09-30' }), 'window')).toMatchObject({ outcome: 'eligible', windowEnd: '2025-09-30' });
    expect(resultOf(await eligibilityOf(karim.session, june, rca.id, { asOf: '2025-10-01' }), 'window')).toMatchObject({ code: 'window.rca_rma.closed', windowEnd: '2025-09-30' });

    ok(await setRules(dina.session, rca, { rules: [{ kind: 'orr_population' }, { kind: 'window', window: 'rca_rma' }] }));
    const may4 = await registerClient(karim.session, withStatus('Neema', 'Otieno', 'refugee', '2025-05-04'));
    const may5 = await registerClient(karim.session, withStatus('Baraka', 'Otieno', 'refugee', '2025-05-05'));
    expect(resultOf(await eligibilityOf(karim.session, may4, rca.id, { asOf: '2026-05-03' }), 'window')).toMatchObject({ outcome: 'eligible', params: { months: 12 } });
    expect(resultOf(await eligibilityOf(karim.session, may5, rca.id, { asOf: '2025-09-05' }), 'window')).toMatchObject({ outcome: 'ineligible', windowEnd: '2025-09-04', params: { months: 4 } });
  });

  it('invalid rules are refused naming eligibilityRules and change nothing; only those who manage programs may set them; null goes back to the defaults; enrollments keep the eligibility found on their day', async () => {
    const amina = await memberSession(t, 'org_admin');
    const dina = await memberSession(t, 'program_director', amina.orgId);
    const karim = await memberSession(t, 'case_manager', amina.orgId);
    const icm = await createProgram(amina.session, 'Intensive Case Management', 'ICM');
    expect(icm).toMatchObject({ eligibilityRules: DEFAULT_PROGRAM_ELIGIBILITY_RULES.ICM, eligibilityRulesCustomized: false });

    for (const bad of [
      { rules: [] },
      { rules: [{ kind: 'window', window: 'matching_grant_enrollment', countingMode: 'calendar-month' }] },
      { rules: [{ kind: 'age' }] },
      { rules: [{ kind: 'age', min: 65, max: 18 }] },
      { rules: [{ kind: 'orr_population', populations: ['asylum_seeker'] }] },
      { rules: [{ kind: 'horoscope' }] },
      { rules: [{ kind: 'everyone' }], extra: true },
      [],
    ]) {
      expectFieldRefused(await setRules(dina.session, icm, bad), 'eligibilityRules');
    }
    expect((await setRules(karim.session, icm, { rules: [{ kind: 'everyone' }] })).statusCode).toBe(403);
    const unchanged = ok<{ items: Program[] }>(await dina.session.get('/api/programs')).items.find((p) => p.id === icm.id)!;
    expect(unchanged).toMatchObject({ eligibilityRules: DEFAULT_PROGRAM_ELIGIBILITY_RULES.ICM, eligibilityRulesCustomized: false });

    const asylee = await registerClient(karim.session, withStatus('Tesfay', 'Gebre', 'asylee', '2024-01-10'));
    const enrollment = ok<{ id: string; eligibility: { eligible: boolean } }>(
      await karim.session.post('/api/enrollments', { clientId: asylee, programId: icm.id, serviceTier: 'comprehensive', tierReason: 'Employment plan and health follow-up' }),
      201,
    );
    expect(enrollment.eligibility.eligible).toBe(true);

    // Dina narrows the program to refugees and SIVs: the asylee no longer qualifies for new enrollments, with the reason.
    const narrowed = ok<Program>(await setRules(dina.session, icm, { rules: [{ kind: 'orr_population', populations: ['refugee', 'siv'] }, { kind: 'window', window: 'preferred_communities' }] }));
    expect(narrowed.eligibilityRulesCustomized).toBe(true);
    const now = await eligibilityOf(karim.session, asylee, icm.id, { asOf: '2026-11-01' });
    expect(now.evaluation.outcome).toBe('ineligible');
    expect(resultOf(now, 'orr_population')).toMatchObject({ code: 'orr.population_not_served', params: { population: 'asylee' } });
    // The enrollment made under the old rules keeps the finding of its day.
    expect(ok<{ eligibility: { eligible: boolean } }>(await karim.session.get(`/api/enrollments/${enrollment.id}`)).eligibility.eligible).toBe(true);

    const reset = ok<Program>(await setRules(dina.session, icm, null));
    expect(reset).toMatchObject({ eligibilityRules: DEFAULT_PROGRAM_ELIGIBILITY_RULES.ICM, eligibilityRulesCustomized: false });
    expect((await eligibilityOf(karim.session, asylee, icm.id, { asOf: '2026-11-01' })).evaluation.outcome).toBe('eligible');

    // Changing the rules is audited, before and after.
    const events = ok<{ items: { action: string; before: { eligibilityRulesCustomized: boolean }; after: { eligibilityRulesCustomized: boolean } }[] }>(
      await amina.session.get(`/api/audit-events?objectType=program&objectId=${icm.id}`),
    ).items;
    expect(events.filter((e) => e.action === 'program.updated').map((e) => [e.before.eligibilityRulesCustomized, e.after.eligibilityRulesCustomized])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
