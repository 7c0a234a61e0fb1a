import { describe, expect, it } from 'vitest';
import { CreateAssessmentRequest, CreateInstrumentRequest } from './case-assessment.js';
import { PlanDecisionRequest, UpdatePlanRequest } from './case-plan.js';

const goal = {
  what: 'Full-time work',
  measure: 'Signed offer',
  target: '35 hours a week',
  dueOn: '2026-06-30',
  domain: 'employment_income',
  status: 'open',
  steps: [{ what: 'Update the résumé', ownerKind: 'client', dueOn: '2026-04-01' }],
};
const plan = { startsOn: '2026-03-01', goals: [goal], barriers: [], strengths: [], budget: [], version: 1 };

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((i) => i.path.join('.'));
}

describe('plan schema: SMART checks', () => {
  it('accepts a goal due after the start with steps due by the goal', () => {
    expect(UpdatePlanRequest.safeParse(plan).success).toBe(true);
  });

  it('names the goal due before the plan starts and the step due after its goal', () => {
    expect(fieldsOf(UpdatePlanRequest.safeParse({ ...plan, goals: [{ ...goal, dueOn: '2026-02-28' }] }))).toContain('goals.0.dueOn');
    expect(fieldsOf(UpdatePlanRequest.safeParse({ ...plan, goals: [{ ...goal, steps: [{ ...goal.steps[0], dueOn: '2026-07-01' }] }] }))).toEqual(['goals.0.steps.0.dueOn']);
    expect(fieldsOf(UpdatePlanRequest.safeParse({ ...plan, goals: [{ ...goal, measure: '  ' }] }))).toEqual(['goals.0.measure']);
    expect(fieldsOf(UpdatePlanRequest.safeParse({ ...plan, reviewOn: '2026-02-01' }))).toEqual(['reviewOn']);
  });

  it('a return needs a note; an approval does not', () => {
    expect(fieldsOf(PlanDecisionRequest.safeParse({ decision: 'return', version: 2 }))).toEqual(['note']);
    expect(PlanDecisionRequest.safeParse({ decision: 'approve', version: 2 }).success).toBe(true);
  });
});

describe('assessment schemas', () => {
  it('names a domain key or a scored domain given twice', () => {
    const domains = [
      { key: 'housing', label: 'Housing' },
      { key: 'housing', label: 'Home' },
    ];
    expect(fieldsOf(CreateInstrumentRequest.safeParse({ name: 'Mine', domains }))).toEqual(['domains.1.key']);
    const scores = [
      { domain: 'housing', score: 2 },
      { domain: 'housing', score: 3 },
    ];
    expect(fieldsOf(CreateAssessmentRequest.safeParse({ instrumentId: '0b6f2a3e-3c1f-4d7a-9c1e-2f6b8d9e0a11', assessedOn: '2026-01-10', scores }))).toEqual(['scores.1.domain']);
  });

  it('scores are whole numbers from 1 to 5', () => {
    for (const score of [0, 6, 2.5]) {
      const result = CreateAssessmentRequest.safeParse({ instrumentId: '0b6f2a3e-3c1f-4d7a-9c1e-2f6b8d9e0a11', assessedOn: '2026-01-10', scores: [{ domain: 'food', score }] });
      expect(fieldsOf(result)).toEqual(['scores.0.score']);
    }
  });
});
