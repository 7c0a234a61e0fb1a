import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows, schema, systemTransaction } from '../../src/platform/db/index.js';
import { LocalDiskStorage, newStorageKey } from '../../src/platform/storage.js';
import { verifyAllAuditChains } from '../../src/ops/audit-verify.js';
import { BACKUP_TABLES, backupToFile, restoreFromFile } from '../../src/ops/backup.js';
import { seedDemo } from '../../src/ops/seed-demo.js';
import { createTestDatabase } from '../support/database.js';

async function countAll(db: Parameters<typeof queryRows>[0]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BACKUP_TABLES) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table.name}`));
    counts[table.name] = row!.n;
  }
  return counts;
}

describe('backup and restore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores a backup into an empty database with every row and an intact audit chain', { timeout: 120_000 }, async () => {
    const source = await createTestDatabase();
    const target = await createTestDatabase();
    try {
      await seedDemo(source.db);
      const before = await countAll(source.db);
      expect(before.clients).toBeGreaterThan(5);
      const file = path.join(dir, 'demo.jsonl.gz');
      await backupToFile(source.db, file);

      const restored = await restoreFromFile(target.db, file);
      const after = await countAll(target.db);
      expect(after).toEqual(before);
      expect(restored.audit_events).toBe(before.audit_events);
      const chains = await verifyAllAuditChains(target.db);
      expect(chains.ok).toBe(true);
      expect(chains.chains.map((c) => c.orgName)).toEqual(expect.arrayContaining(['Demo Welcome Center', 'Demo Partner Agency']));

      // A second restore into the now non-empty database is refused and changes nothing.
      await expect(restoreFromFile(target.db, file)).rejects.toThrow(/not empty/);
      expect(await countAll(target.db)).toEqual(before);
    } finally {
      await source.destroy();
      await target.destroy();
    }
  });

  it('carries the stored files (signed consent forms) with their rows: restored into a new storage, byte for byte', { timeout: 120_000 }, async () => {
    const source = await createTestDatabase();
    const target = await createTestDatabase();
    const sourceFiles = new LocalDiskStorage(mkdtempSync(path.join(dir, 'files-a-')));
    const targetFiles = new LocalDiskStorage(mkdtempSync(path.join(dir, 'files-b-')));
    try {
      await seedDemo(source.db);
      const key = newStorageKey('documents');
      const bytes = Buffer.from('%PDF-1.7 signed consent form, page 1');
      await sourceFiles.put(key, bytes);
      await systemTransaction(source.db, async (tx) => {
        const [client] = await tx.select().from(schema.clients).limit(1);
        await tx.insert(schema.documents).values({
          orgId: client!.orgId,
          clientId: client!.id,
          kind: 'consent_form',
          filename: 'consent.pdf',
          contentType: 'application/pdf',
          sizeBytes: bytes.length,
          sha256: 'not checked here',
          storageKey: key,
          createdBy: client!.id,
        });
      });
      const file = path.join(dir, 'with-files.jsonl.gz');
      expect((await backupToFile(source.db, file, sourceFiles)).files).toBe(1);
      const restored = await restoreFromFile(target.db, file, targetFiles);
      expect(restored.files).toBe(1);
      expect(await targetFiles.get(key)).toEqual(bytes);
    } finally {
      await source.destroy();
      await target.destroy();
    }
  });

  it('refuses a file that is not a Haven backup', async () => {
    const target = await createTestDatabase();
    try {
      const file = path.join(dir, 'not-a-backup.gz');
      writeFileSync(file, gzipSync('{"hello":"world"}\n'));
      await expect(restoreFromFile(target.db, file)).rejects.toThrow(/not a Haven backup/);
    } finally {
      await target.destroy();
    }
  });
});
