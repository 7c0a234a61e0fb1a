import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './crypto.js';
import { type Db, schema } from './db/index.js';

/** The chain for events that belong to no organization (sign-in failures for unknown emails). */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';
const GENESIS = '0'.repeat(64);

/** Dotted verbs on nouns; the list grows with each context. */
export type AuditAction =
  | 'session.login'
  | 'session.login_failed'
  | 'session.logout'
  | 'session.switch_org'
  | 'user.password_changed'
  | 'user.password_reset_requested'
  | 'user.password_reset'
  | 'user.mfa_enabled'
  | 'user.mfa_disabled'
  | 'user.profile_updated'
  | 'organization.created'
  | 'organization.updated'
  | 'member.added'
  | 'member.updated'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'invitation.accepted'
  | 'program.created'
  | 'program.updated'
  | 'office.created'
  | 'office.updated'
  | 'client.created'
  | 'client.read_sensitive'
  | 'client.updated'
  | 'client.assigned'
  | 'client.merged'
  | 'client.unmerged'
  | 'client.imported'
  | 'client.exported'
  | 'household.created'
  | 'household.updated'
  | 'household.member_added'
  | 'household.member_updated'
  | 'consent.recorded'
  | 'consent.revoked'
  | 'consent.document_added'
  | 'consent.document_read'
  | 'intake.created'
  | 'intake.updated'
  | 'intake.completed'
  | 'enrollment.created'
  | 'enrollment.updated'
  | 'exception.requested'
  | 'exception.decided'
  | 'case.opened'
  | 'case.read_sensitive'
  | 'case.stage_changed'
  | 'case.transferred'
  | 'case.closure_requested'
  | 'case.closure_decided'
  | 'case.reopened'
  | 'instrument.created'
  | 'instrument.updated'
  | 'assessment.recorded'
  | 'plan.created'
  | 'plan.updated'
  | 'plan.submitted'
  | 'plan.decided'
  | 'note.created'
  | 'note.updated'
  | 'note.signed'
  | 'note.addendum_added'
  | 'note.deleted'
  | 'service.recorded'
  | 'budget.set'
  | 'disbursement.recorded'
  | 'disbursement.decided'
  | 'document.uploaded'
  | 'document.read'
  | 'risk_flag.raised'
  | 'risk_flag.updated'
  | 'risk_flag.resolved'
  | 'task.created'
  | 'task.updated'
  | 'review.recorded'
  | 'report.exported'
  | 'member.preferences_updated'
  | 'matter.opened'
  | 'matter.updated'
  | 'matter.read_sensitive'
  | 'matter.facts_changed'
  | 'matter.screened'
  | 'matter.conflict_checked'
  | 'matter.decided'
  | 'matter.agreement_generated'
  | 'matter.agreement_signed'
  | 'matter.closed'
  | 'matter.reopened'
  | 'matter.party_added'
  | 'matter.party_removed'
  | 'filing.recorded'
  | 'filing.updated'
  | 'hearing.scheduled'
  | 'hearing.updated'
  | 'checkin.scheduled'
  | 'checkin.updated'
  | 'decision.recorded'
  | 'deadline.added'
  | 'deadline.updated'
  | 'deadline.acknowledged'
  | 'calendar_feed.created'
  | 'calendar_feed.revoked'
  | 'fee_schedule.saved'
  | 'fee_settings.saved'
  | 'poverty_guideline.saved'
  | 'charge.recorded'
  | 'waiver.requested'
  | 'waiver.decided'
  | 'payment.recorded'
  | 'payment.voided'
  | 'credential.saved'
  | 'credential.removed'
  | 'recognition.saved'
  | 'audit.exported'
  | 'system.restored';

export interface AuditActor {
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEventInput {
  orgId: string;
  actor: AuditActor;
  action: AuditAction;
  objectType?: string | null;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  orgId: string;
  seq: number;
  id: string;
  at: Date;
  actorUserId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

export function hashAuditEvent(event: ChainedFields): string {
  return sha256Hex(
    canonicalJson({
      orgId: event.orgId,
      seq: event.seq,
      id: event.id,
      at: event.at.toISOString(),
      actorUserId: event.actorUserId,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId,
      before: event.before ?? null,
      after: event.after ?? null,
      ip: event.ip,
      userAgent: event.userAgent,
      prevHash: event.prevHash,
    }),
  );
}

/**
 * Appends one event to its organization's chain. Call it with the transaction that makes the
 * change, so the change and its audit record commit or fail together. The advisory lock
 * serializes writers of one chain without blocking other organizations.
 */
export async function recordAudit(tx: Db, input: AuditEventInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${input.orgId}, 7411))`);
  const [head] = await tx.select().from(schema.auditHeads).where(eq(schema.auditHeads.orgId, input.orgId)).limit(1);
  const fields: ChainedFields = {
    orgId: input.orgId,
    seq: (head?.seq ?? 0) + 1,
    id: crypto.randomUUID(),
    at: new Date(),
    actorUserId: input.actor.userId,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.actor.ip,
    userAgent: input.actor.userAgent?.slice(0, 400) ?? null,
    prevHash: head?.hash ?? GENESIS,
  };
  const hash = hashAuditEvent(fields);
  await tx.insert(schema.auditEvents).values({ ...fields, hash });
  await tx
    .insert(schema.auditHeads)
    .values({ orgId: input.orgId, seq: fields.seq, hash })
    .onConflictDoUpdate({ target: schema.auditHeads.orgId, set: { seq: fields.seq, hash } });
}

export interface ChainBreak {
  orgId: string;
  seq: number;
  reason: string;
}

export interface ChainReport {
  orgId: string;
  events: number;
  firstBreak: ChainBreak | null;
}

/**
 * Walks one organization's chain in order and reports the first link that does not hold: a row
 * whose content no longer matches its hash, a missing sequence number, or a head that points
 * past the last row (rows removed from the end).
 */
export async function verifyAuditChain(db: Db, orgId: string, batchSize = 2000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.orgId, orgId), gt(schema.auditEvents.seq, expectedSeq - 1)))
      .orderBy(asc(schema.auditEvents.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { orgId, events: count, firstBreak: { orgId, seq: expectedSeq, reason: `event ${expectedSeq} is missing` } };
      }
      if (row.prevHash !== prevHash) {
        return { orgId, events: count, firstBreak: { orgId, seq: row.seq, reason: 'link to the previous event is broken' } };
      }
      if (hashAuditEvent(row) !== row.hash) {
        return { orgId, events: count, firstBreak: { orgId, seq: row.seq, reason: 'event content was altered' } };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < batchSize) {
      break;
    }
  }
  const [head] = await db.select().from(schema.auditHeads).where(eq(schema.auditHeads.orgId, orgId)).limit(1);
  if (head && (head.seq !== count || head.hash !== prevHash)) {
    return {
      orgId,
      events: count,
      firstBreak: { orgId, seq: count + 1, reason: `events ${count + 1}..${head.seq} were removed from the end` },
    };
  }
  return { orgId, events: count, firstBreak: null };
}

export async function listAuditChains(db: Db): Promise<string[]> {
  const heads = await db.select({ orgId: schema.auditHeads.orgId }).from(schema.auditHeads);
  const fromEvents = await db.selectDistinct({ orgId: schema.auditEvents.orgId }).from(schema.auditEvents);
  return [...new Set([...heads.map((h) => h.orgId), ...fromEvents.map((e) => e.orgId)])].sort();
}
