import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError } from '../../src/platform/data-dir-lock.js';

describe('the embedded database is opened by one process at a time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second process is refused with a message saying what to do, and a stale lock is taken over', async () => {
    // Another live process holds the lock (a sleeping child stands in for a running server).
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'haven.lock'), JSON.stringify({ pid: child.pid, purpose: 'haven server' }));
    try {
      expect(() => acquireDataDirLock(dir, 'haven backup')).toThrow(DataDirBusyError);
      expect(() => acquireDataDirLock(dir, 'haven backup')).toThrow(/in use by another Haven process.*haven server/s);
    } finally {
      child.kill();
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const release = acquireDataDirLock(dir, 'haven backup');
    expect(existsSync(path.join(dir, 'haven.lock'))).toBe(true);
    release();
    expect(existsSync(path.join(dir, 'haven.lock'))).toBe(false);
  });
});
