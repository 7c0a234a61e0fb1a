import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { verifyTotp } from './auth/totp.js';
import { canonicalJson } from './canonical-json.js';
import { loadConfig } from './config.js';
import { SecretBox } from './crypto.js';

describe('canonical JSON', () => {
  it('is the same whatever the key order, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"b":"2026-01-02T03:04:05.000Z"}');
  });
});

describe('SecretBox', () => {
  it('round-trips, never repeats a ciphertext, and refuses a tampered one', () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(a);
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    const tampered = `${a.slice(0, -2)}${a.endsWith('A') ? 'B' : 'A'}${a.slice(-1)}`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(a)).toThrow();
  });
});

describe('TOTP', () => {
  it('accepts the current code once and never a code from an earlier or the same step', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const now = Math.floor(Date.now() / 1000);
    const step = await verifyTotp(secret, await generate({ secret, epoch: now }), null);
    expect(step).toBe(Math.floor(now / 30));
    expect(await verifyTotp(secret, await generate({ secret, epoch: now }), step)).toBeNull();
    expect(await verifyTotp(secret, await generate({ secret, epoch: now - 300 }), null)).toBeNull();
  });
});

describe('configuration', () => {
  it('honours PORT, HAVEN_DATA_DIR and DATABASE_URL, and names a bad value', () => {
    const config = loadConfig({ PORT: '4100', HAVEN_DATA_DIR: '/tmp/haven-x', DATABASE_URL: 'postgres://u@h/db' } as NodeJS.ProcessEnv);
    expect(config.port).toBe(4100);
    expect(config.dataDir).toBe('/tmp/haven-x');
    expect(config.databaseUrl).toBe('postgres://u@h/db');
    expect(config.publicUrl).toBe('http://localhost:4100');
    expect(config.demo).toBe(true);
    expect(loadConfig({ HAVEN_DEMO: '0' } as NodeJS.ProcessEnv).demo).toBe(false);
    expect(() => loadConfig({ PORT: 'eighty' } as NodeJS.ProcessEnv)).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' } as NodeJS.ProcessEnv)).toThrow(/DATABASE_URL/);
  });
});
