import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AcknowledgeRequest, ErrorResponse, IdParams, TicklerItem, TicklerList, TicklerMineQuery, TicklerProgramQuery, type TicklerViewKind } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { TicklerService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['tickler'];

const ACKNOWLEDGE: { kind: TicklerViewKind; path: string; what: string }[] = [
  { kind: 'deadline', path: '/api/matter-deadlines/:id/acknowledge', what: 'an open deadline' },
  { kind: 'hearing', path: '/api/matter-hearings/:id/acknowledge', what: 'a scheduled hearing' },
  { kind: 'checkin', path: '/api/matter-checkins/:id/acknowledge', what: 'a scheduled check-in' },
];

export function registerTicklerRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new TicklerService(deps);

  app.get(
    '/api/tickler/mine',
    {
      schema: {
        tags,
        summary: 'My deadlines, hearings and check-ins: overdue first, then by date (window default today−30 … today+90, at most 200)',
        querystring: TicklerMineQuery,
        response: { 200: TicklerList, ...errors },
      },
    },
    (request) => service.mine(memberContext(request), request.query),
  );
  app.get(
    '/api/tickler/program',
    {
      schema: {
        tags,
        summary: "A program's deadlines, hearings and check-ins on the matters I may read, optionally one person's",
        querystring: TicklerProgramQuery,
        response: { 200: TicklerList, ...errors },
      },
    },
    (request) => service.program(memberContext(request), request.query),
  );
  for (const { kind, path, what } of ACKNOWLEDGE) {
    app.post(
      path,
      {
        schema: {
          tags,
          summary: `Acknowledge ${what} (its responsible person, or anyone who works the matter), with the version read`,
          params: IdParams,
          body: AcknowledgeRequest,
          response: { 200: TicklerItem, ...errors },
        },
      },
      (request) => service.acknowledge(memberContext(request), kind, request.params.id, request.body),
    );
  }
}
