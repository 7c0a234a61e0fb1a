import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { auditEvents, users } = schema;

export interface AuditFilter {
  orgId: string;
  userId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
}

/** Newest first, keyset-paginated on the chain's sequence number. */
export async function queryAuditEvents(tx: Db, filter: AuditFilter, limit: number) {
  const conditions: SQL[] = [eq(auditEvents.orgId, filter.orgId)];
  if (filter.userId) {
    conditions.push(eq(auditEvents.actorUserId, filter.userId));
  }
  if (filter.action) {
    conditions.push(eq(auditEvents.action, filter.action));
  }
  if (filter.objectType) {
    conditions.push(eq(auditEvents.objectType, filter.objectType));
  }
  if (filter.objectId) {
    conditions.push(eq(auditEvents.objectId, filter.objectId));
  }
  if (filter.from) {
    conditions.push(gte(auditEvents.at, filter.from));
  }
  if (filter.to) {
    conditions.push(lte(auditEvents.at, filter.to));
  }
  if (filter.beforeSeq !== undefined) {
    conditions.push(lt(auditEvents.seq, filter.beforeSeq));
  }
  return tx
    .select({ event: auditEvents, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
