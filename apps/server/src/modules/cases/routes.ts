import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CaseListQuery,
  CasePage,
  CaseResponse,
  CaseStaffResponse,
  CaseTimelinePage,
  CaseTimelineQuery,
  CreateCaseRequest,
  DecideCaseClosureRequest,
  ErrorResponse,
  IdParams,
  MoveCaseStageRequest,
  ReopenCaseRequest,
  RequestCaseClosureRequest,
  TransferCaseRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { CaseService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerCaseRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CaseService(deps);

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'A caseload: your open cases by default, longest without contact first, with the next due item',
        querystring: CaseListQuery,
        response: { 200: CasePage, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.get(
    '/api/case-staff',
    {
      schema: {
        tags: ['cases'],
        summary: 'Active members who can take cases and who can supervise them (for transfer and opening)',
        response: { 200: CaseStaffResponse, ...errors },
      },
    },
    (request) => service.staff(memberContext(request)),
  );
  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a case from an active enrollment (stage engagement)',
        body: CreateCaseRequest,
        response: { 201: CaseResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.open(memberContext(request), request.body)),
  );
  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case: client, program, stage, closure, the stage guard facts and what you may do',
        params: IdParams,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.get(memberContext(request), request.params.id),
  );
  app.post(
    '/api/cases/:id/stage',
    {
      schema: {
        tags: ['cases'],
        summary: 'Move the case to another stage (one forward, or back to reassess; send the version you read)',
        params: IdParams,
        body: MoveCaseStageRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.moveStage(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/transfer',
    {
      schema: {
        tags: ['cases'],
        summary: 'Hand the case to another case manager, with a hand-off note (supervisor or current case manager)',
        params: IdParams,
        body: TransferCaseRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.transfer(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/closure',
    {
      schema: {
        tags: ['cases'],
        summary: 'Close the case with a reason, the closing checklist and a summary (waits for approval where the program requires it)',
        params: IdParams,
        body: RequestCaseClosureRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.requestClosure(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/closure/decision',
    {
      schema: {
        tags: ['cases'],
        summary: 'Approve a closure request, or return it with a note (a supervisor other than the requester)',
        params: IdParams,
        body: DecideCaseClosureRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.decideClosure(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/reopen',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reopen a closed case with a reason (back to assessment)',
        params: IdParams,
        body: ReopenCaseRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    (request) => service.reopen(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags: ['cases'],
        summary: "The case's chronology, newest first: its events and its notes with their addenda",
        params: IdParams,
        querystring: CaseTimelineQuery,
        response: { 200: CaseTimelinePage, ...errors },
      },
    },
    (request) => service.timeline(memberContext(request), request.params.id, request.query),
  );
}
