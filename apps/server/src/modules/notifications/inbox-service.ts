import type { InboxQuery, NotificationInbox, NotificationItem, ReadAllResponse } from '@haven/domain';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { type Db, schema } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';

const { notifications } = schema;
type NotificationRow = typeof notifications.$inferSelect;

/** An instant in UTC to the microsecond, as the cursor carries it: "2026-03-02T10:00:00.123456Z". */
const CURSOR_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeInboxCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, 2) as [string, string];
  // A real instant only (no 30 February, no 24:00): it must read back as itself.
  const date = new Date(at);
  if (!CURSOR_INSTANT.test(at) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 23) !== at.slice(0, 23)) {
    throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
  }
  return { at, id };
}

function view(row: NotificationRow): NotificationItem {
  return { id: row.id, kind: row.kind, data: row.data, link: row.link, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}

/**
 * The in-app inbox under the bell: each member reads and marks only their own notifications, in
 * the organization they are signed in to. Anyone with a membership has one (no role needed).
 */
export class InboxService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private mine(ctx: MemberContext) {
    return and(eq(notifications.orgId, ctx.subject.orgId), eq(notifications.userId, ctx.subject.userId))!;
  }

  private async unreadCount(tx: Db, ctx: MemberContext): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(notifications)
      .where(and(this.mine(ctx), isNull(notifications.readAt)));
    return row?.n ?? 0;
  }

  /**
   * Newest first, by (createdAt, id) keyset pages. The cursor carries the timestamp as PostgreSQL
   * stores it, to the microsecond, and the comparison happens in SQL: every notification written in
   * one transaction (a tickler run) shares one `now()`, and a millisecond cursor would skip the ones
   * with the same millisecond but more microseconds.
   */
  async list(ctx: MemberContext, query: InboxQuery): Promise<NotificationInbox> {
    const after = query.cursor ? decodeInboxCursor(query.cursor) : null;
    return this.tenant(ctx, async (tx) => {
      const rows = await tx
        .select({ row: notifications, cursorAt: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', ${CURSOR_FORMAT})` })
        .from(notifications)
        .where(
          and(
            this.mine(ctx),
            query.unread === 'true' ? isNull(notifications.readAt) : undefined,
            after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ row }) => view(row)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.row.id]) : null,
        unreadCount: await this.unreadCount(tx, ctx),
      };
    });
  }

  /** Marks one of mine read (reading it again changes nothing); someone else's is not found. */
  async markRead(ctx: MemberContext, id: string): Promise<NotificationItem> {
    return this.tenant(ctx, async (tx) => {
      const [row] = await tx
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(this.mine(ctx), eq(notifications.id, id)))
        .returning();
      if (!row) {
        throw notFound('Notification not found');
      }
      return view(row);
    });
  }

  async markAllRead(ctx: MemberContext): Promise<ReadAllResponse> {
    return this.tenant(ctx, async (tx) => {
      const updated = await tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(this.mine(ctx), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return { updated: updated.length, unreadCount: 0 };
    });
  }
}
