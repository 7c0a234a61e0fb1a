import type { z } from 'zod';
import type { ClientQuery, ClientResponse, CreateClientRequest } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

const toClient = (row: repo.ClientRow): ClientResponse => ({
  id: row.id,
  givenName: row.givenName,
  familyName: row.familyName,
  preferredLanguage: row.preferredLanguage,
  countryOfBirth: row.countryOfBirth,
  isProtected: row.isProtected,
  createdAt: row.createdAt.toISOString(),
});

function encodeCursor(row: repo.ClientRow): string {
  return Buffer.from(JSON.stringify([row.familyName, row.givenName, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): repo.ClientCursor {
  try {
    const [familyName, givenName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof familyName === 'string' && typeof givenName === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { familyName, givenName, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
}

/** The core client record; the clients issue grows it into the full registry. */
export class ClientService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  async list(ctx: MemberContext, query: z.infer<typeof ClientQuery>) {
    requireAction(ctx, 'client.read');
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.tenant(ctx, (tx) =>
      repo.listClients(tx, { orgId: ctx.subject.orgId, userId: ctx.subject.userId, q: query.q || undefined, after, limit: query.limit + 1 }),
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toClient), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null };
  }

  /** A protected record's read is an audited event (8 USC 1367 confidentiality). */
  async get(ctx: MemberContext, id: string): Promise<ClientResponse> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      const row = await repo.findVisibleClient(tx, ctx.subject.orgId, ctx.subject.userId, id);
      if (!row) {
        throw notFound('Client not found');
      }
      if (row.isProtected) {
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'client.read_sensitive',
          objectType: 'client',
          objectId: row.id,
        });
      }
      return toClient(row);
    });
  }

  async create(ctx: MemberContext, input: z.infer<typeof CreateClientRequest>): Promise<ClientResponse> {
    requireAction(ctx, 'client.create');
    return this.tenant(ctx, async (tx) => {
      const row = await repo.insertClient(tx, { orgId: ctx.subject.orgId, ...input });
      // The person who registers a client is assigned to them, so the record stays reachable
      // for them if it is later marked protected.
      await repo.assignClient(tx, ctx.subject.orgId, row.id, ctx.subject.userId);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'client.created',
        objectType: 'client',
        objectId: row.id,
        after: toClient(row),
      });
      return toClient(row);
    });
  }
}
