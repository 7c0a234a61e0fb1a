import { addDays, RENEWAL_REMINDER_DAYS, renewalStep, type RenewalStep, roleCan, type Role, todayIn } from '@haven/domain';
import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Config } from '../../platform/config.js';
import { type Database, type Db, schema, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail.js';
import { notifyInApp } from '../notifications/in-app.js';
import { mailLocale } from '../tasks/mail-text.js';
import { renewalMail, type RenewalSubject } from './mail-text.js';

const { organizations, staffCredentials, orgRecognitions, memberships, users, offices, ticklerReminders } = schema;

export interface RenewalDeps {
  database: Database;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl'>;
}

export interface RenewalOptions {
  /** The moment to act as of (tests); "today" is its day in each organization's time zone. */
  now?: Date;
  /** Only these organizations (tests); default: all. */
  orgIds?: string[];
}

export interface RenewalResult {
  /** Reminders sent (one per recipient and step). */
  sent: number;
}

const BATCH = 200;
const FIRST_REMINDER_DAYS = Math.max(...RENEWAL_REMINDER_DAYS);

interface Recipient {
  userId: string;
  email: string;
  locale: string | null;
}

/**
 * Sends one reminder per recipient and step, at most: the row in tickler_reminders is written
 * first (its primary key refuses a second), and the mail and in-app notice go in the same
 * transaction, so a rerun — or two servers at once — sends nothing twice.
 */
async function remind(
  tx: Db,
  deps: RenewalDeps,
  orgId: string,
  item: { kind: 'credential' | 'recognition'; id: string; expiresOn: string; step: RenewalStep },
  recipient: Recipient,
  subject: RenewalSubject,
  notice: { kind: string; data: Record<string, unknown>; link: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(ticklerReminders)
    .values({ orgId, itemKind: item.kind, itemId: item.id, step: item.step, userId: recipient.userId })
    .onConflictDoNothing()
    .returning({ step: ticklerReminders.step });
  if (inserted.length === 0) {
    return false;
  }
  const mail = renewalMail(mailLocale(recipient.locale), subject, item.step, item.expiresOn, `${deps.config.publicUrl}${notice.link}`);
  await deps.mailer.enqueue(tx, { orgId, to: recipient.email, subject: mail.subject, text: mail.text });
  await notifyInApp(tx, [{ orgId, userId: recipient.userId, kind: notice.kind, data: notice.data, link: notice.link }]);
  return true;
}

/** Active members who manage credentials (org_admin, program_director): they hear of every renewal. */
async function credentialManagers(tx: Db, orgId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, 'active')))
    .orderBy(asc(memberships.userId))
    .limit(1000);
  return rows.filter((r) => roleCan(r.role as Role, 'credential.manage'));
}

/**
 * Renewal reminders for staff credentials and the organization's recognition (run hourly by
 * platform/maintenance.ts; tests pass `now`): 180, 90, 60, 30 and 7 days before the expiry and
 * once after it, to the holder and to the members who manage credentials, by email and in the
 * app. A credential whose renewal was filed on time gets no further reminders. Only the current step is sent — an item first seen 20 days ahead gets the 30-day
 * reminder, not a burst of the 180/90/60 ones — and each step once (tickler_reminders). A
 * recognition already replaced by a later one for the same office is left alone.
 */
export async function sendRenewalReminders(deps: RenewalDeps, options: RenewalOptions = {}): Promise<RenewalResult> {
  const result: RenewalResult = { sent: 0 };
  const orgs = await systemTransaction(deps.database.db, (tx) =>
    tx
      .select({ id: organizations.id, timeZone: organizations.timeZone })
      .from(organizations)
      .where(options.orgIds ? inArray(organizations.id, options.orgIds) : undefined)
      .orderBy(asc(organizations.id)),
  );
  for (const org of orgs) {
    const today = todayIn(org.timeZone, options.now);
    const horizon = addDays(today, FIRST_REMINDER_DAYS);
    let after: string | null = null;
    for (;;) {
      const lastId: string | null = await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
        const managers = await credentialManagers(tx, org.id);
        const batch = await tx
          .select({
            id: staffCredentials.id,
            userId: staffCredentials.userId,
            kind: staffCredentials.kind,
            expiresOn: staffCredentials.expiresOn,
            holderName: users.displayName,
            email: users.email,
            locale: users.locale,
          })
          .from(staffCredentials)
          .innerJoin(users, eq(users.id, staffCredentials.userId))
          // Only members still with the organization: a departed member's card is nobody's work.
          .innerJoin(memberships, and(eq(memberships.orgId, staffCredentials.orgId), eq(memberships.userId, staffCredentials.userId), eq(memberships.status, 'active')))
          .where(
            and(
              eq(staffCredentials.orgId, org.id),
              lte(staffCredentials.expiresOn, horizon),
              // A renewal filed on time is with EOIR: there is nothing left to remind anyone of (8 CFR 1292.16).
              or(isNull(staffCredentials.renewalFiledOn), gt(staffCredentials.renewalFiledOn, staffCredentials.expiresOn)),
              after ? gt(staffCredentials.id, after) : undefined,
            ),
          )
          .orderBy(asc(staffCredentials.id))
          .limit(BATCH);
        for (const credential of batch) {
          const step = renewalStep(credential.expiresOn!, today);
          if (!step) {
            continue;
          }
          const item = { kind: 'credential' as const, id: credential.id, expiresOn: credential.expiresOn!, step };
          const data = { kind: credential.kind, step, expiresOn: credential.expiresOn };
          if (
            await remind(tx, deps, org.id, item, credential, { item: 'credential', kind: credential.kind, holderName: credential.holderName, own: true }, { kind: 'credential_renewal', data, link: '/account' })
          ) {
            result.sent += 1;
          }
          for (const manager of managers.filter((m) => m.userId !== credential.userId)) {
            const subject = { item: 'credential' as const, kind: credential.kind, holderName: credential.holderName, own: false };
            const notice = { kind: 'credential_renewal', data: { ...data, holderName: credential.holderName }, link: '/admin/credentials' };
            if (await remind(tx, deps, org.id, item, manager, subject, notice)) {
              result.sent += 1;
            }
          }
        }
        return batch.length === BATCH ? batch.at(-1)!.id : null;
      });
      if (!lastId) {
        break;
      }
      after = lastId;
    }

    result.sent += await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
      let sent = 0;
      const managers = await credentialManagers(tx, org.id);
      const recognitions = await tx
        .select({ id: orgRecognitions.id, officeId: orgRecognitions.officeId, expiresOn: orgRecognitions.expiresOn, officeName: offices.name })
        .from(orgRecognitions)
        .leftJoin(offices, and(eq(offices.orgId, orgRecognitions.orgId), eq(offices.id, orgRecognitions.officeId)))
        .where(eq(orgRecognitions.orgId, org.id))
        .orderBy(desc(orgRecognitions.expiresOn))
        .limit(BATCH);
      for (const recognition of recognitions) {
        const superseded = recognitions.some((other) => other.officeId === recognition.officeId && other.expiresOn > recognition.expiresOn);
        const step = superseded || recognition.expiresOn > horizon ? null : renewalStep(recognition.expiresOn, today);
        if (!step) {
          continue;
        }
        const item = { kind: 'recognition' as const, id: recognition.id, expiresOn: recognition.expiresOn, step };
        for (const manager of managers) {
          const notice = { kind: 'recognition_renewal', data: { kind: 'recognition', step, expiresOn: recognition.expiresOn }, link: '/admin/credentials' };
          if (await remind(tx, deps, org.id, item, manager, { item: 'recognition', officeName: recognition.officeName }, notice)) {
            sent += 1;
          }
        }
      }
      return sent;
    });
  }
  deps.mailer.kick();
  return result;
}
