import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignDeadlineRequest,
  CompleteDeadlineRequest,
  CreateManualDeadlineRequest,
  CreateMatterRequest,
  ErrorResponse,
  IdParams,
  MatterDeadline,
  MatterDeadlinesResponse,
  MatterDetail,
  MatterFactsResponse,
  MatterListQuery,
  MatterPage,
  MatterParty,
  MatterPartyInput,
  MatterPartyList,
  MatterRepresentativeList,
  PutMatterFactsRequest,
  UpdateMatterRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { LegalMatterService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['legal matters'];

export function registerLegalMatterRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new LegalMatterService(deps);

  app.get(
    '/api/matters',
    {
      schema: {
        tags,
        summary: 'Legal matters: yours by default (represented, or opened and screening), next deadline first; filters by status, type, program, client, representative',
        querystring: MatterListQuery,
        response: { 200: MatterPage, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/matters',
    {
      schema: {
        tags,
        summary: 'Open a legal matter on a client (screening); its deadlines are computed at once',
        body: CreateMatterRequest,
        response: { 201: MatterDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.open(memberContext(request), request.body)),
  );
  app.get(
    '/api/matters/representatives',
    {
      schema: {
        tags,
        summary: 'Active members who may represent clients (attorneys, accredited representatives), with their credentials',
        response: { 200: MatterRepresentativeList, ...errors },
      },
    },
    (request) => service.representatives(memberContext(request)),
  );
  app.get(
    '/api/matters/:id',
    {
      schema: {
        tags,
        summary: 'One matter: client, program, people, facts with their sources, and what you may do',
        params: IdParams,
        response: { 200: MatterDetail, ...errors },
      },
    },
    (request) => service.get(memberContext(request), request.params.id),
  );
  app.patch(
    '/api/matters/:id',
    {
      schema: {
        tags,
        summary: "Change a matter's type, representative or supervising attorney",
        params: IdParams,
        body: UpdateMatterRequest,
        response: { 200: MatterDetail, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.put(
    '/api/matters/:id/facts',
    {
      schema: {
        tags,
        summary: "Replace the matter's own facts and recompute its deadlines; answers with what moved",
        params: IdParams,
        body: PutMatterFactsRequest,
        response: { 200: MatterFactsResponse, ...errors },
      },
    },
    (request) => service.putFacts(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matters/:id/parties',
    {
      schema: { tags, summary: 'Everyone on the matter, adverse parties included', params: IdParams, response: { 200: MatterPartyList, ...errors } },
    },
    (request) => service.parties(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/parties',
    {
      schema: { tags, summary: 'Add a party to the matter', params: IdParams, body: MatterPartyInput, response: { 201: MatterParty, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await service.addParty(memberContext(request), request.params.id, request.body)),
  );
  app.delete(
    '/api/matter-parties/:id',
    {
      schema: { tags, summary: "Remove a party (never the client's own entry)", params: IdParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await service.removeParty(memberContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/matters/:id/deadlines',
    {
      schema: {
        tags,
        summary: "The matter's deadlines (computed and manual, open first) and the history of what moved and why",
        params: IdParams,
        response: { 200: MatterDeadlinesResponse, ...errors },
      },
    },
    (request) => service.deadlines(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/deadlines',
    {
      schema: { tags, summary: 'Add a manual deadline with its responsible person', params: IdParams, body: CreateManualDeadlineRequest, response: { 201: MatterDeadline, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await service.addDeadline(memberContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/matter-deadlines/:id/complete',
    {
      schema: { tags, summary: 'Mark a manual deadline done', params: IdParams, body: CompleteDeadlineRequest, response: { 200: MatterDeadline, ...errors } },
    },
    (request) => service.completeDeadline(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matter-deadlines/:id/assign',
    {
      schema: { tags, summary: 'Give an open deadline to another responsible person', params: IdParams, body: AssignDeadlineRequest, response: { 200: MatterDeadline, ...errors } },
    },
    (request) => service.assignDeadline(memberContext(request), request.params.id, request.body),
  );
}
