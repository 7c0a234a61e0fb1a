import { describe, expect, it } from 'vitest';
import { anonymous, createOrg, createTestApp, createUser, login, uniqueEmail } from '../support/app.js';
import { invitationTokenFrom } from '../support/matrix.js';

describe('probe', async () => {
  const t = await createTestApp();
  it('carol signed in accepts a new-account invite', async () => {
    const org = await createOrg(t, 'A');
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    const orgB = await createOrg(t, 'B');
    const carol = await login(t, (await createUser(t, { orgId: orgB.id, role: 'case_manager' })).email);
    const dave = uniqueEmail('dave');
    await admin.post('/api/invitations', { email: dave, role: 'auditor' });
    const mail = (await admin.get('/api/outbox')).json().items[0];
    const token = invitationTokenFrom(mail.body);
    const r = await carol.post('/api/invitations/accept', { token, displayName: 'Dave', password: 'dave long password' });
    console.log(r.statusCode, r.body, r.headers['set-cookie']);
    console.log((await carol.get('/api/session')).body);
    console.log((await anonymous(t, 'POST', '/api/session', { email: dave, password: 'dave long password' })).body);
    expect(1).toBe(1);
  });
  it('concurrent duplicate codes', async () => {
    const org = await createOrg(t, 'A');
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    const rs = await Promise.all([admin.post('/api/programs', { name: 'One', code: 'DUP' }), admin.post('/api/programs', { name: 'Two', code: 'DUP' })]);
    console.log(rs.map((r) => `${r.statusCode} ${r.body}`));
  });
  it('audit query field names', async () => {
    const org = await createOrg(t, 'A');
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    console.log((await admin.get('/api/audit-events?limit=0')).body);
    console.log((await admin.get('/api/clients?status=open')).body);
    console.log((await admin.patch('/api/organization', { name: 'A' })).body);
  });
});
