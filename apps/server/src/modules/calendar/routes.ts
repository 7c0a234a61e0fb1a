import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarFeedCreated,
  CalendarFeedParams,
  CalendarFeedStatus,
  CalendarQuery,
  CalendarResponse,
  CreateCalendarFeedRequest,
  ErrorResponse,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { actorOf, memberContext } from '../../platform/http/request-context.js';
import { CalendarService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['calendar'];

/** A calendar app polls; a person guessing tokens would be far faster. Per client IP. */
const FEED_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

export function registerCalendarRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CalendarService(deps);

  app.get(
    '/api/calendar',
    {
      schema: {
        tags,
        summary:
          'Hearings, check-ins and deadlines from one day to another (at most 62 days): mine (responsible or representing) or, with matter.read_all, every readable matter',
        querystring: CalendarQuery,
        response: { 200: CalendarResponse, ...errors },
      },
    },
    (request) => service.events(memberContext(request), request.query),
  );

  app.get(
    '/api/calendar/feed',
    { schema: { tags, summary: 'Whether I have a calendar feed, when it was made and last read', response: { 200: CalendarFeedStatus, ...errors } } },
    (request) => service.feed(memberContext(request)),
  );

  app.post(
    '/api/calendar/feed',
    {
      schema: {
        tags,
        summary: 'Make my iCalendar feed address (shown once); any earlier address stops working',
        body: CreateCalendarFeedRequest,
        response: { 201: CalendarFeedCreated, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createFeed(memberContext(request), request.body)),
  );

  app.delete(
    '/api/calendar/feed',
    { schema: { tags, summary: 'Turn my calendar feed off: its address stops working', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.revokeFeed(memberContext(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/calendar/feed/:token.ics',
    {
      // The address is the credential: calendar apps send no cookie.
      config: { access: 'public', rateLimit: FEED_RATE_LIMIT },
      schema: {
        tags,
        summary: "A member's hearings, check-ins and deadlines as iCalendar (RFC 5545), 30 days back to a year ahead; unknown or revoked → 404",
        params: CalendarFeedParams,
        response: { 200: z.string().describe('text/calendar'), 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = await service.ics(request.params.token, actorOf(request));
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('content-disposition', 'inline; filename="haven.ics"')
        .send(body);
    },
  );
}
