import { describe, expect, it } from 'vitest';
import {
  consentAllows,
  consentCovering,
  consentStatus,
  type ConsentTerms,
  CreateConsentRequest,
  latestConsentExpiry,
  RevokeConsentRequest,
} from './consent.js';

const valid = {
  recipientKind: 'organization',
  recipientName: 'Riverside Community Health Center',
  purpose: 'Coordinate primary care after arrival',
  dataCategories: ['contact', 'health'],
  signedBy: 'client',
  signerName: 'Amina Haddad',
  signedOn: '2026-01-10',
  formLanguage: 'ar',
} as const;

function issuesOf(input: unknown): Record<string, string> {
  const result = CreateConsentRequest.safeParse(input);
  if (result.success) {
    return {};
  }
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('CreateConsentRequest', () => {
  it('defaults the expiry to one year after signing', () => {
    expect(CreateConsentRequest.parse(valid).expiresOn).toBe('2027-01-10');
  });

  it('accepts exactly one year and refuses a day more, naming expiresOn', () => {
    expect(CreateConsentRequest.parse({ ...valid, expiresOn: '2027-01-10' }).expiresOn).toBe('2027-01-10');
    expect(issuesOf({ ...valid, expiresOn: '2027-01-11' })).toEqual({ expiresOn: 'Consent can last at most one year from the signing date' });
  });

  it('refuses an expiry on or before the signing date', () => {
    expect(issuesOf({ ...valid, expiresOn: '2026-01-10' })).toEqual({ expiresOn: 'The expiry date must be after the signing date' });
    expect(issuesOf({ ...valid, expiresOn: '2025-12-31' })).toEqual({ expiresOn: 'The expiry date must be after the signing date' });
  });

  it('a consent signed on 29 February may run to 28 February', () => {
    expect(latestConsentExpiry('2028-02-29')).toBe('2029-02-28');
  });

  it('refuses a signing date in the future and an impossible date', () => {
    expect(Object.keys(issuesOf({ ...valid, signedOn: '2999-01-01' }))).toEqual(['signedOn']);
    expect(Object.keys(issuesOf({ ...valid, signedOn: '2026-02-30' }))).toEqual(['signedOn']);
  });

  it('needs a program id for a program recipient, and only then', () => {
    expect(issuesOf({ ...valid, recipientKind: 'program' })).toEqual({ recipientProgramId: 'Choose the program' });
    expect(issuesOf({ ...valid, recipientProgramId: '6f1c1f62-9c8e-4f55-9d7c-0a3c2a1b9e11' })).toEqual({
      recipientProgramId: 'Only a program recipient has a program',
    });
  });

  it('needs at least one category, each once, from the list', () => {
    expect(issuesOf({ ...valid, dataCategories: [] })).toEqual({ dataCategories: 'Choose at least one kind of information' });
    expect(issuesOf({ ...valid, dataCategories: ['health', 'health'] })).toEqual({ dataCategories: 'A kind of information is listed twice' });
    expect(Object.keys(issuesOf({ ...valid, dataCategories: ['dna'] }))).toEqual(['dataCategories.0']);
  });

  it('refuses a form language Haven does not print, and unknown fields', () => {
    expect(Object.keys(issuesOf({ ...valid, formLanguage: 'fr' }))).toEqual(['formLanguage']);
    expect(CreateConsentRequest.safeParse({ ...valid, status: 'active' }).success).toBe(false);
  });

  it('a revocation needs a reason', () => {
    expect(RevokeConsentRequest.safeParse({ revokedOn: '2026-02-01', reason: ' ' }).success).toBe(false);
    expect(RevokeConsentRequest.safeParse({ revokedOn: '2026-02-01', reason: 'Client asked in person' }).success).toBe(true);
  });
});

const toClinic: ConsentTerms = {
  recipientKind: 'organization',
  recipientName: 'Riverside Community Health Center',
  recipientProgramId: null,
  dataCategories: ['contact', 'health'],
  signedOn: '2026-01-10',
  expiresOn: '2027-01-10',
  revokedOn: null,
};
const programId = '6f1c1f62-9c8e-4f55-9d7c-0a3c2a1b9e11';
const toProgram: ConsentTerms = { ...toClinic, recipientKind: 'program', recipientName: 'Legal clinic', recipientProgramId: programId, dataCategories: ['legal', 'immigration'] };
const clinic = { kind: 'organization', name: 'Riverside Community Health Center' } as const;

describe('consentStatus', () => {
  it('is active until the expiry day, expired from it', () => {
    expect(consentStatus(toClinic, '2027-01-09')).toBe('active');
    expect(consentStatus(toClinic, '2027-01-10')).toBe('expired');
  });

  it('is revoked from the revocation day, even after it would have expired', () => {
    const revoked = { ...toClinic, revokedOn: '2026-06-01' };
    expect(consentStatus(revoked, '2026-05-31')).toBe('active');
    expect(consentStatus(revoked, '2026-06-01')).toBe('revoked');
    expect(consentStatus(revoked, '2028-01-01')).toBe('revoked');
  });
});

describe('consentAllows', () => {
  it('allows the named organization the consented categories while the consent holds', () => {
    expect(consentAllows([toClinic], { recipient: clinic, categories: ['health'], on: '2026-03-01' })).toBe(true);
    expect(consentAllows([toClinic], { recipient: clinic, categories: ['contact', 'health'], on: '2026-03-01' })).toBe(true);
  });

  it('matches the organization name whatever its case or spacing', () => {
    expect(consentAllows([toClinic], { recipient: { kind: 'organization', name: '  riverside community  HEALTH center' }, categories: ['contact'], on: '2026-03-01' })).toBe(true);
  });

  it('refuses a category the client did not agree to', () => {
    expect(consentAllows([toClinic], { recipient: clinic, categories: ['health', 'immigration'], on: '2026-03-01' })).toBe(false);
  });

  it('refuses another recipient', () => {
    expect(consentAllows([toClinic], { recipient: { kind: 'organization', name: 'Eastside Housing' }, categories: ['contact'], on: '2026-03-01' })).toBe(false);
    expect(consentAllows([toClinic], { recipient: { kind: 'program', programId }, categories: ['contact'], on: '2026-03-01' })).toBe(false);
  });

  it('refuses before signing, from the expiry day, and from the revocation day', () => {
    expect(consentAllows([toClinic], { recipient: clinic, categories: ['health'], on: '2026-01-09' })).toBe(false);
    expect(consentAllows([toClinic], { recipient: clinic, categories: ['health'], on: '2027-01-10' })).toBe(false);
    const revoked = { ...toClinic, revokedOn: '2026-02-01' };
    expect(consentAllows([revoked], { recipient: clinic, categories: ['health'], on: '2026-01-31' })).toBe(true);
    expect(consentAllows([revoked], { recipient: clinic, categories: ['health'], on: '2026-02-01' })).toBe(false);
  });

  it('does not stitch two partial consents into one the client never signed', () => {
    const contactOnly = { ...toClinic, dataCategories: ['contact'] as const };
    const healthOnly = { ...toClinic, dataCategories: ['health'] as const };
    expect(consentAllows([contactOnly, healthOnly], { recipient: clinic, categories: ['contact', 'health'], on: '2026-03-01' })).toBe(false);
  });

  it('finds a program consent by program id, and denies an empty request', () => {
    expect(consentCovering([toClinic, toProgram], { recipient: { kind: 'program', programId }, categories: ['legal'], on: '2026-03-01' })).toBe(toProgram);
    expect(consentAllows([toClinic], { recipient: clinic, categories: [], on: '2026-03-01' })).toBe(false);
    expect(consentAllows([], { recipient: clinic, categories: ['contact'], on: '2026-03-01' })).toBe(false);
  });
});
