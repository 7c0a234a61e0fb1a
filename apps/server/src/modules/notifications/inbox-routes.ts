import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams, InboxQuery, NotificationInbox, NotificationItem, ReadAllResponse } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { InboxService } from './inbox-service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['notifications'];

export function registerInboxRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new InboxService(deps);

  app.get(
    '/api/notifications/inbox',
    {
      schema: {
        tags,
        summary: 'My in-app notifications, newest first (at most 50 a page), with how many are unread',
        querystring: InboxQuery,
        response: { 200: NotificationInbox, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: ReadAllResponse, ...errors } } },
    (request) => service.markAllRead(memberContext(request)),
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: NotificationItem, ...errors } } },
    (request) => service.markRead(memberContext(request), request.params.id),
  );
}
