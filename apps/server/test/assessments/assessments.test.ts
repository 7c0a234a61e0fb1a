import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  type AssessmentHistoryResponse,
  type AssessmentList,
  type AssessmentResponse,
  addDays,
  DEFAULT_ASSESSMENT_DOMAINS,
  type InstrumentList,
  type InstrumentResponse,
  todayIn,
} from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, createUser, login, memberSession, type Session, type TestApp } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

const today = todayIn('America/New_York');
const lastWeek = addDays(today, -7);

function errorOf(response: LightMyRequestResponse) {
  return response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;
}

function scoresFor(domains: readonly string[], score = 3) {
  return domains.map((domain) => ({ domain, score }));
}

async function defaultInstrument(session: Session): Promise<InstrumentResponse> {
  const response = await session.get('/api/assessment-instruments');
  expect(response.statusCode, response.body).toBe(200);
  const instrument = response.json<InstrumentList>().items.find((i) => i.name === 'Self-sufficiency assessment');
  expect(instrument).toBeDefined();
  return instrument!;
}

async function assessmentRows(t: TestApp, caseId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.assessments).where(eq(schema.assessments.caseId, caseId)));
}

describe('assessment instruments', async () => {
  const t = await createTestApp();

  it('an organization with no instrument gets the default self-sufficiency assessment, once, with its twelve domains', async () => {
    const karim = await memberSession(t, 'case_manager');
    const [first, second] = await Promise.all([karim.session.get('/api/assessment-instruments'), karim.session.get('/api/assessment-instruments')]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    const items = (await karim.session.get('/api/assessment-instruments')).json<InstrumentList>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'Self-sufficiency assessment', version: 1, current: true, active: true });
    expect(items[0]!.domains.map((d) => d.key)).toEqual([...DEFAULT_ASSESSMENT_DOMAINS]);
    const rows = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.assessmentInstruments).where(eq(schema.assessmentInstruments.orgId, karim.orgId)),
    );
    expect(rows).toHaveLength(1);
  });

  it('an admin adds an instrument; duplicate domain keys are refused naming the second one; a volunteer may not read instruments', async () => {
    const admin = await memberSession(t, 'org_admin');
    const twice = await admin.session.post('/api/assessment-instruments', {
      name: 'Youth wellbeing',
      domains: [
        { key: 'school', label: 'School' },
        { key: 'school', label: 'School again' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(errorOf(twice).fields).toHaveProperty(['domains.1.key']);
    const none = await admin.session.post('/api/assessment-instruments', { name: 'Empty', domains: [] });
    expect(errorOf(none).fields).toHaveProperty('domains');

    const created = await admin.session.post('/api/assessment-instruments', { name: 'Youth wellbeing', domains: [{ key: 'school', label: 'School' }] });
    expect(created.statusCode, created.body).toBe(201);

    const volunteer = await memberSession(t, 'volunteer', admin.orgId);
    expect((await volunteer.session.get('/api/assessment-instruments')).statusCode).toBe(403);
    const karim = await memberSession(t, 'case_manager', admin.orgId);
    expect((await karim.session.post('/api/assessment-instruments', { name: 'Mine', domains: [{ key: 'school', label: 'School' }] })).statusCode).toBe(403);
  });

  it('a change makes version 2; an assessment made with version 1 keeps v1’s domains; v1 can no longer be used; a stale edit is refused', async () => {
    const admin = await memberSession(t, 'org_admin');
    const karim = await memberSession(t, 'case_manager', admin.orgId);
    const { kase } = await createCaseRecord(t, admin.orgId, { caseManagerId: karim.user.id });
    const v1 = (
      await admin.session.post('/api/assessment-instruments', {
        name: 'Housing check',
        domains: [
          { key: 'housing', label: 'Housing' },
          { key: 'food', label: 'Food' },
        ],
      })
    ).json<InstrumentResponse>();

    const old = await karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: v1.id, assessedOn: lastWeek, scores: scoresFor(['housing', 'food'], 2) });
    expect(old.statusCode, old.body).toBe(201);

    const changed = await admin.session.put(`/api/assessment-instruments/${v1.id}`, {
      name: 'Housing check',
      domains: [
        { key: 'housing', label: 'Housing' },
        { key: 'rent_arrears', label: 'Rent arrears' },
      ],
      active: true,
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const v2 = changed.json<InstrumentResponse>();
    expect(v2).toMatchObject({ familyId: v1.familyId, version: 2, current: true });
    expect(v2.id).not.toBe(v1.id);
    expect((await admin.session.get(`/api/assessment-instruments/${v1.id}`)).json<InstrumentResponse>()).toMatchObject({ version: 1, current: false });
    const current = (await admin.session.get('/api/assessment-instruments')).json<InstrumentList>().items.filter((i) => i.familyId === v1.familyId);
    expect(current.map((i) => i.version)).toEqual([2]);

    const again = await admin.session.put(`/api/assessment-instruments/${v1.id}`, { name: 'Housing check', domains: [{ key: 'housing', label: 'Housing' }], active: true, version: 1 });
    expect(again.statusCode).toBe(409);

    const withOld = await karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: v1.id, assessedOn: today, scores: scoresFor(['housing', 'food']) });
    expect(withOld.statusCode).toBe(400);
    expect(errorOf(withOld).fields).toHaveProperty('instrumentId');
    const withNew = await karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: v2.id, assessedOn: today, scores: scoresFor(['housing', 'rent_arrears'], 4) });
    expect(withNew.statusCode, withNew.body).toBe(201);

    const list = (await karim.session.get(`/api/cases/${kase.id}/assessments`)).json<AssessmentList>();
    expect(list.items.map((a) => a.assessedOn)).toEqual([today, lastWeek]);
    expect(list.items[1]!.instrument.domains.map((d) => d.key)).toEqual(['housing', 'food']);
    expect(list.items[0]!.instrument.domains.map((d) => d.key)).toEqual(['housing', 'rent_arrears']);
  });
});

describe('assessments', async () => {
  const t = await createTestApp();

  it('Karim records an assessment: every domain scored, with strengths and barriers; the case chronology and audit have it, without the scores', async () => {
    const karim = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, karim.orgId, { caseManagerId: karim.user.id, stage: 'assessment' });
    const instrument = await defaultInstrument(karim.session);
    const scores = instrument.domains.map((d, i) => ({ domain: d.key, score: (i % 5) + 1 }));
    scores[0] = { ...scores[0]!, strengths: 'Stable lease until June', barriers: 'Rent is 60% of income' } as (typeof scores)[number];
    const response = await karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: instrument.id, assessedOn: lastWeek, scores, summary: 'First full assessment' });
    expect(response.statusCode, response.body).toBe(201);
    const assessment = response.json<AssessmentResponse>();
    expect(assessment.scores[0]).toEqual({ domain: 'housing', score: 1, strengths: 'Stable lease until June', barriers: 'Rent is 60% of income' });
    expect(assessment.scores).toHaveLength(12);

    const events = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.caseEvents).where(and(eq(schema.caseEvents.caseId, kase.id), eq(schema.caseEvents.kind, 'assessment_recorded'))),
    );
    expect(events).toHaveLength(1);
    const audits = await systemTransaction(t.database.db, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, karim.orgId), eq(schema.auditEvents.objectId, assessment.id))),
    );
    expect(audits.map((a) => a.action)).toEqual(['assessment.recorded']);
    expect(JSON.stringify(audits[0])).not.toContain('Rent is 60%');
  });

  it('bad scores are refused naming the field, and nothing is saved', async () => {
    const karim = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, karim.orgId, { caseManagerId: karim.user.id, openedOn: addDays(today, -30) });
    const instrument = await defaultInstrument(karim.session);
    const keys = instrument.domains.map((d) => d.key);
    const post = (body: Record<string, unknown>) =>
      karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: instrument.id, assessedOn: lastWeek, scores: scoresFor(keys), ...body });

    const cases: [Record<string, unknown>, string][] = [
      [{ scores: scoresFor(keys.slice(1)) }, 'scores'],
      [{ scores: [...scoresFor(keys.slice(1)), { domain: 'astrology', score: 3 }] }, 'scores.11.domain'],
      [{ scores: [...scoresFor(keys), { domain: 'housing', score: 2 }] }, 'scores.12.domain'],
      [{ scores: [{ domain: 'housing', score: 6 }, ...scoresFor(keys.slice(1))] }, 'scores.0.score'],
      [{ scores: [{ domain: 'housing', score: 2.5 }, ...scoresFor(keys.slice(1))] }, 'scores.0.score'],
      [{ scores: [{ domain: 'housing', score: 2, barriers: 'x'.repeat(2001) }, ...scoresFor(keys.slice(1))] }, 'scores.0.barriers'],
      [{ assessedOn: addDays(today, 2) }, 'assessedOn'],
      [{ assessedOn: addDays(today, -31) }, 'assessedOn'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(errorOf(response).fields, field).toHaveProperty([field]);
    }
    expect(await assessmentRows(t, kase.id)).toHaveLength(0);
  });

  it('a closed case refuses a new assessment (409) but its history can still be read', async () => {
    const karim = await memberSession(t, 'case_manager');
    const { kase } = await createCaseRecord(t, karim.orgId, { caseManagerId: karim.user.id, status: 'closed' });
    const instrument = await defaultInstrument(karim.session);
    const response = await karim.session.post(`/api/cases/${kase.id}/assessments`, { instrumentId: instrument.id, assessedOn: lastWeek, scores: scoresFor(instrument.domains.map((d) => d.key)) });
    expect(response.statusCode).toBe(409);
    expect(await assessmentRows(t, kase.id)).toHaveLength(0);
    expect((await karim.session.get(`/api/cases/${kase.id}/assessments`)).statusCode).toBe(200);
  });

  it('a client’s scores over time: across the cases the caller may read; another case manager sees none; an invisible client is 404', async () => {
    const karim = await memberSession(t, 'case_manager');
    const orgId = karim.orgId;
    const amina = await createClientRecord(t, orgId, { givenName: 'Amina', familyName: 'Haddad' });
    const { kase: first } = await createCaseRecord(t, orgId, { caseManagerId: karim.user.id, clientId: amina.id, openedOn: addDays(today, -90) });
    const instrument = await defaultInstrument(karim.session);
    const keys = instrument.domains.map((d) => d.key);
    for (const [days, score] of [
      [-60, 1],
      [-30, 3],
    ] as const) {
      const r = await karim.session.post(`/api/cases/${first.id}/assessments`, { instrumentId: instrument.id, assessedOn: addDays(today, days), scores: scoresFor(keys, score) });
      expect(r.statusCode, r.body).toBe(201);
    }

    const history = (await karim.session.get(`/api/clients/${amina.id}/assessment-history`)).json<AssessmentHistoryResponse>();
    expect(history.assessedOn).toEqual([addDays(today, -60), addDays(today, -30)]);
    const housing = history.domains.find((d) => d.key === 'housing');
    expect(housing).toMatchObject({ label: 'Housing', isDefault: true });
    expect(housing!.points).toEqual([
      { assessedOn: addDays(today, -60), score: 1 },
      { assessedOn: addDays(today, -30), score: 3 },
    ]);

    // Layla manages other cases: Amina's case is not hers, so she sees no scores.
    const layla = await memberSession(t, 'case_manager', orgId);
    const hers = await layla.session.get(`/api/clients/${amina.id}/assessment-history`);
    expect(hers.statusCode).toBe(200);
    expect(hers.json<AssessmentHistoryResponse>().domains).toEqual([]);

    // A supervisor reads every case.
    const sam = await memberSession(t, 'supervisor', orgId);
    expect((await sam.session.get(`/api/clients/${amina.id}/assessment-history`)).json<AssessmentHistoryResponse>().assessedOn).toHaveLength(2);

    // A protected client assigned to someone else does not exist for Karim.
    const other = await createUser(t, { orgId, role: 'case_manager' });
    const hidden = await createClientRecord(t, orgId, { isProtected: true, assignedTo: [other.id] });
    const response = await karim.session.get(`/api/clients/${hidden.id}/assessment-history`);
    expect(response.statusCode).toBe(404);
    const otherSession = await login(t, other.email);
    expect((await otherSession.get(`/api/clients/${hidden.id}/assessment-history`)).statusCode).toBe(200);
  });
});
