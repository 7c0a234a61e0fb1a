import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { addDays, type CredentialResponse, todayIn } from '@haven/domain';
import { and, asc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { sendRenewalReminders } from '../../src/modules/credentials/renewals.js';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { addMembership, createTestApp, createUser, memberSession, type TestApp } from '../support/app.js';
import { createCredentialRecord } from '../support/legal.js';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps what it receives (as in the digest test). */
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

const DAY = 86_400_000;

async function remindersOf(t: TestApp, orgId: string, itemId: string) {
  const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select({ step: schema.ticklerReminders.step, userId: schema.ticklerReminders.userId })
      .from(schema.ticklerReminders)
      .where(and(eq(schema.ticklerReminders.orgId, orgId), eq(schema.ticklerReminders.itemId, itemId)))
      .orderBy(asc(schema.ticklerReminders.sentAt)),
  );
  return rows;
}

async function noticesOf(t: TestApp, orgId: string, userId: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select({ kind: schema.notifications.kind, data: schema.notifications.data, link: schema.notifications.link })
      .from(schema.notifications)
      .where(and(eq(schema.notifications.orgId, orgId), eq(schema.notifications.userId, userId)))
      .orderBy(asc(schema.notifications.createdAt)),
  );
}

describe('renewal reminders', async () => {
  it('go to the holder and the administrators at the step reached — once each, no burst of earlier steps — by email and in the app, and start afresh after a renewal', async () => {
    const smtp = await startSmtp();
    try {
      const t = await createTestApp({ HAVEN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
      const deps = { database: t.database, mailer: t.app.mailer, config: t.config };
      const amina = await memberSession(t, 'org_admin');
      const orgId = amina.orgId;
      const daniel = await createUser(t, { orgId, role: 'program_director', name: 'Daniel Reyes' });
      await systemTransaction(t.database.db, (tx) => tx.update(schema.users).set({ locale: 'es' }).where(eq(schema.users.id, daniel.id)));
      const joseph = await createUser(t, { orgId, role: 'legal_representative', name: 'Joseph Banda' });
      const grace = await createUser(t, { orgId, role: 'legal_representative', name: 'Grace Mwangi' });
      const gone = await createUser(t, { name: 'Former Staff' });
      await addMembership(t, orgId, gone.id, 'legal_representative', 'suspended');
      // A supervisor holds no credential.manage: she hears nothing.
      const sofia = await createUser(t, { orgId, role: 'supervisor' });

      const now = new Date();
      const today = todayIn('America/New_York', now);
      const at = (days: number) => new Date(now.getTime() + days * DAY);
      // Joseph's accreditation is first seen 20 days before it runs out: the 30-day reminder only.
      const accreditation = await createCredentialRecord(t, orgId, joseph.id, { kind: 'accredited_representative', accreditationLevel: 'partial', expiresOn: addDays(today, 20) });
      // Grace's bar card runs 400 days more: nothing yet. A departed member's expired card: nothing ever.
      await createCredentialRecord(t, orgId, grace.id, { expiresOn: addDays(today, 400) });
      const departed = await createCredentialRecord(t, orgId, gone.id, { kind: 'accredited_representative', expiresOn: addDays(today, -5) });
      // The recognition runs 100 days more (the 180-day step); an older one, replaced by it, is left alone.
      const [recognition, replaced] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
        tx
          .insert(schema.orgRecognitions)
          .values([
            { orgId, recognizedOn: addDays(today, -2000), expiresOn: addDays(today, 100) },
            { orgId, recognizedOn: addDays(today, -2100), expiresOn: addDays(today, 10) },
          ])
          .returning(),
      );

      expect(await sendRenewalReminders(deps, { now, orgIds: [orgId] })).toEqual({ sent: 5 });
      expect(await remindersOf(t, orgId, accreditation.id)).toEqual(
        expect.arrayContaining([
          { step: '30', userId: joseph.id },
          { step: '30', userId: amina.user.id },
          { step: '30', userId: daniel.id },
        ]),
      );
      expect((await remindersOf(t, orgId, recognition!.id)).map((r) => r.step)).toEqual(['180', '180']);
      expect(await remindersOf(t, orgId, replaced!.id)).toEqual([]);
      expect(await remindersOf(t, orgId, departed.id)).toEqual([]);
      // Run again the same day (or an hour later): nothing twice.
      expect(await sendRenewalReminders(deps, { now, orgIds: [orgId] })).toEqual({ sent: 0 });
      expect(await sendRenewalReminders(deps, { now: at(1 / 24), orgIds: [orgId] })).toEqual({ sent: 0 });

      // In the app: Joseph sees his own reminder; Amina sees whose it is.
      expect(await noticesOf(t, orgId, joseph.id)).toEqual([
        { kind: 'credential_renewal', data: { kind: 'accredited_representative', step: '30', expiresOn: addDays(today, 20) }, link: '/account' },
      ]);
      expect(await noticesOf(t, orgId, amina.user.id)).toEqual(
        expect.arrayContaining([
          { kind: 'credential_renewal', data: { kind: 'accredited_representative', step: '30', expiresOn: addDays(today, 20), holderName: 'Joseph Banda' }, link: '/admin/credentials' },
          { kind: 'recognition_renewal', data: { kind: 'recognition', step: '180', expiresOn: addDays(today, 100) }, link: '/admin/credentials' },
        ]),
      );
      expect(await noticesOf(t, orgId, sofia.id)).toEqual([]);

      // By email, in each one's language, saying the renewal must be filed before the expiry.
      await t.app.mailer.idle();
      for (let i = 0; i < 100 && smtp.mails.length < 5; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(smtp.mails).toHaveLength(5);
      const toJoseph = smtp.mails.filter((m) => m.to.includes(joseph.email)).map((m) => readable(m.raw));
      expect(toJoseph).toHaveLength(1);
      expect(toJoseph[0]).toContain(`Your DOJ accreditation expires on ${addDays(today, 20)}`);
      expect(toJoseph[0]).toContain('must be filed with EOIR');
      expect(toJoseph[0]).toContain('before the expiry date');
      const toDaniel = smtp.mails.filter((m) => m.to.includes(daniel.email)).map((m) => readable(m.raw));
      expect(toDaniel.some((text) => text.includes(`La acreditación del DOJ de Joseph Banda vence el ${addDays(today, 20)}`))).toBe(true);
      expect(toDaniel.some((text) => text.includes('El reconocimiento del DOJ de la organización'))).toBe(true);

      // 14 days on, 6 days left: the 7-day step (the recognition, 86 days left, reaches 90).
      expect(await sendRenewalReminders(deps, { now: at(14), orgIds: [orgId] })).toEqual({ sent: 5 });
      // The day after the expiry: one "expired" notice each.
      expect(await sendRenewalReminders(deps, { now: at(21), orgIds: [orgId] })).toEqual({ sent: 3 });
      expect(await sendRenewalReminders(deps, { now: at(29), orgIds: [orgId] })).toEqual({ sent: 0 });
      expect((await remindersOf(t, orgId, accreditation.id)).filter((r) => r.userId === joseph.id).map((r) => r.step)).toEqual(['30', '7', 'expired']);

      // Renewed for two years: the reminders start afresh for the new date.
      const renewed = await amina.session.patch(`/api/credentials/${accreditation.id}`, { expiresOn: addDays(today, 700), version: 1 });
      expect(renewed.json<CredentialResponse>()).toMatchObject({ status: 'valid' });
      expect(await remindersOf(t, orgId, accreditation.id)).toEqual([]);
      expect(await sendRenewalReminders(deps, { now, orgIds: [orgId] })).toEqual({ sent: 0 });
      expect(await sendRenewalReminders(deps, { now: at(700 - 25), orgIds: [orgId] })).toMatchObject({ sent: expect.any(Number) });
      expect((await remindersOf(t, orgId, accreditation.id)).filter((r) => r.userId === joseph.id).map((r) => r.step)).toEqual(['30']);
    } finally {
      await smtp.close();
    }
  }, 120_000);

  it('stop once a timely renewal is filed with EOIR (8 CFR 1292.16), also past the expiry, and resume if the filing is taken off the record', async () => {
    const smtp = await startSmtp();
    try {
      const t = await createTestApp({ HAVEN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
      const deps = { database: t.database, mailer: t.app.mailer, config: t.config };
      const amina = await memberSession(t, 'org_admin');
      const orgId = amina.orgId;
      const joseph = await createUser(t, { orgId, role: 'legal_representative', name: 'Joseph Banda' });
      const now = new Date();
      const today = todayIn('America/New_York', now);
      const accreditation = await createCredentialRecord(t, orgId, joseph.id, { kind: 'accredited_representative', expiresOn: addDays(today, 20) });

      const filed = await amina.session.patch(`/api/credentials/${accreditation.id}`, { renewalFiledOn: today, version: 1 });
      expect(filed.json<CredentialResponse>()).toMatchObject({ renewalFiledOn: today, renewalPending: true, version: 2 });
      expect(await sendRenewalReminders(deps, { now, orgIds: [orgId] })).toEqual({ sent: 0 });
      // The day after the expiry, EOIR still deciding: no "expired" notice either.
      expect(await sendRenewalReminders(deps, { now: new Date(now.getTime() + 21 * DAY), orgIds: [orgId] })).toEqual({ sent: 0 });
      expect(await remindersOf(t, orgId, accreditation.id)).toEqual([]);

      // Recorded by mistake: cleared, the 30-day reminder goes to Joseph and Amina.
      expect((await amina.session.patch(`/api/credentials/${accreditation.id}`, { renewalFiledOn: null, version: 2 })).json()).toMatchObject({ renewalFiledOn: null, renewalPending: false });
      expect(await sendRenewalReminders(deps, { now, orgIds: [orgId] })).toEqual({ sent: 2 });
    } finally {
      await smtp.close();
    }
  }, 120_000);
});
