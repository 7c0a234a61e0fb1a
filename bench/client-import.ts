/**
 * Client import of a 10,000-row CSV through the API, on PGlite and on PostgreSQL: upload (which
 * parses the file and suggests the mapping), dry run (every row checked as registration checks it,
 * identifiers against the organization), and the import itself (all rows in one transaction).
 *
 *   npx tsx bench/client-import.ts        (BENCH_IMPORT_ROWS=… to change the size)
 *
 * The people are the search benchmark's invented caseload (bench/lib/bench-clients.ts, a fixed
 * faker seed), with an A-number, a phone, a status and an arrival date each. The run is checked:
 * the import must report every row imported and the count endpoint must agree.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatANumber } from '../packages/domain/src/index.js';
import { benchPeople } from './lib/bench-clients.js';
import { signIn } from './lib/sign-in.js';
import { onEachDatabase, runBenchmark } from './lib/targets.js';
import { REPO_ROOT, childEnv, startServerChild } from './lib/child.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const USER = 'intake@demo.haven.test';
const PASSWORD = 'demo-password-123';
const START_TIMEOUT_MS = 300_000;
const HAVEN_SERVER = path.join(REPO_ROOT, 'bench', 'lib', 'haven-server.ts');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'client-import.json');
const COUNTRIES = ['SY', 'AF', 'HN', 'UA', 'CD', 'VE', 'SO', 'ER'];
const STATUSES = ['refugee', 'asylee', 'parolee_afghan', 'parolee_ukrainian', 'siv', 'tps'];

interface TargetResult {
  target: string;
  server: string | null;
  uploadSeconds: number | null;
  dryRunSeconds: number | null;
  runSeconds: number | null;
  error: string | null;
}

function log(line: string): void {
  console.log(`bench: ${line}`);
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function importCsv(rows: number): string {
  const lines = [['First name', 'Last name', 'Native name', 'Date of birth', 'Sex', 'Country of birth', 'Phone', 'A-number', 'Immigration status', 'Status date', 'Arrival date'].join(',')];
  benchPeople(rows).forEach((p, i) => {
    // The invented people are born 1940–2019: an arrival in 2020–2024 is always after birth.
    const arrival = `${2020 + (i % 5)}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
    lines.push(
      [
        p.givenName,
        p.familyName,
        p.nativeName ?? '',
        p.dateOfBirth,
        i % 2 ? 'F' : 'M',
        COUNTRIES[i % COUNTRIES.length]!,
        p.phone,
        formatANumber(p.aNumber),
        STATUSES[i % STATUSES.length]!,
        arrival,
        arrival,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

async function call<T>(base: string, auth: { cookie: string; csrf: string }, method: string, url: string, body?: string, type?: string): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, ...(type ? { 'content-type': type } : {}) },
    ...(body === undefined ? {} : { body }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  }
  return json;
}

interface ImportState {
  id: string;
  status: string;
  totalRows: number;
  validRows: number | null;
  importedRows: number | null;
  errors: unknown[];
}

async function benchTarget(target: string, databaseUrl: string | null, file: string): Promise<TargetResult> {
  const result: TargetResult = { target, server: null, uploadSeconds: null, dryRunSeconds: null, runSeconds: null, error: null };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-bench-import-'));
  try {
    log(`${target}: starting Haven…`);
    const server = await startServerChild(
      HAVEN_SERVER,
      childEnv({
        HAVEN_DATA_DIR: dataDir,
        HAVEN_SECRET_KEY: randomBytes(32).toString('hex'),
        HAVEN_DEMO: '1',
        HAVEN_LOGIN_RATE_LIMIT: '100000',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: '0',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      }),
      START_TIMEOUT_MS,
    );
    result.server = server.info;
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const auth = await signIn(base, USER, PASSWORD);
      const before = (await call<{ count: number }>(base, auth, 'GET', '/api/clients/count')).count;

      let started = performance.now();
      const uploaded = await call<ImportState>(base, auth, 'POST', '/api/client-imports?filename=bench.csv', file, 'text/csv');
      result.uploadSeconds = (performance.now() - started) / 1000;
      log(`${target}: upload ${result.uploadSeconds.toFixed(2)} s (${uploaded.totalRows} rows)`);

      started = performance.now();
      const checked = await call<ImportState>(base, auth, 'POST', `/api/client-imports/${uploaded.id}/dry-run`);
      result.dryRunSeconds = (performance.now() - started) / 1000;
      if (checked.errors.length > 0 || checked.validRows !== ROWS) {
        throw new Error(`the dry run found problems: ${JSON.stringify(checked.errors.slice(0, 3))}`);
      }
      log(`${target}: dry run ${result.dryRunSeconds.toFixed(2)} s`);

      started = performance.now();
      const done = await call<ImportState>(base, auth, 'POST', `/api/client-imports/${uploaded.id}/run`);
      result.runSeconds = (performance.now() - started) / 1000;
      const after = (await call<{ count: number }>(base, auth, 'GET', '/api/clients/count')).count;
      if (done.status !== 'completed' || done.importedRows !== ROWS || after - before !== ROWS) {
        throw new Error(`the import did not register every row (status ${done.status}, ${done.importedRows} imported, count +${after - before})`);
      }
      log(`${target}: import ${result.runSeconds.toFixed(2)} s`);
    } finally {
      await server.stop();
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    log(`${target} failed: ${result.error}`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return result;
}

async function main(): Promise<void> {
  const file = importCsv(ROWS);
  log(`${ROWS.toLocaleString('en-US')} rows, ${(Buffer.byteLength(file) / 1024 / 1024).toFixed(2)} MB of CSV`);
  const results = await onEachDatabase((target, databaseUrl) => benchTarget(target, databaseUrl, file));
  await writeFile(RESULTS_FILE, `${JSON.stringify({ at: new Date().toISOString(), rows: ROWS, results }, null, 2)}\n`);
  const seconds = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  console.log('');
  console.log(`Client import, ${ROWS.toLocaleString('en-US')}-row CSV through the API (seconds)`);
  console.log('| Database | Upload | Dry run | Upload + dry run | Import (one transaction) | Total |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const checkPhase = r.uploadSeconds !== null && r.dryRunSeconds !== null ? r.uploadSeconds + r.dryRunSeconds : null;
    const total = checkPhase !== null && r.runSeconds !== null ? checkPhase + r.runSeconds : null;
    console.log(`| ${r.target} | ${seconds(r.uploadSeconds)} | ${seconds(r.dryRunSeconds)} | ${seconds(checkPhase)} | ${seconds(r.runSeconds)} | ${r.error ? `failed: ${r.error}` : seconds(total)} |`);
  }
  if (results.some((r) => r.error)) {
    process.exitCode = 1;
  }
}

runBenchmark(main);
