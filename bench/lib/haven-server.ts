/**
 * Haven as `npm start` runs it (apps/server/src/main.ts), in a child process of bench/run.ts:
 * configuration from the environment, migrations, demo data, buildApp, the maintenance timers.
 * Differences: it listens on 127.0.0.1 on a port the OS picks, reports that port to the parent, and
 * does not serve the web app's static files.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../../apps/server/src/app.js';
import { DEMO_ORG, seedDemo } from '../../apps/server/src/ops/seed-demo.js';
import { openRuntime } from '../../apps/server/src/platform/bootstrap.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import { migrateDatabase, queryRows } from '../../apps/server/src/platform/db/index.js';
import { startMaintenance } from '../../apps/server/src/platform/maintenance.js';
import { insertBenchCaseload } from './bench-cases.js';
import { insertBenchClients } from './bench-clients.js';
import { onStopRequest, sendReady } from './child.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const runtime = await openRuntime(config, 'haven bench');
  const { database, secrets } = runtime;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let stopMaintenance: () => void = () => undefined;
  onStopRequest(async () => {
    stopMaintenance();
    await app?.close();
    await runtime.release();
  });

  await migrateDatabase(database);
  if (config.demo) {
    await seedDemo(database.db);
  }
  const benchClients = Number(process.env.BENCH_CLIENTS ?? 0);
  if (benchClients > 0) {
    // The client search benchmark: a caseload of invented people in the demo organization.
    await insertBenchClients(database, secrets, DEMO_ORG, benchClients);
  }
  const benchCases = Number(process.env.BENCH_CASES ?? 0);
  if (benchCases > 0) {
    // The case management benchmark: caseloads, notes and approvals in the demo organization.
    await insertBenchCaseload(database, DEMO_ORG, {
      clients: Number(process.env.BENCH_CASE_CLIENTS ?? benchCases / 2),
      cases: benchCases,
      notes: Number(process.env.BENCH_NOTES ?? benchCases * 25),
    });
  }
  const [row] = await queryRows<{ version: string }>(database.db, sql`select version() as version`);
  const version = /^PostgreSQL [^\s,]+/.exec(row?.version ?? '')?.[0] ?? 'PostgreSQL (unknown version)';

  // API only: the web app's static files take no part in GET /api/session.
  app = await buildApp({ database, config, secrets, serveWeb: false });
  stopMaintenance = startMaintenance(database, config, app.mailer, app.log);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('Haven is not listening on a TCP port');
  }
  sendReady({ type: 'ready', port: address.port, info: database.kind === 'pglite' ? `PGlite (${version})` : version });
}

main().catch((err: unknown) => {
  console.error('bench: Haven failed to start:', err instanceof Error ? `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}` : err);
  process.exit(1);
});
