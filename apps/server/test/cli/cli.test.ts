import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/platform/data-dir-lock.js';
import { type Database, openPglite, openPostgres, queryRows } from '../../src/platform/db/index.js';
import { createTestDatabase, type TestDatabase, testDbKind } from '../support/database.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'apps/server/src/cli.ts');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the haven command line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'haven-cli-'));
  let pgTarget: TestDatabase | null = null;
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await pgTarget?.destroy();
  });

  async function env(): Promise<NodeJS.ProcessEnv> {
    if (testDbKind === 'postgres') {
      pgTarget ??= await createTestDatabase();
      return { ...process.env, HAVEN_DATA_DIR: dataDir, DATABASE_URL: pgTarget.url! };
    }
    return { ...process.env, HAVEN_DATA_DIR: dataDir, DATABASE_URL: '' };
  }

  async function haven(...args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run(TSX, [CLI, ...args], { env: await env(), cwd: ROOT, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  /** Opens the same database the CLI uses, as someone with direct database access would. */
  async function openDirect(): Promise<Database> {
    return testDbKind === 'postgres' ? openPostgres(pgTarget!.url!, 1) : openPglite(dataDir);
  }

  it('makes the first admin, verifies the audit chain, and reports the first broken link after tampering', { timeout: 180_000 }, async () => {
    const bad = await haven('create-admin', '--org', 'X', '--email', 'not-an-email');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--org|--email/);

    const made = await haven('create-admin', '--org', 'Springfield Refugee Services', '--email', 'Director@Example.org');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('created as the platform administrator');
    expect(made.stdout).toMatch(/Temporary password \(shown once; change it after signing in\): \S{12,}/);

    const second = await haven('create-admin', '--org', 'Second Org', '--email', 'other@example.org', '--password', 'a long enough password');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('platform administrator');

    const verified = await haven('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('All audit chains are intact.');
    expect(verified.stdout).toMatch(/ok +Springfield Refugee Services .*: 2 events, chain intact/);

    const direct = await openDirect();
    try {
      await queryRows(direct.db, sql`alter table audit_events disable trigger audit_events_no_change`);
      await queryRows(
        direct.db,
        sql`update audit_events set action = 'member.removed' where seq = 2 and org_id = (select id from organizations where name = 'Springfield Refugee Services')`,
      );
      await queryRows(direct.db, sql`alter table audit_events enable trigger audit_events_no_change`);
    } finally {
      await direct.close();
    }
    const broken = await haven('audit', 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/BROKEN +Springfield Refugee Services .*first broken link at event #2 — event content was altered/);
    expect(broken.stdout).toMatch(/ok +Second Org/);
  });

  it('backs up to a file', { timeout: 120_000 }, async () => {
    const file = path.join(dataDir, 'backup-test.jsonl.gz');
    const result = await haven('backup', '--out', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backup written to ${file}`);
    expect(result.stdout).toMatch(/organizations: \d+/);
    const restoreIntoUsed = await haven('restore', '--from', file);
    expect(restoreIntoUsed.code).toBe(1);
    expect(restoreIntoUsed.stderr).toContain('not empty');
  });

  // Only the embedded database is single-process; PostgreSQL takes any number of clients.
  const embeddedOnly = testDbKind === 'pglite' ? it : null;
  embeddedOnly?.('refuses to open the embedded database while Haven runs on it', { timeout: 60_000 }, async () => {
    const release = acquireDataDirLock(dataDir, 'haven server');
    try {
      const refused = await haven('migrate');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('in use by another Haven process');
      expect(refused.stderr).toContain('haven server');
    } finally {
      release();
    }
  });
});
