import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction } from '../../src/platform/db/index.js';
import { anonymous, createOrg, createTestApp, createUser, login, PASSWORD, sessionCookieOf, uniqueEmail } from '../support/app.js';

describe('sign-in and sessions', async () => {
  const t = await createTestApp();

  it('Amina signs in, sees her memberships and a CSRF token, and signs out', async () => {
    const org = await createOrg(t, 'Welcome Center A');
    const user = await createUser(t, { orgId: org.id, role: 'case_manager', name: 'Amina' });
    const response = await anonymous(t, 'POST', '/api/session', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'haven_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    const body = response.json();
    expect(body.user.displayName).toBe('Amina');
    expect(body.activeOrganization).toMatchObject({ id: org.id, name: 'Welcome Center A', role: 'case_manager', timeZone: 'America/New_York' });
    expect(body.permissions).toContain('client.read');
    expect(body.permissions).not.toContain('audit.read');
    expect(body.csrfToken).toMatch(/.{20,}/);

    const session = await login(t, user.email);
    expect((await session.get('/api/session')).json().user.email).toBe(user.email);
    expect((await session.delete('/api/session')).statusCode).toBe(204);
    expect((await session.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses a wrong password with one message that does not say whether the account exists', async () => {
    const user = await createUser(t);
    const wrong = await anonymous(t, 'POST', '/api/session', { email: user.email, password: 'not the password' });
    const unknown = await anonymous(t, 'POST', '/api/session', { email: uniqueEmail(), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('locks an account after five failed sign-ins, even with the right password afterwards', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 5; i += 1) {
      expect((await anonymous(t, 'POST', '/api/session', { email: user.email, password: `wrong-${i}` })).statusCode).toBe(401);
    }
    const locked = await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
  });

  it('answers bad bodies with a 400 naming the field, never a 500', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');

    const wrongType = await anonymous(t, 'POST', '/api/session', { email: 42, password: 'x' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.fields).toHaveProperty('email');

    const unknownField = await anonymous(t, 'POST', '/api/session', { email: 'a@b.test', password: 'x', admin: true });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.fields).toEqual({ admin: 'Unknown field' });

    const huge = await anonymous(t, 'POST', '/api/session', { email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');

    const text = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
    expect(text.statusCode).toBe(415);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const user = await createUser(t, { orgId: (await createOrg(t)).id, role: 'auditor' });
    const idle = await login(t, user.email);
    const absolute = await login(t, user.email);
    await systemTransaction(t.database.db, async (tx) => {
      const idleId = (await tx.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))).map((s) => s.id);
      expect(idleId).toHaveLength(2);
    });
    const hash = (token: string) => import('../../src/platform/crypto.js').then((m) => m.sha256Hex(token));
    await systemTransaction(t.database.db, async (tx) => {
      await tx
        .update(schema.sessions)
        .set({ lastSeenAt: new Date(Date.now() - (t.config.sessionIdleMinutes + 1) * 60_000) })
        .where(eq(schema.sessions.id, await hash(idle.cookie)));
      await tx
        .update(schema.sessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(schema.sessions.id, await hash(absolute.cookie)));
    });
    const idleResponse = await idle.get('/api/session');
    expect(idleResponse.statusCode).toBe(401);
    expect(idleResponse.cookies.find((c) => c.name === 'haven_session')?.value).toBe('');
    expect((await absolute.get('/api/session')).statusCode).toBe(401);
  });

  it('refuses state changes without the CSRF token or from another site', async () => {
    const org = await createOrg(t);
    const user = await createUser(t, { orgId: org.id, role: 'org_admin' });
    const session = await login(t, user.email);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization',
      headers: { cookie: `haven_session=${session.cookie}` },
      payload: { name: 'Hijacked' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const crossSite = await session.request('PATCH', '/api/organization', { name: 'Hijacked' }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    const fetchMeta = await session.request('PATCH', '/api/organization', { name: 'Hijacked' }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.statusCode).toBe(403);
    const sameSite = await session.request('PATCH', '/api/organization', { name: 'Renamed' }, { origin: 'http://haven.test', 'sec-fetch-site': 'same-origin' });
    expect(sameSite.statusCode).toBe(200);
    expect(sameSite.json().name).toBe('Renamed');
    const loginCrossSite = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin: 'https://evil.example' },
      payload: { email: user.email, password: PASSWORD },
    });
    expect(loginCrossSite.statusCode).toBe(403);
  });

  it('lets a member of two organizations switch, and never into one she does not belong to', async () => {
    const a = await createOrg(t, 'First Org');
    const b = await createOrg(t, 'Second Org');
    const other = await createOrg(t, 'Not Mine');
    const user = await createUser(t, { orgId: a.id, role: 'case_manager' });
    const { addMembership } = await import('../support/app.js');
    await addMembership(t, b.id, user.id, 'supervisor');
    const session = await login(t, user.email);
    expect(session.body.memberships).toHaveLength(2);
    const switched = await session.put('/api/session/organization', { orgId: b.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeOrganization).toMatchObject({ id: b.id, role: 'supervisor' });
    expect((await session.put('/api/session/organization', { orgId: other.id })).statusCode).toBe(404);
  });

  it('takes access away at once from a suspended member', async () => {
    const org = await createOrg(t);
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    const member = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const session = await login(t, member.email);
    expect((await session.get('/api/clients')).statusCode).toBe(200);
    expect((await admin.patch(`/api/members/${member.id}`, { status: 'suspended' })).statusCode).toBe(200);
    const after = await session.get('/api/clients');
    expect(after.statusCode).toBe(403);
    expect((await session.get('/api/session')).json().activeOrganization).toBeNull();
  });

  it('sets the Secure flag when Haven is served over HTTPS', async () => {
    const https = await createTestApp({ HAVEN_PUBLIC_URL: 'https://haven.example.org' });
    const user = await createUser(https);
    const response = await anonymous(https, 'POST', '/api/session', { email: user.email, password: PASSWORD });
    expect(response.cookies.find((c) => c.name === 'haven_session')?.secure).toBe(true);
    expect(sessionCookieOf(response)).toBeTruthy();
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const limited = await createTestApp({ HAVEN_LOGIN_RATE_LIMIT: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await limited.app.inject({
        method: 'POST',
        url: '/api/session',
        // A spoofed forwarding header must not buy a fresh bucket.
        headers: { 'x-forwarded-for': `10.0.0.${i}` },
        payload: { email: uniqueEmail(), password: 'whatever-password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
