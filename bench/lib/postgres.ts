import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './child.js';

/** A PostgreSQL server to benchmark against: given by the environment, or started (and stopped) here. */
export interface PostgresServer {
  /** URL of a database the benchmark may use to create its own. */
  adminUrl: string;
  /** How it was obtained, for the report. */
  source: string;
  stop(): Promise<void>;
}

/**
 * Runs a command in its own process group and kills the whole group (by its id) if it outlives
 * `timeoutMs`, so no helper it spawned (flock, pg_ctl) is left behind. pg_ctl puts the PostgreSQL
 * server in a session of its own, so a timeout never kills a server that did start.
 */
function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  const what = `${path.basename(args[0] ?? file)} ${args.slice(1).join(' ')}`.trim();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && !timedOut) {
        resolve(stdout);
        return;
      }
      const detail = stderr.trim().split('\n').slice(-5).join('\n');
      const why = timedOut ? `did not finish within ${timeoutMs / 1000} s` : `exited with ${code}`;
      reject(new Error(`${what} ${why}${detail ? `: ${detail}` : ''}`));
    });
  });
}

async function readState(home: string, name: string): Promise<string> {
  return (await readFile(path.join(home, '.tmp', 'pg', name), 'utf8').catch(() => '')).trim();
}

/**
 * When the script's own `stop` fails, stop the cluster it recorded in the private state folder
 * with pg_ctl directly (the same command the script uses) and remove its folders.
 */
async function stopDirectly(home: string, env: NodeJS.ProcessEnv): Promise<void> {
  const dataDir = await readState(home, 'dir');
  if (!dataDir.startsWith(home) && !dataDir.startsWith('/tmp/')) {
    throw new Error(`no data directory of this run recorded (got "${dataDir}")`);
  }
  const pgCtl = path.join(process.env.HAVEN_PG_BIN ?? '/usr/lib/postgresql/15/bin', 'pg_ctl');
  const args = ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'];
  const isRoot = process.getuid?.() === 0;
  await run(isRoot ? 'runuser' : pgCtl, isRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args, env, 45_000);
  for (const name of ['tmpbase', 'sockdir']) {
    const dir = await readState(home, name);
    if (dir.startsWith('/tmp/haven-')) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * DATABASE_URL or BENCH_DATABASE_URL when set; otherwise a throwaway PostgreSQL from
 * scripts/pg-test-server.sh. The script keeps its state (and stops whatever it finds there before
 * starting) in .tmp/pg next to itself, shared by everyone using this checkout: run from
 * /work/main it would stop a test server somebody else started. So it runs from a private copy in
 * a temporary folder, which gives this run its own state, cluster and port, and the stop at the
 * end can only stop the server this run started.
 */
export async function obtainPostgres(): Promise<PostgresServer> {
  const given = process.env.BENCH_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (given) {
    const source = process.env.BENCH_DATABASE_URL?.trim() ? 'BENCH_DATABASE_URL' : 'DATABASE_URL';
    return { adminUrl: given, source, stop: async () => undefined };
  }
  const home = await mkdtemp(path.join(os.tmpdir(), 'haven-bench-pg-'));
  const script = path.join(home, 'scripts', 'pg-test-server.sh');
  await mkdir(path.dirname(script));
  await copyFile(path.join(REPO_ROOT, 'scripts', 'pg-test-server.sh'), script);
  // Start above the port range the test suite uses (54329…), to stay out of its way.
  const env = { ...process.env, HAVEN_PG_PORT: process.env.HAVEN_PG_PORT ?? '54400', HAVEN_PG_OWNER_PID: String(process.pid) };
  const stop = async () => {
    try {
      await run('bash', [script, 'stop'], env, 20_000);
    } catch (err) {
      console.log(`bench: ${err instanceof Error ? err.message : err}; stopping the server with pg_ctl`);
      await stopDirectly(home, env);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  };
  try {
    const out = await run('bash', [script, 'start'], env, 90_000);
    const url = out.trim().split('\n').pop()?.trim() ?? '';
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`pg-test-server.sh start printed no URL (got "${url}")`);
    }
    return { adminUrl: url, source: 'scripts/pg-test-server.sh (throwaway, stopped at the end)', stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

export interface BenchDatabase {
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, statement_timeout: 30_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the server, dropped again by `drop()`. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `haven_bench_${randomBytes(6).toString('hex')}`;
  const serverVersion = await withClient(adminUrl, async (client) => {
    const version = await client.query<{ server_version: string }>('show server_version');
    await client.query(`create database "${name}"`);
    return version.rows[0]?.server_version ?? 'unknown';
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    serverVersion,
    drop: () => withClient(adminUrl, async (client) => void (await client.query(`drop database if exists "${name}" with (force)`))),
  };
}
