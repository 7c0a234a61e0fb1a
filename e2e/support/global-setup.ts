/**
 * Global set-up of the `e2e` vitest project: starts one Haven server for the whole run and
 * provides its base URL to the tests (`inject('baseURL')`).
 *
 * It builds nothing: `npm run test:e2e` builds the web app first, and the server serves
 * apps/web/dist. The server runs with a fresh embedded database in a temporary HAVEN_DATA_DIR and
 * the demo data (HAVEN_DEMO=1). Its output goes to .tmp/e2e/server.log. Screenshots of the
 * previous run are removed from test-results/.
 *
 * HAVEN_E2E_BASE_URL=http://… skips all this and runs the tests against a server you started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the Haven under test answers, without a trailing slash: http://127.0.0.1:PORT */
    baseURL: string;
  }
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const LOG_DIR = join(REPO_ROOT, '.tmp/e2e');
const LOG_FILE = join(LOG_DIR, 'server.log');
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000; // stays inside vitest's default teardownTimeout (10 s)

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a probe socket'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

function serverLog(maxLines = 200): string {
  try {
    const lines = readFileSync(LOG_FILE, 'utf8').split('\n');
    const tail = lines.slice(-maxLines).join('\n');
    return lines.length > maxLines ? `[… ${lines.length - maxLines} earlier lines in ${LOG_FILE}]\n${tail}` : tail;
  } catch {
    return '(no server output)';
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Signals the server's whole process group (tsx runs node in a child process). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (hasExited(child)) {
    signalGroup(child, 'SIGKILL'); // a grandchild may outlive tsx
    return;
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  signalGroup(child, 'SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((done) => setTimeout(() => done(true), STOP_TIMEOUT_MS).unref()),
  ]);
  if (timedOut) {
    console.warn(`[e2e] the server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it`);
  }
  signalGroup(child, 'SIGKILL');
}

async function waitUntilReady(child: ChildProcess, baseURL: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
    }
    try {
      const response = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        return;
      }
      last = `GET /readyz answered ${response.status}`;
    } catch (error) {
      last = `GET /readyz failed: ${(error as Error).message}`;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s (${last})`);
}

/** Screenshots of an earlier run would pass for this run's: remove them. */
function removeOldScreenshots(): void {
  if (!existsSync(SCREENSHOT_DIR)) {
    return;
  }
  for (const name of readdirSync(SCREENSHOT_DIR)) {
    if (name.endsWith('.png')) {
      rmSync(join(SCREENSHOT_DIR, name), { force: true });
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  removeOldScreenshots();
  const external = process.env.HAVEN_E2E_BASE_URL?.trim();
  if (external) {
    project.provide('baseURL', external.replace(/\/+$/, ''));
    return async () => {};
  }

  const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
  if (!existsSync(tsx)) {
    throw new Error(`${tsx} not found: run npm ci`);
  }
  if (!existsSync(join(REPO_ROOT, 'apps/web/dist/index.html'))) {
    console.warn('[e2e] apps/web/dist/index.html is missing: run the e2e tests with `npm run test:e2e`, which builds it');
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-e2e-'));
  mkdirSync(LOG_DIR, { recursive: true });
  const logFd = openSync(LOG_FILE, 'w');

  // Nothing from the developer's own Haven settings leaks in: no real database, no real SMTP
  // server, no secret key.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('HAVEN_') && !['DATABASE_URL', 'PORT', 'HOST'].includes(key)) {
      env[key] = value;
    }
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_DEMO: '1',
    HAVEN_PUBLIC_URL: baseURL,
  });

  const child = spawn(tsx, ['apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', logFd, logFd],
    detached: true, // its own process group, so that teardown stops tsx and the node under it
  });
  closeSync(logFd);
  // If vitest dies without running the teardown, do not leave a server behind.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const cleanup = async () => {
    await stopServer(child);
    process.removeListener('exit', killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
  };

  console.log(`[e2e] starting Haven on ${baseURL} (data: ${dataDir}, log: ${LOG_FILE})`);
  const started = Date.now();
  try {
    await new Promise<void>((ok, fail) => {
      child.once('spawn', () => ok());
      child.once('error', fail);
    });
    await waitUntilReady(child, baseURL);
  } catch (error) {
    await cleanup();
    console.error(`[e2e] Haven did not start. Its output (${LOG_FILE}):\n${serverLog()}`);
    throw new Error(`[e2e] Haven did not start: ${(error as Error).message}`, { cause: error });
  }
  console.log(`[e2e] Haven is ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  project.provide('baseURL', baseURL);
  return cleanup;
}
