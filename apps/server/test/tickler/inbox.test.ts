import type { NotificationInbox, NotificationItem } from '@haven/domain';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { notifyInApp } from '../../src/modules/notifications/in-app.js';
import { createTestApp, memberSession } from '../support/app.js';

describe('the notification inbox', async () => {
  const t = await createTestApp();

  async function notify(orgId: string, userId: string, n: number) {
    for (let i = 0; i < n; i += 1) {
      await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
        notifyInApp(tx, [{ orgId, userId, kind: 'tickler_reminder', data: { matterReference: `M-2026-000${i}`, daysLeft: i }, link: `/matters/m${i}` }]),
      );
      // PGlite's clock has millisecond resolution: keep each notification in its own millisecond,
      // so "newest first" has one answer.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  }

  it('lists my notifications newest first in pages, counts the unread, and marks one or all read', async () => {
    const amina = await memberSession(t, 'legal_representative');
    const omar = await memberSession(t, 'case_manager', amina.orgId);
    await notify(amina.orgId, amina.user.id, 5);
    await notify(amina.orgId, omar.user.id, 1);

    const first = (await amina.session.get('/api/notifications/inbox?limit=3')).json<NotificationInbox>();
    expect(first.unreadCount).toBe(5);
    expect(first.items.map((n) => n.data.matterReference)).toEqual(['M-2026-0004', 'M-2026-0003', 'M-2026-0002']);
    expect(first.items[0]).toMatchObject({ kind: 'tickler_reminder', link: '/matters/m4', readAt: null });
    const second = (await amina.session.get(`/api/notifications/inbox?limit=3&cursor=${first.nextCursor}`)).json<NotificationInbox>();
    expect(second.items.map((n) => n.data.matterReference)).toEqual(['M-2026-0001', 'M-2026-0000']);
    expect(second.nextCursor).toBeNull();

    const read = await amina.session.post(`/api/notifications/${first.items[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    const readAt = read.json<NotificationItem>().readAt;
    expect(readAt).not.toBeNull();
    // Reading it again keeps the first time.
    expect((await amina.session.post(`/api/notifications/${first.items[0]!.id}/read`)).json<NotificationItem>().readAt).toBe(readAt);
    const unread = (await amina.session.get('/api/notifications/inbox?unread=true')).json<NotificationInbox>();
    expect(unread).toMatchObject({ unreadCount: 4 });
    expect(unread.items).toHaveLength(4);

    // Omar's notification is his own: not found for Amina, and still unread.
    const omars = (await omar.session.get('/api/notifications/inbox')).json<NotificationInbox>();
    expect((await amina.session.post(`/api/notifications/${omars.items[0]!.id}/read`)).statusCode).toBe(404);
    expect((await amina.session.post('/api/notifications/read-all')).json()).toEqual({ updated: 4, unreadCount: 0 });
    expect((await omar.session.get('/api/notifications/inbox')).json<NotificationInbox>().unreadCount).toBe(1);
    expect((await amina.session.get('/api/notifications/inbox')).json<NotificationInbox>().unreadCount).toBe(0);

    expect((await amina.session.get('/api/notifications/inbox?limit=51')).statusCode).toBe(400);
    expect((await amina.session.get('/api/notifications/inbox?cursor=nonsense')).json()).toMatchObject({ error: { fields: { cursor: expect.any(String) } } });
  });

  it('pages through every notification of one tickler run, all written in one transaction at the same instant', async () => {
    const amina = await memberSession(t, 'legal_representative');
    const { orgId } = amina;
    const userId = amina.user.id;
    await notify(orgId, userId, 1); // an older one, from an earlier run
    await tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
      await notifyInApp(
        tx,
        Array.from({ length: 7 }, (_, i) => ({ orgId, userId, kind: 'tickler_reminder', data: { matterReference: `M-2026-01${i}`, daysLeft: 7 }, link: `/matters/r${i}` })),
      );
      // PostgreSQL's now() has microseconds (…36.512345), the same for the whole transaction;
      // PGlite's clock stops at milliseconds, so give the run's rows the microseconds a server has.
      await tx
        .update(schema.notifications)
        .set({ createdAt: sql`date_trunc('milliseconds', ${schema.notifications.createdAt}) + interval '1 second 345 microseconds'` })
        .where(and(eq(schema.notifications.orgId, orgId), eq(schema.notifications.userId, userId), sql`${schema.notifications.data} ->> 'matterReference' like 'M-2026-01%'`));
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo += 1) {
      const url: string = `/api/notifications/inbox?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const inbox: NotificationInbox = (await amina.session.get(url)).json<NotificationInbox>();
      expect(inbox.unreadCount).toBe(8);
      seen.push(...inbox.items.map((n) => String(n.data.matterReference)));
      cursor = inbox.nextCursor;
      if (!cursor) {
        break;
      }
    }
    // All seven of the run, then the older one: none skipped, none twice.
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(0, 7).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `M-2026-01${i}`));
    expect(seen[7]).toBe('M-2026-0000');

    // A cursor whose instant was forged or garbled is a 400, not a database error.
    const forged = Buffer.from(JSON.stringify(['2026-02-30T00:00:00.000000Z', userId])).toString('base64url');
    expect((await amina.session.get(`/api/notifications/inbox?cursor=${forged}`)).statusCode).toBe(400);
  });
});
