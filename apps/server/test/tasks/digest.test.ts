import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { addDays, todayIn } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { sendTaskDigests } from '../../src/modules/tasks/monitoring.js';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';
import { createCaseRecord } from '../support/cases.js';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps what it receives (as in the password-reset test). */
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

/** Quoted-printable body and encoded-word headers, undone enough to read the text. */
function readable(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const decode = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  // Encoded words folded over several header lines are joined back first.
  const headers = raw
    .slice(0, split)
    .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, text: string) => decode(text.replace(/_/g, ' ')));
  return `${headers}\n\n${decode(raw.slice(split + 4).replace(/=\r?\n/g, ''))}`;
}

describe('the daily task digest', async () => {
  it('is delivered over SMTP in the member’s language, once a day, with case references and no client names; an opted-out member gets nothing', async () => {
    const smtp = await startSmtp();
    try {
      const t = await createTestApp({ HAVEN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
      const deps = { database: t.database, mailer: t.app.mailer, config: t.config };
      const amina = await memberSession(t, 'case_manager');
      const orgId = amina.orgId;
      const ben = await memberSession(t, 'case_manager', orgId);
      const sofia = await memberSession(t, 'supervisor', orgId);
      await systemTransaction(t.database.db, (tx) => tx.update(schema.users).set({ locale: 'es' }).where(eq(schema.users.id, amina.user.id)));
      const client = await createClientRecord(t, orgId, { givenName: 'Layla', familyName: 'Qasimova' });
      const { kase } = await createCaseRecord(t, orgId, { caseManagerId: amina.user.id, clientId: client.id });
      const today = todayIn('America/New_York');

      expect((await amina.session.post('/api/tasks', { title: 'Bring the lease to the housing clinic', dueOn: addDays(today, 3), caseId: kase.id })).statusCode).toBe(201);
      expect((await amina.session.post('/api/tasks', { title: 'Plan the winter coat drive', dueOn: addDays(today, 30) })).statusCode).toBe(201);
      // Ben has a task due too, but he turned the digest off.
      expect((await ben.session.post('/api/tasks', { title: 'Call the clinic back', dueOn: today })).statusCode).toBe(201);
      expect((await ben.session.put('/api/account/task-digest', { enabled: false })).statusCode).toBe(200);
      // An overdue one of Amina's, written before today.
      await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
        tx.insert(schema.tasks).values({ orgId, caseId: kase.id, title: 'Meaningful contact for October 2026', dueOn: addDays(today, -2), assignedTo: amina.user.id, source: 'contact_rule', sourceKey: 'contact:2026-10' }),
      );

      // Sofia has nothing due: no mail for her either.
      expect(await sendTaskDigests(deps, { today, orgIds: [orgId] })).toBe(1);
      expect(await sendTaskDigests(deps, { today, orgIds: [orgId] })).toBe(0);
      await t.app.mailer.idle();
      for (let i = 0; i < 50 && smtp.mails.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(smtp.mails.map((m) => m.to)).toEqual([[amina.user.email]]);
      const text = readable(smtp.mails[0]!.raw);
      expect(text).toContain(`Sus tareas (${today})`);
      // A title someone typed may name a person: the email gives only the case reference for it.
      expect(text).toContain(`Una tarea — vence ${addDays(today, 3)} — ${kase.reference}`);
      expect(text).not.toContain('Bring the lease');
      expect(text).toContain(`Contacto significativo de octubre de 2026 — vencida ${addDays(today, -2)} — ${kase.reference}`);
      expect(text).not.toContain('Plan the winter coat drive');
      expect(text).not.toContain('Qasimova');
      expect(text).not.toContain('Layla');
      expect(smtp.mails.some((m) => m.to.includes(ben.user.email) || m.to.includes(sofia.user.email))).toBe(false);

      // The next day brings the next digest.
      expect(await sendTaskDigests(deps, { today: addDays(today, 1), orgIds: [orgId] })).toBe(1);
    } finally {
      await smtp.close();
    }
    // Its own app (with SMTP) is migrated from scratch: slow on a busy machine.
  }, 120_000);
});
