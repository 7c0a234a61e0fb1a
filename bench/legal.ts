/**
 * Recomputing every legal matter's deadlines (issue 5: "the time to recompute all deadlines for
 * 100k matters", aim under 10 s), on PGlite and on PostgreSQL. In this process, as the hourly
 * maintenance job runs it (`recomputeAllDeadlines` in apps/server/src/modules/legal-matters/
 * deadlines.ts): after the demo data, bench/lib/bench-legal.ts generates 100,000 matters with
 * their facts and some I-589 filings; then three timed runs:
 *  - first: no deadline stored yet — every rule row is inserted (the cost after an upgrade or an
 *    import);
 *  - again the same day: nothing changed, nothing written (the steady hourly cost);
 *  - 45 days later: time has passed, open deadlines became missed and are written with their
 *    history events (a busy night).
 *
 *   npx tsx bench/legal.ts        (also part of npm run bench; BENCH_MATTERS=10000 for a quick run)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addDays, todayIn } from '../packages/domain/src/index.js';
import { countRuleDeadlines, recomputeAllDeadlines, type RecomputeAllResult } from '../apps/server/src/modules/legal-matters/deadlines.js';
import { DEMO_ORG, seedDemo } from '../apps/server/src/ops/seed-demo.js';
import { type Database, migrateDatabase, openPglite, openPostgres, queryRows } from '../apps/server/src/platform/db/index.js';
import { sql } from 'drizzle-orm';
import { insertBenchMatters } from './lib/bench-legal.js';
import { REPO_ROOT } from './lib/child.js';
import { onEachDatabase, runBenchmark } from './lib/targets.js';

const MATTERS = Number(process.env.BENCH_MATTERS ?? 100_000);
const BATCH = Number(process.env.BENCH_MATTER_BATCH ?? 2000);
const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'legal.json');

interface RunTiming {
  name: string;
  seconds: number;
  result: RecomputeAllResult;
}

interface TargetResult {
  target: string;
  server: string | null;
  generateSeconds: number | null;
  ruleDeadlines: number | null;
  runs: RunTiming[];
  error: string | null;
}

function log(line: string): void {
  console.log(`bench: ${line}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function benchTarget(target: 'PGlite' | 'PostgreSQL', databaseUrl: string | null): Promise<TargetResult> {
  const result: TargetResult = { target, server: null, generateSeconds: null, ruleDeadlines: null, runs: [], error: null };
  const dataDir = databaseUrl ? null : await mkdtemp(path.join(os.tmpdir(), 'haven-bench-legal-'));
  let database: Database | null = null;
  try {
    database = databaseUrl ? openPostgres(databaseUrl, 4) : await openPglite(dataDir);
    await migrateDatabase(database);
    const [version] = await queryRows<{ server_version: string }>(database.db, sql`show server_version`);
    result.server = version?.server_version ?? null;
    await seedDemo(database.db);
    log(`${target}: generating ${MATTERS.toLocaleString('en')} matters…`);
    const generated = await timed(() => insertBenchMatters(database!, DEMO_ORG, { matters: MATTERS }));
    result.generateSeconds = generated.seconds;
    const { orgId } = generated.value;
    const today = todayIn('America/New_York');
    const runs: { name: string; today: string }[] = [
      { name: 'first (every row inserted)', today },
      { name: 'again the same day (nothing to write)', today },
      { name: '45 days later (deadlines passed)', today: addDays(today, 45) },
    ];
    for (const run of runs) {
      const { seconds, value } = await timed(() => recomputeAllDeadlines({ database: database! }, { orgId, today: run.today, batchSize: BATCH }));
      result.runs.push({ name: run.name, seconds, result: value });
      log(`${target}: ${run.name}: ${seconds.toFixed(2)} s — ${value.matters.toLocaleString('en')} matters, ${value.mattersChanged.toLocaleString('en')} changed, ${value.changes.toLocaleString('en')} deadline changes, ${value.skipped} skipped`);
    }
    result.ruleDeadlines = await countRuleDeadlines(database.db, orgId);
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    log(`${target}: failed: ${result.error}`);
  } finally {
    await database?.close();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

runBenchmark(async () => {
  log(`deadline recompute for ${MATTERS.toLocaleString('en')} matters, batches of ${BATCH}`);
  const results = await onEachDatabase(benchTarget);
  console.log('');
  console.log('| Database | Run | Seconds | Matters | Changed | Deadline changes |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const target of results) {
    if (target.error) {
      console.log(`| ${target.target} | failed: ${target.error} | | | | |`);
      continue;
    }
    for (const run of target.runs) {
      console.log(`| ${target.target} ${target.server ?? ''} | ${run.name} | ${run.seconds.toFixed(2)} | ${run.result.matters} | ${run.result.mattersChanged} | ${run.result.changes} |`);
    }
    console.log(`| ${target.target} | (generating the data: ${target.generateSeconds?.toFixed(1)} s; ${target.ruleDeadlines} rule deadlines stored) | | | | |`);
  }
  await writeFile(RESULTS_FILE, `${JSON.stringify({ at: new Date().toISOString(), matters: MATTERS, batch: BATCH, results }, null, 2)}\n`);
  log(`results in ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  if (results.some((r) => r.error && r.target === 'PGlite')) {
    process.exitCode = 1;
  }
});
