import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Action, ROLES, type Role, roleCan } from '@haven/domain';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createOrg, createTestApp, createUser, login, memberSession, PASSWORD, uniqueEmail } from '../support/app.js';
import { moduleCases } from './cases/index.js';
import {
  type BadInput,
  type Caller,
  type Needs,
  type RouteCase,
  createCrew,
  createInvitationRecord,
  createOfficeRecord,
  createEnrollmentRecord,
  createExceptionRecord,
  createHouseholdRecord,
  createIntakeRecord,
  createProgramRecord,
  outcome,
  readHousehold,
  readInvitation,
  readMembership,
  readOffice,
  readProgram,
  send,
  signedInWithoutOrganization,
} from '../support/matrix.js';

/**
 * The security matrix of every route (STYLE.md item 11): no session → 401; a role without the
 * action → 403; another organization's record → 404 with the row unchanged; a bad body, param
 * or query → 400 naming the field. Expectations for roles are derived from ROLE_ACTIONS, so the
 * server and the permission map the web app uses cannot drift apart silently.
 */

describe('security matrix', async () => {
  const t = await createTestApp();
  const suffix = () => randomUUID().slice(0, 6);

  const routes: RouteCase[] = [
    ...moduleCases.flatMap((cases) => cases.routes(t)),
    { route: 'GET /api/organization', needs: 'org.read', call: (c) => send(t, c, 'GET', '/api/organization') },
    {
      route: 'PATCH /api/organization',
      needs: 'org.update',
      call: (c) => send(t, c, 'PATCH', '/api/organization', { name: `Renamed ${suffix()}` }),
    },
    { route: 'GET /api/roles', needs: 'member', call: (c) => send(t, c, 'GET', '/api/roles') },
    { route: 'GET /api/members', needs: 'member.read', call: (c) => send(t, c, 'GET', '/api/members') },
    {
      route: 'PATCH /api/members/:userId',
      needs: 'member.update',
      call: async (c, orgId) => {
        const target = await createUser(t, { orgId, role: 'case_manager' });
        return send(t, c, 'PATCH', `/api/members/${target.id}`, { role: 'supervisor' });
      },
    },
    { route: 'GET /api/invitations', needs: 'member.invite', call: (c) => send(t, c, 'GET', '/api/invitations') },
    {
      route: 'POST /api/invitations',
      needs: 'member.invite',
      call: (c) => send(t, c, 'POST', '/api/invitations', { email: uniqueEmail('invitee'), role: 'case_manager' }),
    },
    {
      route: 'DELETE /api/invitations/:id',
      needs: 'member.invite',
      call: async (c, orgId) => {
        const { invitation } = await createInvitationRecord(t, orgId);
        return send(t, c, 'DELETE', `/api/invitations/${invitation.id}`);
      },
    },
    { route: 'GET /api/programs', needs: 'program.read', call: (c) => send(t, c, 'GET', '/api/programs') },
    {
      route: 'POST /api/programs',
      needs: 'program.manage',
      call: (c) => send(t, c, 'POST', '/api/programs', { name: `Legal clinic ${suffix()}` }),
    },
    {
      route: 'PATCH /api/programs/:id',
      needs: 'program.manage',
      call: async (c, orgId) => {
        const program = await createProgramRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/programs/${program.id}`, { name: 'Renamed program' });
      },
    },
    { route: 'GET /api/offices', needs: 'office.read', call: (c) => send(t, c, 'GET', '/api/offices') },
    {
      route: 'POST /api/offices',
      needs: 'office.manage',
      call: (c) => send(t, c, 'POST', '/api/offices', { name: `Downtown ${suffix()}`, phone: '+1 555 0100' }),
    },
    {
      route: 'PATCH /api/offices/:id',
      needs: 'office.manage',
      call: async (c, orgId) => {
        const office = await createOfficeRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/offices/${office.id}`, { active: false });
      },
    },
    { route: 'GET /api/audit-events', needs: 'audit.read', call: (c) => send(t, c, 'GET', '/api/audit-events') },
    {
      route: 'GET /api/audit-events/export.csv',
      needs: 'audit.export',
      call: (c) => send(t, c, 'GET', '/api/audit-events/export.csv'),
    },
    { route: 'GET /api/outbox', needs: 'outbox.read', call: (c) => send(t, c, 'GET', '/api/outbox') },
    { route: 'GET /api/clients', needs: 'client.read', call: (c) => send(t, c, 'GET', '/api/clients') },
    {
      route: 'POST /api/clients',
      needs: 'client.create',
      call: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Nadia', familyName: 'Haddad' }),
    },
    {
      route: 'GET /api/clients/:id',
      needs: 'client.read',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}`);
      },
    },
    { route: 'GET /api/clients/count', needs: 'client.read', call: (c) => send(t, c, 'GET', '/api/clients/count') },
    {
      route: 'PATCH /api/clients/:id',
      needs: 'client.update',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/clients/${client.id}`, { version: 1, preferredName: 'Nadi' });
      },
    },
    {
      route: 'POST /api/clients/duplicate-check',
      needs: 'client.read',
      call: (c) => send(t, c, 'POST', '/api/clients/duplicate-check', { givenName: 'Nadia', familyName: 'Haddad' }),
    },
    {
      route: 'GET /api/clients/:id/duplicates',
      needs: 'client.read',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}/duplicates`);
      },
    },
    { route: 'GET /api/households', needs: 'client.read', call: (c) => send(t, c, 'GET', '/api/households') },
    {
      route: 'POST /api/households',
      needs: 'client.update',
      call: async (c, orgId) => {
        const head = await createClientRecord(t, orgId);
        return send(t, c, 'POST', '/api/households', { name: 'Haddad family', members: [{ clientId: head.id, relationship: 'head', joinedOn: '2025-02-01' }] });
      },
    },
    {
      route: 'GET /api/households/:id',
      needs: 'client.read',
      call: async (c, orgId) => {
        const { household } = await createHouseholdRecord(t, orgId);
        return send(t, c, 'GET', `/api/households/${household.id}`);
      },
    },
    {
      route: 'PATCH /api/households/:id',
      needs: 'client.update',
      call: async (c, orgId) => {
        const { household } = await createHouseholdRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/households/${household.id}`, { name: 'Renamed family', version: 1 });
      },
    },
    {
      route: 'POST /api/households/:id/members',
      needs: 'client.update',
      call: async (c, orgId) => {
        const { household } = await createHouseholdRecord(t, orgId);
        const child = await createClientRecord(t, orgId);
        return send(t, c, 'POST', `/api/households/${household.id}/members`, { clientId: child.id, relationship: 'child', joinedOn: '2025-03-01' });
      },
    },
    {
      route: 'PATCH /api/households/:id/members/:memberId',
      needs: 'client.update',
      call: async (c, orgId) => {
        const { household, member } = await createHouseholdRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/households/${household.id}/members/${member.id}`, { leftOn: '2025-06-30' });
      },
    },
    {
      route: 'GET /api/clients/:id/eligibility',
      needs: 'client.read',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        return send(t, c, 'GET', `/api/clients/${client.id}/eligibility`);
      },
    },
    { route: 'GET /api/enrollments', needs: 'client.read', call: (c) => send(t, c, 'GET', '/api/enrollments') },
    {
      route: 'POST /api/enrollments',
      needs: 'enrollment.manage',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        const program = await createProgramRecord(t, orgId);
        return send(t, c, 'POST', '/api/enrollments', { clientId: client.id, programId: program.id, serviceTier: 'orientation_referrals', tierReason: 'Orientation for everyone' });
      },
    },
    {
      route: 'GET /api/enrollments/:id',
      needs: 'client.read',
      call: async (c, orgId) => {
        const { enrollment } = await createEnrollmentRecord(t, orgId);
        return send(t, c, 'GET', `/api/enrollments/${enrollment.id}`);
      },
    },
    {
      route: 'PATCH /api/enrollments/:id',
      needs: 'enrollment.manage',
      call: async (c, orgId) => {
        const { enrollment } = await createEnrollmentRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/enrollments/${enrollment.id}`, { version: 1, serviceTier: 'comprehensive', tierReason: 'Two needs came up' });
      },
    },
    {
      route: 'GET /api/exception-requests',
      // Deciders list all requests, requesters their own: both kinds of holder get through.
      needs: 'exception.request',
      passes: 'allowed',
      call: (c) => send(t, c, 'GET', '/api/exception-requests'),
    },
    {
      route: 'POST /api/exception-requests',
      needs: 'exception.request',
      call: async (c, orgId) => {
        const client = await createClientRecord(t, orgId);
        const program = await createProgramRecord(t, orgId);
        return send(t, c, 'POST', '/api/exception-requests', { clientId: client.id, programId: program.id, reason: 'Arrived 40 days ago after a hospital stay' });
      },
    },
    {
      route: 'POST /api/exception-requests/:id/decision',
      needs: 'exception.decide',
      call: async (c, orgId) => {
        const { exception } = await createExceptionRecord(t, orgId);
        return send(t, c, 'POST', `/api/exception-requests/${exception.id}/decision`, { decision: 'approved', note: 'Hospital records seen' });
      },
    },
    { route: 'GET /api/intakes', needs: 'intake.manage', call: (c) => send(t, c, 'GET', '/api/intakes') },
    { route: 'POST /api/intakes', needs: 'intake.manage', call: (c) => send(t, c, 'POST', '/api/intakes', { data: { needs: ['housing_unstable'] } }) },
    {
      route: 'GET /api/intakes/:id',
      needs: 'intake.manage',
      call: async (c, orgId) => {
        const intake = await createIntakeRecord(t, orgId);
        return send(t, c, 'GET', `/api/intakes/${intake.id}`);
      },
    },
    {
      route: 'PATCH /api/intakes/:id',
      needs: 'intake.manage',
      call: async (c, orgId) => {
        const intake = await createIntakeRecord(t, orgId);
        return send(t, c, 'PATCH', `/api/intakes/${intake.id}`, { version: 1, step: 'needs', data: { needs: ['safety_concern'] } });
      },
    },
    {
      route: 'POST /api/intakes/:id/complete',
      needs: 'intake.manage',
      call: async (c, orgId) => {
        const intake = await createIntakeRecord(t, orgId, { complete: true });
        return send(t, c, 'POST', `/api/intakes/${intake.id}/complete`, { version: 1 });
      },
    },
    { route: 'GET /api/organizations', needs: 'platform', call: (c) => send(t, c, 'GET', '/api/organizations') },
    {
      route: 'POST /api/organizations',
      needs: 'platform',
      call: (c) => send(t, c, 'POST', '/api/organizations', { name: `Shelter ${suffix()}`, adminEmail: uniqueEmail('first-admin') }),
    },
    { route: 'GET /api/session', needs: 'session', call: (c) => send(t, c, 'GET', '/api/session') },
    { route: 'DELETE /api/session', needs: 'session', call: (c) => send(t, c, 'DELETE', '/api/session') },
    {
      route: 'PUT /api/session/organization',
      needs: 'session',
      // Switching needs a membership in the target: someone with none finds no such organization.
      withoutOrganization: '404 not_found',
      call: (c, orgId) => send(t, c, 'PUT', '/api/session/organization', { orgId }),
    },
    {
      route: 'PATCH /api/session/profile',
      needs: 'session',
      call: (c) => send(t, c, 'PATCH', '/api/session/profile', { displayName: 'Someone Renamed', locale: 'es' }),
    },
    {
      route: 'POST /api/session/password',
      needs: 'session',
      call: (c) => send(t, c, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'a brand new long passphrase' }),
    },
    { route: 'POST /api/session/mfa/setup', needs: 'session', call: (c) => send(t, c, 'POST', '/api/session/mfa/setup') },
    {
      route: 'POST /api/session/mfa/confirm',
      needs: 'session',
      // Nobody in this matrix has started the set-up, so a signed-in caller reaches the state check.
      passes: '409 conflict',
      call: (c) => send(t, c, 'POST', '/api/session/mfa/confirm', { code: '123456' }),
    },
    {
      route: 'DELETE /api/session/mfa',
      needs: 'session',
      // Nobody in this matrix has two-step verification on: the state check answers.
      passes: '409 conflict',
      call: (c) => send(t, c, 'DELETE', '/api/session/mfa', { password: PASSWORD, code: '123456' }),
    },
  ];

  function roleCanAny(role: Role, needs: Action | readonly Action[]): boolean {
    return typeof needs === 'string' ? roleCan(role, needs) : needs.some((action) => roleCan(role, action));
  }

  function expectedFor(route: RouteCase, role: Role): string {
    const passes = route.passes ?? 'allowed';
    switch (route.needs) {
      case 'session':
      case 'member':
        return passes;
      case 'platform':
        return '403 forbidden';
      default:
        return roleCanAny(role, route.needs) ? passes : '403 forbidden';
    }
  }

  function roleStory(needs: Needs): string {
    switch (needs) {
      case 'session':
        return 'every member, whatever their role, gets through';
      case 'member':
        return 'every active member gets through';
      case 'platform':
        return 'every organization role, org_admin included, gets 403 forbidden; only a platform admin gets through';
      default: {
        const allowed = ROLES.filter((r) => roleCanAny(r, needs));
        return `only ${allowed.join(', ')} (holders of ${typeof needs === 'string' ? needs : needs.join(' or ')}) get through; ${ROLES.filter((r) => !allowed.includes(r)).join(', ')} get 403 forbidden`;
      }
    }
  }

  describe('no session → 401 unauthenticated', () => {
    for (const route of routes) {
      it(`${route.route}: a visitor without a session, and Amina after she signed out, are both asked to sign in`, async () => {
        const { orgId, session } = await memberSession(t, 'org_admin');
        const stranger = await route.call(null, orgId);
        expect(outcome(stranger)).toBe('401 unauthenticated');

        expect((await session.delete('/api/session')).statusCode).toBe(204);
        const signedOut = await route.call(session, orgId);
        expect(outcome(signedOut)).toBe('401 unauthenticated');
      });
    }
  });

  describe('the role decides (per ROLE_ACTIONS)', () => {
    for (const route of routes) {
      it(`${route.route}: in Org A, ${roleStory(route.needs)}`, async () => {
        const crew = await createCrew(t);
        const seen: Record<string, string> = {};
        const expected: Record<string, string> = {};
        for (const role of ROLES) {
          seen[role] = outcome(await route.call(crew.members[role].session, crew.orgId));
          expected[role] = expectedFor(route, role);
        }
        if (route.needs === 'platform') {
          const petra = await createUser(t, { platformAdmin: true, name: 'Petra' });
          seen.platformAdmin = outcome(await route.call(await login(t, petra.email), crew.orgId));
          expected.platformAdmin = 'allowed';
        }
        expect(seen).toEqual(expected);
      });
    }
  });

  describe('signed in, but with no active organization', () => {
    for (const route of routes) {
      const expected =
        route.withoutOrganization ?? (route.needs === 'session' ? (route.passes ?? 'allowed') : '403 forbidden');
      const story =
        route.needs === 'platform'
          ? 'Farid, who belongs to no organization and is no platform admin, gets 403 forbidden'
          : route.needs === 'session'
            ? `Farid, who belongs to no organization, ${expected === '404 not_found' ? 'finds no organization to switch to (404)' : 'gets through: it is about his own account'}`
            : 'Farid, who belongs to no organization, and Petra, a platform admin who is no member of Org A, both get 403 forbidden';
      it(`${route.route}: ${story}`, async () => {
        const org = await createOrg(t, 'Org A');
        const farid = await signedInWithoutOrganization(t);
        expect(outcome(await route.call(farid.session, org.id))).toBe(expected);
        if (route.needs !== 'platform' && route.needs !== 'session') {
          // Running the platform grants no way into an organization's case files.
          const petra = await createUser(t, { platformAdmin: true });
          expect(outcome(await route.call(await login(t, petra.email), org.id))).toBe('403 forbidden');
        }
      });
    }
  });

  describe("another organization's record → 404, and nothing changes", () => {
    it('Amina at Org A creates a program; Ben at Org B tries to rename it → 404, the name is unchanged', async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'org_admin');
      const created = await amina.session.post('/api/programs', { name: 'Family reunification', code: 'FR' });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;

      const attempt = await ben.session.patch(`/api/programs/${id}`, { name: 'Hijacked', active: false });
      expect(attempt.statusCode).toBe(404);
      const unknown = await ben.session.patch(`/api/programs/${randomUUID()}`, { name: 'Hijacked', active: false });
      expect(attempt.json()).toEqual(unknown.json());

      const row = await readProgram(t, id);
      expect(row).toMatchObject({ orgId: amina.orgId, name: 'Family reunification', code: 'FR', active: true });
      expect((await amina.session.get('/api/programs')).json().items).toEqual([
        expect.objectContaining({ id, name: 'Family reunification', active: true }),
      ]);
    });

    it('Amina at Org A opens an office; Ben at Org B tries to close it → 404, the office stays open', async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'org_admin');
      const created = await amina.session.post('/api/offices', { name: 'Eastside office', phone: '+1 555 0199' });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;

      const attempt = await ben.session.patch(`/api/offices/${id}`, { active: false, phone: null });
      expect(attempt.statusCode).toBe(404);
      const unknown = await ben.session.patch(`/api/offices/${randomUUID()}`, { active: false, phone: null });
      expect(attempt.json()).toEqual(unknown.json());

      expect(await readOffice(t, id)).toMatchObject({ orgId: amina.orgId, name: 'Eastside office', phone: '+1 555 0199', active: true });
    });

    it("Amina at Org A invites Chloé; Ben at Org B tries to revoke the invitation → 404, it is still pending", async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'org_admin');
      const created = await amina.session.post('/api/invitations', { email: uniqueEmail('chloe'), role: 'case_manager' });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;

      const attempt = await ben.session.delete(`/api/invitations/${id}`);
      expect(attempt.statusCode).toBe(404);
      const unknown = await ben.session.delete(`/api/invitations/${randomUUID()}`);
      expect(attempt.json()).toEqual(unknown.json());

      expect((await readInvitation(t, id))?.revokedAt).toBeNull();
      const listed = (await amina.session.get('/api/invitations')).json<{ items: { id: string; status: string }[] }>().items;
      expect(listed.find((i) => i.id === id)?.status).toBe('pending');
    });

    it("Carlos is a case manager at Org A; Ben, admin at Org B, tries to suspend him and make him admin → 404, Carlos keeps working", async () => {
      const amina = await memberSession(t, 'org_admin');
      const carlos = await createUser(t, { orgId: amina.orgId, role: 'case_manager', name: 'Carlos' });
      const ben = await memberSession(t, 'org_admin');

      const suspend = await ben.session.patch(`/api/members/${carlos.id}`, { status: 'suspended' });
      expect(suspend.statusCode).toBe(404);
      const promote = await ben.session.patch(`/api/members/${carlos.id}`, { role: 'org_admin' });
      expect(promote.statusCode).toBe(404);
      const unknown = await ben.session.patch(`/api/members/${randomUUID()}`, { status: 'suspended' });
      expect(suspend.json()).toEqual(unknown.json());

      expect(await readMembership(t, amina.orgId, carlos.id)).toMatchObject({ role: 'case_manager', status: 'active' });
      expect(await readMembership(t, ben.orgId, carlos.id)).toBeUndefined();
      const carlosSession = await login(t, carlos.email);
      expect((await carlosSession.get('/api/clients')).statusCode).toBe(200);
    });

    it('Amina at Org A registers a client; Ben at Org B asks for the record → 404, the same answer as for an id that never existed', async () => {
      const amina = await memberSession(t, 'case_manager');
      const ben = await memberSession(t, 'org_admin');
      const created = await amina.session.post('/api/clients', { givenName: 'Yusuf', familyName: 'Karimi' });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;

      const attempt = await ben.session.get(`/api/clients/${id}`);
      const unknown = await ben.session.get(`/api/clients/${randomUUID()}`);
      expect(attempt.statusCode).toBe(404);
      expect(attempt.json()).toEqual(unknown.json());
      expect(attempt.body).not.toContain('Karimi');
      const search = await ben.session.get('/api/clients?q=Karimi');
      expect(search.json().items).toEqual([]);
      expect((await amina.session.get(`/api/clients/${id}`)).json()).toMatchObject({ givenName: 'Yusuf', familyName: 'Karimi' });
    });

    it("Amina at Org A registers a client; Ben at Org B tries to change the name and A-number and to list duplicates → 404, the record is unchanged", async () => {
      const amina = await memberSession(t, 'case_manager');
      const ben = await memberSession(t, 'org_admin');
      const created = await amina.session.post('/api/clients', { givenName: 'Yusuf', familyName: 'Karimi', aNumber: 'A-201-555-019' });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;

      const attempt = await ben.session.patch(`/api/clients/${id}`, { version: 1, familyName: 'Hijacked', aNumber: null });
      const unknown = await ben.session.patch(`/api/clients/${randomUUID()}`, { version: 1, familyName: 'Hijacked', aNumber: null });
      expect(attempt.statusCode).toBe(404);
      expect(attempt.json()).toEqual(unknown.json());
      expect((await ben.session.get(`/api/clients/${id}/duplicates`)).statusCode).toBe(404);

      const after = (await amina.session.get(`/api/clients/${id}`)).json();
      expect(after).toMatchObject({ familyName: 'Karimi', aNumber: 'A-201-555-019', version: 1 });
    });

    it("Amina at Org A groups a family; Ben at Org B tries to read it, rename it, add his own client and mark the head as left → 404 each time, the household is unchanged", async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'org_admin');
      const { household, member } = await createHouseholdRecord(t, amina.orgId, 'Haddad family');
      const bensClient = await createClientRecord(t, ben.orgId);

      const attempts = [
        await ben.session.get(`/api/households/${household.id}`),
        await ben.session.patch(`/api/households/${household.id}`, { name: 'Hijacked', version: 1 }),
        await ben.session.post(`/api/households/${household.id}/members`, { clientId: bensClient.id, relationship: 'child', joinedOn: '2025-03-01' }),
        await ben.session.patch(`/api/households/${household.id}/members/${member.id}`, { leftOn: '2025-06-30' }),
      ];
      const unknown = await ben.session.get(`/api/households/${randomUUID()}`);
      for (const attempt of attempts) {
        expect(attempt.statusCode).toBe(404);
      }
      expect(attempts[0]!.json()).toEqual(unknown.json());
      expect((await ben.session.get('/api/households')).json().items).toEqual([]);

      const after = await readHousehold(t, household.id);
      expect(after.household).toMatchObject({ name: 'Haddad family', version: 1 });
      expect(after.members).toEqual([expect.objectContaining({ id: member.id, leftOn: null })]);
    });

    it("Org A has an enrollment, an intake and an exception request; Ben at Org B tries to read and change each → 404, and nothing changes", async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'supervisor');
      const { enrollment, client } = await createEnrollmentRecord(t, amina.orgId);
      const intake = await createIntakeRecord(t, amina.orgId, { complete: true });
      const { exception } = await createExceptionRecord(t, amina.orgId);
      const bensProgram = await createProgramRecord(t, ben.orgId);

      const attempts = [
        await ben.session.get(`/api/enrollments/${enrollment.id}`),
        await ben.session.patch(`/api/enrollments/${enrollment.id}`, { version: 1, exitedOn: '2026-02-01', exitReason: 'Moved away' }),
        await ben.session.get(`/api/intakes/${intake.id}`),
        await ben.session.patch(`/api/intakes/${intake.id}`, { version: 1, abandon: true }),
        await ben.session.post(`/api/intakes/${intake.id}/complete`, { version: 1 }),
        await ben.session.post(`/api/exception-requests/${exception.id}/decision`, { decision: 'approved', note: 'Looks fine' }),
        await ben.session.get(`/api/clients/${client.id}/eligibility`),
      ];
      for (const attempt of attempts) {
        expect(attempt.statusCode, attempt.body).toBe(404);
      }
      // Enrolling or requesting an exception for Org A's client from Org B finds no such client.
      const enroll = await ben.session.post('/api/enrollments', { clientId: client.id, programId: bensProgram.id, serviceTier: 'comprehensive', tierReason: 'Hijack' });
      expect(enroll.statusCode).toBe(400);
      expect(enroll.json().error.fields).toEqual({ clientId: 'Client not found' });

      const after = await systemTransaction(t.database.db, async (tx) => ({
        enrollment: (await tx.select().from(schema.enrollments).where(eq(schema.enrollments.id, enrollment.id)))[0],
        intake: (await tx.select().from(schema.intakes).where(eq(schema.intakes.id, intake.id)))[0],
        exception: (await tx.select().from(schema.exceptionRequests).where(eq(schema.exceptionRequests.id, exception.id)))[0],
      }));
      expect(after.enrollment).toMatchObject({ status: 'active', version: 1 });
      expect(after.intake).toMatchObject({ status: 'in_progress', version: 1 });
      expect(after.exception).toMatchObject({ status: 'requested' });
      for (const path of ['/api/enrollments', '/api/intakes', '/api/exception-requests']) {
        expect((await ben.session.get(path)).json().items, path).toEqual([]);
      }
    });

    it('Ben at Org B tries to switch his session into Org A → 404, and he is still working in Org B', async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'case_manager');
      const attempt = await ben.session.put('/api/session/organization', { orgId: amina.orgId });
      const unknown = await ben.session.put('/api/session/organization', { orgId: randomUUID() });
      expect(attempt.statusCode).toBe(404);
      expect(attempt.json()).toEqual(unknown.json());
      expect((await ben.session.get('/api/session')).json().activeOrganization.id).toBe(ben.orgId);
      expect((await ben.session.get('/api/clients')).statusCode).toBe(200);
    });
  });

  describe("lists show only the caller's organization", () => {
    it("Amina fills Org A with a program, an office, a client and an invitation; Ben at Org B lists everything and sees none of it", async () => {
      const amina = await memberSession(t, 'org_admin');
      const ben = await memberSession(t, 'org_admin');
      const marker = `Zebra${randomUUID().slice(0, 4)}`;
      expect((await amina.session.post('/api/programs', { name: `${marker} program`, code: 'SAME' })).statusCode).toBe(201);
      expect((await amina.session.post('/api/offices', { name: `${marker} office` })).statusCode).toBe(201);
      expect((await amina.session.post('/api/clients', { givenName: 'Leila', familyName: marker })).statusCode).toBe(201);
      const invitee = uniqueEmail('zebra');
      expect((await amina.session.post('/api/invitations', { email: invitee, role: 'volunteer' })).statusCode).toBe(201);

      for (const path of ['/api/programs', '/api/offices', '/api/clients', '/api/invitations', '/api/outbox', '/api/members', '/api/audit-events']) {
        const response = await ben.session.get(path);
        expect(response.statusCode, path).toBe(200);
        expect(response.body, path).not.toContain(marker);
        expect(response.body, path).not.toContain(invitee);
        expect(response.body, path).not.toContain(amina.user.email);
      }
      const csv = await ben.session.get('/api/audit-events/export.csv');
      expect(csv.body).not.toContain(marker);
      // A program code is unique per organization only: Ben may use Amina's.
      expect((await ben.session.post('/api/programs', { name: 'Ben program', code: 'SAME' })).statusCode).toBe(201);
      // …and Amina still sees her own.
      expect((await amina.session.get('/api/clients')).body).toContain(marker);
    });
  });

  describe('bad input → 400 naming the field', () => {
    const bad: BadInput[] = [
      ...moduleCases.flatMap((cases) => cases.badInputs(t)),
      {
        route: 'PATCH /api/organization',
        story: 'Amina renames Org A to a single letter',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/organization', { name: 'A' }),
        field: 'name',
      },
      {
        route: 'PATCH /api/organization',
        story: 'Amina makes French, which Haven does not offer, the default language',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/organization', { defaultLocale: 'fr' }),
        field: 'defaultLocale',
      },
      {
        route: 'PATCH /api/organization',
        story: 'Amina sends a field the API does not know',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/organization', { plan: 'enterprise' }),
        field: 'plan',
      },
      {
        route: 'PATCH /api/members/:userId',
        story: 'Amina edits a member by something that is not a user id',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/members/not-a-uuid', { role: 'supervisor' }),
        field: 'userId',
      },
      {
        route: 'PATCH /api/members/:userId',
        story: 'Amina gives Carlos a role that does not exist',
        as: 'org_admin',
        send: async (c, orgId) => {
          const carlos = await createUser(t, { orgId, role: 'case_manager' });
          return send(t, c, 'PATCH', `/api/members/${carlos.id}`, { role: 'boss' });
        },
        field: 'role',
      },
      {
        route: 'PATCH /api/members/:userId',
        story: 'Amina saves a member without changing anything',
        as: 'org_admin',
        send: async (c, orgId) => {
          const carlos = await createUser(t, { orgId, role: 'case_manager' });
          return send(t, c, 'PATCH', `/api/members/${carlos.id}`, {});
        },
        field: 'role',
      },
      {
        route: 'POST /api/invitations',
        story: 'Amina invites an address without an @',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/invitations', { email: 'chloe.example.test', role: 'case_manager' }),
        field: 'email',
      },
      {
        route: 'POST /api/invitations',
        story: 'Amina invites someone as "superuser"',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/invitations', { email: uniqueEmail(), role: 'superuser' }),
        field: 'role',
      },
      {
        route: 'DELETE /api/invitations/:id',
        story: 'Amina revokes an invitation by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'DELETE', '/api/invitations/123'),
        field: 'id',
      },
      {
        route: 'POST /api/programs',
        story: 'Amina creates a program with a one-letter name',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/programs', { name: 'X' }),
        field: 'name',
      },
      {
        route: 'POST /api/programs',
        story: 'Amina gives a program a code with spaces',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/programs', { name: 'Legal clinic', code: 'legal clinic' }),
        field: 'code',
      },
      {
        route: 'PATCH /api/programs/:id',
        story: 'Amina edits a program by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/programs/legal-clinic', { name: 'Legal clinic' }),
        field: 'id',
      },
      {
        route: 'PATCH /api/programs/:id',
        story: 'Amina sets a program active to "yes" instead of true',
        as: 'org_admin',
        send: async (c, orgId) => {
          const program = await createProgramRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/programs/${program.id}`, { active: 'yes' });
        },
        field: 'active',
      },
      {
        route: 'POST /api/offices',
        story: 'Amina types "call reception" as the office phone',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/offices', { name: 'Main office', phone: 'call reception' }),
        field: 'phone',
      },
      {
        route: 'PATCH /api/offices/:id',
        story: 'Amina edits an office by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'PATCH', '/api/offices/main', { name: 'Main office' }),
        field: 'id',
      },
      {
        route: 'PATCH /api/offices/:id',
        story: 'Amina blanks an office name',
        as: 'org_admin',
        send: async (c, orgId) => {
          const office = await createOfficeRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/offices/${office.id}`, { name: '  ' });
        },
        field: 'name',
      },
      {
        route: 'GET /api/audit-events',
        story: 'Amina asks for zero audit events per page',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events?limit=0'),
        field: 'limit',
      },
      {
        route: 'GET /api/audit-events',
        story: 'Amina filters the audit log by a user id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events?userId=amina'),
        field: 'userId',
      },
      {
        route: 'GET /api/audit-events',
        story: 'Amina filters from "yesterday"',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events?from=yesterday'),
        field: 'from',
      },
      {
        route: 'GET /api/audit-events',
        story: 'Amina asks for a period that ends before it starts',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events?from=2024-05-02&to=2024-05-01'),
        field: 'from',
      },
      {
        route: 'GET /api/audit-events',
        story: 'Amina follows a cursor she made up',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events?cursor=abc'),
        field: 'cursor',
      },
      {
        route: 'GET /api/audit-events/export.csv',
        story: 'Amina exports from a date that is not a date',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events/export.csv?from=2024-13-45'),
        field: 'from',
      },
      {
        route: 'GET /api/audit-events/export.csv',
        story: 'Amina passes a page size to the export, which has none',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/audit-events/export.csv?limit=10'),
        field: 'limit',
      },
      {
        route: 'GET /api/clients',
        story: 'Amina asks for 1000 clients per page',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/clients?limit=1000'),
        field: 'limit',
      },
      {
        route: 'GET /api/clients',
        story: 'Amina follows a tampered cursor',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', `/api/clients?cursor=${Buffer.from('["a","b","not-an-id"]').toString('base64url')}`),
        field: 'cursor',
      },
      {
        route: 'GET /api/clients',
        story: 'Amina filters clients by a parameter the API does not know',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/clients?status=open'),
        field: 'status',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina registers a client with a blank given name',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: '   ', familyName: 'Haddad' }),
        field: 'givenName',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina types "Syria" as the country of birth instead of SY',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', countryOfBirth: 'Syria' }),
        field: 'countryOfBirth',
      },
      {
        route: 'GET /api/clients/:id',
        story: 'Amina opens a client by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/clients/42'),
        field: 'id',
      },
      {
        route: 'GET /api/clients/count',
        story: 'Amina counts clients with a search of 500 characters',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', `/api/clients/count?q=${'a'.repeat(500)}`),
        field: 'q',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina enters 30 February 2026 as the date of birth',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', dateOfBirth: '2026-02-30' }),
        field: 'dateOfBirth',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina enters a date of birth next year',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', dateOfBirth: `${new Date().getUTCFullYear() + 1}-01-15` }),
        field: 'dateOfBirth',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina types an A-number with letters in it',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', aNumber: 'A12B45678' }),
        field: 'aNumber',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina types a receipt number with two letters',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', receiptNumbers: ['IO10912345678'] }),
        field: 'receiptNumbers.0',
      },
      {
        route: 'POST /api/clients',
        story: 'Amina records an arrival before the date of birth',
        as: 'org_admin',
        send: (c) =>
          send(t, c, 'POST', '/api/clients', { givenName: 'Omar', familyName: 'Haddad', dateOfBirth: '2000-05-01', lastArrivalDate: '1999-01-01' }),
        field: 'lastArrivalDate',
      },
      {
        route: 'PATCH /api/clients/:id',
        story: 'Amina edits a client without saying which version she read',
        as: 'org_admin',
        send: async (c, orgId) => {
          const client = await createClientRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/clients/${client.id}`, { preferredName: 'Nadi' });
        },
        field: 'version',
      },
      {
        route: 'PATCH /api/clients/:id',
        story: 'Amina gives a status an end before its start',
        as: 'org_admin',
        send: async (c, orgId) => {
          const client = await createClientRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/clients/${client.id}`, {
            version: 1,
            statuses: [{ status: 'refugee', effectiveFrom: '2024-03-01', effectiveTo: '2024-02-01' }],
          });
        },
        field: 'statuses.0.effectiveTo',
      },
      {
        route: 'POST /api/clients/duplicate-check',
        story: 'Amina checks for duplicates without a family name',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/clients/duplicate-check', { givenName: 'Omar' }),
        field: 'familyName',
      },
      {
        route: 'GET /api/clients/:id/duplicates',
        story: 'Amina asks for the duplicates of a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/clients/42/duplicates'),
        field: 'id',
      },
      {
        route: 'GET /api/households',
        story: 'Amina lists the households of a client id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/households?clientId=amal'),
        field: 'clientId',
      },
      {
        route: 'POST /api/households',
        story: 'Amina creates a household with nobody in it',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/households', { name: 'Empty family', members: [] }),
        field: 'members',
      },
      {
        route: 'POST /api/households',
        story: 'Amina adds a head of household who joined on 31 April',
        as: 'org_admin',
        send: async (c, orgId) => {
          const head = await createClientRecord(t, orgId);
          return send(t, c, 'POST', '/api/households', { name: 'Haddad family', members: [{ clientId: head.id, relationship: 'head', joinedOn: '2025-04-31' }] });
        },
        field: 'members.0.joinedOn',
      },
      {
        route: 'PATCH /api/households/:id',
        story: 'Amina blanks the household name',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { household } = await createHouseholdRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/households/${household.id}`, { name: ' ', version: 1 });
        },
        field: 'name',
      },
      {
        route: 'POST /api/households/:id/members',
        story: 'Amina adds someone as the "cousin-in-law", a relationship Haven does not list',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { household } = await createHouseholdRecord(t, orgId);
          const other = await createClientRecord(t, orgId);
          return send(t, c, 'POST', `/api/households/${household.id}/members`, { clientId: other.id, relationship: 'cousin_in_law', joinedOn: '2025-03-01' });
        },
        field: 'relationship',
      },
      {
        route: 'PATCH /api/households/:id/members/:memberId',
        story: 'Amina marks the head as having left before joining',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { household, member } = await createHouseholdRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/households/${household.id}/members/${member.id}`, { leftOn: '2024-12-31' });
        },
        field: 'leftOn',
      },
      {
        route: 'GET /api/clients/:id/eligibility',
        story: 'Amina checks eligibility as of 31 June',
        as: 'org_admin',
        send: async (c, orgId) => {
          const client = await createClientRecord(t, orgId);
          return send(t, c, 'GET', `/api/clients/${client.id}/eligibility?asOf=2026-06-31`);
        },
        field: 'asOf',
      },
      {
        route: 'GET /api/enrollments',
        story: 'Amina lists enrollments with the status "paused", which does not exist',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/enrollments?status=paused'),
        field: 'status',
      },
      {
        route: 'POST /api/enrollments',
        story: 'Amina enrolls a client without saying why this service tier',
        as: 'org_admin',
        send: async (c, orgId) => {
          const client = await createClientRecord(t, orgId);
          const program = await createProgramRecord(t, orgId);
          return send(t, c, 'POST', '/api/enrollments', { clientId: client.id, programId: program.id, serviceTier: 'comprehensive', tierReason: ' ' });
        },
        field: 'tierReason',
      },
      {
        route: 'GET /api/enrollments/:id',
        story: 'Amina opens an enrollment by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/enrollments/7'),
        field: 'id',
      },
      {
        route: 'PATCH /api/enrollments/:id',
        story: 'Amina ends an enrollment without the reason',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { enrollment } = await createEnrollmentRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/enrollments/${enrollment.id}`, { version: 1, exitedOn: '2026-02-01' });
        },
        field: 'exitReason',
      },
      {
        route: 'GET /api/exception-requests',
        story: 'Amina lists exception requests for a client id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/exception-requests?clientId=noor'),
        field: 'clientId',
      },
      {
        route: 'POST /api/exception-requests',
        story: 'Amina asks for an exception with the reason "pls"',
        as: 'org_admin',
        send: async (c, orgId) => {
          const client = await createClientRecord(t, orgId);
          const program = await createProgramRecord(t, orgId);
          return send(t, c, 'POST', '/api/exception-requests', { clientId: client.id, programId: program.id, reason: 'pls' });
        },
        field: 'reason',
      },
      {
        route: 'POST /api/exception-requests/:id/decision',
        story: 'Sofia decides "maybe"',
        as: 'org_admin',
        send: async (c, orgId) => {
          const { exception } = await createExceptionRecord(t, orgId);
          return send(t, c, 'POST', `/api/exception-requests/${exception.id}/decision`, { decision: 'maybe', note: 'Not sure yet' });
        },
        field: 'decision',
      },
      {
        route: 'GET /api/intakes',
        story: 'Amina lists intakes with the status "draft", which does not exist',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/intakes?status=draft'),
        field: 'status',
      },
      {
        route: 'POST /api/intakes',
        story: 'Amina starts an intake with a need Haven does not know',
        as: 'org_admin',
        send: (c) => send(t, c, 'POST', '/api/intakes', { data: { needs: ['spaceship'] } }),
        field: 'data.needs.0',
      },
      {
        route: 'GET /api/intakes/:id',
        story: 'Amina opens an intake by a malformed id',
        as: 'org_admin',
        send: (c) => send(t, c, 'GET', '/api/intakes/intake-1'),
        field: 'id',
      },
      {
        route: 'PATCH /api/intakes/:id',
        story: 'Amina moves an intake to a step that does not exist',
        as: 'org_admin',
        send: async (c, orgId) => {
          const intake = await createIntakeRecord(t, orgId);
          return send(t, c, 'PATCH', `/api/intakes/${intake.id}`, { version: 1, step: 'payment' });
        },
        field: 'step',
      },
      {
        route: 'POST /api/intakes/:id/complete',
        story: 'Amina finishes an intake that has no program or tier yet',
        as: 'org_admin',
        send: async (c, orgId) => {
          const intake = await createIntakeRecord(t, orgId);
          return send(t, c, 'POST', `/api/intakes/${intake.id}/complete`, { version: 1 });
        },
        field: 'data.programId',
      },
      {
        route: 'POST /api/organizations',
        story: 'Petra creates an organization whose first admin has no valid email',
        as: 'platform_admin',
        send: (c) => send(t, c, 'POST', '/api/organizations', { name: 'Harbor House', adminEmail: 'not-an-email' }),
        field: 'adminEmail',
      },
      {
        route: 'POST /api/organizations',
        story: 'Petra creates an organization with a one-letter name',
        as: 'platform_admin',
        send: (c) => send(t, c, 'POST', '/api/organizations', { name: 'H', adminEmail: uniqueEmail() }),
        field: 'name',
      },
      {
        route: 'PUT /api/session/organization',
        story: 'Amina switches to an organization id that is not a uuid',
        as: 'org_admin',
        send: (c) => send(t, c, 'PUT', '/api/session/organization', { orgId: 'org-a' }),
        field: 'orgId',
      },
      {
        route: 'PATCH /api/session/profile',
        story: 'Farid picks German, which Haven does not offer',
        as: 'no_org',
        send: (c) => send(t, c, 'PATCH', '/api/session/profile', { locale: 'de' }),
        field: 'locale',
      },
      {
        route: 'PATCH /api/session/profile',
        story: 'Farid blanks his name',
        as: 'no_org',
        send: (c) => send(t, c, 'PATCH', '/api/session/profile', { displayName: '' }),
        field: 'displayName',
      },
      {
        route: 'POST /api/session/password',
        story: 'Farid picks a new password that is too short',
        as: 'no_org',
        send: (c) => send(t, c, 'POST', '/api/session/password', { currentPassword: PASSWORD, newPassword: 'short' }),
        field: 'newPassword',
      },
      {
        route: 'POST /api/session/password',
        story: 'Farid mistypes his current password',
        as: 'no_org',
        send: (c) => send(t, c, 'POST', '/api/session/password', { currentPassword: 'not my password', newPassword: 'a brand new long passphrase' }),
        field: 'currentPassword',
      },
      {
        route: 'POST /api/session/mfa/confirm',
        story: 'Farid confirms two-step verification with a 4-digit code',
        as: 'no_org',
        send: (c) => send(t, c, 'POST', '/api/session/mfa/confirm', { code: '1234' }),
        field: 'code',
      },
      {
        route: 'DELETE /api/session/mfa',
        story: 'Farid turns two-step verification off without his password',
        as: 'no_org',
        send: (c) => send(t, c, 'DELETE', '/api/session/mfa', { password: '', code: '123456' }),
        field: 'password',
      },
    ];

    for (const item of bad) {
      it(`${item.route}: ${item.story} → 400 naming ${item.field}`, async () => {
        let caller: Caller;
        let orgId: string;
        if (item.as === 'org_admin') {
          const amina = await memberSession(t, 'org_admin');
          caller = amina.session;
          orgId = amina.orgId;
        } else {
          const user = await createUser(t, { platformAdmin: item.as === 'platform_admin' });
          caller = await login(t, user.email);
          orgId = randomUUID();
        }
        const response = await item.send(caller, orgId);
        expect(response.statusCode, response.body).toBe(400);
        const error = response.json<{ error: { code: string; fields?: Record<string, string> } }>().error;
        expect(error.code).toBe('validation_failed');
        expect(error.fields).toHaveProperty([item.field]);
      });
    }

    it('a refused change leaves the record as it was: Amina renames a program to one letter, and it keeps its name', async () => {
      const amina = await memberSession(t, 'org_admin');
      const program = await createProgramRecord(t, amina.orgId, { name: 'Asylum clinic' });
      const response = await amina.session.patch(`/api/programs/${program.id}`, { name: 'A', active: false });
      expect(response.statusCode).toBe(400);
      expect(await readProgram(t, program.id)).toMatchObject({ name: 'Asylum clinic', active: true });
    });
  });

  it('covers every documented API route: a route added without joining this matrix fails here', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // Open to anyone by design (sign-in, reset, invitation links): their refusals have their own tests.
    const publicByDesign = [
      'POST /api/session',
      'POST /api/password-reset',
      'POST /api/password-reset/confirm',
      'GET /api/invitations/preview/:token',
      'POST /api/invitations/accept',
    ];
    const inMatrix = new Set(routes.map((r) => r.route));
    expect(documented.filter((r) => !inMatrix.has(r) && !publicByDesign.includes(r)).sort()).toEqual([]);
    expect([...inMatrix].filter((r) => !documented.includes(r))).toEqual([]);
  });
});
