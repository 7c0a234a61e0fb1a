import type { AuditEventResponse, AuditQuery } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { badRequest } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import { type AuditFilter, queryAuditEvents } from './repository.js';

/** The most rows one CSV export holds; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 20_000;
const EXPORT_BATCH = 1_000;

function parseBound(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) {
    return undefined;
  }
  // A bare date means the whole day: from its first millisecond, to its last.
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`)
    : new Date(value);
}

function filterOf(orgId: string, query: Omit<AuditQuery, 'limit'>): AuditFilter {
  const from = parseBound(query.from, false);
  const to = parseBound(query.to, true);
  if (from && to && from > to) {
    throw badRequest('The start of the period is after its end', { from: 'Must be on or before "to"' });
  }
  let beforeSeq: number | undefined;
  if (query.cursor !== undefined) {
    beforeSeq = Number(query.cursor);
    if (!Number.isInteger(beforeSeq) || beforeSeq < 1) {
      throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
    }
  }
  return { orgId, ...query, from, to, beforeSeq };
}

type Row = Awaited<ReturnType<typeof queryAuditEvents>>[number];

function toResponse({ event, actorEmail }: Row): AuditEventResponse {
  return {
    id: event.id,
    seq: event.seq,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actorEmail: actorEmail ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip,
    userAgent: event.userAgent,
  };
}

/** A spreadsheet must not execute a cell: formula-looking values are prefixed with a quote. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_COLUMNS = ['seq', 'at', 'actorEmail', 'actorUserId', 'action', 'objectType', 'objectId', 'before', 'after', 'ip', 'userAgent'] as const;

export class AuditService {
  constructor(private readonly deps: AppDeps) {}

  async list(ctx: MemberContext, query: AuditQuery): Promise<{ items: AuditEventResponse[]; nextCursor: string | null }> {
    requireAction(ctx, 'audit.read');
    const filter = filterOf(ctx.subject.orgId, query);
    const rows = await inTenant(this.deps.database.db, ctx, (tx) =>
      queryAuditEvents(tx, filter, query.limit + 1),
    );
    const items = rows.slice(0, query.limit).map(toResponse);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? String(last.seq) : null };
  }

  /** CSV of the filtered log (newest first), bounded, and itself an audited act. */
  async exportCsv(ctx: MemberContext, query: Omit<AuditQuery, 'limit' | 'cursor'>): Promise<{ csv: string; truncated: boolean }> {
    requireAction(ctx, 'audit.export');
    const filter = filterOf(ctx.subject.orgId, query);
    const lines = [CSV_COLUMNS.join(',')];
    let truncated = false;
    await inTenant(this.deps.database.db, ctx, async (tx) => {
      let beforeSeq: number | undefined;
      let total = 0;
      for (;;) {
        const rows = await queryAuditEvents(tx, { ...filter, beforeSeq }, EXPORT_BATCH);
        for (const row of rows) {
          const item = toResponse(row);
          lines.push(CSV_COLUMNS.map((column) => csvCell(item[column])).join(','));
        }
        total += rows.length;
        if (rows.length < EXPORT_BATCH) {
          break;
        }
        if (total >= EXPORT_MAX_ROWS) {
          truncated = true;
          break;
        }
        beforeSeq = rows.at(-1)!.event.seq;
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'audit.exported',
        objectType: 'audit_log',
        after: { rows: total, filters: query, truncated },
      });
    });
    return { csv: `${lines.join('\r\n')}\r\n`, truncated };
  }
}
