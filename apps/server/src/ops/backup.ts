import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Db, MIGRATIONS_DIR, queryRows, systemTransaction } from '../platform/db/index.js';
import type { FileStorage } from '../platform/storage.js';

/**
 * Tables in foreign-key order with the columns that order them. Sessions, reset tokens and
 * sign-in throttles are deliberately left out: a restore signs everyone out.
 */
export const BACKUP_TABLES: readonly { name: string; orderBy: string }[] = [
  { name: 'organizations', orderBy: 'id' },
  { name: 'users', orderBy: 'id' },
  { name: 'app_meta', orderBy: 'key' },
  { name: 'memberships', orderBy: 'org_id, user_id' },
  { name: 'invitations', orderBy: 'org_id, id' },
  { name: 'programs', orderBy: 'org_id, id' },
  { name: 'offices', orderBy: 'org_id, id' },
  { name: 'clients', orderBy: 'org_id, id' },
  { name: 'client_assignments', orderBy: 'org_id, client_id, user_id' },
  { name: 'client_identifiers', orderBy: 'org_id, id' },
  { name: 'households', orderBy: 'org_id, id' },
  { name: 'household_members', orderBy: 'org_id, id' },
  { name: 'intakes', orderBy: 'org_id, id' },
  { name: 'exception_requests', orderBy: 'org_id, id' },
  { name: 'enrollments', orderBy: 'org_id, id' },
  { name: 'documents', orderBy: 'org_id, id' },
  { name: 'consents', orderBy: 'org_id, id' },
  { name: 'client_imports', orderBy: 'org_id, id' },
  { name: 'cases', orderBy: 'org_id, id' },
  { name: 'case_events', orderBy: 'org_id, id' },
  { name: 'assessment_instruments', orderBy: 'org_id, id' },
  { name: 'assessments', orderBy: 'org_id, id' },
  { name: 'plans', orderBy: 'org_id, id' },
  { name: 'case_notes', orderBy: 'org_id, id' },
  { name: 'case_note_addenda', orderBy: 'org_id, id' },
  { name: 'case_services', orderBy: 'org_id, id' },
  { name: 'case_budgets', orderBy: 'org_id, id' },
  { name: 'disbursements', orderBy: 'org_id, id' },
  { name: 'risk_flags', orderBy: 'org_id, id' },
  { name: 'tasks', orderBy: 'org_id, id' },
  { name: 'case_reviews', orderBy: 'org_id, id' },
  { name: 'legal_matters', orderBy: 'org_id, id' },
  { name: 'matter_parties', orderBy: 'org_id, id' },
  { name: 'matter_events', orderBy: 'org_id, id' },
  { name: 'matter_filings', orderBy: 'org_id, id' },
  { name: 'matter_hearings', orderBy: 'org_id, id' },
  { name: 'matter_checkins', orderBy: 'org_id, id' },
  { name: 'matter_decisions', orderBy: 'org_id, id' },
  { name: 'matter_deadlines', orderBy: 'org_id, id' },
  { name: 'notifications', orderBy: 'org_id, id' },
  { name: 'calendar_feeds', orderBy: 'org_id, id' },
  { name: 'fee_schedules', orderBy: 'org_id, id' },
  { name: 'poverty_guidelines', orderBy: 'org_id, id' },
  { name: 'matter_charges', orderBy: 'org_id, id' },
  { name: 'fee_waivers', orderBy: 'org_id, id' },
  { name: 'matter_payments', orderBy: 'org_id, id' },
  { name: 'staff_credentials', orderBy: 'org_id, id' },
  { name: 'org_recognitions', orderBy: 'org_id, id' },
  { name: 'tickler_reminders', orderBy: 'org_id, item_kind, item_id, step, user_id' },
  { name: 'fee_settings', orderBy: 'org_id' },
  { name: 'audit_events', orderBy: 'org_id, seq' },
  { name: 'audit_heads', orderBy: 'org_id' },
  { name: 'outbox', orderBy: 'org_id, id' },
];
const BATCH = 1000;
const FORMAT = 'haven-backup';

async function latestMigration(): Promise<string> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

/**
 * A logical backup (gzip'd JSON lines, one row per line) that restores into either database
 * kind: embedded PGlite or PostgreSQL. Read in one transaction, so it is a consistent snapshot.
 */
export async function backupToFile(db: Db, file: string, storage?: FileStorage): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const migration = await latestMigration();
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = async (text: string) => {
    if (!gzip.write(text)) {
      await once(gzip, 'drain');
    }
  };
  try {
    await write(`${JSON.stringify({ format: FORMAT, version: 1, migration, createdAt: new Date().toISOString() })}\n`);
    await systemTransaction(db, async (tx) => {
      for (const table of BACKUP_TABLES) {
        counts[table.name] = 0;
        for (let offset = 0; ; offset += BATCH) {
          const rows = await queryRows<{ row: string }>(
            tx,
            sql.raw(`select row_to_json(t)::text as row from ${table.name} t order by ${table.orderBy} limit ${BATCH} offset ${offset}`),
          );
          const prefix = `${JSON.stringify({ t: table.name })}\t`;
          await write(rows.map((r) => `${prefix}${r.row}\n`).join(''));
          counts[table.name]! += rows.length;
          if (rows.length < BATCH) {
            break;
          }
        }
      }
      // The files the documents rows point to (signed consent forms …), after the rows, so a
      // restore has the whole client file, not rows whose bytes are missing.
      if (storage) {
        counts.files = 0;
        for (let offset = 0; ; offset += BATCH) {
          const keys = await queryRows<{ key: string }>(tx, sql.raw(`select storage_key as key from documents order by org_id, id limit ${BATCH} offset ${offset}`));
          for (const { key } of keys) {
            const bytes = await storage.get(key);
            if (bytes) {
              await write(`${JSON.stringify({ file: key })}\t${bytes.toString('base64')}\n`);
              counts.files += 1;
            }
          }
          if (keys.length < BATCH) {
            break;
          }
        }
      }
    }, { isolationLevel: 'repeatable read' });
  } finally {
    gzip.end();
    await written;
  }
  return counts;
}

export class RestoreError extends Error {}

/**
 * Restores a backup into an empty, migrated database in one transaction: all of it or nothing.
 */
export async function restoreFromFile(db: Db, file: string, storage?: FileStorage): Promise<Record<string, number>> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string; migration?: string });
  if (header?.format !== FORMAT) {
    throw new RestoreError('This file is not a Haven backup');
  }
  const migration = await latestMigration();
  if (header.migration !== migration) {
    throw new RestoreError(`The backup was made at schema ${header.migration}; this Haven is at ${migration}. Restore with the matching version.`);
  }
  const known = new Set(BACKUP_TABLES.map((t) => t.name));
  const counts: Record<string, number> = {};
  // Files are written as they come; if the restore fails, the ones written are removed again.
  const filesWritten: string[] = [];
  try {
    await systemTransaction(db, async (tx) => {
      const [existing] = await queryRows<{ n: number }>(
        tx,
        sql`select (select count(*) from organizations)::int + (select count(*) from users)::int as n`,
      );
      if ((existing?.n ?? 0) > 0) {
        throw new RestoreError('The target database is not empty. Restore into a fresh data directory or database.');
      }
      const pending = { table: '', rows: [] as string[] };
      const flush = async () => {
        if (pending.rows.length === 0) {
          return;
        }
        const json = `[${pending.rows.join(',')}]`;
        await tx.execute(sql`insert into ${sql.identifier(pending.table)} select * from json_populate_recordset(null::${sql.identifier(pending.table)}, ${json}::json)`);
        counts[pending.table] = (counts[pending.table] ?? 0) + pending.rows.length;
        pending.rows = [];
      };
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const line = next.value;
        if (!line) {
          continue;
        }
        const tab = line.indexOf('\t');
        const tag = JSON.parse(line.slice(0, tab)) as { t?: string; file?: string };
        if (tag.file !== undefined) {
          if (storage) {
            await storage.put(tag.file, Buffer.from(line.slice(tab + 1), 'base64'));
            filesWritten.push(tag.file);
            counts.files = (counts.files ?? 0) + 1;
          }
          continue;
        }
        const t = tag.t ?? '';
        if (!known.has(t)) {
          throw new RestoreError(`Unknown table in backup: ${t}`);
        }
        if (pending.table !== t) {
          await flush();
          pending.table = t;
        }
        pending.rows.push(line.slice(tab + 1));
        if (pending.rows.length >= BATCH) {
          await flush();
        }
      }
      await flush();
    });
  } catch (err) {
    await Promise.all(filesWritten.map((key) => storage?.delete(key)));
    throw err;
  }
  return counts;
}
