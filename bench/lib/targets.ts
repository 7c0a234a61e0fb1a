import { killAllChildren } from './child.js';
import { createBenchDatabase, obtainPostgres } from './postgres.js';

/**
 * Runs a benchmark on embedded PGlite (`databaseUrl` null), then on a fresh database of a
 * PostgreSQL server (started for the run unless BENCH_DATABASE_URL or DATABASE_URL names one),
 * dropping the database and stopping the server afterwards.
 */
export async function onEachDatabase<T>(bench: (target: 'PGlite' | 'PostgreSQL', databaseUrl: string | null) => Promise<T>): Promise<T[]> {
  const results = [await bench('PGlite', null)];
  const server = await obtainPostgres();
  try {
    const database = await createBenchDatabase(server.adminUrl);
    try {
      results.push(await bench('PostgreSQL', database.url));
    } finally {
      await database.drop();
    }
  } finally {
    await server.stop();
  }
  return results;
}

/** Runs a benchmark's main, stopping every server child on Ctrl+C or a failure. */
export function runBenchmark(main: () => Promise<void>): void {
  process.on('SIGINT', () => {
    killAllChildren();
    process.exit(130);
  });
  main().catch((err: unknown) => {
    killAllChildren();
    console.error(err);
    process.exit(1);
  });
}
