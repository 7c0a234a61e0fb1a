import { describe, expect, it } from 'vitest';
import { addDays, addYears } from '../calendar/dates.js';
import { CREDENTIAL_MESSAGES, credentialProblems, credentialStatus, CreateCredentialRequest, recognitionProblems, renewalPending, renewalStep } from './credentials.js';

const today = '2026-11-23';
const attorney = { kind: 'attorney' as const, barState: 'IL', barNumber: '6300451', barStatus: 'active' as const, accreditationLevel: null, expiresOn: null, supervisingAttorney: true };
const representative = { kind: 'accredited_representative' as const, barState: null, barNumber: null, barStatus: null, accreditationLevel: 'partial' as const, expiresOn: '2027-06-01', supervisingAttorney: false };

describe('credential rules', () => {
  it('an attorney needs bar state, number and status, and no accreditation level', () => {
    expect(credentialProblems(attorney, today)).toEqual({});
    expect(credentialProblems({ ...attorney, barState: null, barNumber: null, barStatus: null, accreditationLevel: 'full' }, today)).toEqual({
      barState: CREDENTIAL_MESSAGES.barStateRequired,
      barNumber: CREDENTIAL_MESSAGES.barNumberRequired,
      barStatus: CREDENTIAL_MESSAGES.barStatusRequired,
      accreditationLevel: CREDENTIAL_MESSAGES.notForAttorneys,
    });
  });

  it('an accreditation lasts at most three years from today (8 CFR 1292.16), has no bar details and never supervises', () => {
    expect(credentialProblems({ ...representative, expiresOn: addYears(today, 3) }, today)).toEqual({});
    expect(credentialProblems({ ...representative, expiresOn: addDays(addYears(today, 3), 1) }, today)).toEqual({ expiresOn: CREDENTIAL_MESSAGES.accreditationTooLong });
    expect(Object.keys(credentialProblems({ ...representative, accreditationLevel: null, expiresOn: null, barNumber: '1', supervisingAttorney: true }, today)).sort()).toEqual([
      'accreditationLevel',
      'barNumber',
      'expiresOn',
      'supervisingAttorney',
    ]);
  });

  it('statuses: the expiry day is still valid (expiring), the day after expired; 90 days is expiring, 91 valid; a bar not active is inactive', () => {
    expect(credentialStatus({ ...representative, expiresOn: today }, today)).toBe('expiring');
    expect(credentialStatus({ ...representative, expiresOn: addDays(today, -1) }, today)).toBe('expired');
    expect(credentialStatus({ ...representative, expiresOn: addDays(today, 90) }, today)).toBe('expiring');
    expect(credentialStatus({ ...representative, expiresOn: addDays(today, 91) }, today)).toBe('valid');
    expect(credentialStatus(attorney, today)).toBe('valid');
    expect(credentialStatus({ ...attorney, barStatus: 'suspended', expiresOn: addDays(today, 500) }, today)).toBe('inactive');
  });

  it('recognition: after its start, at most six years (8 CFR 1292.11)', () => {
    expect(recognitionProblems({ recognizedOn: '2024-02-29', expiresOn: '2030-02-28' })).toEqual({});
    expect(recognitionProblems({ recognizedOn: '2024-02-29', expiresOn: '2030-03-01' })).toEqual({ expiresOn: CREDENTIAL_MESSAGES.recognitionTooLong });
    expect(recognitionProblems({ recognizedOn: '2024-02-29', expiresOn: '2024-02-29' })).toEqual({ expiresOn: CREDENTIAL_MESSAGES.recognitionAfter });
  });

  it('a renewal is filed by today and on or before the expiry (8 CFR 1292.16), only for an accreditation; only a timely one is pending', () => {
    const expiresOn = addDays(today, -5);
    expect(credentialProblems({ ...representative, expiresOn, renewalFiledOn: expiresOn }, today)).toEqual({});
    expect(credentialProblems({ ...representative, expiresOn, renewalFiledOn: addDays(expiresOn, 1) }, today)).toEqual({ renewalFiledOn: CREDENTIAL_MESSAGES.renewalAfterExpiry });
    expect(credentialProblems({ ...representative, renewalFiledOn: addDays(today, 1) }, today)).toEqual({ renewalFiledOn: CREDENTIAL_MESSAGES.renewalInFuture });
    expect(credentialProblems({ ...attorney, renewalFiledOn: today }, today)).toEqual({ renewalFiledOn: CREDENTIAL_MESSAGES.renewalOnlyAccreditation });
    expect(renewalPending({ ...representative, expiresOn, renewalFiledOn: expiresOn })).toBe(true);
    expect(renewalPending({ ...representative, expiresOn, renewalFiledOn: addDays(expiresOn, 1) })).toBe(false);
    expect(renewalPending({ ...representative, expiresOn, renewalFiledOn: null })).toBe(false);
  });

  it('the renewal step is the nearest one reached, then "expired" from the day after', () => {
    const step = (days: number) => renewalStep(addDays(today, days), today);
    expect([181, 180, 91, 90, 61, 60, 31, 30, 20, 8, 7, 0, -1, -400].map(step)).toEqual([null, '180', '180', '90', '90', '60', '60', '30', '30', '30', '7', '7', 'expired', 'expired']);
  });

  it('the request names a bad bar state and rejects unknown fields', () => {
    const base = { userId: '6f1c2a34-8b7d-4e5f-9a0b-1c2d3e4f5a6b', kind: 'attorney' };
    expect(CreateCredentialRequest.safeParse({ ...base, barState: 'IA' }).success).toBe(true);
    expect(CreateCredentialRequest.safeParse({ ...base, barState: 'XX' }).error?.issues[0]?.path).toEqual(['barState']);
    expect(CreateCredentialRequest.safeParse({ ...base, barSate: 'IA' }).success).toBe(false);
  });
});
