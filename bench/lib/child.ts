import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** What a server child sends once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** Free text about the server (database version), shown in the report. */
  info: string;
}

export interface RunningChild {
  port: number;
  info: string;
  /** CPU time the child process has used so far (process.cpuUsage(), microseconds). */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

/** Variables a child must not inherit: they would point Haven somewhere else than the benchmark intends. */
const SCRUBBED = /^(HAVEN_|DATABASE_URL$|BENCH_DATABASE_URL$|PORT$|HOST$|LOG_LEVEL$)/;

export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!SCRUBBED.test(key)) {
      env[key] = value;
    }
  }
  return { ...env, ...overrides };
}

const live = new Set<ChildProcess>();

/** Last resort on an abnormal exit: kill the children this process started (by their own handle). */
export function killAllChildren(): void {
  for (const child of live) {
    child.kill('SIGKILL');
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs a TypeScript server file (through tsx) in its own Node process and waits until it reports
 * the port it listens on. The child leaves when asked, on SIGTERM, or when this process goes away.
 */
export function startServerChild(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunningChild> {
  const child = fork(script, [], {
    cwd: REPO_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));

  const stop = async () => {
    if (child.connected) {
      child.send({ type: 'stop' });
    } else {
      child.kill('SIGTERM');
    }
    if (!(await waitForExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const cpuUsage = () =>
    new Promise<NodeJS.CpuUsage>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onCpu);
        reject(new Error('the server did not report its CPU time within 10 s'));
      }, 10_000);
      function onCpu(message: unknown) {
        const m = message as { type?: string; usage?: NodeJS.CpuUsage } | null;
        if (m?.type === 'cpu' && m.usage) {
          clearTimeout(timer);
          child.off('message', onCpu);
          resolve(m.usage);
        }
      }
      child.on('message', onCpu);
      child.send({ type: 'cpu' });
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      void stop().finally(() => reject(new Error(`${path.basename(script)} did not start within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const m = message as Partial<ReadyMessage> | null;
      if (m?.type === 'ready' && typeof m.port === 'number') {
        cleanup();
        resolve({ port: m.port, info: m.info ?? '', cpuUsage, stop });
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${path.basename(script)} exited before listening (code ${code}, signal ${signal})`));
    };
    const onError = (err: Error) => {
      cleanup();
      void stop().finally(() => reject(err));
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}

/** For the child side: report CPU time when asked; exit when the parent asks, signals, or disappears. */
export function onStopRequest(close: () => Promise<void>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) {
      return;
    }
    closing = true;
    const force = setTimeout(() => process.exit(1), 8_000);
    force.unref();
    close()
      .catch((err: unknown) => console.error('bench server: error while closing:', err))
      .finally(() => process.exit(0));
  };
  process.on('message', (message: unknown) => {
    const type = (message as { type?: string } | null)?.type;
    if (type === 'stop') {
      shutdown();
    } else if (type === 'cpu') {
      process.send?.({ type: 'cpu', usage: process.cpuUsage() });
    }
  });
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

export function sendReady(message: ReadyMessage): void {
  if (!process.send) {
    throw new Error('This file runs as a child of bench/run.ts (no IPC channel)');
  }
  process.send(message);
}
