import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CaseBudgetSummary,
  CaseServicePage,
  CaseServiceQuery,
  CaseServiceResponse,
  CreateCaseServiceRequest,
  CreateDisbursementRequest,
  DisbursementDecisionRequest,
  DisbursementPage,
  DisbursementParams,
  DisbursementQuery,
  DisbursementResponse,
  ErrorResponse,
  IdParams,
  SetCaseBudgetRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { CaseServicesService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['case services'];

export function registerCaseServiceRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CaseServicesService(deps);

  app.get(
    '/api/cases/:id/services',
    {
      schema: { tags, summary: 'Services given in a case, newest first', params: IdParams, querystring: CaseServiceQuery, response: { 200: CaseServicePage, ...errors } },
    },
    (request) => service.listServices(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/cases/:id/services',
    {
      schema: {
        tags,
        summary: 'Record a service given (type, date, units, funding source, provider); never dated in the future',
        params: IdParams,
        body: CreateCaseServiceRequest,
        response: { 201: CaseServiceResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.recordService(memberContext(request), request.params.id, request.body)),
  );
  app.get(
    '/api/cases/:id/budgets',
    {
      schema: {
        tags,
        summary: "The case's budget by funding source: budget, approved, pending and remaining (budget vs. actual), with totals",
        params: IdParams,
        response: { 200: CaseBudgetSummary, ...errors },
      },
    },
    (request) => service.budgets(memberContext(request), request.params.id),
  );
  app.put(
    '/api/cases/:id/budgets',
    {
      schema: {
        tags,
        summary: "Set one funding source's budget: a new line, or (supervisors, with the version read) a changed amount",
        params: IdParams,
        body: SetCaseBudgetRequest,
        response: { 200: CaseBudgetSummary, ...errors },
      },
    },
    (request) => service.setBudget(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/cases/:id/disbursements',
    {
      schema: {
        tags,
        summary: 'Money given to or for the client, newest payment first (filter by status)',
        params: IdParams,
        querystring: DisbursementQuery,
        response: { 200: DisbursementPage, ...errors },
      },
    },
    (request) => service.listDisbursements(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/cases/:id/disbursements',
    {
      schema: {
        tags,
        summary: 'Record a payment against a budget line: approved within budget and threshold, else waiting for a supervisor',
        params: IdParams,
        body: CreateDisbursementRequest,
        response: { 201: DisbursementResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.recordDisbursement(memberContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/cases/:id/disbursements/:disbursementId/decision',
    {
      schema: {
        tags,
        summary: 'Approve or deny a payment waiting for approval (never one you requested; a denial needs a note)',
        params: DisbursementParams,
        body: DisbursementDecisionRequest,
        response: { 200: DisbursementResponse, ...errors },
      },
    },
    (request) => service.decide(memberContext(request), request.params.id, request.params.disbursementId, request.body),
  );
}
