import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OutboxMessage } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { schema } from '../../platform/db/index.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';

const OUTBOX_LIMIT = 200;

export class NotificationService {
  constructor(private readonly deps: AppDeps) {}

  async listOutbox(ctx: MemberContext): Promise<z.infer<typeof OutboxMessage>[]> {
    requireAction(ctx, 'outbox.read');
    const rows = await inTenant(this.deps.database.db, ctx, (tx) =>
      tx
        .select()
        .from(schema.outbox)
        .where(eq(schema.outbox.orgId, ctx.subject.orgId))
        .orderBy(desc(schema.outbox.createdAt))
        .limit(OUTBOX_LIMIT),
    );
    return rows.map((row) => ({
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      body: row.body,
      status: row.status === 'sent' || row.status === 'failed' || row.status === 'queued' ? row.status : 'stored',
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
