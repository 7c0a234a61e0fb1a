import { roleCan } from '@haven/domain';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.js';
import { type Db, schema } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { visibleClients } from '../clients/repository.js';

const { cases, clients, caseEvents } = schema;
export type CaseRow = typeof cases.$inferSelect;

/**
 * Which cases a caller may see — the one rule every case, note, plan, service, task and report
 * query applies:
 *  - the client must be visible to them (a protected client only to assigned staff: `visibleClients`);
 *  - and either their role reads every case (`case.read_all`: supervision, direction, audit), or
 *    they are the case's primary case manager or its supervisor.
 * The condition reads `cases` and `clients`; join clients on the case's client.
 */
export function readableCases(ctx: MemberContext): SQL {
  const { orgId, userId, role } = ctx.subject;
  const own = roleCan(role, 'case.read_all') ? sql`true` : or(eq(cases.primaryCaseManagerId, userId), eq(cases.supervisorId, userId))!;
  return and(eq(cases.orgId, orgId), visibleClients(orgId, userId), own)!;
}

/** The join that `readableCases` needs. */
export const caseClientJoin = and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId))!;

/** A case the caller may see, or null (callers answer 404: existence is not revealed). */
export async function findReadableCase(tx: Db, ctx: MemberContext, caseId: string, options: { lock?: boolean } = {}): Promise<CaseRow | null> {
  const query = tx
    .select({ kase: cases })
    .from(cases)
    .innerJoin(clients, caseClientJoin)
    .where(and(readableCases(ctx), eq(cases.id, caseId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: cases }) : await query;
  return row?.kase ?? null;
}

/** A case the caller may see, else 404. */
export async function caseForRead(tx: Db, ctx: MemberContext, caseId: string): Promise<CaseRow> {
  const kase = await findReadableCase(tx, ctx, caseId);
  if (!kase) {
    throw notFound('Case not found');
  }
  return kase;
}

export const caseClosed = () => new AppError(409, 'conflict', 'This case is closed; reopen it first', { caseId: 'This case is closed; reopen it first' });

/**
 * A case the caller may add to or change (the route already checked `case.manage` or
 * `case.supervise`): visible, and not closed — a closed case is read-only until it is reopened.
 * The row is locked for the rest of the transaction, so two writers to one case queue up.
 */
export async function caseForWork(tx: Db, ctx: MemberContext, caseId: string): Promise<CaseRow> {
  const kase = await findReadableCase(tx, ctx, caseId, { lock: true });
  if (!kase) {
    throw notFound('Case not found');
  }
  if (kase.status === 'closed') {
    throw caseClosed();
  }
  return kase;
}

export type CaseEventKind =
  | 'opened'
  | 'stage_changed'
  | 'transferred'
  | 'closure_requested'
  | 'closure_approved'
  | 'closure_returned'
  | 'closed'
  | 'reopened'
  | 'assessment_recorded'
  | 'plan_submitted'
  | 'plan_approved'
  | 'plan_returned'
  | 'service_recorded'
  | 'disbursement_recorded'
  | 'disbursement_decided'
  | 'risk_flag_raised'
  | 'risk_flag_resolved'
  | 'review_recorded'
  | 'document_added';

/**
 * One entry in the case's own chain of events (shown with the notes as one chronology), in the
 * caller's transaction; the caller writes the audit event too. `data` holds codes and staff-to-staff notes (a
 * hand-off, why a plan or closure went back), never identifiers or the client's narrative.
 */
export async function recordCaseEvent(
  tx: Db,
  ctx: MemberContext,
  caseId: string,
  kind: CaseEventKind,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(caseEvents).values({ orgId: ctx.subject.orgId, caseId, kind, actorId: ctx.subject.userId, data });
}

/** Audit helper for case-scoped changes: the object is the case unless said otherwise. */
export async function auditCase(
  tx: Db,
  ctx: MemberContext,
  action: Parameters<typeof recordAudit>[1]['action'],
  object: { type: string; id: string },
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action, objectType: object.type, objectId: object.id, ...change });
}

/**
 * Reading part of a protected client's case file (notes, the timeline, documents) is itself a
 * record, as opening the case is (VAWA confidentiality): one `case.read_sensitive` event naming
 * what was read. Nothing is written for other clients.
 */
export async function auditSensitiveCaseRead(tx: Db, ctx: MemberContext, kase: CaseRow, view: 'notes' | 'timeline' | 'documents' | 'plans' | 'assessments'): Promise<void> {
  if (await isProtectedClient(tx, kase.orgId, kase.clientId)) {
    await auditCase(tx, ctx, 'case.read_sensitive', { type: 'case', id: kase.id }, { after: { view } });
  }
}

/** Is the case's client protected (VAWA, T, U, or by hand)? */
export async function isProtectedClient(tx: Db, orgId: string, clientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ isProtected: clients.isProtected })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId)))
    .limit(1);
  return row?.isProtected ?? false;
}
