import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AssessmentHistoryResponse,
  AssessmentList,
  AssessmentListQuery,
  AssessmentResponse,
  CreateAssessmentRequest,
  CreateInstrumentRequest,
  ErrorResponse,
  IdParams,
  InstrumentList,
  InstrumentResponse,
  UpdateInstrumentRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { AssessmentService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerAssessmentRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new AssessmentService(deps);
  const tags = ['assessments'];

  app.get(
    '/api/assessment-instruments',
    {
      schema: {
        tags,
        summary: 'The current version of each assessment instrument (the default self-sufficiency assessment is created on first use)',
        response: { 200: InstrumentList, ...errors },
      },
    },
    (request) => service.listInstruments(memberContext(request)),
  );
  app.post(
    '/api/assessment-instruments',
    { schema: { tags, summary: 'Create an instrument: a name and its domains, each with a unique key', body: CreateInstrumentRequest, response: { 201: InstrumentResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.createInstrument(memberContext(request), request.body)),
  );
  app.get(
    '/api/assessment-instruments/:id',
    { schema: { tags, summary: 'One instrument version, current or older', params: IdParams, response: { 200: InstrumentResponse, ...errors } } },
    (request) => service.getInstrument(memberContext(request), request.params.id),
  );
  app.put(
    '/api/assessment-instruments/:id',
    {
      schema: {
        tags,
        summary: 'Change an instrument: makes a new current version; assessments keep the version they were made with',
        params: IdParams,
        body: UpdateInstrumentRequest,
        response: { 200: InstrumentResponse, ...errors },
      },
    },
    (request) => service.updateInstrument(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: "A case's assessments, newest first, each with its instrument version's domains",
        params: IdParams,
        querystring: AssessmentListQuery,
        response: { 200: AssessmentList, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Record an assessment: one score from 1 to 5 for every domain of a current instrument, with strengths and barriers',
        params: IdParams,
        body: CreateAssessmentRequest,
        response: { 201: AssessmentResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.record(memberContext(request), request.params.id, request.body)),
  );
  app.get(
    '/api/clients/:id/assessment-history',
    {
      schema: {
        tags,
        summary: "A client's assessment scores over time, per domain, across the cases the caller may read",
        params: IdParams,
        response: { 200: AssessmentHistoryResponse, ...errors },
      },
    },
    (request) => service.history(memberContext(request), request.params.id),
  );
}
