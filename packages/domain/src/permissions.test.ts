import { describe, expect, it } from 'vitest';
import { ACTIONS, can, ROLE_ACTIONS, roleCan, type Subject } from './permissions.js';
import { ROLES } from './roles.js';

const subject = (role: Subject['role'], orgId = 'org-a', userId = 'user-1'): Subject => ({ role, orgId, userId });

describe('permissions', () => {
  it('every role maps only to known actions', () => {
    for (const role of ROLES) {
      for (const action of ROLE_ACTIONS[role]) {
        expect(ACTIONS).toContain(action);
      }
    }
  });

  it('denies by default: no role, unknown role or unlisted action', () => {
    expect(roleCan(null, 'client.read')).toBe(false);
    expect(roleCan('volunteer', 'client.read')).toBe(false);
    expect(roleCan('auditor', 'client.create')).toBe(false);
    expect(roleCan('case_manager', 'audit.read')).toBe(false);
    expect(roleCan('org_admin', 'member.invite')).toBe(true);
  });

  it('never grants access to another organization’s object, whatever the role', () => {
    for (const role of ROLES) {
      expect(can(subject(role), 'org.read', { kind: 'organization', orgId: 'org-b' })).toBe(false);
    }
  });

  it('shows a protected client only to users assigned to it — not even to the org admin', () => {
    const client = { kind: 'client' as const, orgId: 'org-a', isProtected: true, assignedUserIds: ['user-1'] };
    expect(can(subject('case_manager', 'org-a', 'user-1'), 'client.read', client)).toBe(true);
    expect(can(subject('case_manager', 'org-a', 'user-2'), 'client.read', client)).toBe(false);
    expect(can(subject('org_admin', 'org-a', 'user-3'), 'client.read', client)).toBe(false);
    expect(can(subject('case_manager', 'org-a', 'user-2'), 'client.read', { ...client, isProtected: false })).toBe(true);
  });

  it('denies an object kind it does not know', () => {
    const unknown = { kind: 'spaceship', orgId: 'org-a' } as unknown as Parameters<typeof can>[2];
    expect(can(subject('org_admin'), 'org.read', unknown)).toBe(false);
  });
});
