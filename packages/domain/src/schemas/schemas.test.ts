import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, UpdateOrganizationRequest } from '../index.js';
import { CreateInvitationRequest } from './organization.js';

describe('request schemas', () => {
  it('normalizes emails and refuses unknown fields', () => {
    expect(CreateSessionRequest.parse({ email: ' Amina@Example.ORG ', password: 'x' }).email).toBe('amina@example.org');
    expect(CreateSessionRequest.safeParse({ email: 'a@b.org', password: 'x', role: 'admin' }).success).toBe(false);
  });

  it('refuses an invitation with an unknown role', () => {
    expect(CreateInvitationRequest.safeParse({ email: 'a@b.org', role: 'superuser' }).success).toBe(false);
    expect(CreateInvitationRequest.safeParse({ email: 'a@b.org', role: 'volunteer' }).success).toBe(true);
  });

  it('requires the default language to be one of the organization languages', () => {
    const result = UpdateOrganizationRequest.safeParse({ languages: ['en', 'es'], defaultLocale: 'ar' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['defaultLocale']);
  });
});
