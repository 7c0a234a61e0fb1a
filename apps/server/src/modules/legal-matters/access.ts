import { roleCan } from '@haven/domain';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.js';
import { type Db, schema } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { visibleClients } from '../clients/repository.js';
import { isProtectedClient } from '../cases/access.js';

const { legalMatters, clients, matterEvents } = schema;
export type MatterRow = typeof legalMatters.$inferSelect;

/**
 * Which legal matters a caller may see — the one rule every matter, filing, hearing, deadline,
 * fee and calendar query applies:
 *  - the client must be visible to them (a protected client, and so the very existence of a VAWA,
 *    T or U matter, only to assigned staff: `visibleClients`);
 *  - and either their role reads every matter (`matter.read_all`), or they are the matter's
 *    representative, its supervising attorney, or the person who opened it (screening).
 * The condition reads `legal_matters` and `clients`; join clients with `matterClientJoin`.
 */
export function readableMatters(ctx: MemberContext): SQL {
  const { orgId, userId, role } = ctx.subject;
  const own = roleCan(role, 'matter.read_all')
    ? sql`true`
    : or(eq(legalMatters.representativeId, userId), eq(legalMatters.supervisingAttorneyId, userId), eq(legalMatters.createdBy, userId))!;
  return and(eq(legalMatters.orgId, orgId), visibleClients(orgId, userId), own)!;
}

/** The join that `readableMatters` needs. */
export const matterClientJoin = and(eq(clients.orgId, legalMatters.orgId), eq(clients.id, legalMatters.clientId))!;

/** A matter the caller may see, or null (callers answer 404: existence is not revealed). */
export async function findReadableMatter(tx: Db, ctx: MemberContext, matterId: string, options: { lock?: boolean } = {}): Promise<MatterRow | null> {
  const query = tx
    .select({ matter: legalMatters })
    .from(legalMatters)
    .innerJoin(clients, matterClientJoin)
    .where(and(readableMatters(ctx), eq(legalMatters.id, matterId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update', { of: legalMatters }) : await query;
  return row?.matter ?? null;
}

/** A matter the caller may see, else 404. */
export async function matterForRead(tx: Db, ctx: MemberContext, matterId: string): Promise<MatterRow> {
  const matter = await findReadableMatter(tx, ctx, matterId);
  if (!matter) {
    throw notFound('Matter not found');
  }
  return matter;
}

export const matterNotWorkable = (status: MatterRow['status']) =>
  new AppError(409, 'conflict', status === 'closed' ? 'This matter is closed; reopen it first' : 'This matter was declined', {
    matterId: status === 'closed' ? 'This matter is closed; reopen it first' : 'This matter was declined',
  });

/**
 * A matter the caller may add to or change (the route already checked `matter.manage` or
 * `matter.decide`): visible, and neither closed nor declined — those are read-only. Screening
 * matters can be worked (facts, parties, deadlines: the one-year deadline matters before
 * acceptance). The row is locked for the rest of the transaction, so two writers queue up.
 */
export async function matterForWork(tx: Db, ctx: MemberContext, matterId: string): Promise<MatterRow> {
  const matter = await findReadableMatter(tx, ctx, matterId, { lock: true });
  if (!matter) {
    throw notFound('Matter not found');
  }
  if (matter.status === 'closed' || matter.status === 'declined') {
    throw matterNotWorkable(matter.status);
  }
  return matter;
}

export type MatterEventKind =
  | 'opened'
  | 'updated'
  | 'screened'
  | 'conflict_checked'
  | 'accepted'
  | 'declined'
  | 'agreement_generated'
  | 'agreement_signed'
  | 'facts_changed'
  | 'deadlines_changed'
  | 'deadline_added'
  | 'deadline_completed'
  | 'deadline_assigned'
  | 'deadline_acknowledged'
  | 'deadline_escalated'
  | 'party_added'
  | 'party_removed'
  | 'filing_recorded'
  | 'filing_updated'
  | 'hearing_scheduled'
  | 'hearing_updated'
  | 'checkin_scheduled'
  | 'checkin_updated'
  | 'decision_recorded'
  | 'charge_recorded'
  | 'waiver_requested'
  | 'waiver_decided'
  | 'payment_recorded'
  | 'payment_voided'
  | 'closed'
  | 'reopened';

/**
 * One entry in the matter's own chronology, in the caller's transaction; the caller writes the
 * audit event too. `data` holds codes, dates and staff notes, never identifiers. `actorId` null
 * means Haven itself (the nightly recompute moving a deadline from open to missed).
 */
export async function recordMatterEvent(
  tx: Db,
  orgId: string,
  actorId: string | null,
  matterId: string,
  kind: MatterEventKind,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(matterEvents).values({ orgId, matterId, kind, actorId, data });
}

/** Audit helper for matter-scoped changes. */
export async function auditMatter(
  tx: Db,
  ctx: MemberContext,
  action: Parameters<typeof recordAudit>[1]['action'],
  object: { type: string; id: string },
  change: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  await recordAudit(tx, { orgId: ctx.subject.orgId, actor: ctx.actor, action, objectType: object.type, objectId: object.id, ...change });
}

/**
 * Reading a protected client's matter (8 USC 1367) is itself a record: one `matter.read_sensitive`
 * event naming what was read. Nothing is written for other clients.
 */
export async function auditSensitiveMatterRead(tx: Db, ctx: MemberContext, matter: MatterRow, view: string): Promise<void> {
  if (await isProtectedClient(tx, matter.orgId, matter.clientId)) {
    await auditMatter(tx, ctx, 'matter.read_sensitive', { type: 'legal_matter', id: matter.id }, { after: { view } });
  }
}
