import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export { schema };

/** A database handle or an open transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Present only for the embedded database (backup of the raw data directory, clone in tests). */
  pglite: PGlite | null;
  close(): Promise<void>;
}

/** The extensions Haven's migrations create; PGlite must load them before it can. */
const PGLITE_EXTENSIONS = { pg_trgm };

/** An embedded PostgreSQL in `dataDir`, or in memory when null. */
export async function createPglite(dataDir: string | null): Promise<PGlite> {
  if (!dataDir) {
    return PGlite.create({ extensions: PGLITE_EXTENSIONS });
  }
  // PGlite does not create the parent folders of its data directory.
  await mkdir(dataDir, { recursive: true });
  return PGlite.create(path.join(dataDir, 'pglite'), { extensions: PGLITE_EXTENSIONS });
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  return fromPglite(await createPglite(dataDir));
}

export function fromPglite(client: PGlite): Database {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    pglite: client,
    close: () => client.close(),
  };
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    pglite: null,
    close: () => pool.end(),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}

export interface TenantScope {
  orgId: string;
  userId: string | null;
}

/**
 * The only way request code reaches tenant tables: one transaction, switched to the
 * unprivileged haven_app role with app.org_id set, so row-level security holds even for a
 * query that forgets its organization filter.
 */
export function tenantTransaction<T>(db: Db, scope: TenantScope, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', 'haven_app', true)`,
    );
    return work(tx as unknown as Db);
  });
}

/**
 * Unscoped access for the few paths that must cross organizations (sign-in, invitation tokens,
 * backup, audit verification). Named so it is easy to find in review.
 */
export function systemTransaction<T>(
  db: Db,
  work: (tx: Db) => Promise<T>,
  options: { isolationLevel?: 'read committed' | 'repeatable read' | 'serializable' } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'on', true)`);
    return work(tx as unknown as Db);
    // Drizzle sends an empty, invalid SET TRANSACTION for an empty config object: pass none.
  }, options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined);
}

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Serializes transactions that check-then-write the same thing (the last admin, the one pending
 * invitation per address) until the end of the transaction. Read-committed alone lets two such
 * transactions both pass the check.
 */
export async function lockFor(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** A unique index refused the write (PostgreSQL 23505), however the driver wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string; cause?: { code?: string } } | null)?.code ?? (err as { cause?: { code?: string } } | null)?.cause?.code;
  return code === '23505';
}
