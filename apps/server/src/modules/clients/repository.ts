import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, schema } from '../../platform/db/index.js';
import type { IdentifierKind } from '../../platform/db/schema.js';

const { clients, clientAssignments, clientIdentifiers } = schema;
export type ClientRow = typeof clients.$inferSelect;
export type ClientInsert = typeof clients.$inferInsert;
export type IdentifierRow = typeof clientIdentifiers.$inferSelect;

/**
 * A protected client exists only for the users assigned to it, and a merged or deleted record
 * exists for no one: this condition is part of every client query, so lists, searches, counts
 * and direct reads agree.
 */
export function visibleClients(orgId: string, userId: string): SQL {
  return and(
    eq(clients.orgId, orgId),
    isNull(clients.deletedAt),
    isNull(clients.mergedInto),
    or(
      eq(clients.isProtected, false),
      sql`exists (select 1 from ${clientAssignments} where ${clientAssignments.orgId} = ${clients.orgId} and ${clientAssignments.clientId} = ${clients.id} and ${clientAssignments.userId} = ${userId})`,
    ),
  )!;
}

export interface ClientCursor {
  familyName: string;
  givenName: string;
  id: string;
}

export interface Scope {
  orgId: string;
  userId: string;
}

/**
 * Everyone the caller may see (narrowed by `where`, e.g. for an export), by family name, one
 * keyset page at a time.
 */
export async function listClients(tx: Db, scope: Scope, page: { after?: ClientCursor; limit: number; where?: SQL }): Promise<ClientRow[]> {
  const conditions: SQL[] = [visibleClients(scope.orgId, scope.userId)];
  if (page.where) {
    conditions.push(page.where);
  }
  if (page.after) {
    const a = page.after;
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
    .limit(page.limit);
}


/**
 * Name and phone searches go through the SECURITY DEFINER functions of migrations/0009, which
 * search the client_search copy within the current organization (trigram indexes cannot serve
 * non-leakproof operators under row-level security). They return candidate ids; the client rows
 * are then read from `clients` under its policies and the caller's visibility, so a protected or
 * merged record never comes back. Word similarity is 0.4 per word: "Amna" finds "Amina" (exactly
 * 0.4) and "Mohamed" finds "Mohammed" (0.7); another transliteration is beyond trigrams
 * ("Mohamed" → "Muhammad" is 0.18).
 */
function nameCandidates(term: string, max: number): SQL {
  return sql`haven_search_client_names(${term}, ${max})`;
}

function phoneCandidates(keys: string[], max: number): SQL {
  return sql`haven_search_client_phones(${sql.param(keys)}::text[], ${max})`;
}

/** Candidates fetched beyond the page, so protected records the caller may not see do not empty it. */
const CANDIDATE_HEADROOM = 50;
/** A name count stops here: "10,000 or more" is all a person needs to refine a search. */
export const NAME_COUNT_CAP = 10_000;

/** Names (any script, typos forgiven), best match first. `term` is already in search form. */
export async function searchByName(tx: Db, scope: Scope, term: string, limit: number): Promise<(ClientRow & { score: number })[]> {
  const rows = await tx
    .select({ client: clients, score: sql<number>`s.score` })
    .from(sql`${nameCandidates(term, limit + CANDIDATE_HEADROOM)} as s`)
    .innerJoin(clients, and(eq(clients.orgId, scope.orgId), sql`${clients.id} = s.client_id`))
    .where(visibleClients(scope.orgId, scope.userId))
    .orderBy(sql`s.score desc`, asc(clients.familyName), asc(clients.givenName), asc(clients.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.client, score: Number(r.score) }));
}

export async function findByIdentifier(tx: Db, scope: Scope, kind: IdentifierKind, lookupHash: string, limit: number): Promise<ClientRow[]> {
  return tx
    .select({ client: clients })
    .from(clients)
    .innerJoin(clientIdentifiers, and(eq(clientIdentifiers.orgId, clients.orgId), eq(clientIdentifiers.clientId, clients.id)))
    .where(and(visibleClients(scope.orgId, scope.userId), eq(clientIdentifiers.kind, kind), eq(clientIdentifiers.lookupHash, lookupHash)))
    .orderBy(asc(clients.familyName), asc(clients.givenName), asc(clients.id))
    .limit(limit)
    .then((rows) => rows.map((r) => r.client));
}

export async function findByPhone(tx: Db, scope: Scope, keys: string[], limit: number): Promise<ClientRow[]> {
  return tx
    .select()
    .from(clients)
    .where(and(visibleClients(scope.orgId, scope.userId), sql`${clients.id} in (select * from ${phoneCandidates(keys, limit + CANDIDATE_HEADROOM)})`))
    .orderBy(asc(clients.familyName), asc(clients.givenName), asc(clients.id))
    .limit(limit);
}

/** What a search narrows the clients to: a name (in search form), phone keys or an identifier's blind index. */
export type ClientMatch = { kind: 'name'; term: string } | { kind: 'phone'; keys: string[] } | { kind: IdentifierKind; lookupHash: string };

/**
 * How many clients the caller may see, in all or matching a search. The conditions are the ones
 * the search itself uses, so the count shown above the results agrees with them.
 */
export async function countClients(tx: Db, scope: Scope, match?: ClientMatch): Promise<number> {
  const conditions: SQL[] = [visibleClients(scope.orgId, scope.userId)];
  if (match?.kind === 'name') {
    conditions.push(sql`${clients.id} in (select client_id from ${nameCandidates(match.term, NAME_COUNT_CAP)})`);
  } else if (match?.kind === 'phone') {
    conditions.push(sql`${clients.id} in (select * from ${phoneCandidates(match.keys, NAME_COUNT_CAP)})`);
  } else if (match) {
    conditions.push(
      sql`exists (select 1 from ${clientIdentifiers} where ${clientIdentifiers.orgId} = ${clients.orgId} and ${clientIdentifiers.clientId} = ${clients.id} and ${clientIdentifiers.kind} = ${match.kind} and ${clientIdentifiers.lookupHash} = ${match.lookupHash})`,
    );
  }
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(clients)
    .where(and(...conditions));
  return Number(row?.count ?? 0);
}

export async function findVisibleClient(tx: Db, scope: Scope, id: string): Promise<ClientRow | undefined> {
  const [row] = await tx
    .select()
    .from(clients)
    .where(and(visibleClients(scope.orgId, scope.userId), eq(clients.id, id)))
    .limit(1);
  return row;
}

export async function findVisibleClients(tx: Db, scope: Scope, ids: readonly string[]): Promise<ClientRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(clients)
    .where(and(visibleClients(scope.orgId, scope.userId), inArray(clients.id, [...ids])));
}

export async function insertClient(tx: Db, values: ClientInsert): Promise<ClientRow> {
  const [row] = await tx.insert(clients).values(values).returning();
  return row!;
}

/** Writes the new values only if the record is still at `version`; undefined when it moved on. */
export async function updateClient(
  tx: Db,
  orgId: string,
  id: string,
  version: number,
  values: Partial<ClientInsert>,
): Promise<ClientRow | undefined> {
  const [row] = await tx
    .update(clients)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(clients.orgId, orgId), eq(clients.id, id), eq(clients.version, version)))
    .returning();
  return row;
}

export async function assignClient(tx: Db, orgId: string, clientId: string, userId: string): Promise<void> {
  await tx.insert(clientAssignments).values({ orgId, clientId, userId }).onConflictDoNothing();
}

export async function identifiersOf(tx: Db, orgId: string, clientIds: readonly string[], kinds?: readonly IdentifierKind[]): Promise<IdentifierRow[]> {
  if (clientIds.length === 0) {
    return [];
  }
  const conditions: SQL[] = [eq(clientIdentifiers.orgId, orgId), inArray(clientIdentifiers.clientId, [...clientIds])];
  if (kinds) {
    conditions.push(inArray(clientIdentifiers.kind, [...kinds]));
  }
  return tx
    .select()
    .from(clientIdentifiers)
    .where(and(...conditions))
    .orderBy(asc(clientIdentifiers.createdAt), asc(clientIdentifiers.id));
}

/** Which of these identifier hashes another client in the organization already holds. */
export async function identifiersTakenByOthers(
  tx: Db,
  orgId: string,
  clientId: string | null,
  wanted: readonly { kind: IdentifierKind; lookupHash: string }[],
): Promise<{ kind: IdentifierKind; lookupHash: string }[]> {
  if (wanted.length === 0) {
    return [];
  }
  const rows = await tx
    .select({ kind: clientIdentifiers.kind, lookupHash: clientIdentifiers.lookupHash, clientId: clientIdentifiers.clientId })
    .from(clientIdentifiers)
    .where(
      and(
        eq(clientIdentifiers.orgId, orgId),
        inArray(
          clientIdentifiers.lookupHash,
          wanted.map((w) => w.lookupHash),
        ),
      ),
    );
  return rows.filter((r) => r.clientId !== clientId && wanted.some((w) => w.kind === r.kind && w.lookupHash === r.lookupHash));
}

export async function replaceIdentifiers(
  tx: Db,
  orgId: string,
  clientId: string,
  kind: IdentifierKind,
  values: readonly { valueSealed: string; lookupHash: string }[],
): Promise<void> {
  await tx
    .delete(clientIdentifiers)
    .where(and(eq(clientIdentifiers.orgId, orgId), eq(clientIdentifiers.clientId, clientId), eq(clientIdentifiers.kind, kind)));
  if (values.length > 0) {
    // Rows written together would share the transaction's now() and come back in random id
    // order (identifiersOf sorts by created_at, id): a millisecond apart, they keep the order in
    // which the receipt numbers were entered.
    const base = Date.now();
    await tx.insert(clientIdentifiers).values(values.map((v, index) => ({ orgId, clientId, kind, ...v, createdAt: new Date(base + index) })));
  }
}

const DUPLICATE_CANDIDATES = 200;

/** Likely duplicates of a draft: similar names, the same birth date, identifier or phone. */
export async function duplicateCandidates(
  tx: Db,
  scope: Scope,
  probe: { nameTerm: string; dateOfBirth: string | null; lookupHashes: string[]; phoneKeys: string[]; excludeId: string | null },
  limit: number,
): Promise<{ id: string; nameScore: number; sameDob: boolean; identifierKinds: string[]; samePhone: boolean }[]> {
  const hashes = probe.lookupHashes.length > 0 ? probe.lookupHashes : ['-'];
  const phones = probe.phoneKeys.length > 0 ? probe.phoneKeys : ['-'];
  return queryRows(
    tx,
    sql`
      with candidates as (
        select client_id as id from ${nameCandidates(probe.nameTerm, DUPLICATE_CANDIDATES)}
        union
        select ${clientIdentifiers.clientId} from ${clientIdentifiers}
         where ${clientIdentifiers.orgId} = ${scope.orgId} and ${clientIdentifiers.lookupHash} = any(${sql.param(hashes)}::text[])
        union
        select * from ${phoneCandidates(phones, DUPLICATE_CANDIDATES)}
      )
      select * from (
      select c.id as "id",
             word_similarity(${probe.nameTerm}, c.search_name)::float8 as "nameScore",
             coalesce(c.date_of_birth::text = ${probe.dateOfBirth}, false) as "sameDob",
             coalesce((select array_agg(distinct i.kind) from client_identifiers i
                        where i.org_id = c.org_id and i.client_id = c.id and i.lookup_hash = any(${sql.param(hashes)}::text[])), '{}') as "identifierKinds",
             c.phone_keys && ${sql.param(phones)}::text[] as "samePhone"
        from candidates k
        join clients c on c.org_id = ${scope.orgId} and c.id = k.id
       where c.deleted_at is null and c.merged_into is null
         and (c.is_protected = false or exists (select 1 from client_assignments a where a.org_id = c.org_id and a.client_id = c.id and a.user_id = ${scope.userId}))
         and (${probe.excludeId}::uuid is null or c.id <> ${probe.excludeId}::uuid)
      ) s
      order by cardinality(s."identifierKinds") desc, s."samePhone" desc, s."sameDob" desc, s."nameScore" desc, s."id"
      limit ${limit}`,
  );
}
