/**
 * Client search with 100,000 clients: GET /api/clients?q= as the demo case manager, on PGlite and
 * on PostgreSQL, for four kinds of query a case manager types — a family name, a name with a typo,
 * an A-number and a phone number. See bench/README.md.
 *
 *   npx tsx bench/client-search.ts        (also part of npm run bench)
 *
 * One request at a time (a person at a search box), after a warm-up; the latency is measured in
 * this process around fetch. Each query is also checked: the person it was made from must be
 * among the results, so a fast but wrong search does not pass as a result.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatANumber } from '../packages/domain/src/index.js';
import { type BenchPerson, benchPeople } from './lib/bench-clients.js';
import { REPO_ROOT, childEnv, startServerChild } from './lib/child.js';
import { signIn } from './lib/sign-in.js';
import { onEachDatabase, runBenchmark } from './lib/targets.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const QUERIES_PER_KIND = 200;
const WARMUP_QUERIES = 20;
const USER = 'casemanager@demo.haven.test';
const PASSWORD = 'demo-password-123';
const START_TIMEOUT_MS = 600_000;
const HAVEN_SERVER = path.join(REPO_ROOT, 'bench', 'lib', 'haven-server.ts');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'client-search.json');

type Kind = 'name' | 'typo-name' | 'a-number' | 'phone';

interface KindResult {
  kind: Kind;
  queries: number;
  p50: number;
  p95: number;
  max: number;
  /** Share of queries whose source person was among the results. */
  found: number;
}

interface TargetResult {
  target: string;
  server: string | null;
  loadSeconds: number | null;
  kinds: KindResult[];
  error: string | null;
}

function log(line: string): void {
  console.log(`bench: ${line}`);
}

/** One letter changed in the middle of the family name: a typical typing slip. */
function withTypo(name: string): string {
  if (name.length < 5) {
    return name;
  }
  const i = Math.floor(name.length / 2);
  return `${name.slice(0, i)}${name[i + 1]}${name[i]}${name.slice(i + 2)}`;
}

function queryFor(kind: Kind, p: BenchPerson): string {
  switch (kind) {
    case 'name':
      return `${p.givenName} ${p.familyName}`;
    case 'typo-name':
      return `${p.givenName} ${withTypo(p.familyName)}`;
    case 'a-number':
      return formatANumber(p.aNumber);
    case 'phone':
      return p.phone.replace('+1 ', '');
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runKind(base: string, headers: Record<string, string>, kind: Kind, sample: BenchPerson[]): Promise<KindResult> {
  const timings: number[] = [];
  let found = 0;
  for (const [index, person] of sample.entries()) {
    const url = `${base}/api/clients?limit=20&q=${encodeURIComponent(queryFor(kind, person))}`;
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { items?: { givenName: string; familyName: string; dateOfBirth: string | null }[] };
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !body.items) {
      throw new Error(`${kind} query answered ${response.status}`);
    }
    if (index >= WARMUP_QUERIES) {
      timings.push(elapsed);
      if (body.items.some((c) => c.givenName === person.givenName && c.familyName === person.familyName && c.dateOfBirth === person.dateOfBirth)) {
        found += 1;
      }
    }
  }
  timings.sort((a, b) => a - b);
  return {
    kind,
    queries: timings.length,
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    max: timings.at(-1)!,
    found: found / timings.length,
  };
}

async function benchTarget(target: string, databaseUrl: string | null): Promise<TargetResult> {
  const result: TargetResult = { target, server: null, loadSeconds: null, kinds: [], error: null };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-bench-search-'));
  try {
    log(`${target}: starting Haven and loading ${CLIENTS.toLocaleString('en-US')} clients…`);
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
        BENCH_CLIENTS: String(CLIENTS),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      }),
      START_TIMEOUT_MS,
    );
    result.loadSeconds = (performance.now() - started) / 1000;
    result.server = server.info;
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const { cookie } = await signIn(base, USER, PASSWORD);
      const headers = { cookie };
      const people = benchPeople(CLIENTS);
      const step = Math.floor(CLIENTS / (QUERIES_PER_KIND + WARMUP_QUERIES));
      for (const kind of ['name', 'typo-name', 'a-number', 'phone'] as const) {
        // A different slice of the caseload for each kind, so no query is answered from a warm cache of the last.
        const offset = { name: 0, 'typo-name': 1, 'a-number': 2, phone: 3 }[kind];
        const sample = Array.from({ length: QUERIES_PER_KIND + WARMUP_QUERIES }, (_, i) => people[(i * step + offset) % CLIENTS]!);
        const kindResult = await runKind(base, headers, kind, sample);
        result.kinds.push(kindResult);
        log(`${target}: ${kind.padEnd(9)} p50 ${kindResult.p50.toFixed(1)} ms, p95 ${kindResult.p95.toFixed(1)} ms, found ${(kindResult.found * 100).toFixed(0)}%`);
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
  await writeFile(RESULTS_FILE, `${JSON.stringify({ at: new Date().toISOString(), clients: CLIENTS, results }, null, 2)}\n`);
  console.log('');
  console.log(`Client search, ${CLIENTS.toLocaleString('en-US')} clients, one request at a time (ms)`);
  console.log('| Database | Query | p50 | p95 | found |');
  console.log('|---|---|---|---|---|');
  for (const r of results) {
    for (const k of r.kinds) {
      console.log(`| ${r.target} | ${k.kind} | ${k.p50.toFixed(1)} | ${k.p95.toFixed(1)} | ${(k.found * 100).toFixed(0)}% |`);
    }
  }
  if (results.some((r) => r.error)) {
    process.exitCode = 1;
  }
}

runBenchmark(main);
