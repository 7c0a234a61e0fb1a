import { describe, expect, it } from 'vitest';
import { anonymous, createClientRecord, createOrg, createTestApp, createUser, login, PASSWORD } from '../support/app.js';

describe('HTTP basics', async () => {
  const t = await createTestApp();

  it('answers health and readiness probes', async () => {
    expect((await anonymous(t, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await anonymous(t, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('publishes the OpenAPI document and its docs page', async () => {
    const spec = (await anonymous(t, 'GET', '/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const route of ['/api/session', '/api/organizations', '/api/members/{userId}', '/api/audit-events', '/api/clients/{id}']) {
      expect(spec.paths, route).toHaveProperty([route]);
    }
    expect(spec.paths['/api/session'].post.requestBody).toBeTruthy();
    const docs = await anonymous(t, 'GET', '/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('uses one error shape for unknown routes and sends protective headers', async () => {
    const response = await anonymous(t, 'GET', '/api/nothing-here');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('never writes passwords, tokens, emails or client names to the log', async () => {
    const org = await createOrg(t);
    const user = await createUser(t, { orgId: org.id, role: 'org_admin', email: 'log-probe-person@example.test' });
    const session = await login(t, user.email);
    await createClientRecord(t, org.id, { givenName: 'Zuhra', familyName: 'Probeclient' });
    await session.get('/api/clients?q=Probeclient');
    await anonymous(t, 'POST', '/api/session', { email: user.email, password: 'a-wrong-secret-password' });
    const invite = await session.post('/api/invitations', { email: 'invitee-probe@example.test', role: 'volunteer' });
    expect(invite.statusCode).toBe(201);
    await anonymous(t, 'GET', '/api/invitations/preview/abcdefghijklmnopqrstuvwxyz0123456789');
    // A crash path too: a database error must be logged without its parameters.
    await anonymous(t, 'POST', '/api/password-reset', { email: 'probe-reset@example.test' });

    const logs = t.logs();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [PASSWORD, 'a-wrong-secret-password', session.cookie, session.csrfToken, 'log-probe-person', 'invitee-probe', 'Probeclient', 'Zuhra', 'abcdefghijklmnopqrstuvwxyz0123456789', 'probe-reset']) {
      expect(logs, `log contains ${secret.slice(0, 6)}…`).not.toContain(secret);
    }
  });
});
