import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { anonymous, createOrg, createTestApp, createUser, login, PASSWORD } from '../support/app.js';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function linkToken(text: string): string {
  // Quoted-printable may wrap long lines with "=\r\n".
  const unwrapped = text.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(unwrapped);
  if (!match) {
    throw new Error('no reset link in the mail');
  }
  return match[1]!;
}

describe('password reset by email', async () => {
  it('without SMTP, the mail waits in the outbox where an admin can read it', async () => {
    const t = await createTestApp();
    const org = await createOrg(t);
    const admin = await login(t, (await createUser(t, { orgId: org.id, role: 'org_admin' })).email);
    const user = await createUser(t, { orgId: org.id, role: 'case_manager' });

    const asked = await anonymous(t, 'POST', '/api/password-reset', { email: user.email });
    expect(asked.statusCode).toBe(202);
    const unknown = await anonymous(t, 'POST', '/api/password-reset', { email: 'nobody@example.test' });
    expect(unknown.statusCode).toBe(202);

    const outbox = (await admin.get('/api/outbox')).json<{ items: { to: string; subject: string; body: string; status: string }[] }>();
    const mail = outbox.items.find((m) => m.to === user.email);
    expect(mail?.status).toBe('stored');
    expect(mail?.subject).toContain('Reset');
    const token = linkToken(mail!.body);

    const weak = await anonymous(t, 'POST', '/api/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toHaveProperty('password');

    const done = await anonymous(t, 'POST', '/api/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(done.statusCode).toBe(204);
    expect((await anonymous(t, 'POST', '/api/session', { email: user.email, password: PASSWORD })).statusCode).toBe(401);
    expect((await anonymous(t, 'POST', '/api/session', { email: user.email, password: 'a brand new passphrase' })).statusCode).toBe(200);

    const again = await anonymous(t, 'POST', '/api/password-reset/confirm', { token, password: 'another new passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toHaveProperty('token');
  });

  it('with SMTP, the link is delivered to a real mail server and old sessions end', async () => {
    const smtp = await startSmtp();
    try {
      const t = await createTestApp({ HAVEN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
      const user = await createUser(t, { orgId: (await createOrg(t)).id, role: 'supervisor' });
      const oldSession = await login(t, user.email);

      expect((await anonymous(t, 'POST', '/api/password-reset', { email: user.email })).statusCode).toBe(202);
      await t.app.mailer.idle();
      for (let i = 0; i < 50 && smtp.mails.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.to).toEqual([user.email]);
      const token = linkToken(smtp.mails[0]!.raw);

      expect((await anonymous(t, 'POST', '/api/password-reset/confirm', { token, password: 'delivered by smtp ok' })).statusCode).toBe(204);
      expect((await oldSession.get('/api/session')).statusCode).toBe(401);
    } finally {
      await smtp.close();
    }
  });
});
