import { DEFAULT_DEADLINE_RULES } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import type { TestApp } from '../support/app.js';

/**
 * Tickler items written straight to the database, as the matters, proceedings and deadline
 * helpers would make them: a rule or manual deadline, a hearing, a check-in, each with its
 * responsible person.
 */
export async function createDeadlineRecord(
  t: TestApp,
  orgId: string,
  matter: { id: string },
  values: {
    dueOn: string;
    responsibleId: string;
    title?: string;
    ruleId?: string | null;
    citation?: string | null;
    status?: 'open' | 'met' | 'missed' | 'done' | 'withdrawn';
    kind?: 'deadline' | 'earliest-date' | 'last-day' | 'checkpoint';
  },
) {
  const ruleId = values.ruleId === undefined ? 'ASYLUM_ONE_YEAR_FILING' : values.ruleId;
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterDeadlines)
      .values({
        orgId,
        matterId: matter.id,
        source: ruleId ? 'rule' : 'manual',
        ruleId,
        ruleVersion: ruleId ? '1' : null,
        kind: values.kind ?? 'deadline',
        title: values.title ?? (ruleId ? DEFAULT_DEADLINE_RULES.ASYLUM_ONE_YEAR_FILING.title : 'Send the declaration to Layla Qasimova'),
        citation: values.citation === undefined ? (ruleId ? 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)' : null) : values.citation,
        dueOn: values.dueOn,
        status: values.status ?? 'open',
        responsibleId: values.responsibleId,
        createdBy: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

export async function createHearingRecord(
  t: TestApp,
  orgId: string,
  matter: { id: string },
  values: { startsAt: string; responsibleId: string; court?: string; timeZone?: string; hearingType?: 'master' | 'individual'; status?: 'scheduled' | 'held' | 'adjourned' | 'cancelled' },
) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterHearings)
      .values({
        orgId,
        matterId: matter.id,
        court: values.court ?? 'New York - Broadway',
        hearingType: values.hearingType ?? 'master',
        startsAt: new Date(values.startsAt),
        timeZone: values.timeZone ?? 'America/New_York',
        status: values.status ?? 'scheduled',
        responsibleId: values.responsibleId,
        createdBy: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

export async function createCheckinRecord(
  t: TestApp,
  orgId: string,
  matter: { id: string },
  values: { startsAt: string; responsibleId: string; agency?: 'ice_ero' | 'isap'; location?: string },
) {
  const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .insert(schema.matterCheckins)
      .values({
        orgId,
        matterId: matter.id,
        agency: values.agency ?? 'isap',
        location: values.location ?? '26 Federal Plaza',
        startsAt: new Date(values.startsAt),
        timeZone: 'America/New_York',
        responsibleId: values.responsibleId,
        createdBy: values.responsibleId,
      })
      .returning(),
  );
  return row!;
}

export async function setProgramLegalSettings(t: TestApp, orgId: string, programId: string, legalSettings: Record<string, unknown>) {
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .update(schema.programs)
      .set({ legalSettings })
      .where(and(eq(schema.programs.orgId, orgId), eq(schema.programs.id, programId))),
  );
}

export async function setUserLocale(t: TestApp, userId: string, locale: string) {
  await systemTransaction(t.database.db, (tx) => tx.update(schema.users).set({ locale }).where(eq(schema.users.id, userId)));
}

/** Mail in the outbox of one organization, oldest first. */
export async function outboxOf(t: TestApp, orgId: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.select().from(schema.outbox).where(eq(schema.outbox.orgId, orgId)).orderBy(schema.outbox.createdAt),
  );
}

export async function notificationsOf(t: TestApp, orgId: string, userId: string) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.orgId, orgId), eq(schema.notifications.userId, userId)))
      .orderBy(schema.notifications.createdAt),
  );
}

export async function remindersOf(t: TestApp, orgId: string, itemId: string) {
  const rows = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx
      .select()
      .from(schema.ticklerReminders)
      .where(and(eq(schema.ticklerReminders.orgId, orgId), eq(schema.ticklerReminders.itemId, itemId))),
  );
  return rows.map((r) => `${r.step}@${r.userId}`).sort();
}

/** Noon in New York on a calendar day: a fixed "now" for the job. */
export function noonInNewYork(date: string): Date {
  // 17:00 UTC is 12:00 EST and 13:00 EDT: the same calendar day in New York all year.
  return new Date(`${date}T17:00:00Z`);
}
