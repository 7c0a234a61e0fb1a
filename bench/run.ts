/**
 * Haven's request overhead: GET /api/session as the signed-in demo case manager, on PGlite, on
 * PostgreSQL, and against a bare Fastify route that returns the same JSON. See bench/README.md.
 *
 *   npm run bench
 *
 * Every server runs in its own child process on 127.0.0.1 (a port the OS picks); autocannon runs
 * here. Results: a table on stdout and bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, type RunningChild, childEnv, killAllChildren, startServerChild } from './lib/child.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { type PostgresServer, createBenchDatabase, obtainPostgres } from './lib/postgres.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 10;
const ROUTE = '/api/session';
const USER = 'casemanager@demo.haven.test';
const PASSWORD = 'demo-password-123';
const LOG_LEVEL = 'warn';
const LOGIN_RATE_LIMIT = '100000';
const START_TIMEOUT_MS = 90_000;
/** Everything, start-ups included, normally takes about a minute; past this the run is abandoned. */
const WATCHDOG_MS = 240_000;
/** Above this share of all CPUs used by other work, the figures are flagged as not representative. */
const BUSY_PERCENT = 20;

const BENCH_DIR = path.join(REPO_ROOT, 'bench');
const HAVEN_SERVER = path.join(BENCH_DIR, 'lib', 'haven-server.ts');
const BARE_SERVER = path.join(BENCH_DIR, 'lib', 'bare-server.ts');
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');

interface TargetReport {
  id: 'haven-pglite' | 'haven-postgres' | 'bare-fastify';
  label: string;
  status: 'ok' | 'failed' | 'skipped';
  /** Database or framework version, as the server reported it. */
  server: string | null;
  note: string | null;
  error: string | null;
  warmup: { reqPerSec: number } | null;
  result: LoadResult | null;
  /**
   * CPU time of the server process during the measured run, per 2xx response. Unlike req/s it
   * hardly moves when other work shares the machine. PostgreSQL's own processes are not included.
   */
  serverCpu: { userMs: number; systemMs: number; msPerRequest: number } | null;
  /**
   * Share of the machine's CPU capacity used during the measured run by processes other than the
   * server and this one (autocannon): other work on the machine, and for the PostgreSQL row also
   * the database server.
   */
  otherCpuPercent: number | null;
  /** This target's req/s divided by the bare route's req/s. */
  ratioToBare: number | null;
}

function emptyReport(id: TargetReport['id'], label: string): TargetReport {
  return { id, label, status: 'skipped', server: null, note: null, error: null, warmup: null, result: null, serverCpu: null, otherCpuPercent: null, ratioToBare: null };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function log(line: string): void {
  console.log(`bench: ${line}`);
}

/** Signs in through Haven's own API and returns the session cookie and the GET /api/session body. */
async function signIn(base: string): Promise<{ cookie: string; body: string }> {
  const login = await fetch(`${base}${ROUTE}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: USER, password: PASSWORD }),
    signal: AbortSignal.timeout(15_000),
  });
  if (login.status !== 200) {
    throw new Error(`POST ${ROUTE} answered ${login.status}: ${(await login.text()).slice(0, 200)}`);
  }
  const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('haven_session='));
  const cookie = setCookie?.split(';')[0];
  if (!cookie) {
    throw new Error(`POST ${ROUTE} set no haven_session cookie`);
  }
  const check = await fetch(`${base}${ROUTE}`, { headers: { cookie }, signal: AbortSignal.timeout(15_000) });
  const body = await check.text();
  if (check.status !== 200) {
    throw new Error(`GET ${ROUTE} with the new session answered ${check.status}: ${body.slice(0, 200)}`);
  }
  const parsed = JSON.parse(body) as { activeOrganization?: { role?: string } | null };
  if (parsed.activeOrganization?.role !== 'case_manager') {
    throw new Error(`GET ${ROUTE} did not describe a signed-in case manager`);
  }
  return { cookie, body };
}

/**
 * Warm-up, then the measured run. `settle` runs after it and before the server's CPU time is read
 * again (Haven: one more request, so the requests still in flight are done).
 */
async function measure(
  report: TargetReport,
  server: RunningChild,
  headers: Record<string, string>,
  settle: () => Promise<void>,
): Promise<void> {
  const url = `http://127.0.0.1:${server.port}${ROUTE}`;
  log(`${report.label}: warm-up ${WARMUP_SECONDS} s…`);
  const warm = await runLoad({ url, headers, connections: CONNECTIONS, durationSeconds: WARMUP_SECONDS });
  report.warmup = { reqPerSec: warm.reqPerSec };
  const cpuBefore = await server.cpuUsage();
  const selfBefore = process.cpuUsage();
  const machineBefore = machineCpuTimes();
  log(`${report.label}: measuring ${MEASURE_SECONDS} s…`);
  const result = await runLoad({ url, headers, connections: CONNECTIONS, durationSeconds: MEASURE_SECONDS });
  await settle();
  const cpuAfter = await server.cpuUsage();
  const self = process.cpuUsage(selfBefore);
  const machine = machineCpuTimes();
  report.result = result;
  const userMs = (cpuAfter.user - cpuBefore.user) / 1000;
  const systemMs = (cpuAfter.system - cpuBefore.system) / 1000;
  report.serverCpu = { userMs, systemMs, msPerRequest: result.ok > 0 ? (userMs + systemMs) / result.ok : Number.NaN };
  const capacityMs = machine.totalMs - machineBefore.totalMs;
  const othersMs = machine.busyMs - machineBefore.busyMs - (userMs + systemMs) - (self.user + self.system) / 1000;
  report.otherCpuPercent = capacityMs > 0 ? Math.max(0, (100 * othersMs) / capacityMs) : null;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    report.status = 'failed';
    report.error = `not every response was a 2xx: ${JSON.stringify(result.statusCodes)}, ${result.errors} errors, ${result.timeouts} timeouts`;
  } else {
    report.status = 'ok';
  }
}

/** Haven in a child process: sign in as the case manager, then load GET /api/session. Returns the body it served. */
async function benchHaven(report: TargetReport, databaseUrl: string | null): Promise<string | null> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'haven-bench-data-'));
  const env = childEnv({
    HAVEN_DATA_DIR: dataDir,
    HAVEN_SECRET_KEY: randomBytes(32).toString('hex'),
    HAVEN_DEMO: '1',
    HAVEN_LOGIN_RATE_LIMIT: LOGIN_RATE_LIMIT,
    LOG_LEVEL,
    HOST: '127.0.0.1',
    PORT: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  try {
    log(`${report.label}: starting Haven (migrations, demo data)…`);
    const server = await startServerChild(HAVEN_SERVER, env, START_TIMEOUT_MS);
    try {
      report.server = server.info;
      const base = `http://127.0.0.1:${server.port}`;
      const { cookie, body } = await signIn(base);
      // autocannon drops its sockets at the end, but requests it had sent may still wait for the
      // database. One more request queues behind them: once it is answered, the server is idle
      // (and can be stopped without cutting the database off under requests still running).
      const settle = async () => {
        const after = await fetch(`${base}${ROUTE}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
        await after.arrayBuffer();
        if (after.status !== 200) {
          throw new Error(`GET ${ROUTE} answered ${after.status} after the run`);
        }
      };
      await measure(report, server, { cookie }, settle);
      return body;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchBare(report: TargetReport, body: string): Promise<void> {
  log(`${report.label}: starting…`);
  const server = await startServerChild(BARE_SERVER, childEnv({ BENCH_BARE_BODY: body }), START_TIMEOUT_MS);
  try {
    report.server = server.info;
    const base = `http://127.0.0.1:${server.port}`;
    const check = await fetch(`${base}${ROUTE}`, { signal: AbortSignal.timeout(15_000) });
    const served = await check.text();
    if (check.status !== 200 || served !== body) {
      throw new Error(`the bare route did not serve the same body (status ${check.status})`);
    }
    await measure(report, server, {}, async () => undefined);
  } finally {
    await server.stop();
  }
}

/** CPU time of the whole machine so far, all CPUs together, in milliseconds. */
function machineCpuTimes(): { busyMs: number; totalMs: number } {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of os.cpus()) {
    const busy = times.user + times.nice + times.sys + times.irq;
    busyMs += busy;
    totalMs += busy + times.idle;
  }
  return { busyMs, totalMs };
}

/** How busy the machine is before anything of the benchmark runs: percent of all CPUs over one second. */
async function idleCheck(): Promise<number> {
  const before = machineCpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = machineCpuTimes();
  const total = after.totalMs - before.totalMs;
  return total > 0 ? (100 * (after.busyMs - before.busyMs)) / total : 0;
}

function machineInfo() {
  const cpus = os.cpus();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 5_000 }).trim();
  } catch {
    commit = null;
  }
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    gitCommit: commit,
  };
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

function table(reports: TargetReport[]): string {
  const header = ['Target', 'Server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'Requests', 'Non-2xx/err', 'CPU ms/req', 'Other CPU %', 'req/s vs bare'];
  const rows = reports.map((r) => {
    const res = r.result;
    return [
      r.label,
      r.server ?? '-',
      res ? fmtInt(res.reqPerSec) : r.status,
      res ? fmtMs(res.latencyMs.p50) : '-',
      res ? fmtMs(res.latencyMs.p95) : '-',
      res ? fmtMs(res.latencyMs.p99) : '-',
      res ? fmtInt(res.totalRequests) : '-',
      res ? String(res.non2xx + res.errors + res.timeouts) : '-',
      r.serverCpu ? r.serverCpu.msPerRequest.toFixed(3) : '-',
      r.otherCpuPercent === null ? '-' : r.otherCpuPercent.toFixed(0),
      r.ratioToBare === null ? '-' : `${r.ratioToBare.toFixed(3)}×`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = (i: number) => i >= 2;
  const line = (cells: string[]) => cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const machine = machineInfo();
  const loadBefore = os.loadavg();
  // Nothing of the benchmark runs yet: CPU use now is other work, which will share the CPUs.
  const busyBefore = await idleCheck();
  const busy = busyBefore > BUSY_PERCENT;
  if (busy) {
    log(`warning: other work is using ${busyBefore.toFixed(0)}% of the CPUs before the run; figures will be low and noisy`);
  }
  const gib = (machine.totalMemoryBytes / 1024 ** 3).toFixed(1);
  const machineLine = `${machine.cpuModel} × ${machine.cpuCount}, ${gib} GiB RAM, Node ${machine.node}, ${machine.os}`;

  log(`GET ${ROUTE} as ${USER}; autocannon ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${MEASURE_SECONDS} s measured per target`);
  log(`Haven runs with LOG_LEVEL=${LOG_LEVEL} (no per-request log lines) and HAVEN_LOGIN_RATE_LIMIT=${LOGIN_RATE_LIMIT}`);

  const pglite = emptyReport('haven-pglite', 'Haven on PGlite');
  const postgres = emptyReport('haven-postgres', 'Haven on PostgreSQL');
  const bare = emptyReport('bare-fastify', 'Bare Fastify route');
  pglite.note = 'embedded PGlite, data in a temporary folder';
  bare.note = 'Fastify 5, no plugins, no hooks, no logger; one route returning the body Haven served';
  let body: string | null = null;

  // (a) PGlite
  try {
    body = await benchHaven(pglite, null);
  } catch (err) {
    pglite.status = 'failed';
    pglite.error = message(err);
    log(`${pglite.label} failed: ${pglite.error}`);
  }

  // (b) PostgreSQL
  let server: PostgresServer | null = null;
  try {
    log('PostgreSQL: obtaining a server…');
    server = await obtainPostgres().catch((err: unknown) => {
      postgres.note = 'no PostgreSQL server could be started or reached';
      throw err;
    });
    activePostgres = server;
    postgres.note = `fresh database on a server from ${server.source}`;
    const database = await createBenchDatabase(server.adminUrl);
    try {
      const served = await benchHaven(postgres, database.url);
      body ??= served;
      postgres.server = `PostgreSQL ${database.serverVersion}`;
    } finally {
      await database.drop().catch((err: unknown) => log(`could not drop the benchmark database: ${message(err)}`));
    }
  } catch (err) {
    postgres.status = 'failed';
    postgres.error = message(err);
    log(`${postgres.label} failed: ${postgres.error}`);
  } finally {
    if (server) {
      await server.stop().catch((err: unknown) => log(`could not stop PostgreSQL: ${message(err)}`));
      activePostgres = null;
    }
  }

  // (c) the bare route, serving the body Haven served
  if (body === null) {
    bare.error = 'no Haven run produced a body to serve';
  } else {
    try {
      await benchBare(bare, body);
    } catch (err) {
      bare.status = 'failed';
      bare.error = message(err);
      log(`${bare.label} failed: ${bare.error}`);
    }
  }

  const bareRps = bare.status === 'ok' ? bare.result!.reqPerSec : null;
  for (const r of [pglite, postgres, bare]) {
    if (bareRps && r.result && r.status === 'ok') {
      r.ratioToBare = r.result.reqPerSec / bareRps;
    }
  }
  const reports = [pglite, postgres, bare];
  const date = new Date();
  const loadAfter = os.loadavg();
  const othersMax = Math.max(0, ...reports.map((r) => r.otherCpuPercent ?? 0));
  const loadLine = `${busyBefore.toFixed(0)}% of the CPUs busy before the run; load average (1 min) ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after`;

  console.log('');
  console.log(`Haven benchmark — GET ${ROUTE} as ${USER} (signed in), ${date.toISOString()}`);
  console.log(`Machine: ${machineLine}${machine.gitCommit ? `, commit ${machine.gitCommit}` : ''}`);
  console.log(
    `Load: autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up then ${MEASURE_SECONDS} s measured, 127.0.0.1; each server in its own child process`,
  );
  console.log(`Haven: LOG_LEVEL=${LOG_LEVEL}, so request logging is off (it would cost throughput at the default "info")`);
  console.log(`Machine load: ${loadLine}${busy ? ' — BUSY: other work shared the CPUs, figures are not representative' : ''}`);
  if (othersMax > BUSY_PERCENT) {
    console.log(`Other processes used up to ${othersMax.toFixed(0)}% of the CPUs during a measured run (see "Other CPU %"; for PostgreSQL it includes the database).`);
  }
  console.log('');
  console.log(table(reports));
  console.log('');
  for (const r of [pglite, postgres]) {
    if (r.ratioToBare !== null && r.result && bareRps) {
      console.log(
        `Overhead, ${r.label}: ${fmtInt(r.result.reqPerSec)} / ${fmtInt(bareRps)} req/s = ${r.ratioToBare.toFixed(3)} of the bare route's throughput (the bare route serves ${(1 / r.ratioToBare).toFixed(1)}× as many requests)`,
      );
    }
  }
  for (const r of reports) {
    if (r.error) {
      console.log(`${r.label}: ${r.status}: ${r.error}`);
    }
  }
  console.log('req/s: average of per-second counts; latencies: every 2xx response timed by autocannon (p50, p95, p99 by nearest rank).');
  console.log(
    "CPU ms/req: the server process's CPU time (user + system) during the measured run per response; it moves little when other work shares the machine. PostgreSQL's own processes are not counted.",
  );
  console.log('Other CPU %: share of all CPUs used during the measured run by processes other than the server and autocannon (PostgreSQL included).');

  const json = {
    date: date.toISOString(),
    machine: {
      ...machine,
      summary: machineLine,
      cpuBusyPercentBeforeRun: Math.round(busyBefore * 10) / 10,
      busyBeforeRun: busy,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
    },
    settings: {
      route: `GET ${ROUTE}`,
      user: USER,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      measuredSeconds: MEASURE_SECONDS,
      host: '127.0.0.1',
      serversInChildProcesses: true,
      havenEnv: { LOG_LEVEL, HAVEN_LOGIN_RATE_LIMIT: LOGIN_RATE_LIMIT, HAVEN_DEMO: '1' },
    },
    results: reports,
    totalRunSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Results written to ${path.relative(process.cwd(), RESULTS_FILE)} (${json.totalRunSeconds} s in all)`);

  // A PostgreSQL that cannot be had is reported, not a failure; Haven failing on one is.
  const postgresOk = postgres.status === 'ok' || server === null;
  return pglite.status === 'ok' && bare.status === 'ok' && postgresOk ? 0 : 1;
}

let activePostgres: PostgresServer | null = null;

/** On Ctrl-C or a hung run: kill the children started here and stop a PostgreSQL started here. */
async function abandon(reason: string, code: number): Promise<never> {
  console.error(`bench: ${reason}; cleaning up`);
  killAllChildren();
  const server = activePostgres;
  activePostgres = null;
  await server?.stop().catch(() => undefined);
  process.exit(code);
}

process.once('SIGINT', () => void abandon('interrupted', 130));
process.once('SIGTERM', () => void abandon('terminated', 143));
const watchdog = setTimeout(() => void abandon(`still running after ${WATCHDOG_MS / 1000} s`, 2), WATCHDOG_MS);
watchdog.unref();

main()
  .then((code) => {
    clearTimeout(watchdog);
    process.exitCode = code;
  })
  .catch(async (err: unknown) => {
    await abandon(`failed: ${message(err)}`, 1);
  });
