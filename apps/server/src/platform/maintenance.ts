import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { backupToFile } from '../ops/backup.js';
import { purgeExpiredSessions } from './auth/session-store.js';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import { systemTransaction } from './db/index.js';
import type { Mailer } from './mail.js';
import { defaultStorage } from './storage.js';
import { errorSummary } from './mail.js';
import { generateCaseTasks, sendTaskDigests } from '../modules/tasks/monitoring.js';
import { sendRenewalReminders } from '../modules/credentials/renewals.js';
import { runTickler } from '../modules/tickler/tickler.js';
import { recomputeAllDeadlines } from '../modules/legal-matters/deadlines.js';

const MINUTE = 60_000;
const KEEP_BACKUPS = 7;

/**
 * Housekeeping that a hosted PostgreSQL would do for us but the embedded one does not:
 * PGlite has no autovacuum and no backups, so Haven runs VACUUM ANALYZE and a daily logical
 * backup itself. Expired sessions are purged and queued mail retried on every kind.
 */
export function startMaintenance(database: Database, config: Config, mailer: Mailer, log: FastifyBaseLogger): () => void {
  const timers: NodeJS.Timeout[] = [];
  const guard = (name: string, task: () => Promise<void>) => () => {
    task().catch((err: unknown) => log.error({ err: errorSummary(err), task: name }, 'maintenance task failed'));
  };

  timers.push(
    setInterval(
      guard('sessions+mail', async () => {
        await systemTransaction(database.db, (tx) => purgeExpiredSessions(tx));
        mailer.kick();
      }),
      5 * MINUTE,
    ),
  );

  // Monitoring: contact-rule and checkpoint tasks, escalations, then the daily digest (once a day per member).
  timers.push(
    setInterval(
      guard('monitoring', async () => {
        await generateCaseTasks({ database, mailer, config });
        await sendTaskDigests({ database, mailer, config });
      }),
      60 * MINUTE,
    ),
  );

  // Deadlines: time passing turns open deadlines into missed ones (idempotent; writes only what changed).
  timers.push(setInterval(guard('deadlines', async () => void (await recomputeAllDeadlines({ database }))), 60 * MINUTE));

  // The tickler: deadline, hearing and check-in reminders at the program's offsets, and escalations.
  timers.push(setInterval(guard('tickler', async () => void (await runTickler({ database, mailer, config }))), 60 * MINUTE));

  // Credential and recognition renewal reminders (each step once; see modules/credentials/renewals.ts).
  timers.push(setInterval(guard('renewals', async () => void (await sendRenewalReminders({ database, mailer, config }))), 60 * MINUTE));

  if (database.kind === 'pglite') {
    timers.push(setInterval(guard('vacuum', async () => void (await database.db.execute(sql`vacuum analyze`))), 6 * 60 * MINUTE));
    const backupDir = path.join(config.dataDir, 'backups');
    timers.push(
      setInterval(
        guard('backup', async () => {
          await mkdir(backupDir, { recursive: true });
          const file = path.join(backupDir, `haven-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}.jsonl.gz`);
          await backupToFile(database.db, file, defaultStorage(config));
          const old = (await readdir(backupDir)).filter((f) => f.startsWith('haven-')).sort().slice(0, -KEEP_BACKUPS);
          await Promise.all(old.map((f) => rm(path.join(backupDir, f))));
          log.info({ task: 'backup' }, 'daily backup written');
        }),
        24 * 60 * MINUTE,
      ),
    );
  }
  for (const timer of timers) {
    timer.unref();
  }
  return () => timers.forEach((t) => clearInterval(t));
}
