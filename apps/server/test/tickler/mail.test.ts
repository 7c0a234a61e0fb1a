import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { addDays } from '@haven/domain';
import { describe, expect, it } from 'vitest';
import { runTickler } from '../../src/modules/tickler/tickler.js';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';
import { createDeadlineRecord, noonInNewYork, setUserLocale } from './items.js';

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

/** Quoted-printable body and encoded-word headers, undone enough to read the text. */
function readable(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const decode = (text: string) => Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const headers = raw
    .slice(0, split)
    .replace(/\?=\s+=\?UTF-8\?Q\?/gi, '')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, text: string) => decode(text.replace(/_/g, ' ')));
  return `${headers}\n\n${decode(raw.slice(split + 4).replace(/=\r?\n/g, ''))}`;
}

describe('tickler mail', async () => {
  it('delivers a reminder over SMTP in the recipient’s language, naming the client by initials and the matter by type and reference only', async () => {
    const smtp = await startSmtp();
    try {
      const t = await createTestApp({ HAVEN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
      const rep = await memberSession(t, 'legal_representative');
      await setUserLocale(t, rep.user.id, 'es');
      const client = await createClientRecord(t, rep.orgId, { givenName: 'Layla', familyName: 'Qasimova' });
      const matter = await createMatterRecord(t, rep.orgId, { representativeId: rep.user.id, clientId: client.id, type: 'defensive_asylum' });
      await createDeadlineRecord(t, rep.orgId, matter, { dueOn: addDays('2026-12-01', 14), responsibleId: rep.user.id });

      const deps = { database: t.database, mailer: t.app.mailer, config: t.config };
      expect((await runTickler(deps, { now: noonInNewYork('2026-12-01'), orgIds: [rep.orgId] })).reminders).toBe(1);
      await t.app.mailer.idle();
      for (let i = 0; i < 100 && smtp.mails.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(smtp.mails.map((m) => m.to)).toEqual([[rep.user.email]]);
      const text = readable(smtp.mails[0]!.raw);
      expect(text).toContain(`Recordatorio: ${matter.reference} — quedan 14 días`);
      expect(text).toContain(`asunto ${matter.reference} (asilo defensivo, L. Q.)`);
      expect(text).toContain('Plazo: Plazo de un año para solicitar asilo es el 2026-12-15 (en 14 días)');
      expect(text).toContain(`http://haven.test/matters/${matter.id}`);
      expect(text).not.toContain('Layla');
      expect(text).not.toContain('Qasimova');

      // A second run sends nothing more.
      expect((await runTickler(deps, { now: noonInNewYork('2026-12-01'), orgIds: [rep.orgId] })).reminders).toBe(0);
    } finally {
      await smtp.close();
    }
  }, 120_000);
});
