import { addDays, REVIEW_CHECKLIST_DEFAULT, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../../src/platform/db/index.js';
import type { TestApp } from '../../support/app.js';
import { callerId, createCaseRecord } from '../../support/cases.js';
import { type BadInput, type Caller, type ModuleCases, send } from '../../support/matrix.js';

const today = todayIn('America/New_York');
const allMet = () => REVIEW_CHECKLIST_DEFAULT.map((item) => ({ item, result: 'met' }));

/** A case worked by the caller (so case.read alone reaches it) — a fresh case manager's for a visitor. */
function ownCase(t: TestApp, caller: Caller, orgId: string) {
  return createCaseRecord(t, orgId, { caseManagerId: callerId(caller) });
}

/** A review of the caller's own case, written by a supervisor outside the matrix's crew. */
async function ownReview(t: TestApp, caller: Caller, orgId: string) {
  const { kase } = await ownCase(t, caller, orgId);
  const [review] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.caseReviews)
      .values({ orgId, caseId: kase.id, reviewerId: kase.primaryCaseManagerId, reviewedOn: today, items: REVIEW_CHECKLIST_DEFAULT.map((item) => ({ item, result: 'met' as const })) })
      .returning(),
  );
  return review!;
}

export const supervisionReportCases: ModuleCases = {
  routes: (t) => [
    { route: 'GET /api/supervision/dashboard', needs: 'case.supervise', call: (c) => send(t, c, 'GET', '/api/supervision/dashboard') },
    {
      route: 'GET /api/reviews',
      needs: 'case.read',
      call: async (c, orgId) => {
        const { kase } = await ownCase(t, c, orgId);
        return send(t, c, 'GET', `/api/reviews?caseId=${kase.id}`);
      },
    },
    {
      route: 'GET /api/reviews/checklist',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase } = await ownCase(t, c, orgId);
        return send(t, c, 'GET', `/api/reviews/checklist?caseId=${kase.id}`);
      },
    },
    {
      route: 'POST /api/reviews',
      needs: 'case.supervise',
      call: async (c, orgId) => {
        const { kase } = await ownCase(t, c, orgId);
        return send(t, c, 'POST', '/api/reviews', { caseId: kase.id, reviewedOn: today, items: allMet() });
      },
    },
    {
      route: 'GET /api/reviews/:id',
      needs: 'case.read',
      call: async (c, orgId) => {
        const review = await ownReview(t, c, orgId);
        return send(t, c, 'GET', `/api/reviews/${review.id}`);
      },
    },
    { route: 'GET /api/reports/active-clients-served', needs: 'report.read', call: (c) => send(t, c, 'GET', '/api/reports/active-clients-served?month=2026-03') },
    { route: 'GET /api/reports/monthly-contact-rate', needs: 'report.read', call: (c) => send(t, c, 'GET', '/api/reports/monthly-contact-rate?from=2026-01&to=2026-03') },
  ],
  badInputs: (t) => {
    const review = (story: string, field: string, body: (caseId: string) => Record<string, unknown>): BadInput => ({
      route: 'POST /api/reviews',
      story,
      as: 'org_admin',
      send: async (c, orgId) => {
        const { kase } = await ownCase(t, c, orgId);
        return send(t, c, 'POST', '/api/reviews', body(kase.id));
      },
      field,
    });
    const get = (route: string, story: string, url: string, field: string): BadInput => ({ route, story, as: 'org_admin', send: (c) => send(t, c, 'GET', url), field });
    return [
      review('Sofia leaves the plan item out of her review', 'items', (caseId) => ({ caseId, reviewedOn: today, items: allMet().filter((entry) => entry.item !== 'plan') })),
      review('Sofia marks the notes not met without saying what is missing', 'items.5.finding', (caseId) => ({
        caseId,
        reviewedOn: today,
        items: allMet().map((entry) => (entry.item === 'notes' ? { item: 'notes', result: 'not_met' } : entry)),
      })),
      review('Sofia adds an item that is not on the checklist', 'items.8.item', (caseId) => ({ caseId, reviewedOn: today, items: [...allMet(), { item: 'fingerprints', result: 'met' }] })),
      review('Sofia dates the review next week', 'reviewedOn', (caseId) => ({ caseId, reviewedOn: addDays(today, 7), items: allMet() })),
      review('Sofia answers “maybe” for the intake', 'items.0.result', (caseId) => ({
        caseId,
        reviewedOn: today,
        items: allMet().map((entry, index) => (index === 0 ? { ...entry, result: 'maybe' } : entry)),
      })),
      review('Sofia names the case by its reference instead of its id', 'caseId', () => ({ caseId: 'C-2026-0042', reviewedOn: today, items: allMet() })),
      get('GET /api/reviews', 'Sofia asks for 500 reviews at once', '/api/reviews?limit=500', 'limit'),
      get('GET /api/reviews/:id', 'Sofia opens a review by a made-up id', '/api/reviews/latest', 'id'),
      get('GET /api/reviews/checklist', 'Sofia asks for a checklist without a case', '/api/reviews/checklist', 'caseId'),
      get('GET /api/supervision/dashboard', 'Sofia filters the dashboard by a program name', '/api/supervision/dashboard?programId=resettlement', 'programId'),
      get('GET /api/reports/active-clients-served', 'Sofia asks for the 13th month', '/api/reports/active-clients-served?month=2026-13', 'month'),
      get('GET /api/reports/active-clients-served', 'Sofia asks for a PDF', '/api/reports/active-clients-served?format=pdf', 'format'),
      get('GET /api/reports/monthly-contact-rate', 'Sofia asks for three years at once', '/api/reports/monthly-contact-rate?from=2023-01&to=2026-01', 'to'),
      get('GET /api/reports/monthly-contact-rate', 'Sofia ends before she starts', '/api/reports/monthly-contact-rate?from=2026-05&to=2026-01', 'to'),
    ];
  },
};
