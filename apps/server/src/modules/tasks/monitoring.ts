import { addDays, type ContactRuleStatus, effectiveCaseSettings, evaluateContactRule, roleCan, type Role, todayIn } from '@haven/domain';
import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit.js';
import { recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import { type Database, type Db, lockFor, schema, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail.js';
import { visibleClients } from '../clients/repository.js';
import * as repo from './repository.js';
import { contactTaskTitle, digestMail, digestSubjects, digestTaskTitle, mailLocale, overdueContactMail, overdueTaskTitle } from './mail-text.js';

const { organizations, cases, programs, clients, caseNotes, tasks, outbox, memberships, users } = schema;

export interface MonitoringDeps {
  database: Database;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl'>;
}

export interface MonitoringOptions {
  /** The day to act as of (tests); default: today in each organization's time zone. */
  today?: string;
  /** Only these organizations (tests); default: all. */
  orgIds?: string[];
}

/** The job is no person: its audit events have no actor and say what wrote them. */
const MONITORING_ACTOR: AuditActor = { userId: null, ip: null, userAgent: 'haven-monitoring' };
const BATCH = 200;
/** Checkpoint tasks appear this many days before they are due. */
export const CHECKPOINT_LEAD_DAYS = 30;
/** Signed notes read per case: enough to cover the previous and the current period. */
const CONTACT_WINDOW_DAYS = 70;
const DIGEST_DAYS_AHEAD = 7;
const DIGEST_MAX_ITEMS = 50;
/** Without a given day, the digest goes out from this local hour on (not at midnight). */
const DIGEST_LOCAL_HOUR = 7;

async function organizationsToRun(db: Db, orgIds: string[] | undefined) {
  return systemTransaction(db, (tx) =>
    tx
      .select({ id: organizations.id, timeZone: organizations.timeZone })
      .from(organizations)
      .where(orgIds ? inArray(organizations.id, orgIds) : undefined)
      .orderBy(asc(organizations.id)),
  );
}

/**
 * Closes the contact tasks of one case whose period the contact rule now finds met, with the
 * same rule as the job: the notes service calls it when a note is signed, so the case manager's
 * task list is right at once rather than after the next hourly run. Returns the tasks closed.
 */
export async function closeMetContactTasks(tx: Db, orgId: string, caseId: string, actor: AuditActor): Promise<number> {
  const [kase] = await tx
    .select({ openedOn: cases.openedOn, status: cases.status, caseSettings: programs.caseSettings, timeZone: organizations.timeZone })
    .from(cases)
    .innerJoin(programs, and(eq(programs.orgId, cases.orgId), eq(programs.id, cases.programId)))
    .innerJoin(organizations, eq(organizations.id, cases.orgId))
    .where(and(eq(cases.orgId, orgId), eq(cases.id, caseId)))
    .limit(1);
  if (!kase || kase.status === 'closed') {
    return 0;
  }
  const today = todayIn(kase.timeZone);
  const notes = await tx
    .select({ contactOn: caseNotes.contactOn })
    .from(caseNotes)
    .where(
      and(
        eq(caseNotes.orgId, orgId),
        eq(caseNotes.caseId, caseId),
        eq(caseNotes.status, 'signed'),
        eq(caseNotes.meaningful, true),
        gte(caseNotes.contactOn, addDays(today, -CONTACT_WINDOW_DAYS)),
        lte(caseNotes.contactOn, today),
      ),
    )
    .limit(1000);
  const status = evaluateContactRule({
    rule: effectiveCaseSettings(kase.caseSettings as never).contactRule,
    openedOn: kase.openedOn,
    closedOn: null,
    contactDates: notes.map((n) => n.contactOn),
    today,
  });
  return closeMetPeriods(tx, orgId, caseId, status, actor);
}

/** Marks done the contact tasks of the previous and current periods the rule finds met, audited. */
async function closeMetPeriods(tx: Db, orgId: string, caseId: string, status: ContactRuleStatus, actor: AuditActor): Promise<number> {
  const metKeys = [status.previous, status.current].filter((p) => p?.status === 'met').map((p) => `contact:${p!.key}`);
  const closed = await repo.completeGeneratedTasks(tx, orgId, caseId, metKeys);
  for (const done of closed) {
    await recordAudit(tx, {
      orgId,
      actor,
      action: 'task.updated',
      objectType: 'task',
      objectId: done.id,
      before: { status: 'open' },
      after: { status: 'done', reason: 'meaningful_contact_signed' },
    });
  }
  return closed.length;
}

export interface GenerationResult {
  created: number;
  completed: number;
  escalated: number;
}

/**
 * The monitoring job, run hourly (platform/maintenance.ts) and by tests with a given day. For each
 * open case: (a) the contact task of the current period while the contact rule is not met yet,
 * closed once a signed meaningful note falls in its period; (b) the program's checkpoint tasks,
 * 30 days before each is due; (c) when the previous period was missed, one task and one email for
 * the case's supervisor (caseAlertRecipients: every supervisor when it has none). Every generated task has a source key, and the unique (org, case, source
 * key) index makes a second run create nothing.
 */
export async function generateCaseTasks(deps: MonitoringDeps, options: MonitoringOptions = {}): Promise<GenerationResult> {
  const result: GenerationResult = { created: 0, completed: 0, escalated: 0 };
  for (const org of await organizationsToRun(deps.database.db, options.orgIds)) {
    const today = options.today ?? todayIn(org.timeZone);
    let after: string | null = null;
    for (;;) {
      const lastId: string | null = await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
        const batch = await tx
          .select({
            id: cases.id,
            reference: cases.reference,
            openedOn: cases.openedOn,
            primaryCaseManagerId: cases.primaryCaseManagerId,
            supervisorId: cases.supervisorId,
            caseSettings: programs.caseSettings,
            firstArrivalDate: clients.firstArrivalDate,
            clientId: cases.clientId,
            clientProtected: clients.isProtected,
          })
          .from(cases)
          .innerJoin(programs, and(eq(programs.orgId, cases.orgId), eq(programs.id, cases.programId)))
          .innerJoin(clients, and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)))
          .where(and(eq(cases.orgId, org.id), ne(cases.status, 'closed'), after ? gt(cases.id, after) : undefined))
          .orderBy(asc(cases.id))
          .limit(BATCH);
        if (batch.length === 0) {
          return null;
        }
        // One row per case and day (with how many contacts that day): at most BATCH × window rows.
        const notes = await tx
          .select({ caseId: caseNotes.caseId, contactOn: caseNotes.contactOn, contacts: sql<number>`count(*)::int` })
          .from(caseNotes)
          .where(
            and(
              eq(caseNotes.orgId, org.id),
              inArray(
                caseNotes.caseId,
                batch.map((c) => c.id),
              ),
              eq(caseNotes.status, 'signed'),
              eq(caseNotes.meaningful, true),
              gte(caseNotes.contactOn, addDays(today, -CONTACT_WINDOW_DAYS)),
              lte(caseNotes.contactOn, today),
            ),
          )
          .groupBy(caseNotes.caseId, caseNotes.contactOn)
          .limit(BATCH * (CONTACT_WINDOW_DAYS + 1));
        for (const kase of batch) {
          const settings = effectiveCaseSettings(kase.caseSettings as never);
          const status = evaluateContactRule({
            rule: settings.contactRule,
            openedOn: kase.openedOn,
            closedOn: null,
            contactDates: notes.filter((n) => n.caseId === kase.id).flatMap((n) => Array<string>(n.contacts).fill(n.contactOn)),
            today,
          });
          const audited = async (row: repo.TaskRow | undefined) => {
            if (row) {
              result.created += 1;
              await recordAudit(tx, {
                orgId: org.id,
                actor: MONITORING_ACTOR,
                action: 'task.created',
                objectType: 'task',
                objectId: row.id,
                after: { caseId: kase.id, assignedTo: row.assignedTo, dueOn: row.dueOn, source: row.source, sourceKey: row.sourceKey },
              });
            }
            return row;
          };

          // (a) A met period closes its contact task.
          result.completed += await closeMetPeriods(tx, org.id, kase.id, status, MONITORING_ACTOR);
          if (status.current && status.current.status !== 'met') {
            await audited(
              await repo.insertGeneratedTask(tx, {
                orgId: org.id,
                caseId: kase.id,
                title: contactTaskTitle(status.current.key),
                dueOn: status.current.end,
                assignedTo: kase.primaryCaseManagerId,
                source: 'contact_rule',
                sourceKey: `contact:${status.current.key}`,
              }),
            );
          }

          // (b) Checkpoints, counted from the client's first arrival (eligibility) or the opening.
          for (const checkpoint of settings.checkpoints) {
            const from = checkpoint.from === 'eligibility' ? kase.firstArrivalDate : kase.openedOn;
            if (!from) {
              continue;
            }
            const dueOn = addDays(from, checkpoint.days);
            // A checkpoint that fell before the case opened was never this case's work.
            if (dueOn < kase.openedOn || today < addDays(dueOn, -CHECKPOINT_LEAD_DAYS)) {
              continue;
            }
            await audited(
              await repo.insertGeneratedTask(tx, {
                orgId: org.id,
                caseId: kase.id,
                title: checkpoint.title,
                dueOn,
                assignedTo: kase.primaryCaseManagerId,
                source: 'checkpoint',
                sourceKey: `checkpoint:${checkpoint.days}:${checkpoint.from}`,
              }),
            );
          }

          // (c) The previous period was missed: the supervisor hears of it, once.
          if (status.overdue && status.previous) {
            const { recipients, shared } = await repo.caseAlertRecipients(tx, org.id, kase);
            for (const supervisor of recipients) {
              const escalation = await audited(
                await repo.insertGeneratedTask(tx, {
                  orgId: org.id,
                  caseId: kase.id,
                  title: overdueTaskTitle(kase.reference, status.previous.key),
                  dueOn: today,
                  assignedTo: supervisor.userId,
                  source: 'contact_rule',
                  sourceKey: shared ? `overdue:${status.previous.key}:${supervisor.userId}` : `overdue:${status.previous.key}`,
                }),
              );
              if (escalation) {
                result.escalated += 1;
                const mail = overdueContactMail(mailLocale(supervisor.locale), kase.reference, status.previous.key, deps.config.publicUrl, kase.id);
                await deps.mailer.enqueue(tx, { orgId: org.id, to: supervisor.email, subject: mail.subject, text: mail.text });
              }
            }
          }
        }
        return batch.at(-1)!.id;
      });
      if (!lastId) {
        break;
      }
      after = lastId;
    }
  }
  deps.mailer.kick();
  return result;
}

function localHour(timeZone: string, now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/**
 * The daily digest: each active member who kept it on and has open tasks due within 7 days or
 * overdue gets one email in their language, listing titles, due dates and case references (no
 * client names). One per member per day: the day is in the subject, and an outbox row with that
 * subject for that address means it went out already (checked under a per-member lock).
 */
export async function sendTaskDigests(deps: MonitoringDeps, options: MonitoringOptions = {}): Promise<number> {
  let sent = 0;
  for (const org of await organizationsToRun(deps.database.db, options.orgIds)) {
    if (!options.today && localHour(org.timeZone) < DIGEST_LOCAL_HOUR) {
      continue;
    }
    const today = options.today ?? todayIn(org.timeZone);
    let after: string | null = null;
    for (;;) {
      const lastId: string | null = await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
        const members = await tx
          .select({ userId: memberships.userId, role: memberships.role, email: users.email, locale: users.locale })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(eq(memberships.orgId, org.id), eq(memberships.status, 'active'), eq(memberships.taskDigest, true), after ? gt(memberships.userId, after) : undefined),
          )
          .orderBy(asc(memberships.userId))
          .limit(BATCH);
        if (members.length === 0) {
          return null;
        }
        for (const member of members) {
          if (!roleCan(member.role as Role, 'case.manage') && !roleCan(member.role as Role, 'case.supervise')) {
            continue;
          }
          await lockFor(tx, `task-digest:${org.id}:${member.userId}`);
          const [already] = await tx
            .select({ id: outbox.id })
            .from(outbox)
            .where(and(eq(outbox.orgId, org.id), eq(outbox.toAddress, member.email), inArray(outbox.subject, digestSubjects(today))))
            .limit(1);
          if (already) {
            continue;
          }
          const due = await tx
            .select({ title: tasks.title, source: tasks.source, sourceKey: tasks.sourceKey, dueOn: tasks.dueOn, caseReference: cases.reference })
            .from(tasks)
            .leftJoin(cases, and(eq(cases.orgId, tasks.orgId), eq(cases.id, tasks.caseId)))
            .leftJoin(clients, and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)))
            .where(
              and(
                eq(tasks.orgId, org.id),
                eq(tasks.assignedTo, member.userId),
                eq(tasks.status, 'open'),
                lte(tasks.dueOn, addDays(today, DIGEST_DAYS_AHEAD)),
                // A case task only while the case is open and its client visible to the member.
                or(isNull(tasks.caseId), and(ne(cases.status, 'closed'), visibleClients(org.id, member.userId))),
              ),
            )
            .orderBy(asc(tasks.dueOn), asc(tasks.id))
            .limit(DIGEST_MAX_ITEMS);
          if (due.length === 0) {
            continue;
          }
          const locale = mailLocale(member.locale);
          const mail = digestMail(
            locale,
            today,
            due.map((task) => ({ title: digestTaskTitle(locale, task), dueOn: task.dueOn, caseReference: task.caseReference })),
            deps.config.publicUrl,
          );
          await deps.mailer.enqueue(tx, { orgId: org.id, to: member.email, subject: mail.subject, text: mail.text });
          sent += 1;
        }
        return members.at(-1)!.userId;
      });
      if (!lastId) {
        break;
      }
      after = lastId;
    }
  }
  deps.mailer.kick();
  return sent;
}
