import { and, asc, eq, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { clients, clientAssignments } = schema;
export type ClientRow = typeof clients.$inferSelect;

/**
 * A protected client exists only for the users assigned to it: this condition is part of every
 * client query, so lists, searches, counts and direct reads agree.
 */
function visibleTo(userId: string): SQL {
  return or(
    eq(clients.isProtected, false),
    sql`exists (select 1 from ${clientAssignments} where ${clientAssignments.orgId} = ${clients.orgId} and ${clientAssignments.clientId} = ${clients.id} and ${clientAssignments.userId} = ${userId})`,
  )!;
}

export interface ClientCursor {
  familyName: string;
  givenName: string;
  id: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listClients(
  tx: Db,
  input: { orgId: string; userId: string; q?: string; after?: ClientCursor; limit: number },
): Promise<ClientRow[]> {
  const conditions: SQL[] = [eq(clients.orgId, input.orgId), isNull(clients.deletedAt), visibleTo(input.userId)];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    conditions.push(or(ilike(clients.givenName, pattern), ilike(clients.familyName, pattern))!);
  }
  if (input.after) {
    const a = input.after;
    conditions.push(
      or(
        gt(clients.familyName, a.familyName),
        and(eq(clients.familyName, a.familyName), gt(clients.givenName, a.givenName)),
        and(eq(clients.familyName, a.familyName), eq(clients.givenName, a.givenName), gt(clients.id, a.id)),
      )!,
    );
  }
  return tx
    .select()
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.familyName), asc(clients.givenName), asc(clients.id))
    .limit(input.limit);
}

export async function findVisibleClient(tx: Db, orgId: string, userId: string, id: string): Promise<ClientRow | undefined> {
  const [row] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, id), isNull(clients.deletedAt), visibleTo(userId)))
    .limit(1);
  return row;
}

export async function insertClient(tx: Db, values: typeof clients.$inferInsert): Promise<ClientRow> {
  const [row] = await tx.insert(clients).values(values).returning();
  return row!;
}

export async function assignClient(tx: Db, orgId: string, clientId: string, userId: string): Promise<void> {
  await tx.insert(clientAssignments).values({ orgId, clientId, userId }).onConflictDoNothing();
}
