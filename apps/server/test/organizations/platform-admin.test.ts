import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { anonymous, createTestApp, createUser, login, memberSession, PUBLIC_URL, uniqueEmail } from '../support/app.js';
import type { TestApp } from '../support/app.js';
import { invitationTokenFrom, readMembership, readOutbox, sessionFromResponse } from '../support/matrix.js';

interface OrganizationItem {
  id: string;
  name: string;
}

async function platformAdmin(t: TestApp) {
  const petra = await createUser(t, { platformAdmin: true, name: 'Petra' });
  return { user: petra, session: await login(t, petra.email) };
}

async function organizationsNamed(t: TestApp, name: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.organizations).where(eq(schema.organizations.name, name)));
}

describe('platform administration', async () => {
  const t = await createTestApp();

  it('Petra, the platform admin, creates "Harbor House" for Grace, who has no account: the invitation mail lands in the new organization, and Grace accepts it as its org_admin', async () => {
    const petra = await platformAdmin(t);
    const grace = uniqueEmail('grace');
    const name = `Harbor House ${randomUUID().slice(0, 4)}`;

    const created = await petra.session.post('/api/organizations', { name, adminEmail: grace.toUpperCase() });
    expect(created.statusCode, created.body).toBe(201);
    const org = created.json<OrganizationItem & { mfaRequired: boolean }>();
    expect(org).toMatchObject({ name, mfaRequired: false });

    const mails = await readOutbox(t, org.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: grace });
    expect(mails[0]!.subject).toContain(name);
    expect(mails[0]!.body).toContain(`${PUBLIC_URL}/invite?token=`);
    const token = invitationTokenFrom(mails[0]!.body);

    const preview = await anonymous(t, 'GET', `/api/invitations/preview/${encodeURIComponent(token)}`);
    expect(preview.json()).toEqual({ orgName: name, email: grace, role: 'org_admin', accountExists: false });

    const accepted = await anonymous(t, 'POST', '/api/invitations/accept', { token, displayName: 'Grace', password: 'harbor house first admin' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().activeOrganization).toMatchObject({ id: org.id, name, role: 'org_admin' });
    const graceSession = sessionFromResponse(t, accepted);

    // Grace runs the organization now: she sees the mail that invited her, and its creation in the log.
    const outbox = (await graceSession.get('/api/outbox')).json<{ items: { to: string }[] }>().items;
    expect(outbox.map((m) => m.to)).toEqual([grace]);
    const creationEvents = (await graceSession.get('/api/audit-events?action=organization.created')).json();
    expect(creationEvents.items).toEqual([expect.objectContaining({ actorUserId: petra.user.id, objectId: org.id })]);
    expect((await graceSession.get('/api/members')).json().items).toEqual([
      expect.objectContaining({ email: grace, role: 'org_admin', status: 'active' }),
    ]);
    // Petra set it up but is not a member: she has no way into its records.
    expect(await readMembership(t, org.id, petra.user.id)).toBeUndefined();
  });

  it('Petra creates "Riverside" for Hugo, who already has an account at another organization: Hugo is its org_admin at once and finds it among his memberships', async () => {
    const petra = await platformAdmin(t);
    const hugoElsewhere = await memberSession(t, 'case_manager');
    const hugo = hugoElsewhere.user;
    const name = `Riverside ${randomUUID().slice(0, 4)}`;

    const created = await petra.session.post('/api/organizations', { name, adminEmail: hugo.email });
    expect(created.statusCode, created.body).toBe(201);
    const org = created.json<OrganizationItem>();

    expect(await readOutbox(t, org.id)).toEqual([]);
    expect(await readMembership(t, org.id, hugo.id)).toMatchObject({ role: 'org_admin', status: 'active' });

    const session = (await hugoElsewhere.session.get('/api/session')).json<{ memberships: { orgId: string; role: string }[] }>();
    expect(session.memberships).toHaveLength(2);
    expect(session.memberships).toContainEqual({ orgId: org.id, orgName: name, role: 'org_admin' });
    const switched = await hugoElsewhere.session.put('/api/session/organization', { orgId: org.id });
    expect(switched.json().activeOrganization).toMatchObject({ id: org.id, role: 'org_admin' });
    expect(switched.json().permissions).toContain('member.invite');
    expect((await hugoElsewhere.session.get('/api/members')).json().items).toEqual([
      expect.objectContaining({ userId: hugo.id, role: 'org_admin' }),
    ]);
  });

  it('the organizations Petra creates appear in her list of all organizations', async () => {
    const petra = await platformAdmin(t);
    const names = [`Alpha ${randomUUID().slice(0, 4)}`, `Beta ${randomUUID().slice(0, 4)}`];
    const ids: string[] = [];
    for (const name of names) {
      const response = await petra.session.post('/api/organizations', { name, adminEmail: uniqueEmail('admin') });
      expect(response.statusCode).toBe(201);
      ids.push(response.json<OrganizationItem>().id);
    }
    const listed = await petra.session.get('/api/organizations');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: OrganizationItem[] }>().items;
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids[0], name: names[0] }), expect.objectContaining({ id: ids[1], name: names[1] })]));
  });

  it('Amina, org_admin of her own organization but no platform admin, can neither list all organizations nor create one (403), and nothing is created', async () => {
    const amina = await memberSession(t, 'org_admin');
    const name = `Unauthorized ${randomUUID().slice(0, 6)}`;

    const list = await amina.session.get('/api/organizations');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('forbidden');
    const create = await amina.session.post('/api/organizations', { name, adminEmail: amina.user.email });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('forbidden');

    expect(await organizationsNamed(t, name)).toEqual([]);
    expect((await amina.session.get('/api/session')).json().memberships).toHaveLength(1);
  });
});
