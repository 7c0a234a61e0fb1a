/**
 * The baseline: a bare Fastify 5 app (no plugins, no hooks, no logger) with one route that
 * returns the JSON body Haven's GET /api/session returned, passed in BENCH_BARE_BODY.
 */
import Fastify from 'fastify';
import { onStopRequest, sendReady } from './child.js';

async function main(): Promise<void> {
  const raw = process.env.BENCH_BARE_BODY;
  if (!raw) {
    throw new Error('BENCH_BARE_BODY is not set');
  }
  const body = JSON.parse(raw) as unknown;
  const app = Fastify({ logger: false });
  app.get('/api/session', () => body);
  onStopRequest(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('not listening on a TCP port');
  }
  sendReady({ type: 'ready', port: address.port, info: `Fastify ${app.version}` });
}

main().catch((err: unknown) => {
  console.error('bench: bare server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
