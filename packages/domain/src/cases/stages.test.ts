import { describe, expect, it } from 'vitest';
import { type CaseFileFacts, stageMoveProblem } from './stages.js';

const empty: CaseFileFacts = { status: 'open', assessmentCount: 0, hasPlanInForce: false };
const assessed: CaseFileFacts = { ...empty, assessmentCount: 1 };
const planned: CaseFileFacts = { ...assessed, hasPlanInForce: true };

describe('stage moves', () => {
  it('moves forward one stage at a time once the stage before has produced its record', () => {
    expect(stageMoveProblem('engagement', 'assessment', empty)).toBeNull();
    expect(stageMoveProblem('assessment', 'planning', assessed)).toBeNull();
    expect(stageMoveProblem('planning', 'intervention', planned)).toBeNull();
    expect(stageMoveProblem('intervention', 'monitoring', planned)).toBeNull();
  });

  it('refuses a skipped stage, planning without an assessment and intervention without a plan', () => {
    expect(stageMoveProblem('engagement', 'planning', planned)).toBe('stage_skipped');
    expect(stageMoveProblem('assessment', 'planning', empty)).toBe('assessment_required');
    expect(stageMoveProblem('planning', 'intervention', assessed)).toBe('plan_required');
  });

  it('lets a case step back to reassess, but never to or from closure by a plain move', () => {
    expect(stageMoveProblem('monitoring', 'assessment', planned)).toBeNull();
    expect(stageMoveProblem('monitoring', 'closure', planned)).toBe('closure_needs_request');
    expect(stageMoveProblem('closure', 'monitoring', { ...planned, status: 'closed' })).toBe('case_closed');
    expect(stageMoveProblem('monitoring', 'assessment', { ...planned, status: 'closure_pending' })).toBe('case_closed');
    expect(stageMoveProblem('planning', 'planning', planned)).toBe('same_stage');
  });
});
