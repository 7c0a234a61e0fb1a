import pg from 'pg';
import { migrateDatabase, openPostgres } from '../../src/platform/db/index.js';

export const TEMPLATE_DB = 'haven_test_template';

/**
 * For the PostgreSQL run: one migrated template database; each test file then gets its own
 * database copied from it (CREATE DATABASE … TEMPLATE, ~60 ms).
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the suite with `npm test` (it starts a throwaway PostgreSQL), or start one with `bash scripts/pg-test-server.sh start` and export the URL it prints.',
    );
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(url, TEMPLATE_DB);
  const database = openPostgres(templateUrl, 1);
  await migrateDatabase(database);
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
