import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ClientEligibilityQuery,
  ClientEligibilityResponse,
  CreateEnrollmentRequest,
  CreateExceptionRequest,
  DecideExceptionRequest,
  EnrollmentPage,
  EnrollmentQuery,
  EnrollmentResponse,
  ErrorResponse,
  ExceptionRequestPage,
  ExceptionRequestQuery,
  ExceptionRequestResponse,
  IdParams,
  UpdateEnrollmentRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { EnrollmentService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerEnrollmentRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new EnrollmentService(deps);

  app.get(
    '/api/clients/:id/eligibility',
    {
      schema: {
        tags: ['enrollments'],
        summary: "A client's eligibility for each active program (or one), with reasons and citations",
        params: IdParams,
        querystring: ClientEligibilityQuery,
        response: { 200: ClientEligibilityResponse, ...errors },
      },
    },
    (request) => service.eligibility(memberContext(request), request.params.id, request.query),
  );
  app.get(
    '/api/enrollments',
    { schema: { tags: ['enrollments'], summary: 'Enrollments of clients the caller may see, newest first', querystring: EnrollmentQuery, response: { 200: EnrollmentPage, ...errors } } },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/enrollments',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Enroll a client in a program (refused when not eligible, unless an exception was approved)',
        body: CreateEnrollmentRequest,
        response: { 201: EnrollmentResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.get(
    '/api/enrollments/:id',
    { schema: { tags: ['enrollments'], summary: 'One enrollment, with the eligibility found on the day', params: IdParams, response: { 200: EnrollmentResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id),
  );
  app.patch(
    '/api/enrollments/:id',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Change the service tier, or end the enrollment (send the version you read)',
        params: IdParams,
        body: UpdateEnrollmentRequest,
        response: { 200: EnrollmentResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/exception-requests',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Exception requests: all of them for those who decide, otherwise the ones you made',
        querystring: ExceptionRequestQuery,
        response: { 200: ExceptionRequestPage, ...errors },
      },
    },
    (request) => service.listExceptions(memberContext(request), request.query),
  );
  app.post(
    '/api/exception-requests',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Ask a supervisor for an eligibility exception, with the written reason',
        body: CreateExceptionRequest,
        response: { 201: ExceptionRequestResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.requestException(memberContext(request), request.body)),
  );
  app.post(
    '/api/exception-requests/:id/decision',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Approve or deny an exception request, with the reason (not your own request)',
        params: IdParams,
        body: DecideExceptionRequest,
        response: { 200: ExceptionRequestResponse, ...errors },
      },
    },
    (request) => service.decideException(memberContext(request), request.params.id, request.body),
  );
}
