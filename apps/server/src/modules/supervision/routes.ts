import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse, SupervisionDashboard, SupervisionDashboardQuery } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { SupervisionService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export function registerSupervisionRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new SupervisionService(deps);

  app.get(
    '/api/supervision/dashboard',
    {
      schema: {
        tags: ['supervision'],
        summary: 'The supervisor dashboard: team caseloads, overdue contacts, pending approvals, open risk flags and plans past due (cases the caller may read)',
        querystring: SupervisionDashboardQuery,
        response: { 200: SupervisionDashboard, ...errors },
      },
    },
    (request) => service.dashboard(memberContext(request), request.query),
  );
}
