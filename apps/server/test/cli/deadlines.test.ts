import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/platform/data-dir-lock.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'apps/server/src/cli.ts');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe('haven deadlines --facts FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-deadlines-'));
  const dataDir = path.join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function deadlines(facts: unknown): Promise<CliResult> {
    const file = path.join(dir, `facts-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof facts === 'string' ? facts : JSON.stringify(facts));
    try {
      // A data dir held by a "running server" and a database URL that cannot connect: the command must touch neither.
      const env = { ...process.env, HAVEN_DATA_DIR: dataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
      const { stdout, stderr } = await run(TSX, [CLI, 'deadlines', '--facts', file], { env, cwd: ROOT, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('prints only the JSON array of results, without opening the database, while Haven holds the data dir', { timeout: 120_000 }, async () => {
    const release = acquireDataDirLock(dataDir, 'haven server');
    try {
      const result = await deadlines({ asOf: '2026-11-20', lastArrivalDate: '2025-07-04', ijDecisionDate: '2026-10-27', i589ReceiptDate: '2026-07-06' });
      expect(result.code).toBe(0);
      const parsed = JSON.parse(result.stdout) as { ruleId: string; dueDate: string; status: string; citation: string }[];
      expect(Array.isArray(parsed)).toBe(true);
      expect(parsed.find((item) => item.ruleId === 'ASYLUM_ONE_YEAR_FILING')).toMatchObject({ dueDate: '2026-07-06', status: 'met', citation: 'INA 208(a)(2)(B); 8 CFR 208.4(a)(2)' });
      expect(parsed.find((item) => item.ruleId === 'BIA_APPEAL_DUE')).toMatchObject({ dueDate: '2026-11-27', status: 'open' });
      expect(parsed.find((item) => item.ruleId === 'EAD_C8_EARLIEST_FILING')).toMatchObject({ dueDate: '2026-12-03' });
    } finally {
      release();
    }
  });

  it('refuses impossible and contradictory facts on stderr, naming the fact, with nothing on stdout', { timeout: 120_000 }, async () => {
    const impossible = await deadlines({ lastArrivalDate: '2026-02-30' });
    expect(impossible.code).toBe(65);
    expect(impossible.stdout).toBe('');
    expect(impossible.stderr).toContain('lastArrivalDate: "2026-02-30" is not a real calendar date');

    const contradictory = await deadlines({ i589ReceiptDate: '2025-03-01', asylumGrantDate: '2025-01-01' });
    expect(contradictory.code).toBe(65);
    expect(contradictory.stdout).toBe('');
    expect(contradictory.stderr).toContain('asylumGrantDate: 2025-01-01 is before i589ReceiptDate');

    const notJson = await deadlines('{ "lastArrivalDate": ');
    expect(notJson.code).toBe(65);
    expect(notJson.stderr).toContain('is not valid JSON');
  });
});
