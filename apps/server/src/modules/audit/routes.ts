import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage, AuditQuery, ErrorResponse } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { AuditService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const ExportQuery = AuditQuery.omit({ limit: true, cursor: true });

export function registerAuditRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new AuditService(deps);

  app.get(
    '/api/audit-events',
    { schema: { tags: ['audit'], summary: 'The audit log, newest first, filtered', querystring: AuditQuery, response: { 200: AuditPage, ...errors } } },
    (request) => service.list(memberContext(request), request.query),
  );

  app.get(
    '/api/audit-events/export.csv',
    { schema: { tags: ['audit'], summary: 'The filtered audit log as CSV', querystring: ExportQuery, response: { 200: z.string(), ...errors } } },
    async (request, reply) => {
      const { csv, truncated } = await service.exportCsv(memberContext(request), request.query);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="haven-audit-${stamp}.csv"`)
        .header('x-haven-truncated', truncated ? 'true' : 'false')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
