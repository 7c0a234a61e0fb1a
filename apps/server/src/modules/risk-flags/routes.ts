import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorResponse,
  IdParams,
  RaiseRiskFlagRequest,
  ResolveRiskFlagRequest,
  RiskFlagList,
  RiskFlagParams,
  RiskFlagResponse,
  UpdateRiskFlagRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { RiskFlagService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['risk-flags'];

export function registerRiskFlagRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new RiskFlagService(deps);

  app.get(
    '/api/cases/:id/risk-flags',
    { schema: { tags, summary: "A case's risk flags, newest first, each with the records it still requires", params: IdParams, response: { 200: RiskFlagList, ...errors } } },
    (request) => service.list(memberContext(request), request.params.id),
  );
  app.post(
    '/api/cases/:id/risk-flags',
    {
      schema: {
        tags,
        summary: 'Raise a risk flag (suicidal ideation, family violence, child abuse or neglect); the supervisor is told at once',
        params: IdParams,
        body: RaiseRiskFlagRequest,
        response: { 201: RiskFlagResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.raise(memberContext(request), request.params.id, request.body)),
  );
  app.put(
    '/api/cases/:id/risk-flags/:flagId',
    {
      schema: {
        tags,
        summary: 'Record the safety plan and/or the mandatory report (who, when, agency, reference) of an open flag, with the version read',
        params: RiskFlagParams,
        body: UpdateRiskFlagRequest,
        response: { 200: RiskFlagResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.params.flagId, request.body),
  );
  app.post(
    '/api/cases/:id/risk-flags/:flagId/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a flag with a note: only once its safety plan (and, for child abuse or neglect, the mandatory report) is recorded',
        params: RiskFlagParams,
        body: ResolveRiskFlagRequest,
        response: { 200: RiskFlagResponse, ...errors },
      },
    },
    (request) => service.resolve(memberContext(request), request.params.id, request.params.flagId, request.body),
  );
}
