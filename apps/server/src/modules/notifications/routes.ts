import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, OutboxMessage } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { NotificationService } from './service.js';

export function registerNotificationRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new NotificationService(deps);
  app.get(
    '/api/outbox',
    { schema: { tags: ['mail'], summary: "Mail sent or stored for the active organization (newest 200)", response: { 200: z.object({ items: z.array(OutboxMessage) }), 401: ErrorResponse, 403: ErrorResponse } } },
    async (request) => ({ items: await service.listOutbox(memberContext(request)) }),
  );
}
