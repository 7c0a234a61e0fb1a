import { describe, expect, it } from 'vitest';
import { CLOSING_CHECKLIST, DecideCaseClosureRequest, RequestCaseClosureRequest, TransferCaseRequest } from './case.js';

const allDone = Object.fromEntries(CLOSING_CHECKLIST.map((key) => [key, true]));
const closure = { reason: 'goals_met', checklist: allDone, summary: 'Employed; rent paid.', closedOn: '2026-03-01', version: 1 };

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => issue.path.join('.'));
}

describe('case requests', () => {
  it('a closure needs every checklist item confirmed, each missing one named', () => {
    expect(RequestCaseClosureRequest.safeParse(closure).success).toBe(true);
    const unchecked = RequestCaseClosureRequest.safeParse({ ...closure, checklist: { ...allDone, client_informed: false, file_complete: false } });
    expect(fieldsOf(unchecked)).toEqual(['checklist.client_informed', 'checklist.file_complete']);
    const missing = RequestCaseClosureRequest.safeParse({ ...closure, checklist: { final_contact_documented: true } });
    expect(fieldsOf(missing)).toHaveLength(CLOSING_CHECKLIST.length - 1);
  });

  it('"other" needs its reason written; a summary is required', () => {
    expect(fieldsOf(RequestCaseClosureRequest.safeParse({ ...closure, reason: 'other' }))).toEqual(['reasonDetail']);
    expect(RequestCaseClosureRequest.safeParse({ ...closure, reason: 'other', reasonDetail: 'Joined the army' }).success).toBe(true);
    expect(fieldsOf(RequestCaseClosureRequest.safeParse({ ...closure, summary: '  ' }))).toEqual(['summary']);
  });

  it('returning a closure needs a note; approving does not', () => {
    expect(fieldsOf(DecideCaseClosureRequest.safeParse({ decision: 'return', version: 2 }))).toEqual(['note']);
    expect(DecideCaseClosureRequest.safeParse({ decision: 'approve', version: 2 }).success).toBe(true);
  });

  it('a hand-off note has at least 10 characters', () => {
    const to = '0b9a4c1e-3f7d-4a59-9c0e-2d1f6b7a8c90';
    expect(fieldsOf(TransferCaseRequest.safeParse({ toCaseManagerId: to, handOffNote: 'Call her', version: 1 }))).toEqual(['handOffNote']);
    expect(TransferCaseRequest.safeParse({ toCaseManagerId: to, handOffNote: 'Rent assistance is pending.', version: 1 }).success).toBe(true);
  });
});
