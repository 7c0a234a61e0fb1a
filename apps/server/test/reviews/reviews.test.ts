import { and, eq } from 'drizzle-orm';
import { addDays, type CaseReviewList, type CaseReviewResponse, REVIEW_CHECKLIST_DEFAULT, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createTestApp, createUser, login, memberSession } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

/**
 * Case file reviews: a supervisor checks the case file against the program's checklist; every
 * item not met is a finding that becomes a task for the case's primary case manager. A refused
 * review saves nothing — no review, no task, no audit.
 */
describe('case file reviews', async () => {
  const t = await createTestApp();
  const today = todayIn('America/New_York');

  const allMet = () => REVIEW_CHECKLIST_DEFAULT.map((item) => ({ item, result: 'met' as const }));

  async function saved(orgId: string, caseId: string) {
    return systemTransaction(t.database.db, async (tx) => ({
      reviews: await tx.select().from(schema.caseReviews).where(and(eq(schema.caseReviews.orgId, orgId), eq(schema.caseReviews.caseId, caseId))),
      tasks: await tx.select().from(schema.tasks).where(and(eq(schema.tasks.orgId, orgId), eq(schema.tasks.caseId, caseId))),
      events: await tx.select().from(schema.caseEvents).where(and(eq(schema.caseEvents.orgId, orgId), eq(schema.caseEvents.caseId, caseId))),
      audit: await tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.action, 'review.recorded'))),
    }));
  }

  it('Sofia reviews Carla’s case: two findings become Carla’s tasks, due when Sofia said or in 14 days; Carla reads the review on her case', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const carla = await createUser(t, { orgId: sofia.orgId, role: 'case_manager', name: 'Carla Reyes' });
    const { kase } = await createCaseRecord(t, sofia.orgId, { caseManagerId: carla.id, supervisorId: sofia.user.id, stage: 'monitoring' });

    const checklist = await sofia.session.get(`/api/reviews/checklist?caseId=${kase.id}`);
    expect(checklist.json()).toEqual({ caseId: kase.id, caseReference: kase.reference, items: [...REVIEW_CHECKLIST_DEFAULT] });
    // Typed by its reference, as staff say it.
    const byReference = await sofia.session.get(`/api/reviews/checklist?reference=${encodeURIComponent(` ${kase.reference} `)}`);
    expect(byReference.json()).toMatchObject({ caseId: kase.id });
    expect((await sofia.session.get('/api/reviews/checklist?reference=C-1999-0001')).statusCode).toBe(404);

    const items = allMet().map((entry) => {
      if (entry.item === 'rights_and_responsibilities') {
        return { item: entry.item, result: 'not_met' as const, finding: 'Signed rights statement missing from the file', dueOn: addDays(today, 5) };
      }
      if (entry.item === 'notes') {
        return { item: entry.item, result: 'not_met' as const, finding: 'No note for the March home visit' };
      }
      if (entry.item === 'closure') {
        return { item: entry.item, result: 'not_applicable' as const };
      }
      return entry;
    });
    const response = await sofia.session.post('/api/reviews', { caseId: kase.id, reviewedOn: today, items, summary: 'Good file overall' });
    expect(response.statusCode, response.body).toBe(201);
    const review = response.json<CaseReviewResponse>();
    expect(review).toMatchObject({ caseId: kase.id, caseReference: kase.reference, reviewerId: sofia.user.id, reviewedOn: today, findings: 2, summary: 'Good file overall' });

    const { tasks, events, audit } = await saved(sofia.orgId, kase.id);
    expect(tasks.map((task) => ({ title: task.title, detail: task.detail, dueOn: task.dueOn, assignedTo: task.assignedTo, assignedBy: task.assignedBy, source: task.source, sourceKey: task.sourceKey })).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { title: 'Review finding: Case notes', detail: 'No note for the March home visit', dueOn: addDays(today, 14), assignedTo: carla.id, assignedBy: sofia.user.id, source: 'review_finding', sourceKey: `review:${review.id}:notes` },
      {
        title: 'Review finding: Rights and responsibilities',
        detail: 'Signed rights statement missing from the file',
        dueOn: addDays(today, 5),
        assignedTo: carla.id,
        assignedBy: sofia.user.id,
        source: 'review_finding',
        sourceKey: `review:${review.id}:rights_and_responsibilities`,
      },
    ]);
    // Each finding points at its task.
    const byItem = new Map(review.items.map((item) => [item.item, item.taskId]));
    expect(byItem.get('notes')).toBe(tasks.find((task) => task.sourceKey?.endsWith(':notes'))!.id);
    expect(byItem.get('intake')).toBeNull();
    expect(events.map((event) => event.kind)).toEqual(['review_recorded']);
    expect(audit).toHaveLength(1);
    // The audit keeps results, never the finding's words.
    expect(JSON.stringify(audit[0]!.after)).not.toContain('March home visit');

    const carlaSession = await login(t, carla.email);
    const list = await carlaSession.get(`/api/reviews?caseId=${kase.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<CaseReviewList>().items.map((item) => item.id)).toEqual([review.id]);
    expect((await carlaSession.get(`/api/reviews/${review.id}`)).json<CaseReviewResponse>().items).toHaveLength(REVIEW_CHECKLIST_DEFAULT.length);
    // Carla may read reviews, not write them.
    expect((await carlaSession.post('/api/reviews', { caseId: kase.id, reviewedOn: today, items: allMet() })).statusCode).toBe(403);
  });

  it('Refused reviews name the field and save nothing: a missing item, a finding left blank, an item not on the checklist, a future date', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const { kase } = await createCaseRecord(t, sofia.orgId, { supervisorId: sofia.user.id });
    const attempt = async (body: Record<string, unknown>) => {
      const response = await sofia.session.post('/api/reviews', { caseId: kase.id, reviewedOn: today, items: allMet(), ...body });
      expect(response.statusCode, response.body).toBe(400);
      return response.json<{ error: { fields: Record<string, string> } }>().error.fields;
    };
    expect(await attempt({ items: allMet().filter((entry) => entry.item !== 'plan') })).toEqual({ items: expect.stringContaining('Plan') });
    const blankFinding = allMet().map((entry, index) => (index === 3 ? { item: entry.item, result: 'not_met' } : entry));
    expect(await attempt({ items: blankFinding })).toHaveProperty(['items.3.finding']);
    const unknown = [...allMet(), { item: 'fingerprints', result: 'met' }];
    expect(await attempt({ items: unknown })).toHaveProperty(['items.8.item']);
    const twice = [...allMet(), { item: 'intake', result: 'met' }];
    expect(await attempt({ items: twice })).toHaveProperty(['items.8.item']);
    expect(await attempt({ reviewedOn: addDays(today, 2) })).toHaveProperty('reviewedOn');
    const dueEarly = allMet().map((entry, index) => (index === 0 ? { item: entry.item, result: 'not_met', finding: 'Intake form unsigned', dueOn: addDays(today, -1) } : entry));
    expect(await attempt({ items: dueEarly })).toHaveProperty(['items.0.dueOn']);

    const { reviews, tasks, events } = await saved(sofia.orgId, kase.id);
    expect({ reviews: reviews.length, tasks: tasks.length, events: events.length }).toEqual({ reviews: 0, tasks: 0, events: 0 });
  });

  it('A program’s own checklist is the one reviewed against; a closed case can be reviewed; a protected client’s case is 404 for an unassigned supervisor', async () => {
    const sofia = await memberSession(t, 'supervisor');
    const { kase } = await createCaseRecord(t, sofia.orgId, { status: 'closed', stage: 'closure', caseSettings: { reviewChecklist: ['Release of information signed', 'Budget reconciled'] } });
    const response = await sofia.session.post('/api/reviews', {
      caseId: kase.id,
      reviewedOn: today,
      items: [
        { item: 'Release of information signed', result: 'met' },
        { item: 'Budget reconciled', result: 'not_met', finding: 'Two receipts missing' },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const { tasks } = await saved(sofia.orgId, kase.id);
    expect(tasks.map((task) => task.title)).toEqual(['Review finding: Budget reconciled']);

    const hiddenClient = await createClientRecord(t, sofia.orgId, { isProtected: true });
    const hidden = await createCaseRecord(t, sofia.orgId, { clientId: hiddenClient.id, supervisorId: sofia.user.id });
    const refused = await sofia.session.post('/api/reviews', { caseId: hidden.kase.id, reviewedOn: today, items: allMet() });
    expect(refused.statusCode).toBe(404);
    expect((await sofia.session.get(`/api/reviews?caseId=${hidden.kase.id}`)).statusCode).toBe(404);
  });
});
