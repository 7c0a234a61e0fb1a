import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { computeDeadlines, Email, parseDeadlineFacts, todayIn } from '@haven/domain';
import { openRuntime } from './platform/bootstrap.js';
import { loadConfig } from './platform/config.js';
import { defaultStorage } from './platform/storage.js';
import { DataDirBusyError } from './platform/data-dir-lock.js';
import { migrateDatabase } from './platform/db/index.js';
import { verifyAllAuditChains } from './ops/audit-verify.js';
import { backupToFile, RestoreError, restoreFromFile } from './ops/backup.js';
import { createAdmin } from './ops/create-admin.js';
import { seedDemo } from './ops/seed-demo.js';

const USAGE = `Haven command line — npm run haven -- <command> [options]

  migrate                         apply database migrations
  seed-demo                       add the demo organizations, users and clients (once)
  create-admin --org NAME --email EMAIL [--name NAME] [--password PASSWORD]
                                  create an organization and its admin; the first admin made
                                  is the platform administrator. Without --password one is
                                  generated and printed once.
  backup [--out FILE]             write a backup (default: <data dir>/backups/haven-<time>.jsonl.gz)
  restore --from FILE             restore a backup into an empty database
  audit verify                    check every organization's audit hash chain
  deadlines --facts FILE          compute deadlines from a facts JSON object (field names as in
                                  RULES.md; FILE may be - for stdin) and print only the JSON array
                                  of results. asOf defaults to today in the local time zone. Does
                                  not open the database, so it works while Haven is running.

The database is the embedded one in HAVEN_DATA_DIR (default ./data) or DATABASE_URL.`;

class UsageError extends Error {}

/** Bad input data (EX_DATAERR): facts that are not JSON, impossible or contradictory. */
class DataError extends Error {}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/** Pure computation on a file: stdout carries only the JSON array, so scripts can pipe it. */
async function printDeadlines(factsFile: string): Promise<number> {
  const source = factsFile === '-' ? 'stdin' : factsFile;
  let text: string;
  try {
    text = readFileSync(factsFile === '-' ? 0 : path.resolve(factsFile), 'utf8');
  } catch (err) {
    throw new DataError(`Cannot read ${source}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new DataError(`${source} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseDeadlineFacts(input);
  if (!parsed.success) {
    throw new DataError(`Invalid facts in ${source}:\n${parsed.issues.map((issue) => `  ${issue.fact}: ${issue.message}`).join('\n')}`);
  }
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  await writeStdout(`${JSON.stringify(computeDeadlines(parsed.facts, { today }), null, 2)}\n`);
  return 0;
}

function required(value: string | undefined, name: string): string {
  if (!value) {
    throw new UsageError(`Missing --${name}`);
  }
  return value;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      facts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const known = ['migrate', 'seed-demo', 'create-admin', 'backup', 'restore', 'audit', 'deadlines'];
  if (!known.includes(command) || (command === 'audit' && sub !== 'verify')) {
    throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  }
  if (command === 'deadlines') {
    return printDeadlines(required(values.facts, 'facts'));
  }

  // Validate arguments before opening the database.
  let adminInput: { orgName: string; email: string; displayName?: string; password?: string } | null = null;
  if (command === 'create-admin') {
    const parsed = z
      .object({ org: z.string().trim().min(2).max(160), email: Email, name: z.string().trim().min(1).max(120).optional(), password: z.string().min(12).max(256).optional() })
      .safeParse({ org: required(values.org, 'org'), email: required(values.email, 'email'), name: values.name, password: values.password });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    }
    adminInput = { orgName: parsed.data.org, email: parsed.data.email, displayName: parsed.data.name, password: parsed.data.password };
  }
  const restoreFrom = command === 'restore' ? path.resolve(required(values.from, 'from')) : null;

  const config = loadConfig();
  const runtime = await openRuntime(config, `haven ${positionals.join(' ')}`);
  try {
    const { db } = runtime.database;
    await migrateDatabase(runtime.database);
    switch (command) {
      case 'migrate':
        console.log('Database is migrated.');
        return 0;
      case 'seed-demo': {
        const { seeded } = await seedDemo(db);
        console.log(seeded ? 'Demo data created.' : 'Demo data was already there; nothing changed.');
        return 0;
      }
      case 'create-admin': {
        const result = await createAdmin(db, adminInput!);
        console.log(`Organization "${adminInput!.orgName}" created (${result.orgId}).`);
        console.log(
          result.createdUser
            ? `Admin ${adminInput!.email} created${result.platformAdmin ? ' as the platform administrator' : ''}.`
            : `Existing account ${adminInput!.email} is now its admin (password unchanged).`,
        );
        if (result.generatedPassword) {
          console.log(`Temporary password (shown once; change it after signing in): ${result.generatedPassword}`);
        }
        return 0;
      }
      case 'backup': {
        const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `haven-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}.jsonl.gz`));
        mkdirSync(path.dirname(out), { recursive: true });
        const counts = await backupToFile(db, out, defaultStorage(config));
        console.log(`Backup written to ${out}`);
        console.log(Object.entries(counts).map(([t, n]) => `  ${t}: ${n}`).join('\n'));
        return 0;
      }
      case 'restore': {
        const counts = await restoreFromFile(db, restoreFrom!, defaultStorage(config));
        console.log(`Restored from ${restoreFrom}`);
        console.log(Object.entries(counts).map(([t, n]) => `  ${t}: ${n}`).join('\n'));
        const report = await verifyAllAuditChains(db);
        console.log(report.ok ? 'Audit chains verified after restore.' : 'WARNING: an audit chain does not verify after restore.');
        return report.ok ? 0 : 2;
      }
      case 'audit': {
        const report = await verifyAllAuditChains(db);
        for (const chain of report.chains) {
          console.log(
            chain.firstBreak
              ? `BROKEN  ${chain.orgName} (${chain.orgId}): first broken link at event #${chain.firstBreak.seq} — ${chain.firstBreak.reason}`
              : `ok      ${chain.orgName} (${chain.orgId}): ${chain.events} events, chain intact`,
          );
        }
        console.log(report.ok ? 'All audit chains are intact.' : 'The audit log was altered: see the first broken link above.');
        return report.ok ? 0 : 2;
      }
      default:
        return 1;
    }
  } finally {
    await runtime.release();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(64);
    }
    if (err instanceof DataError) {
      console.error(err.message);
      process.exit(65);
    }
    if (err instanceof DataDirBusyError || err instanceof RestoreError) {
      console.error(err.message);
      process.exit(1);
    }
    console.error('Failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
