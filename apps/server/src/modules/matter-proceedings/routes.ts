import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CheckinList,
  CheckinResponse,
  CreateCheckinRequest,
  CreateDecisionRequest,
  CreateFilingRequest,
  CreateHearingRequest,
  DecisionList,
  DecisionSaved,
  ErrorResponse,
  FilingList,
  FilingSaved,
  HearingList,
  HearingResponse,
  IdParams,
  ProceedingsListQuery,
  ReceiptNumberResponse,
  RepresentationResponse,
  UpdateCheckinRequest,
  UpdateFilingRequest,
  UpdateHearingRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { MatterProceedingsService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['matter-proceedings'];

export function registerMatterProceedingsRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new MatterProceedingsService(deps);

  app.get(
    '/api/matters/:id/filings',
    {
      schema: {
        tags,
        summary: "A matter's filings, newest first (receipt numbers masked), with the representation on file in each forum",
        params: IdParams,
        querystring: ProceedingsListQuery,
        response: { 200: FilingList, ...errors },
      },
    },
    (request) => service.listFilings(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/matters/:id/filings',
    {
      schema: {
        tags,
        summary: 'Record a filing (form, where, filed and received dates, receipt number, fee); a G-28, EOIR-28 or EOIR-27 needs a representative allowed in that forum. Recomputes the deadlines',
        params: IdParams,
        body: CreateFilingRequest,
        response: { 201: FilingSaved, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createFiling(memberContext(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/matter-filings/:id',
    {
      schema: {
        tags,
        summary: 'Record what came back for a filing (received date, receipt number, status, note) with the version read; recomputes the deadlines',
        params: IdParams,
        body: UpdateFilingRequest,
        response: { 200: FilingSaved, ...errors },
      },
    },
    (request) => service.updateFiling(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matter-filings/:id/receipt-number',
    {
      schema: {
        tags,
        summary: "A filing's whole receipt number (each read is audited)",
        params: IdParams,
        response: { 200: ReceiptNumberResponse, ...errors },
      },
    },
    (request) => service.receiptNumber(memberContext(request), request.params.id),
  );
  app.get(
    '/api/matters/:id/representation',
    {
      schema: {
        tags,
        summary: 'The notices of appearance on file (G-28 before DHS, EOIR-28 before the court, EOIR-27 before the BIA) and whether the representative may appear in each forum',
        params: IdParams,
        response: { 200: RepresentationResponse, ...errors },
      },
    },
    (request) => service.representation(memberContext(request), request.params.id),
  );
  app.get(
    '/api/matters/:id/hearings',
    {
      schema: {
        tags,
        summary: "A matter's immigration court hearings in date order, with the court's local time and zone",
        params: IdParams,
        querystring: ProceedingsListQuery,
        response: { 200: HearingList, ...errors },
      },
    },
    (request) => service.listHearings(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/matters/:id/hearings',
    {
      schema: {
        tags,
        summary: "Schedule an immigration court hearing (court, judge, master or individual, date and time in the court's zone, responsible person)",
        params: IdParams,
        body: CreateHearingRequest,
        response: { 201: HearingResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createHearing(memberContext(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/matter-hearings/:id',
    {
      schema: {
        tags,
        summary: 'Move, reassign or record the result of a hearing (held needs an outcome) with the version read; a new date is reminded afresh',
        params: IdParams,
        body: UpdateHearingRequest,
        response: { 200: HearingResponse, ...errors },
      },
    },
    (request) => service.updateHearing(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matters/:id/checkins',
    {
      schema: {
        tags,
        summary: "A matter's ICE and ISAP check-ins in date order (never mixed with court hearings)",
        params: IdParams,
        querystring: ProceedingsListQuery,
        response: { 200: CheckinList, ...errors },
      },
    },
    (request) => service.listCheckins(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/matters/:id/checkins',
    {
      schema: {
        tags,
        summary: 'Schedule an ICE (ERO) or ISAP check-in (location, date and local time, responsible person)',
        params: IdParams,
        body: CreateCheckinRequest,
        response: { 201: CheckinResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createCheckin(memberContext(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/matter-checkins/:id',
    {
      schema: {
        tags,
        summary: 'Move a check-in or record whether it was attended or missed (a missed one alerts the representative and supervising attorney)',
        params: IdParams,
        body: UpdateCheckinRequest,
        response: { 200: CheckinResponse, ...errors },
      },
    },
    (request) => service.updateCheckin(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matters/:id/decisions',
    {
      schema: {
        tags,
        summary: "A matter's decisions, newest first",
        params: IdParams,
        querystring: ProceedingsListQuery,
        response: { 200: DecisionList, ...errors },
      },
    },
    (request) => service.listDecisions(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/matters/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision (body, outcome, date, final date, relief); recomputes the deadlines (an immigration judge decision brings the BIA appeal deadline, a final order the motion deadlines)',
        params: IdParams,
        body: CreateDecisionRequest,
        response: { 201: DecisionSaved, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createDecision(memberContext(request), request.params.id, request.body)),
  );
}
