import { describe, expect, it } from 'vitest';
import { CreateCaseReviewRequest, reviewItemLabel } from './case-review.js';

const caseId = '0b7f3c2e-8f3a-4c1e-9a59-2f1d4c6b7a10';

describe('case review request', () => {
  it('needs a finding for an item not met, naming items.N.finding', () => {
    const parsed = CreateCaseReviewRequest.safeParse({
      caseId,
      reviewedOn: '2026-03-02',
      items: [
        { item: 'intake', result: 'met' },
        { item: 'plan', result: 'not_met', finding: '  ' },
      ],
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['items.1.finding']);
  });

  it('accepts items met or not applicable without findings', () => {
    expect(CreateCaseReviewRequest.safeParse({ caseId, reviewedOn: '2026-03-02', items: [{ item: 'closure', result: 'not_applicable' }] }).success).toBe(true);
  });

  it('labels the default checklist keys and leaves a program’s own items as written', () => {
    expect(reviewItemLabel('rights_and_responsibilities')).toBe('Rights and responsibilities');
    expect(reviewItemLabel('Budget reconciled')).toBe('Budget reconciled');
  });
});
