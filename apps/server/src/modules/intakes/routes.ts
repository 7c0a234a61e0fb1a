import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CompleteIntakeRequest,
  CreateIntakeRequest,
  ErrorResponse,
  IdParams,
  IntakePage,
  IntakeQuery,
  IntakeResponse,
  UpdateIntakeRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { IntakeService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerIntakeRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new IntakeService(deps);

  app.get(
    '/api/intakes',
    { schema: { tags: ['intakes'], summary: 'Intakes, most recently worked on first (mine=true: the ones I started)', querystring: IntakeQuery, response: { 200: IntakePage, ...errors } } },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/intakes',
    { schema: { tags: ['intakes'], summary: 'Start an intake', body: CreateIntakeRequest, response: { 201: IntakeResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.get(
    '/api/intakes/:id',
    { schema: { tags: ['intakes'], summary: 'One intake with its answers so far', params: IdParams, response: { 200: IntakeResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id),
  );
  app.patch(
    '/api/intakes/:id',
    {
      schema: {
        tags: ['intakes'],
        summary: 'Save progress (the step and answers; send the version you read), or abandon the intake',
        params: IdParams,
        body: UpdateIntakeRequest,
        response: { 200: IntakeResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/intakes/:id/complete',
    {
      schema: {
        tags: ['intakes'],
        summary: 'Finish the intake: enroll its people in its program, all or none',
        params: IdParams,
        body: CompleteIntakeRequest,
        response: { 200: IntakeResponse, ...errors },
      },
    },
    (request) => service.complete(memberContext(request), request.params.id, request.body),
  );
}
