import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CaseReviewChecklist, CaseReviewChecklistQuery, CaseReviewList, CaseReviewListQuery, CaseReviewResponse, CreateCaseReviewRequest, ErrorResponse, IdParams } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ReviewService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['reviews'];

export function registerReviewRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ReviewService(deps);

  app.get(
    '/api/reviews',
    {
      schema: {
        tags,
        summary: 'Case file reviews of cases the caller may read, newest first (filter by case or reviewer)',
        querystring: CaseReviewListQuery,
        response: { 200: CaseReviewList, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.get(
    '/api/reviews/checklist',
    {
      schema: { tags, summary: "Find a case to review (by id or reference) and its program's review checklist (the default documentation chain unless the program sets its own)",
        querystring: CaseReviewChecklistQuery, response: { 200: CaseReviewChecklist, ...errors } },
    },
    (request) => service.checklist(memberContext(request), request.query),
  );
  app.post(
    '/api/reviews',
    {
      schema: {
        tags,
        summary: 'Record a case file review: a result for every checklist item; each item not met is a finding that becomes a task for the case manager',
        body: CreateCaseReviewRequest,
        response: { 201: CaseReviewResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.record(memberContext(request), request.body)),
  );
  app.get(
    '/api/reviews/:id',
    { schema: { tags, summary: 'One case file review', params: IdParams, response: { 200: CaseReviewResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id),
  );
}
