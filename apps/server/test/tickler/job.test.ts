import { addDays } from '@haven/domain';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { runTickler } from '../../src/modules/tickler/tickler.js';
import { createClientRecord, createTestApp, createUser, memberSession } from '../support/app.js';
import { createMatterRecord } from '../support/legal.js';
import { createProgramRecord } from '../support/matrix.js';
import {
  createCheckinRecord,
  createDeadlineRecord,
  createHearingRecord,
  noonInNewYork,
  notificationsOf,
  outboxOf,
  remindersOf,
  setProgramLegalSettings,
  setUserLocale,
} from './items.js';

const TODAY = '2026-12-01';

describe('the tickler job', async () => {
  const t = await createTestApp();
  const deps = { database: t.database, mailer: t.app.mailer, config: t.config };

  /** A legal representative, the matter's supervising attorney, a client and an open asylum matter. */
  async function setting(options: { supervisingAttorney?: boolean; isProtected?: boolean; type?: 'vawa' | 'affirmative_asylum' } = {}) {
    const rep = await memberSession(t, 'legal_representative');
    const orgId = rep.orgId;
    const attorney = await createUser(t, { orgId, role: 'supervisor', name: 'Sofia Attorney' });
    const client = await createClientRecord(t, orgId, { givenName: 'Layla', familyName: 'Qasimova', isProtected: options.isProtected ?? false, assignedTo: [rep.user.id] });
    const program = await createProgramRecord(t, orgId);
    const matter = await createMatterRecord(t, orgId, {
      representativeId: rep.user.id,
      supervisingAttorneyId: options.supervisingAttorney === false ? null : attorney.id,
      clientId: client.id,
      programId: program.id,
      ...(options.type ? { type: options.type } : {}),
    });
    const run = (date: string) => runTickler(deps, { now: noonInNewYork(date), orgIds: [orgId] });
    return { rep, orgId, attorney, client, program, matter, run };
  }

  it('sends the 30-day reminder once (email and in-app, to the responsible person), then the 14-day one when its day comes', async () => {
    const { rep, orgId, matter, run } = await setting();
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 30), responsibleId: rep.user.id });

    expect(await run(addDays(TODAY, -1))).toEqual({ reminders: 0, skipped: 0, escalations: 0 });
    expect(await run(TODAY)).toEqual({ reminders: 1, skipped: 0, escalations: 0 });
    // The same day again, and the next day (29 left: still the 30-day step): nothing twice.
    expect(await run(TODAY)).toEqual({ reminders: 0, skipped: 0, escalations: 0 });
    expect(await run(addDays(TODAY, 1))).toEqual({ reminders: 0, skipped: 0, escalations: 0 });

    const mail = await outboxOf(t, orgId);
    expect(mail.map((m) => m.toAddress)).toEqual([rep.user.email]);
    expect(mail[0]!.subject).toBe(`Reminder: ${matter.reference} — 30 days left`);
    expect(mail[0]!.body).toContain(`matter ${matter.reference} (affirmative asylum, L. Q.)`);
    expect(mail[0]!.body).toContain('Deadline: Asylum one-year filing deadline is on 2026-12-31 (in 30 days)');
    expect(mail[0]!.body).toContain('INA 208(a)(2)(B)');
    const notes = await notificationsOf(t, orgId, rep.user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'tickler_reminder', link: `/matters/${matter.id}` });
    expect(notes[0]!.data).toMatchObject({
      itemKind: 'deadline',
      itemId: deadline.id,
      matterReference: matter.reference,
      matterType: 'affirmative_asylum',
      confidential: false,
      initials: 'L. Q.',
      date: '2026-12-31',
      daysLeft: 30,
      offset: 30,
      ruleId: 'ASYLUM_ONE_YEAR_FILING',
    });
    expect(JSON.stringify(notes[0]!.data)).not.toContain('Qasimova');

    expect(await run(addDays(TODAY, 16))).toEqual({ reminders: 1, skipped: 0, escalations: 0 });
    expect(await remindersOf(t, orgId, deadline.id)).toEqual([`14@${rep.user.id}`, `30@${rep.user.id}`]);
  });

  it('an item added late gets one reminder, not a burst: the earlier steps are recorded as skipped', async () => {
    const { rep, orgId, matter, run } = await setting();
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 5), responsibleId: rep.user.id, ruleId: null });
    const result = await run(TODAY);
    expect(result).toMatchObject({ reminders: 1, skipped: 2 });
    expect(await remindersOf(t, orgId, deadline.id)).toEqual(expect.arrayContaining([`7@${rep.user.id}`, `skipped:14@${rep.user.id}`, `skipped:30@${rep.user.id}`]));
    const toRep = (await outboxOf(t, orgId)).filter((m) => m.toAddress === rep.user.email);
    expect(toRep).toHaveLength(1);
    // A deadline someone typed may name a person: the email says only that it is a deadline.
    expect(toRep[0]!.body).toContain('A deadline added by staff is on 2026-12-06 (in 5 days)');
    expect(toRep[0]!.body).not.toContain('Layla');
    // Three days later (2 left) the 2-day reminder; the day after, the 1-day one.
    expect((await run(addDays(TODAY, 3))).reminders).toBe(1);
    expect((await run(addDays(TODAY, 4))).reminders).toBe(1);
    expect((await run(addDays(TODAY, 4))).reminders).toBe(0);
  });

  it('honours the program’s own offsets (10 and 3 days)', async () => {
    const { rep, orgId, program, matter, run } = await setting();
    await setProgramLegalSettings(t, orgId, program.id, { reminderOffsets: [10, 3], escalateUnacknowledgedDays: 1 });
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 12), responsibleId: rep.user.id });
    expect((await run(TODAY)).reminders).toBe(0);
    expect((await run(addDays(TODAY, 2))).reminders).toBe(1);
    expect((await run(addDays(TODAY, 5))).reminders).toBe(0);
    expect((await run(addDays(TODAY, 9))).reminders).toBe(1);
    expect(await remindersOf(t, orgId, deadline.id)).toEqual([`10@${rep.user.id}`, `3@${rep.user.id}`]);
    // Escalation waits for the program's 1 day, not the default 7.
    expect((await run(addDays(TODAY, 9))).escalations).toBe(0);
  });

  it('escalates an item still not acknowledged a day after its reminder, within 7 days, to the supervising attorney, once; an acknowledged one is not escalated', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const hearing = await createHearingRecord(t, orgId, matter, { startsAt: '2026-12-08T14:30:00Z', responsibleId: rep.user.id, court: 'New York - Varick' });
    const acknowledged = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 7), responsibleId: rep.user.id });
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx
        .update(schema.matterDeadlines)
        .set({ acknowledgedAt: new Date(), acknowledgedBy: rep.user.id })
        .where(and(eq(schema.matterDeadlines.orgId, orgId), eq(schema.matterDeadlines.id, acknowledged.id))),
    );
    await setUserLocale(t, attorney.id, 'es');

    // Seven days ahead: the reminders go out; the responsible person has a day to acknowledge.
    expect(await run(TODAY)).toEqual({ reminders: 2, skipped: 4, escalations: 0 });
    expect(await run(TODAY)).toEqual({ reminders: 0, skipped: 0, escalations: 0 });
    expect(await run(addDays(TODAY, 1))).toEqual({ reminders: 0, skipped: 0, escalations: 1 });
    expect(await run(addDays(TODAY, 2))).toEqual({ reminders: 0, skipped: 0, escalations: 0 });

    const toAttorney = (await outboxOf(t, orgId)).filter((m) => m.toAddress === attorney.email);
    expect(toAttorney).toHaveLength(1);
    expect(toAttorney[0]!.subject).toBe(`Sin confirmar: ${matter.reference} — escalado a usted`);
    // The hearing is at 09:30 in New York on 8 December: its local day and time.
    expect(toAttorney[0]!.body).toContain('Audiencia de calendario maestro (tribunal de inmigración) es el 2026-12-08 09:30 (en 6 días)');
    expect(toAttorney[0]!.body).not.toMatch(/Layla|Qasimova/);
    expect((await notificationsOf(t, orgId, attorney.id)).map((n) => [n.kind, n.data.reason, n.data.itemId])).toEqual([['tickler_escalation', 'unacknowledged', hearing.id]]);
    expect((await notificationsOf(t, orgId, rep.user.id)).map((n) => n.kind).sort()).toEqual(['tickler_escalated', 'tickler_reminder', 'tickler_reminder']);
    expect(await remindersOf(t, orgId, acknowledged.id)).not.toContain(`escalation@${attorney.id}`);

    const [row] = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.matterHearings).where(and(eq(schema.matterHearings.orgId, orgId), eq(schema.matterHearings.id, hearing.id))),
    );
    expect(row!.escalatedAt?.toISOString()).toBe(noonInNewYork(addDays(TODAY, 1)).toISOString());
    const audit = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.orgId, orgId), eq(schema.auditEvents.objectId, hearing.id))),
    );
    expect(audit.map((a) => a.action)).toEqual(['hearing.updated']);
  });

  it('escalates an overdue item once, acknowledged or not, and stops reading it afterwards', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const checkin = await createCheckinRecord(t, orgId, matter, { startsAt: '2026-11-30T15:00:00Z', responsibleId: rep.user.id });
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 2), responsibleId: rep.user.id });
    await run(TODAY);
    expect(await remindersOf(t, orgId, checkin.id)).toEqual([`overdue@${attorney.id}`]);
    // Acknowledged within the day its reminder gave: no escalation for that; three days later it is overdue all the same.
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.update(schema.matterDeadlines).set({ acknowledgedAt: new Date(), acknowledgedBy: rep.user.id }).where(eq(schema.matterDeadlines.id, deadline.id)),
    );
    expect((await run(addDays(TODAY, 3))).escalations).toBe(1);
    expect((await run(addDays(TODAY, 4))).escalations).toBe(0);
    expect((await remindersOf(t, orgId, deadline.id)).filter((r) => !r.startsWith('skipped'))).toEqual([`2@${rep.user.id}`, `overdue@${attorney.id}`]);
    const overdueMail = (await outboxOf(t, orgId)).filter((m) => m.toAddress === attorney.email && m.subject.startsWith('Overdue'));
    expect(overdueMail).toHaveLength(2);
    expect(overdueMail[0]!.body).toContain('ISAP check-in was due 2026-11-30 10:00 (1 day ago)');
  });

  it('without a supervising attorney, escalates to every supervisor; a protected client’s item only to assigned supervising staff', async () => {
    const open = await setting({ supervisingAttorney: false });
    const second = await createUser(t, { orgId: open.orgId, role: 'supervisor' });
    const item = await createDeadlineRecord(t, open.orgId, open.matter, { dueOn: addDays(TODAY, 1), responsibleId: open.rep.user.id });
    await open.run(TODAY);
    expect(await remindersOf(t, open.orgId, item.id)).toEqual(
      [`1@${open.rep.user.id}`, `escalation@${open.attorney.id}`, `escalation@${second.id}`, ...['2', '7', '14', '30'].map((n) => `skipped:${n}@${open.rep.user.id}`)].sort(),
    );

    const hidden = await setting({ supervisingAttorney: false, isProtected: true });
    const assigned = await createUser(t, { orgId: hidden.orgId, role: 'supervisor' });
    await tenantTransaction(t.database.db, { orgId: hidden.orgId, userId: null }, (tx) =>
      tx.insert(schema.clientAssignments).values({ orgId: hidden.orgId, clientId: hidden.client.id, userId: assigned.id }),
    );
    const secret = await createDeadlineRecord(t, hidden.orgId, hidden.matter, { dueOn: addDays(TODAY, 3), responsibleId: hidden.rep.user.id });
    await hidden.run(TODAY);
    await hidden.run(addDays(TODAY, 1));
    const told = (await remindersOf(t, hidden.orgId, secret.id)).filter((r) => r.startsWith('escalation'));
    expect(told).toEqual([`escalation@${assigned.id}`]);
    expect((await outboxOf(t, hidden.orgId)).some((m) => m.toAddress === hidden.attorney.email)).toBe(false);
    expect(await notificationsOf(t, hidden.orgId, hidden.attorney.id)).toEqual([]);

    // A protected client with a supervising attorney who is not assigned: nobody is told, and the
    // item is not marked escalated (the next run tries again once someone is assigned).
    const unassigned = await setting({ isProtected: true });
    const lonely = await createDeadlineRecord(t, unassigned.orgId, unassigned.matter, { dueOn: addDays(TODAY, 3), responsibleId: unassigned.rep.user.id });
    expect((await unassigned.run(TODAY)).escalations).toBe(0);
    expect((await unassigned.run(addDays(TODAY, 1))).escalations).toBe(0);
    expect((await remindersOf(t, unassigned.orgId, lonely.id)).some((r) => r.startsWith('escalation'))).toBe(false);
    await tenantTransaction(t.database.db, { orgId: unassigned.orgId, userId: null }, (tx) =>
      tx.insert(schema.clientAssignments).values({ orgId: unassigned.orgId, clientId: unassigned.client.id, userId: unassigned.attorney.id }),
    );
    expect((await unassigned.run(addDays(TODAY, 1))).escalations).toBe(1);
  });

  it('a deadline the engine marked missed is escalated as overdue once; an earliest filing date is reminded of but never escalated', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const missed = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, -3), responsibleId: rep.user.id, status: 'missed' });
    const opening = await createDeadlineRecord(t, orgId, matter, {
      dueOn: addDays(TODAY, 2),
      responsibleId: rep.user.id,
      ruleId: 'EAD_C8_EARLIEST_FILING',
      title: 'Earliest day to file the work permit application',
      kind: 'earliest-date',
    });
    expect(await run(TODAY)).toEqual({ reminders: 1, skipped: 3, escalations: 1 });
    expect(await remindersOf(t, orgId, missed.id)).toEqual([`overdue@${attorney.id}`]);
    expect((await remindersOf(t, orgId, opening.id)).filter((r) => !r.startsWith('skipped'))).toEqual([`2@${rep.user.id}`]);
    // Once the window is open, nothing more about it (it stays "open" in the engine's words).
    expect(await run(addDays(TODAY, 5))).toEqual({ reminders: 0, skipped: 0, escalations: 0 });
    const toAttorney = (await outboxOf(t, orgId)).filter((m) => m.toAddress === attorney.email);
    expect(toAttorney.map((m) => m.subject)).toEqual([`Overdue: ${matter.reference} — escalated to you`]);
    expect(toAttorney[0]!.body).toContain('Deadline: Asylum one-year filing deadline was due 2026-11-28 (3 days ago)');
  });

  it('when the responsible person is no longer an active member, nobody is reminded and the supervising attorney hears at once', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const item = await createHearingRecord(t, orgId, matter, { startsAt: '2026-12-06T15:00:00Z', responsibleId: rep.user.id });
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.update(schema.memberships).set({ status: 'suspended' }).where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, rep.user.id))),
    );
    expect(await run(TODAY)).toEqual({ reminders: 0, skipped: 0, escalations: 1 });
    expect(await remindersOf(t, orgId, item.id)).toEqual([`escalation@${attorney.id}`]);
    expect(await notificationsOf(t, orgId, rep.user.id)).toEqual([]);
  });

  it('leaves alone closed matters, met deadlines and held hearings', async () => {
    const { rep, orgId, matter, run } = await setting();
    await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 1), responsibleId: rep.user.id, status: 'met' });
    await createHearingRecord(t, orgId, matter, { startsAt: '2026-11-20T15:00:00Z', responsibleId: rep.user.id, status: 'held' });
    const closed = await createMatterRecord(t, orgId, { representativeId: rep.user.id, status: 'closed' });
    await createDeadlineRecord(t, orgId, closed, { dueOn: addDays(TODAY, 1), responsibleId: rep.user.id });
    expect(await run(TODAY)).toEqual({ reminders: 0, skipped: 0, escalations: 0 });
    expect(await outboxOf(t, orgId)).toEqual([]);
  });

  async function setRole(orgId: string, userId: string, role: string) {
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.update(schema.memberships).set({ role }).where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, userId))),
    );
  }

  it('a protected client’s matter is a "confidential matter" in mail and notifications, never VAWA', async () => {
    const { rep, orgId, attorney, client, matter, run } = await setting({ isProtected: true, type: 'vawa' });
    await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) => tx.insert(schema.clientAssignments).values({ orgId, clientId: client.id, userId: attorney.id }));
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 1), responsibleId: rep.user.id });
    await setUserLocale(t, attorney.id, 'es');
    expect(await run(TODAY)).toMatchObject({ reminders: 1, escalations: 1 });

    const mail = await outboxOf(t, orgId);
    const toRep = mail.find((m) => m.toAddress === rep.user.email)!;
    expect(toRep.body).toContain(`matter ${matter.reference} (confidential matter, L. Q.)`);
    const toAttorney = mail.find((m) => m.toAddress === attorney.email)!;
    expect(toAttorney.body).toContain(`asunto ${matter.reference} (asunto confidencial, L. Q.)`);
    for (const m of mail) {
      expect(`${m.subject} ${m.body}`).not.toMatch(/VAWA|Layla|Qasimova/);
    }
    const notes = [...(await notificationsOf(t, orgId, rep.user.id)), ...(await notificationsOf(t, orgId, attorney.id))];
    expect(notes.map((n) => n.kind).sort()).toEqual(['tickler_escalated', 'tickler_escalation', 'tickler_reminder']);
    for (const note of notes) {
      expect(note.data).toMatchObject({ itemId: deadline.id, matterType: null, confidential: true });
      expect(JSON.stringify(note.data)).not.toContain('vawa');
    }
  });

  it('a responsible person moved to a role without matter access gets no reminder, and the item escalates at once', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, 5), responsibleId: rep.user.id });
    await setRole(orgId, rep.user.id, 'case_manager');
    expect(await run(TODAY)).toEqual({ reminders: 0, skipped: 0, escalations: 1 });
    expect(await remindersOf(t, orgId, deadline.id)).toEqual([`escalation@${attorney.id}`]);
    expect((await outboxOf(t, orgId)).map((m) => m.toAddress)).toEqual([attorney.email]);
    // Nor are they told in the app that it was escalated: the matter is no longer theirs to read.
    expect(await notificationsOf(t, orgId, rep.user.id)).toEqual([]);
  });

  it('a supervising attorney who can no longer read the matter hears of no escalation: the supervisors who can do', async () => {
    const { rep, orgId, attorney, matter, run } = await setting();
    const other = await createUser(t, { orgId, role: 'supervisor', name: 'Other Supervisor' });
    await setRole(orgId, attorney.id, 'case_manager');
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, -2), responsibleId: rep.user.id, status: 'missed' });
    expect((await run(TODAY)).escalations).toBe(1);
    expect(await remindersOf(t, orgId, deadline.id)).toEqual([`overdue@${other.id}`]);
    expect((await outboxOf(t, orgId)).some((m) => m.toAddress === attorney.email)).toBe(false);
  });

  it('records an escalation in the matter’s chronology as its own entry, not as a deadline change', async () => {
    const { rep, orgId, matter, run } = await setting();
    const deadline = await createDeadlineRecord(t, orgId, matter, { dueOn: addDays(TODAY, -1), responsibleId: rep.user.id, status: 'missed' });
    expect((await run(TODAY)).escalations).toBe(1);
    const events = await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
      tx.select().from(schema.matterEvents).where(and(eq(schema.matterEvents.orgId, orgId), eq(schema.matterEvents.matterId, matter.id))),
    );
    expect(events.filter((e) => e.data.itemId === deadline.id).map((e) => [e.kind, e.data.reason])).toEqual([['deadline_escalated', 'overdue']]);
    const deadlines = (await rep.session.get(`/api/matters/${matter.id}/deadlines`)).json<{ history: unknown[] }>();
    expect(deadlines.history).toEqual([]);
  });

  it('reminds of a hearing on its own day and time where the court sits, not the organization’s', async () => {
    const { rep, orgId, matter, run } = await setting();
    // 09:00 on 8 December in Saipan (UTC+10) is still 7 December in New York.
    const hearing = await createHearingRecord(t, orgId, matter, { startsAt: '2026-12-07T23:00:00Z', court: 'Saipan', timeZone: 'Pacific/Saipan', responsibleId: rep.user.id });
    expect((await run(TODAY)).reminders).toBe(1);
    expect(await remindersOf(t, orgId, hearing.id)).toContain(`7@${rep.user.id}`);
    const [mail] = await outboxOf(t, orgId);
    expect(mail!.body).toContain('Master calendar hearing (immigration court) is on 2026-12-08 09:00 (in 7 days)');
    const item = (await rep.session.get(`/api/tickler/mine?from=${TODAY}&to=${addDays(TODAY, 30)}`)).json<{ items: { id: string; date: string; time: string }[] }>().items.find((i) => i.id === hearing.id);
    expect(item).toMatchObject({ date: '2026-12-08', time: '09:00' });
  });
});
