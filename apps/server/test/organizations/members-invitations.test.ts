import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMembership, anonymous, createOrg, createTestApp, createUser, login, PUBLIC_URL, uniqueEmail } from '../support/app.js';
import { invitationTokenFrom, readMembership, sessionFromResponse } from '../support/matrix.js';
import type { Session, TestApp } from '../support/app.js';

interface InvitationItem {
  id: string;
  email: string;
  role: string;
  status: string;
  invitedBy: string | null;
}
interface MemberItem {
  userId: string;
  email: string;
  role: string;
  status: string;
}
interface OutboxItem {
  to: string;
  subject: string;
  body: string;
}

const NEW_PASSWORD = 'a long passphrase of my own';

async function adminOf(t: TestApp, orgName: string, adminName = 'Amina') {
  const org = await createOrg(t, orgName);
  const user = await createUser(t, { orgId: org.id, role: 'org_admin', name: adminName });
  return { org, user, session: await login(t, user.email) };
}

async function invitations(admin: Session): Promise<InvitationItem[]> {
  return (await admin.get('/api/invitations')).json<{ items: InvitationItem[] }>().items;
}

async function members(admin: Session): Promise<MemberItem[]> {
  return (await admin.get('/api/members')).json<{ items: MemberItem[] }>().items;
}

/** Invites by the API and reads the link back from the organization's outbox, as the invitee would. */
async function inviteAndReadMail(admin: Session, email: string, role: string) {
  const response = await admin.post('/api/invitations', { email, role });
  expect(response.statusCode, response.body).toBe(201);
  const mails = (await admin.get('/api/outbox')).json<{ items: OutboxItem[] }>().items;
  const mail = mails.find((m) => m.to === email.toLowerCase());
  expect(mail, `no mail to ${email}`).toBeDefined();
  return { invitation: response.json<InvitationItem>(), mail: mail!, token: invitationTokenFrom(mail!.body) };
}

describe('members and invitations', async () => {
  const t = await createTestApp();

  it('Amina, admin of Welcome Center, invites Dina as a case manager; Dina follows the mailed link, sets a password and is signed in as a case manager', async () => {
    const amina = await adminOf(t, 'Welcome Center');
    const dinaEmail = uniqueEmail('dina');

    const created = await amina.session.post('/api/invitations', { email: dinaEmail.toUpperCase(), role: 'case_manager' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: dinaEmail, role: 'case_manager', status: 'pending', invitedBy: 'Amina' });

    const mails = (await amina.session.get('/api/outbox')).json<{ items: OutboxItem[] }>().items;
    const mail = mails.find((m) => m.to === dinaEmail);
    expect(mail?.subject).toContain('Welcome Center');
    expect(mail?.body).toContain(`${PUBLIC_URL}/invite?token=`);
    const token = invitationTokenFrom(mail!.body);

    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ orgName: 'Welcome Center', email: dinaEmail, role: 'case_manager', accountExists: false });

    const accepted = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dina', password: NEW_PASSWORD });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const cookie = accepted.cookies.find((c) => c.name === 'haven_session');
    expect(cookie?.value).toBeTruthy();
    expect(cookie?.httpOnly).toBe(true);
    expect(accepted.json()).toMatchObject({
      user: { email: dinaEmail, displayName: 'Dina' },
      activeOrganization: { id: amina.org.id, name: 'Welcome Center', role: 'case_manager' },
      memberships: [{ orgId: amina.org.id, role: 'case_manager' }],
    });
    expect(accepted.json().permissions).toContain('client.create');
    expect(accepted.json().permissions).not.toContain('member.invite');

    // The cookie is a working session: Dina reaches client records but not the member list.
    const dina = sessionFromResponse(t, accepted);
    expect((await dina.get('/api/session')).json().user.email).toBe(dinaEmail);
    expect((await dina.get('/api/clients')).statusCode).toBe(200);
    expect((await dina.get('/api/members')).statusCode).toBe(403);
    // …and the password she chose signs her in next time.
    expect((await anonymous(t, 'POST', '/api/session', { email: dinaEmail, password: NEW_PASSWORD })).statusCode).toBe(200);

    const listed = await invitations(amina.session);
    expect(listed.find((i) => i.email === dinaEmail)?.status).toBe('accepted');
    expect(await members(amina.session)).toContainEqual(expect.objectContaining({ email: dinaEmail, role: 'case_manager', status: 'active' }));

    // A used link is spent.
    expect((await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`)).statusCode).toBe(404);
    const again = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Someone Else', password: NEW_PASSWORD });
    expect(again.statusCode).toBe(404);
  });

  it('Dina opens her link but leaves the name and password empty, then picks a short password → 400 naming the fields, and the invitation stays open', async () => {
    const amina = await adminOf(t, 'Harbor House');
    const { token } = await inviteAndReadMail(amina.session, uniqueEmail('dina'), 'intake_specialist');

    const empty = await anonymous(t, 'POST', '/api/invitations/accept', { token });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().error.fields).sort()).toEqual(['displayName', 'password']);
    expect(empty.cookies.find((c) => c.name === 'haven_session')).toBeUndefined();

    const short = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dina', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toHaveProperty('password');

    expect((await invitations(amina.session))[0]?.status).toBe('pending');
    expect((await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`)).statusCode).toBe(200);
  });

  it("Amina revokes Dina's invitation before Dina opens it: the link then leads nowhere and the list shows it revoked", async () => {
    const amina = await adminOf(t, 'Riverside Legal Aid');
    const dinaEmail = uniqueEmail('dina');
    const { invitation, token } = await inviteAndReadMail(amina.session, dinaEmail, 'volunteer');

    expect((await amina.session.delete(`/api/invitations/${invitation.id}`)).statusCode).toBe(204);

    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`);
    expect(preview.statusCode).toBe(404);
    expect(preview.json().error.code).toBe('not_found');
    const accept = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dina', password: NEW_PASSWORD });
    expect(accept.statusCode).toBe(404);
    expect(accept.cookies.find((c) => c.name === 'haven_session')).toBeUndefined();
    // No account was made from a dead link.
    expect((await anonymous(t, 'POST', '/api/session', { email: dinaEmail, password: NEW_PASSWORD })).statusCode).toBe(401);

    expect((await invitations(amina.session)).find((i) => i.id === invitation.id)?.status).toBe('revoked');
    const twice = await amina.session.delete(`/api/invitations/${invitation.id}`);
    expect(twice.statusCode).toBe(409);
  });

  it('Amina invites Dina twice (first as volunteer, then as case manager): only the newest link works, and it carries the newer role', async () => {
    const amina = await adminOf(t, 'New Roots');
    const dinaEmail = uniqueEmail('dina');
    const first = await inviteAndReadMail(amina.session, dinaEmail, 'volunteer');
    const second = await amina.session.post('/api/invitations', { email: dinaEmail, role: 'case_manager' });
    expect(second.statusCode).toBe(201);
    const newest = (await amina.session.get('/api/outbox')).json<{ items: OutboxItem[] }>().items.filter((m) => m.to === dinaEmail);
    expect(newest).toHaveLength(2);
    const secondToken = newest.map((m) => invitationTokenFrom(m.body)).find((tok) => tok !== first.token)!;

    expect((await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(first.token)}`)).statusCode).toBe(404);
    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(secondToken)}`);
    expect(preview.json().role).toBe('case_manager');
    const statuses = Object.fromEntries((await invitations(amina.session)).map((i) => [i.role, i.status]));
    expect(statuses).toEqual({ volunteer: 'revoked', case_manager: 'pending' });
  });

  it('Eli already has an account at Org B; Amina invites him to Org A. Signed out he is asked to sign in (401), Frank signed in cannot take it (403), and signed in as himself Eli joins: two memberships', async () => {
    const amina = await adminOf(t, 'Org A');
    const orgB = await createOrg(t, 'Org B');
    const eli = await createUser(t, { orgId: orgB.id, role: 'supervisor', name: 'Eli' });
    const frank = await createUser(t, { orgId: orgB.id, role: 'case_manager', name: 'Frank' });
    const { invitation, token } = await inviteAndReadMail(amina.session, eli.email, 'legal_representative');

    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`);
    expect(preview.json()).toMatchObject({ orgName: 'Org A', role: 'legal_representative', accountExists: true });

    const signedOut = await anonymous(t, 'POST', '/api/invitations/accept', { token });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json().error.code).toBe('unauthenticated');
    // Whoever holds the link cannot set a new password on Eli's existing account either.
    const takeover = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Mallory', password: 'mallory takes over eli' });
    expect(takeover.statusCode).toBe(401);
    expect((await anonymous(t, 'POST', '/api/session', { email: eli.email, password: 'mallory takes over eli' })).statusCode).toBe(401);

    const frankSession = await login(t, frank.email);
    const wrongPerson = await frankSession.post('/api/invitations/accept', { token });
    expect(wrongPerson.statusCode).toBe(403);
    expect(wrongPerson.json().error.code).toBe('forbidden');
    expect(await readMembership(t, amina.org.id, frank.id)).toBeUndefined();
    expect((await invitations(amina.session)).find((i) => i.id === invitation.id)?.status).toBe('pending');

    const eliSession = await login(t, eli.email);
    expect(eliSession.body.memberships).toHaveLength(1);
    const joined = await eliSession.post('/api/invitations/accept', { token });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().activeOrganization).toMatchObject({ id: amina.org.id, role: 'legal_representative' });
    const session = (await eliSession.get('/api/session')).json<{ memberships: { orgId: string; role: string }[] }>();
    expect(session.memberships).toHaveLength(2);
    expect(session.memberships).toEqual(
      expect.arrayContaining([
        { orgId: orgB.id, orgName: 'Org B', role: 'supervisor' },
        { orgId: amina.org.id, orgName: 'Org A', role: 'legal_representative' },
      ]),
    );
    expect((await invitations(amina.session)).find((i) => i.id === invitation.id)?.status).toBe('accepted');
    expect(await readMembership(t, orgB.id, eli.id)).toMatchObject({ role: 'supervisor', status: 'active' });
  });

  it("Carol, signed in at Org B, opens the invitation Amina sent to Dave (who has no account yet) → 403: no account is made, Carol stays in Org B, and Dave can still accept it himself", async () => {
    const amina = await adminOf(t, 'Org A');
    const orgB = await createOrg(t, 'Org B');
    const carol = await createUser(t, { orgId: orgB.id, role: 'case_manager', name: 'Carol' });
    const carolSession = await login(t, carol.email);
    const daveEmail = uniqueEmail('dave');
    const { invitation, token } = await inviteAndReadMail(amina.session, daveEmail, 'auditor');

    const response = await carolSession.post('/api/invitations/accept', { token, displayName: 'Dave', password: NEW_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
    expect((await anonymous(t, 'POST', '/api/session', { email: daveEmail, password: NEW_PASSWORD })).statusCode).toBe(401);
    const after = (await carolSession.get('/api/session')).json<{ activeOrganization: { id: string } | null }>();
    expect(after.activeOrganization?.id).toBe(orgB.id);
    expect((await carolSession.get('/api/clients')).statusCode).toBe(200);
    expect(await readMembership(t, amina.org.id, carol.id)).toBeUndefined();
    expect((await invitations(amina.session)).find((i) => i.id === invitation.id)?.status).toBe('pending');

    const dave = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dave', password: NEW_PASSWORD });
    expect(dave.statusCode).toBe(200);
    expect(dave.json().user.email).toBe(daveEmail);
  });

  it("Amina makes Carlos a supervisor: the member list shows it, and Carlos's very next GET /api/session carries supervisor permissions", async () => {
    const amina = await adminOf(t, 'Welcome Center');
    const carlos = await createUser(t, { orgId: amina.org.id, role: 'case_manager', name: 'Carlos' });
    const carlosSession = await login(t, carlos.email);
    expect(carlosSession.body.permissions).not.toContain('member.read');
    expect((await carlosSession.get('/api/members')).statusCode).toBe(403);

    const changed = await amina.session.patch(`/api/members/${carlos.id}`, { role: 'supervisor' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ userId: carlos.id, role: 'supervisor', status: 'active' });
    expect((await members(amina.session)).find((m) => m.userId === carlos.id)?.role).toBe('supervisor');

    const next = (await carlosSession.get('/api/session')).json<{ activeOrganization: { role: string }; permissions: string[] }>();
    expect(next.activeOrganization.role).toBe('supervisor');
    expect(next.permissions).toContain('member.read');
    expect((await carlosSession.get('/api/members')).statusCode).toBe(200);

    const audit = (await amina.session.get(`/api/audit-events?action=member.updated&objectId=${carlos.id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actorUserId: amina.user.id,
      before: { role: 'case_manager', status: 'active' },
      after: { role: 'supervisor', status: 'active' },
    });
  });

  it('Amina is the only active admin: she can neither demote nor suspend herself (409) and stays admin; once Hana is admin too, Amina may step down', async () => {
    const amina = await adminOf(t, 'Solo Admin Org');
    // A suspended admin does not keep the organization running.
    const idle = await createUser(t, { name: 'Suspended admin' });
    await addMembership(t, amina.org.id, idle.id, 'org_admin', 'suspended');

    const demote = await amina.session.patch(`/api/members/${amina.user.id}`, { role: 'case_manager' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('conflict');
    const suspend = await amina.session.patch(`/api/members/${amina.user.id}`, { status: 'suspended' });
    expect(suspend.statusCode).toBe(409);
    expect((await members(amina.session)).find((m) => m.userId === amina.user.id)).toMatchObject({ role: 'org_admin', status: 'active' });
    expect((await amina.session.get('/api/session')).json().activeOrganization.role).toBe('org_admin');

    const hana = await createUser(t, { orgId: amina.org.id, role: 'case_manager', name: 'Hana' });
    expect((await amina.session.patch(`/api/members/${hana.id}`, { role: 'org_admin' })).statusCode).toBe(200);
    const stepDown = await amina.session.patch(`/api/members/${amina.user.id}`, { role: 'program_director' });
    expect(stepDown.statusCode).toBe(200);
    expect((await amina.session.get('/api/session')).json().activeOrganization.role).toBe('program_director');

    // Now Hana is the last one, and the same rule protects her.
    const hanaSession = await login(t, hana.email);
    expect((await hanaSession.patch(`/api/members/${hana.id}`, { status: 'suspended' })).statusCode).toBe(409);
  });

  it('Amina invites Carlos, who is already a member (typed in capitals) → 409 naming email, and no mail goes out', async () => {
    const amina = await adminOf(t, 'Welcome Center');
    const carlos = await createUser(t, { orgId: amina.org.id, role: 'case_manager', name: 'Carlos' });

    const response = await amina.session.post('/api/invitations', { email: carlos.email.toUpperCase(), role: 'supervisor' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields).toHaveProperty('email');
    expect(await invitations(amina.session)).toEqual([]);
    const mails = (await amina.session.get('/api/outbox')).json<{ items: OutboxItem[] }>().items;
    expect(mails.filter((m) => m.to === carlos.email)).toEqual([]);
    expect(await readMembership(t, amina.org.id, carlos.id)).toMatchObject({ role: 'case_manager' });
  });

  it('Amina and Hana, the only two admins, each demote the other at the same moment: the organization is never left without an active admin', async () => {
    const amina = await adminOf(t, 'Two Admins Org');
    const hana = await createUser(t, { orgId: amina.org.id, role: 'org_admin', name: 'Hana' });
    const hanaSession = await login(t, hana.email);

    const responses = await Promise.all([
      amina.session.patch(`/api/members/${hana.id}`, { role: 'case_manager' }),
      hanaSession.patch(`/api/members/${amina.user.id}`, { role: 'case_manager' }),
    ]);
    const admins = [await readMembership(t, amina.org.id, amina.user.id), await readMembership(t, amina.org.id, hana.id)].filter(
      (m) => m?.role === 'org_admin' && m.status === 'active',
    );
    expect(admins).toHaveLength(1);
    // The loser is refused either by the last-admin rule (409) or, if the winner committed first,
    // because she is no longer an admin (403).
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
  });

  it('Amina clicks "Invite" for Dina several times in a row: one pending invitation, one live link (a new invitation replaces the pending one)', async () => {
    const amina = await adminOf(t, 'Double Click Org');
    const dinaEmail = uniqueEmail('dina');
    const responses = await Promise.all(
      Array.from({ length: 3 }, () => amina.session.post('/api/invitations', { email: dinaEmail, role: 'case_manager' })),
    );
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    const pending = (await invitations(amina.session)).filter((i) => i.email === dinaEmail && i.status === 'pending');
    expect(pending).toHaveLength(1);
  });

  it('Dina double-clicks "Join" on her invitation: one click signs her in, the other is told the link is used, never a server error', async () => {
    const amina = await adminOf(t, 'Double Join Org');
    const { token } = await inviteAndReadMail(amina.session, uniqueEmail('dina'), 'case_manager');
    const responses = await Promise.all([
      anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dina', password: NEW_PASSWORD }),
      anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Dina', password: NEW_PASSWORD }),
    ]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([404, 409]).toContain(statuses[1]);
    expect((await members(amina.session)).filter((m) => m.role === 'case_manager')).toHaveLength(1);
  });

  it('someone guesses an invitation link: the preview and the acceptance both answer 404, and no account is made', async () => {
    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${randomUUID()}${randomUUID()}`);
    expect(preview.statusCode).toBe(404);
    const accept = await anonymous(t, 'POST', '/api/invitations/accept', {
      token: `${randomUUID()}${randomUUID()}`,
      displayName: 'Nobody',
      password: NEW_PASSWORD,
    });
    expect(accept.statusCode).toBe(404);
    expect(accept.json()).toEqual(preview.json());
    expect(accept.cookies.find((c) => c.name === 'haven_session')).toBeUndefined();
  });
});
