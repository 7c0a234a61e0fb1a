/**
 * The six stages of case management (seed 003): a case moves through them in order, one step at
 * a time, and each move needs what the stage before it must have produced. `stageMoveProblem` is
 * the one guard the API and the web app share.
 */
export const CASE_STAGES = ['engagement', 'assessment', 'planning', 'intervention', 'monitoring', 'closure'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** open → (closure requested: closure_pending) → closed; a closed case is read-only until reopened. */
export const CASE_STATUSES = ['open', 'closure_pending', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What the guard needs to know about a case's file. */
export interface CaseFileFacts {
  status: CaseStatus;
  assessmentCount: number;
  /** A plan that is in force: approved, or submitted where the program needs no approval. */
  hasPlanInForce: boolean;
}

/** Why a move is refused, as a stable code the web app translates. */
export type StageMoveProblem =
  | 'case_closed'
  | 'same_stage'
  | 'stage_skipped'
  | 'closure_needs_request'
  | 'assessment_required'
  | 'plan_required';

export function stageIndex(stage: CaseStage): number {
  return CASE_STAGES.indexOf(stage);
}

/**
 * May a case move from `from` to `to`? Forward moves are one stage at a time; stepping back (to
 * reassess, or to replan) is allowed to any earlier stage. Closure is never a plain move: it is
 * requested with a reason and the closing checklist (the closure endpoint).
 */
export function stageMoveProblem(from: CaseStage, to: CaseStage, file: CaseFileFacts): StageMoveProblem | null {
  if (file.status !== 'open') {
    return 'case_closed';
  }
  if (from === to) {
    return 'same_stage';
  }
  if (to === 'closure') {
    return 'closure_needs_request';
  }
  const step = stageIndex(to) - stageIndex(from);
  if (step > 1) {
    return 'stage_skipped';
  }
  if (step < 0) {
    return null;
  }
  if (to === 'planning' && file.assessmentCount === 0) {
    return 'assessment_required';
  }
  if ((to === 'intervention' || to === 'monitoring') && !file.hasPlanInForce) {
    return 'plan_required';
  }
  return null;
}

export const STAGE_MOVE_MESSAGES: Record<StageMoveProblem, string> = {
  case_closed: 'This case is closed; reopen it first',
  same_stage: 'The case is already at this stage',
  stage_skipped: 'Move one stage at a time',
  closure_needs_request: 'Close a case with a closure request: reason, checklist and summary',
  assessment_required: 'Record an assessment before planning',
  plan_required: 'Record a plan before intervention',
};
