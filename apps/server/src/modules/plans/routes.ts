import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreatePlanRequest,
  ErrorResponse,
  IdParams,
  PlanDecisionRequest,
  PlanList,
  PlanListQuery,
  PlanParams,
  PlanPrintContext,
  PlanResponse,
  SubmitPlanRequest,
  UpdatePlanRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { PlanService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerPlanRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new PlanService(deps);
  const tags = ['plans'];

  app.get(
    '/api/cases/:id/plans',
    { schema: { tags, summary: "A case's plans, newest first, superseded ones included", params: IdParams, querystring: PlanListQuery, response: { 200: PlanList, ...errors } } },
    (request) => service.list(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/cases/:id/plans',
    {
      schema: {
        tags,
        summary: 'Start a draft plan (needs an assessment); a replan starts as a copy of the newest plan',
        params: IdParams,
        body: CreatePlanRequest,
        response: { 201: PlanResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.params.id, request.body)),
  );
  app.get(
    '/api/cases/:id/plans/:planId',
    { schema: { tags, summary: 'One plan', params: PlanParams, response: { 200: PlanResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id, request.params.planId),
  );
  app.put(
    '/api/cases/:id/plans/:planId',
    {
      schema: {
        tags,
        summary: 'Save a draft plan: SMART goals with steps, barriers and strategies, strengths, budget lines; a stale version is refused (409)',
        params: PlanParams,
        body: UpdatePlanRequest,
        response: { 200: PlanResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.params.planId, request.body),
  );
  app.post(
    '/api/cases/:id/plans/:planId/submit',
    {
      schema: {
        tags,
        summary: "Submit a draft plan for a supervisor's approval (approved at once where the program needs no approval)",
        params: PlanParams,
        body: SubmitPlanRequest,
        response: { 200: PlanResponse, ...errors },
      },
    },
    (request) => service.submit(memberContext(request), request.params.id, request.params.planId, request.body),
  );
  app.post(
    '/api/cases/:id/plans/:planId/decision',
    {
      schema: {
        tags,
        summary: 'Approve a submitted plan (it supersedes the plan in force) or return it to draft with a note; never one you submitted',
        params: PlanParams,
        body: PlanDecisionRequest,
        response: { 200: PlanResponse, ...errors },
      },
    },
    (request) => service.decide(memberContext(request), request.params.id, request.params.planId, request.body),
  );
  app.get(
    '/api/cases/:id/plans/:planId/print-context',
    { schema: { tags, summary: 'The names the printed plan is filled with, and the client’s language', params: PlanParams, response: { 200: PlanPrintContext, ...errors } } },
    (request) => service.printContext(memberContext(request), request.params.id, request.params.planId),
  );
}
