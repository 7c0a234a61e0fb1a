import { describe, expect, it } from 'vitest';
import { CloseMatterRequest, conflictKind, documentLanguageFor, GenerateAgreementRequest, MatterDecisionRequest, partySide } from './legal-acceptance.js';

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('conflict kinds', () => {
  it('opposite sides conflict; the same side, witnesses and others are only related', () => {
    expect(conflictKind('client', 'adverse_party')).toBe('conflict');
    expect(conflictKind('derivative', 'adverse_party')).toBe('conflict');
    expect(conflictKind('adverse_party', 'client')).toBe('conflict');
    expect(conflictKind('adverse_party', 'beneficiary')).toBe('conflict');
    expect(conflictKind('client', 'derivative')).toBe('related');
    expect(conflictKind('adverse_party', 'adverse_party')).toBe('related');
    expect(conflictKind('witness', 'adverse_party')).toBe('related');
    expect(conflictKind('client', 'other')).toBe('related');
    expect(partySide('petitioner')).toBe('client');
  });
});

describe('document language', () => {
  it("follows the client's preferred language when Haven has it, else English", () => {
    expect(documentLanguageFor('ar')).toBe('ar');
    expect(documentLanguageFor('es-MX')).toBe('es');
    expect(documentLanguageFor('prs')).toBe('en');
    expect(documentLanguageFor(null)).toBe('en');
  });
});

describe('acceptance requests', () => {
  it('a decline needs a reason; an acceptance needs a representative and at least one criterion', () => {
    expect(fieldsOf(MatterDecisionRequest.safeParse({ outcome: 'declined', criteria: [], version: 1 }))).toEqual(['reason']);
    expect(fieldsOf(MatterDecisionRequest.safeParse({ outcome: 'accepted', criteria: [], version: 1 })).sort()).toEqual(['criteria', 'representativeId']);
    expect(MatterDecisionRequest.safeParse({ outcome: 'declined', criteria: [], reason: 'No capacity', version: 1 }).success).toBe(true);
  });

  it('closing for "other" needs the detail; an agreement fee is whole cents', () => {
    const close = { reason: 'other', summary: 'Done', closedOn: '2026-01-05', version: 1 };
    expect(fieldsOf(CloseMatterRequest.safeParse(close))).toEqual(['reasonDetail']);
    expect(CloseMatterRequest.safeParse({ ...close, reasonDetail: 'Client moved abroad' }).success).toBe(true);
    expect(fieldsOf(GenerateAgreementRequest.safeParse({ scope: 'N-400', feeCents: 10.5, version: 1 }))).toEqual(['feeCents']);
    expect(fieldsOf(GenerateAgreementRequest.safeParse({ scope: '  ', feeCents: 0, version: 1 }))).toEqual(['scope']);
  });
});
