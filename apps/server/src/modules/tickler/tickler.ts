import { daysBetween, effectiveLegalSettings, type TicklerEscalationReason, type TicklerViewKind, TICKLER_VIEW_KINDS, todayIn } from '@haven/domain';
import { asc, inArray } from 'drizzle-orm';
import { type AuditActor, recordAudit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import { type Database, type Db, schema, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail.js';
import { type MatterEventKind, recordMatterEvent } from '../legal-matters/access.js';
import { notifyInApp } from '../notifications/in-app.js';
import { type ActiveMember, findActiveMember, listActiveMembers } from '../tasks/repository.js';
import { mailLocale } from '../tasks/mail-text.js';
import { escalationMail, initialsOf, reminderMail, type TicklerMailItem } from './mail-text.js';
import * as repo from './repository.js';

const { organizations } = schema;

export interface TicklerDeps {
  database: Database;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl'>;
}

export interface TicklerOptions {
  /** The moment to act as of (tests); default: now. "Today" is its day in each organization's zone. */
  now?: Date;
  /** Only these organizations (tests); default: all. */
  orgIds?: string[];
}

export interface TicklerResult {
  reminders: number;
  /** Larger reminders not sent because the item came in late (recorded, so none goes out later). */
  skipped: number;
  escalations: number;
}

/** The job is no person: its audit events have no actor and say what wrote them. */
const TICKLER_ACTOR: AuditActor = { userId: null, ip: null, userAgent: 'haven-tickler' };
const BATCH = 200;
/** When a matter has no supervising attorney, at most this many supervisors are told. */
const MAX_SUPERVISORS = 20;
/** How long the responsible person has to acknowledge a reminder before "not acknowledged" escalates. */
const ACKNOWLEDGE_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * The tickler (seed 002: "a tickler system to ensure important deadlines are not missed"), run
 * hourly (platform/maintenance.ts) and by tests with a fixed `now`. For each open deadline and
 * scheduled hearing or check-in of a screening or open matter, with days left = its date − today
 * (the organization's day; a hearing's local day):
 *  - reminder: the smallest of the program's offsets (default 30, 14, 7, 2, 1) that is ≥ days left,
 *    once — one email and one in-app notification to the responsible person. Larger offsets not
 *    sent yet are recorded as `skipped:<n>`: an item added 5 days ahead gets the 7-day reminder,
 *    not a burst of five;
 *  - escalation, once each: not acknowledged when days left ≤ the program's
 *    escalateUnacknowledgedDays, a day after the reminder (step `escalation`), and past its date while still pending or
 *    missed (step `overdue`; the engine turns a past deadline into `missed`; an earliest-date
 *    opening is reminded of, never escalated) — to the matter's supervising attorney, else every active supervisor, only among
 *    those who may read the matter (a protected client's item reaches assigned staff only, or no
 *    one); the responsible person is told in the app.
 * Every recipient, the responsible person included, must be able to read the matter now; a
 * responsible person who cannot is unreachable, and the item escalates.
 * Each step is a tickler_reminders row whose primary key makes it happen once: a second run sends
 * nothing, and two concurrent runs cannot both send.
 */
export async function runTickler(deps: TicklerDeps, options: TicklerOptions = {}): Promise<TicklerResult> {
  const now = options.now ?? new Date();
  const result: TicklerResult = { reminders: 0, skipped: 0, escalations: 0 };
  const orgs = await systemTransaction(deps.database.db, (tx) =>
    tx
      .select({ id: organizations.id, timeZone: organizations.timeZone })
      .from(organizations)
      .where(options.orgIds ? inArray(organizations.id, options.orgIds) : undefined)
      .orderBy(asc(organizations.id)),
  );
  for (const org of orgs) {
    const today = todayIn(org.timeZone, now);
    for (const kind of TICKLER_VIEW_KINDS) {
      let afterId: string | undefined;
      for (;;) {
        const lastId: string | undefined = await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
          const rows = await repo.listItemsOfKind(tx, kind, {
            orgId: org.id,
            today,
            kinds: [kind],
            pendingOnly: true,
            forJob: true,
            afterId,
            limit: BATCH,
          });
          if (rows.length === 0) {
            return undefined;
          }
          const steps = await repo.recordedSteps(
            tx,
            org.id,
            kind,
            rows.map((r) => r.id),
          );
          const run = new ItemRun(tx, deps, org.id, today, now, result);
          for (const row of rows) {
            await run.process(row, steps.get(row.id) ?? new Map());
          }
          return rows.at(-1)!.id;
        });
        if (!lastId) {
          break;
        }
        afterId = lastId;
      }
    }
  }
  deps.mailer.kick();
  return result;
}

/** One batch's work, with the member lookups it repeats cached. */
class ItemRun {
  private readonly members = new Map<string, ActiveMember | null>();
  private supervisors: ActiveMember[] | null = null;

  constructor(
    private readonly tx: Db,
    private readonly deps: TicklerDeps,
    private readonly orgId: string,
    private readonly today: string,
    private readonly now: Date,
    private readonly result: TicklerResult,
  ) {}

  private async member(userId: string | null): Promise<ActiveMember | null> {
    if (!userId) {
      return null;
    }
    if (!this.members.has(userId)) {
      this.members.set(userId, (await findActiveMember(this.tx, this.orgId, userId)) ?? null);
    }
    return this.members.get(userId)!;
  }

  private readonly readers = new Map<string, boolean>();

  /**
   * Whether a member may read the item's matter (memberMayReadMatter): a role with `matter.read`,
   * and the matter readable to them — a protected client (8 USC 1367) only for assigned staff.
   */
  private async mayRead(row: repo.TicklerRow, member: ActiveMember): Promise<boolean> {
    const key = `${row.matterId}:${member.userId}`;
    if (!this.readers.has(key)) {
      this.readers.set(key, await repo.memberMayReadMatter(this.tx, this.orgId, member, row.matterId));
    }
    return this.readers.get(key)!;
  }

  /** The responsible person, when they are an active member who may still read the matter; otherwise they cannot be reached. */
  private async responsible(row: repo.TicklerRow): Promise<ActiveMember | null> {
    const member = await this.member(row.responsibleId);
    return member && (await this.mayRead(row, member)) ? member : null;
  }

  /**
   * Who hears of an escalation: the matter's supervising attorney (when active, able to read the
   * matter and not the responsible person themself); otherwise every active supervisor who may
   * read it. Never someone the matter (or a protected client) is hidden from.
   */
  private async escalationRecipients(row: repo.TicklerRow): Promise<ActiveMember[]> {
    const attorney = await this.member(row.supervisingAttorneyId);
    if (attorney && attorney.userId !== row.responsibleId && (await this.mayRead(row, attorney))) {
      return [attorney];
    }
    this.supervisors ??= await listActiveMembers(this.tx, this.orgId, ['supervisor']);
    const recipients: ActiveMember[] = [];
    for (const supervisor of this.supervisors) {
      if (recipients.length >= MAX_SUPERVISORS) {
        break;
      }
      if (supervisor.userId !== row.responsibleId && (await this.mayRead(row, supervisor))) {
        recipients.push(supervisor);
      }
    }
    return recipients;
  }

  private mailItem(row: repo.TicklerRow, daysLeft: number): TicklerMailItem {
    return {
      kind: row.kind,
      matterId: row.matterId,
      matterReference: row.matterReference,
      matterType: row.matterType,
      confidential: row.clientProtected,
      initials: initialsOf(row.givenName, row.familyName),
      date: row.date,
      time: row.time,
      daysLeft,
      ruleTitle: row.source === 'rule' ? row.title : null,
      ruleId: row.source === 'rule' ? row.ruleId : null,
      citation: row.citation,
      hearingType: row.hearingType,
      agency: row.agency,
    };
  }

  /** What an in-app notification carries: codes, dates, initials and the reference (no type for a protected client's matter). */
  private noteData(item: TicklerMailItem, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      itemKind: item.kind,
      matterReference: item.matterReference,
      matterType: item.confidential ? null : item.matterType,
      confidential: item.confidential,
      initials: item.initials,
      date: item.date,
      time: item.time,
      daysLeft: item.daysLeft,
      ruleTitle: item.ruleTitle,
      ruleId: item.ruleId,
      hearingType: item.hearingType,
      agency: item.agency,
      ...extra,
    };
  }

  async process(row: repo.TicklerRow, steps: Map<string, Date>): Promise<void> {
    const settings = effectiveLegalSettings(row.legalSettings);
    const daysLeft = daysBetween(this.today, row.date);
    const item = this.mailItem(row, daysLeft);
    const link = `/matters/${row.matterId}`;

    // A window opening (earliest filing date) is reminded of, never escalated: nothing is late.
    const escalates = row.deadlineKind !== 'earliest-date';
    if (row.status === 'missed') {
      if (escalates && !steps.has('overdue')) {
        await this.escalate(row, item, 'overdue', 'overdue', link);
      }
      return;
    }
    if (daysLeft >= 0) {
      const offsets = [...settings.reminderOffsets].sort((a, b) => a - b);
      const due = offsets.find((offset) => offset >= daysLeft);
      if (due !== undefined && !steps.has(String(due))) {
        const person = await this.responsible(row);
        if (person && (await repo.recordStep(this.tx, this.orgId, row.kind, row.id, String(due), person.userId, this.now))) {
          const mail = reminderMail(mailLocale(person.locale), item, this.deps.config.publicUrl);
          await this.deps.mailer.enqueue(this.tx, { orgId: this.orgId, to: person.email, subject: mail.subject, text: mail.text });
          await notifyInApp(this.tx, [{ orgId: this.orgId, userId: person.userId, kind: 'tickler_reminder', data: this.noteData(item, { itemId: row.id, matterId: row.matterId, offset: due }), link }]);
          this.result.reminders += 1;
          // The earlier reminders this item came in too late for: never sent in a burst.
          for (const larger of offsets.filter((offset) => offset > due && !steps.has(String(offset)) && !steps.has(`skipped:${offset}`))) {
            if (await repo.recordStep(this.tx, this.orgId, row.kind, row.id, `skipped:${larger}`, person.userId, this.now)) {
              this.result.skipped += 1;
            }
          }
        }
      }
      if (escalates && !row.acknowledgedAt && daysLeft <= settings.escalateUnacknowledgedDays && !steps.has('escalation') && (await this.hadTimeToAcknowledge(row, steps, daysLeft))) {
        await this.escalate(row, item, 'unacknowledged', 'escalation', link);
      }
    } else if (escalates && !steps.has('overdue')) {
      await this.escalate(row, item, 'overdue', 'overdue', link);
    }
  }

  /**
   * "Not acknowledged" means asked and not answered: the responsible person has had a reminder for
   * a day first — unless the date is tomorrow or today, or they cannot be reached at all (no
   * longer an active member, in a role without matter access, or unable to read the matter — a
   * protected client they are not assigned to), when the supervisor hears at once.
   */
  private async hadTimeToAcknowledge(row: repo.TicklerRow, steps: Map<string, Date>, daysLeft: number): Promise<boolean> {
    if (daysLeft <= 1 || !(await this.responsible(row))) {
      return true;
    }
    const reminded = [...steps.entries()].filter(([step]) => /^\d+$/.test(step)).map(([, at]) => at.getTime());
    return reminded.length > 0 && this.now.getTime() - Math.min(...reminded) >= ACKNOWLEDGE_GRACE_MS;
  }

  private async escalate(row: repo.TicklerRow, item: TicklerMailItem, reason: TicklerEscalationReason, step: string, link: string): Promise<void> {
    const recipients = await this.escalationRecipients(row);
    const told: string[] = [];
    const responsibleMember = await this.member(row.responsibleId);
    const responsibleName = responsibleMember?.name ?? row.responsibleName ?? '—';
    for (const recipient of recipients) {
      if (!(await repo.recordStep(this.tx, this.orgId, row.kind, row.id, step, recipient.userId, this.now))) {
        continue;
      }
      told.push(recipient.userId);
      const mail = escalationMail(mailLocale(recipient.locale), item, reason, responsibleName, this.deps.config.publicUrl);
      await this.deps.mailer.enqueue(this.tx, { orgId: this.orgId, to: recipient.email, subject: mail.subject, text: mail.text });
    }
    // No one may be told (a protected client without assigned supervising staff): the next run tries again.
    if (told.length === 0) {
      return;
    }
    const data = this.noteData(item, { itemId: row.id, matterId: row.matterId, reason, responsibleName });
    await notifyInApp(this.tx, [
      ...told.map((userId) => ({ orgId: this.orgId, userId, kind: 'tickler_escalation', data, link })),
      ...((await this.responsible(row)) ? [{ orgId: this.orgId, userId: row.responsibleId, kind: 'tickler_escalated', data: { ...data, supervisors: told.length }, link }] : []),
    ]);
    await repo.markEscalated(this.tx, this.orgId, row.kind, row.id, this.now);
    await recordAudit(this.tx, {
      orgId: this.orgId,
      actor: TICKLER_ACTOR,
      action: AUDIT_ACTIONS[row.kind],
      objectType: OBJECT_TYPES[row.kind],
      objectId: row.id,
      after: { matterId: row.matterId, escalatedAt: this.now.toISOString(), reason, escalatedTo: told },
    });
    await recordMatterEvent(this.tx, this.orgId, null, row.matterId, ESCALATED_EVENT_KINDS[row.kind], { change: 'escalated', itemKind: row.kind, itemId: row.id, reason, date: row.date });
    this.result.escalations += 1;
  }
}

export const AUDIT_ACTIONS = { deadline: 'deadline.updated', hearing: 'hearing.updated', checkin: 'checkin.updated' } as const satisfies Record<TicklerViewKind, string>;
export const OBJECT_TYPES = { deadline: 'matter_deadline', hearing: 'matter_hearing', checkin: 'matter_checkin' } as const satisfies Record<TicklerViewKind, string>;
/**
 * The matter's chronology entry for an acknowledgement or an escalation. A deadline's are kinds of
 * their own: `deadlines_changed` is the "what moved and why" history of recomputes, which these
 * must not fill with entries that moved nothing.
 */
export const ACKNOWLEDGED_EVENT_KINDS = { deadline: 'deadline_acknowledged', hearing: 'hearing_updated', checkin: 'checkin_updated' } as const satisfies Record<TicklerViewKind, MatterEventKind>;
export const ESCALATED_EVENT_KINDS = { deadline: 'deadline_escalated', hearing: 'hearing_updated', checkin: 'checkin_updated' } as const satisfies Record<TicklerViewKind, MatterEventKind>;
