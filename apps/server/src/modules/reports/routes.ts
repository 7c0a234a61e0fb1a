import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActiveClientsServedQuery,
  ActiveClientsServedReport,
  ErrorResponse,
  IMPORT_CONTENT_TYPES,
  MonthlyContactRateQuery,
  MonthlyContactRateReport,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { type ReportFile, ReportService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const tags = ['reports'];

function sendFile(reply: FastifyReply, format: 'csv' | 'xlsx', file: ReportFile) {
  return (
    reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : IMPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      // A file is sent as its bytes; the schema documents the JSON form of the report.
      .send(file.body as never)
  );
}

export function registerReportRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ReportService(deps);

  app.get(
    '/api/reports/active-clients-served',
    {
      schema: {
        tags,
        summary:
          'Active clients served in a month (default: last month): clients with a case open in it and a signed meaningful contact or a service dated in it; format=csv|xlsx downloads it (audited)',
        querystring: ActiveClientsServedQuery,
        response: { 200: ActiveClientsServedReport, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = memberContext(request);
      const { format } = request.query;
      if (format === 'json') {
        return service.activeClientsServed(ctx, request.query);
      }
      return sendFile(reply, format, await service.activeClientsServedFile(ctx, { ...request.query, format }));
    },
  );
  app.get(
    '/api/reports/monthly-contact-rate',
    {
      schema: {
        tags,
        summary:
          'Per month (at most 24): clients with a case open, those with a signed meaningful contact or a service, and the percentage; format=csv|xlsx downloads it (audited)',
        querystring: MonthlyContactRateQuery,
        response: { 200: MonthlyContactRateReport, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = memberContext(request);
      const { format } = request.query;
      if (format === 'json') {
        return service.monthlyContactRate(ctx, request.query);
      }
      return sendFile(reply, format, await service.monthlyContactRateFile(ctx, { ...request.query, format }));
    },
  );
}
