import { buildApp } from './app.js';
import { openRuntime } from './platform/bootstrap.js';
import { loadConfig } from './platform/config.js';
import { DataDirBusyError } from './platform/data-dir-lock.js';
import { migrateDatabase } from './platform/db/index.js';
import { startMaintenance } from './platform/maintenance.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './ops/seed-demo.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let runtime;
  try {
    runtime = await openRuntime(config, 'haven server');
  } catch (err) {
    if (err instanceof DataDirBusyError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { database, secrets } = runtime;
  await migrateDatabase(database);
  const demo = config.demo ? await seedDemo(database.db) : { seeded: false };

  const app = await buildApp({ database, config, secrets });
  const stopMaintenance = startMaintenance(database, config, app.mailer, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopMaintenance();
    await app.close();
    await runtime.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `  Haven is running at ${config.publicUrl}`,
    `  Database: ${where}`,
    `  API docs: ${config.publicUrl}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      demo.seeded ? '  Demo data created (first start).' : '  Demo data already present.',
      `  Sign in as any demo user with the password ${DEMO_PASSWORD}:`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(32)} ${u.role}`),
      `    ${'partner-admin@demo.haven.test'.padEnd(32)} org_admin of Demo Partner Agency`,
    );
  } else {
    lines.push('  No demo data (HAVEN_DEMO=0). Make the first admin with:', '    npm run haven -- create-admin --org "Your organization" --email you@example.org');
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error('Haven failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
