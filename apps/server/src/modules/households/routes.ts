import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddHouseholdMemberRequest,
  CreateHouseholdRequest,
  ErrorResponse,
  HouseholdMemberParams,
  HouseholdPage,
  HouseholdQuery,
  HouseholdResponse,
  IdParams,
  UpdateHouseholdMemberRequest,
  UpdateHouseholdRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { HouseholdService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerHouseholdRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new HouseholdService(deps);

  app.get(
    '/api/households',
    {
      schema: {
        tags: ['households'],
        summary: 'Households with at least one member the caller may see; filter by a client or by name',
        querystring: HouseholdQuery,
        response: { 200: HouseholdPage, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/households',
    { schema: { tags: ['households'], summary: 'Group people into a household', body: CreateHouseholdRequest, response: { 201: HouseholdResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.get(
    '/api/households/:id',
    { schema: { tags: ['households'], summary: 'A household: who is there now and who was', params: IdParams, response: { 200: HouseholdResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id),
  );
  app.patch(
    '/api/households/:id',
    {
      schema: { tags: ['households'], summary: 'Rename a household (send the version you read)', params: IdParams, body: UpdateHouseholdRequest, response: { 200: HouseholdResponse, ...errors } },
    },
    (request) => service.rename(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/households/:id/members',
    {
      schema: { tags: ['households'], summary: 'Add a person to a household', params: IdParams, body: AddHouseholdMemberRequest, response: { 200: HouseholdResponse, ...errors } },
    },
    (request) => service.addMember(memberContext(request), request.params.id, request.body),
  );
  app.patch(
    '/api/households/:id/members/:memberId',
    {
      schema: {
        tags: ['households'],
        summary: 'Change a membership: the relationship, or the day the person left',
        params: HouseholdMemberParams,
        body: UpdateHouseholdMemberRequest,
        response: { 200: HouseholdResponse, ...errors },
      },
    },
    (request) => service.updateMember(memberContext(request), request.params.id, request.params.memberId, request.body),
  );
}
