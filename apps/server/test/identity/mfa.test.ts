import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { anonymous, createOrg, createTestApp, createUser, login, PASSWORD, type Session } from '../support/app.js';

/** A code for the step after `afterStep`, as an authenticator app would show 30 s later. */
async function codeAt(secret: string, epochSeconds: number): Promise<string> {
  return generate({ secret, epoch: epochSeconds });
}

async function enrol(session: Session): Promise<string> {
  const setup = await session.post('/api/session/mfa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Haven:/);
  const confirm = await session.post('/api/session/mfa/confirm', { code: await codeAt(secret, Math.floor(Date.now() / 1000) - 30) });
  expect(confirm.statusCode).toBe(200);
  expect(confirm.json().user.mfaEnabled).toBe(true);
  return secret;
}

describe('two-step verification (TOTP)', async () => {
  const t = await createTestApp();

  it('after enrolment, sign-in asks for a code, accepts a fresh one and refuses its replay', async () => {
    const org = await createOrg(t);
    const user = await createUser(t, { orgId: org.id, role: 'legal_representative' });
    const secret = await enrol(await login(t, user.email));

    const noCode = await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('mfa_required');

    const code = await codeAt(secret, Math.floor(Date.now() / 1000));
    const ok = await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD, totp: code });
    expect(ok.statusCode).toBe(200);

    const replay = await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.fields).toHaveProperty('totp');
  });

  it('keeps the secret encrypted at rest', async () => {
    const user = await createUser(t, { orgId: (await createOrg(t)).id, role: 'case_manager' });
    const secret = await enrol(await login(t, user.email));
    const { schema, systemTransaction } = await import('../../src/platform/db/index.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.users).where(eq(schema.users.id, user.id)));
    expect(row!.totpSecret).toBeTruthy();
    expect(row!.totpSecret).not.toContain(secret);
  });

  it('an organization that requires MFA lets an unenrolled member do nothing but enrol', async () => {
    const org = await createOrg(t, 'Strict Org', { mfaRequired: true });
    const user = await createUser(t, { orgId: org.id, role: 'case_manager' });
    const session = await login(t, user.email);
    expect(session.body.mfaEnrollmentRequired).toBe(true);
    expect(session.body.permissions).toEqual([]);
    const blocked = await session.get('/api/clients');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_enrollment_required');
    await enrol(session);
    expect((await session.get('/api/clients')).statusCode).toBe(200);
    // MFA cannot be turned off while an organization requires it.
    const off = await session.delete('/api/session/mfa', { password: PASSWORD, code: '123456' });
    expect(off.statusCode).toBe(409);
  });

  it('can be turned off with the password and a current code', async () => {
    const user = await createUser(t, { orgId: (await createOrg(t)).id, role: 'case_manager' });
    const session = await login(t, user.email);
    const secret = await enrol(session);
    const wrongPassword = await session.delete('/api/session/mfa', { password: 'nope', code: await codeAt(secret, Math.floor(Date.now() / 1000)) });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.fields).toHaveProperty('password');
    const off = await session.delete('/api/session/mfa', { password: PASSWORD, code: await codeAt(secret, Math.floor(Date.now() / 1000)) });
    expect(off.statusCode).toBe(200);
    expect(off.json().user.mfaEnabled).toBe(false);
    expect((await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD })).statusCode).toBe(200);
  });
});
