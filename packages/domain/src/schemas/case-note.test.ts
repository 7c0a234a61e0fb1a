import { describe, expect, it } from 'vitest';
import { CreateCaseNoteRequest, CreateNoteAddendumRequest, UpdateCaseNoteRequest } from './case-note.js';
import { CreateDisbursementRequest, DisbursementDecisionRequest, SetCaseBudgetRequest } from './case-service.js';
import { CaseDocumentUploadQuery } from './case-document.js';

const note = { contactOn: '2026-03-02', contactType: 'home_visit', meaningful: true, narrative: 'Reviewed the lease together.' };

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => issue.path.join('.'));
}

describe('case note requests', () => {
  it('accepts a minimal note and one with an interpreter, duration and goals', () => {
    expect(CreateCaseNoteRequest.safeParse(note).success).toBe(true);
    const full = CreateCaseNoteRequest.parse({ ...note, interpreter: { language: ' Dari ' }, durationMinutes: 90, goalIds: ['g1', 'g2'], sign: true });
    expect(full.interpreter).toEqual({ language: 'Dari' });
  });

  it('names the field of each mistake', () => {
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, contactType: 'fax' }))).toEqual(['contactType']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, contactOn: '2026-02-30' }))).toEqual(['contactOn']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, durationMinutes: 0 }))).toEqual(['durationMinutes']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, durationMinutes: 1441 }))).toEqual(['durationMinutes']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, narrative: '  ' }))).toEqual(['narrative']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, goalIds: ['g1', 'g1'] }))).toEqual(['goalIds']);
    expect(fieldsOf(CreateCaseNoteRequest.safeParse({ ...note, status: 'signed' }))).toEqual(['']);
    expect(fieldsOf(UpdateCaseNoteRequest.safeParse(note))).toEqual(['version']);
    expect(fieldsOf(CreateNoteAddendumRequest.safeParse({ text: 'x'.repeat(4001) }))).toEqual(['text']);
  });
});

describe('money requests', () => {
  const payment = { budgetId: '0b5e8f9e-3f55-4c1e-9a53-2b8c3f0a4d11', kind: 'rent', amountCents: 10_000, payee: 'Maple Court', paidOn: '2026-03-01' };

  it('takes whole cents above zero only', () => {
    expect(CreateDisbursementRequest.safeParse(payment).success).toBe(true);
    expect(fieldsOf(CreateDisbursementRequest.safeParse({ ...payment, amountCents: 0 }))).toEqual(['amountCents']);
    expect(fieldsOf(CreateDisbursementRequest.safeParse({ ...payment, amountCents: 10.5 }))).toEqual(['amountCents']);
    expect(fieldsOf(SetCaseBudgetRequest.safeParse({ fundingSource: 'RCA', amountCents: -1 }))).toEqual(['amountCents']);
    expect(SetCaseBudgetRequest.safeParse({ fundingSource: 'RCA', amountCents: 0 }).success).toBe(true);
  });

  it('a denial needs a note; an approval does not', () => {
    expect(DisbursementDecisionRequest.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(fieldsOf(DisbursementDecisionRequest.safeParse({ decision: 'deny' }))).toEqual(['note']);
    expect(DisbursementDecisionRequest.safeParse({ decision: 'deny', note: 'Use the housing grant' }).success).toBe(true);
  });
});

describe('case document upload query', () => {
  it('needs a known kind', () => {
    expect(CaseDocumentUploadQuery.safeParse({ kind: 'receipt', filename: 'lease.pdf' }).success).toBe(true);
    expect(fieldsOf(CaseDocumentUploadQuery.safeParse({}))).toEqual(['kind']);
    expect(fieldsOf(CaseDocumentUploadQuery.safeParse({ kind: 'selfie' }))).toEqual(['kind']);
  });
});
