import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPglite, type Database, fromPglite, migrateDatabase, openPostgres } from '../../src/platform/db/index.js';
import { TEMPLATE_DB, withDatabase } from './global-setup.js';

export type TestDbKind = 'pglite' | 'postgres';

export const testDbKind: TestDbKind = process.env.HAVEN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

let pgliteTemplate: Promise<PGlite> | null = null;

async function migratedPgliteTemplate(): Promise<PGlite> {
  const client = await createPglite(null);
  await migrateDatabase(fromPglite(client));
  return client;
}

export interface TestDatabase extends Database {
  /** A connection string for tools that need their own connection (PostgreSQL only). */
  url: string | null;
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>;
}

/** A fresh, migrated database of the suite's kind, private to the caller. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind === 'pglite') {
    pgliteTemplate ??= migratedPgliteTemplate();
    const clone = (await (await pgliteTemplate).clone()) as PGlite;
    const database = fromPglite(clone);
    return { ...database, url: null, destroy: () => clone.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    throw new Error('TEST_DATABASE_URL is not set (npm test sets it)');
  }
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DB);
  const name = `haven_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`create database ${name} template ${new URL(templateUrl).pathname.slice(1)}`);
  await admin.end();
  const url = templateUrl.replace(/\/[^/]+$/, `/${name}`);
  const database = openPostgres(url, 5);
  return {
    ...database,
    url,
    destroy: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, '/postgres') });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
