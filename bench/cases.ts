/**
 * Case management at scale: 20,000 clients, 40,000 cases and 1,000,000 case notes in the demo
 * organization (bench/lib/bench-cases.ts), on PGlite and on PostgreSQL. Measures, one request at a
 * time after a warm-up:
 *  - the caseload (GET /api/cases) as the demo case manager, whose caseload is ~1,000 cases;
 *  - the supervisor dashboard (GET /api/supervision/dashboard) as the demo supervisor: her own
 *    team (nine case managers, ~8,800 cases), and the whole organization (`scope=all`, 40,000);
 *  - the monthly reports: the contact rate over the last 12 months and last month's list of
 *    active clients served (CSV), each timed end to end.
 *
 *   npx tsx bench/cases.ts        (also part of npm run bench; BENCH_CASES=4000 for a quick run)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, childEnv, startServerChild } from './lib/child.js';
import { signIn } from './lib/sign-in.js';
import { onEachDatabase, runBenchmark } from './lib/targets.js';

const CASES = Number(process.env.BENCH_CASES ?? 40_000);
const CLIENTS = Number(process.env.BENCH_CASE_CLIENTS ?? CASES / 2);
const NOTES = Number(process.env.BENCH_NOTES ?? CASES * 25);
const REQUESTS = 200;
const WARMUP = 20;
const REPORT_RUNS = 5;
const PASSWORD = 'demo-password-123';
const START_TIMEOUT_MS = 1_800_000;
const HAVEN_SERVER = path.join(REPO_ROOT, 'bench', 'lib', 'haven-server.ts');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'cases.json');

interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

interface TargetResult {
  target: string;
  server: string | null;
  loadSeconds: number | null;
  timings: Timing[];
  error: string | null;
}

function log(line: string): void {
  console.log(`bench: ${line}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `runs` GETs of one URL (after `warmup` untimed ones); every answer must be a 200. */
async function timeGets(name: string, url: string, cookie: string, runs: number, warmup: number): Promise<Timing> {
  const timings: number[] = [];
  for (let i = 0; i < runs + warmup; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) {
      throw new Error(`${name} answered ${response.status}: ${body.slice(0, 200)}`);
    }
    if (i >= warmup) {
      timings.push(elapsed);
    }
  }
  timings.sort((a, b) => a - b);
  return { name, runs: timings.length, p50: percentile(timings, 50), p95: percentile(timings, 95), max: timings.at(-1)! };
}

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

async function benchTarget(target: string, databaseUrl: string | null): Promise<TargetResult> {
  const result: TargetResult = { target, server: null, loadSeconds: null, timings: [], error: null };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-bench-cases-'));
  try {
    log(`${target}: starting Haven and generating ${CASES.toLocaleString('en-US')} cases, ${NOTES.toLocaleString('en-US')} notes…`);
    const started = performance.now();
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
        BENCH_CASES: String(CASES),
        BENCH_CASE_CLIENTS: String(CLIENTS),
        BENCH_NOTES: String(NOTES),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      }),
      START_TIMEOUT_MS,
    );
    result.loadSeconds = (performance.now() - started) / 1000;
    result.server = server.info;
    log(`${target}: loaded in ${result.loadSeconds.toFixed(0)} s`);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const caseManager = await signIn(base, 'casemanager@demo.haven.test', PASSWORD);
      const supervisor = await signIn(base, 'supervisor@demo.haven.test', PASSWORD);
      const now = new Date();
      const lastMonth = monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)));
      const yearAgo = monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 15)));
      const runs: [string, string, string, number, number][] = [
        ['caseload (case manager, 50 per page)', `${base}/api/cases?limit=50`, caseManager.cookie, REQUESTS, WARMUP],
        ['supervisor dashboard, own team (~8,800 cases)', `${base}/api/supervision/dashboard`, supervisor.cookie, REQUESTS, WARMUP],
        ['supervisor dashboard, whole organization (40,000 cases)', `${base}/api/supervision/dashboard?scope=all`, supervisor.cookie, REQUESTS, WARMUP],
        ['report: contact rate, 12 months', `${base}/api/reports/monthly-contact-rate?from=${yearAgo}&to=${lastMonth}`, supervisor.cookie, REPORT_RUNS, 1],
        ['report: active clients served last month (CSV)', `${base}/api/reports/active-clients-served?month=${lastMonth}&format=csv`, supervisor.cookie, REPORT_RUNS, 1],
      ];
      for (const [name, url, cookie, count, warmup] of runs) {
        const timing = await timeGets(name, url, cookie, count, warmup);
        result.timings.push(timing);
        log(`${target}: ${name}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms, max ${timing.max.toFixed(1)} ms`);
      }
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
  const results = await onEachDatabase((target, databaseUrl) => benchTarget(target, databaseUrl));
  await writeFile(RESULTS_FILE, `${JSON.stringify({ at: new Date().toISOString(), cases: CASES, clients: CLIENTS, notes: NOTES, results }, null, 2)}\n`);
  console.log('');
  console.log(`Case management: ${CLIENTS.toLocaleString('en-US')} clients, ${CASES.toLocaleString('en-US')} cases, ${NOTES.toLocaleString('en-US')} notes (ms)`);
  console.log('| Database | Request | runs | p50 | p95 | max |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    for (const t of r.timings) {
      console.log(`| ${r.target} | ${t.name} | ${t.runs} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.max.toFixed(1)} |`);
    }
  }
  if (results.some((r) => r.error)) {
    process.exitCode = 1;
  }
}

runBenchmark(main);
