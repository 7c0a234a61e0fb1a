import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClientCount,
  ClientCountQuery,
  ClientPage,
  ClientQuery,
  ClientResponse,
  CreateClientRequest,
  DuplicateCandidates,
  DuplicateCheckRequest,
  ErrorResponse,
  IdParams,
  MergeClientsRequest,
  UnmergeClientRequest,
  UpdateClientRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ClientMergeService } from './merge.js';
import { ClientService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const ReadQuery = z.strictObject({
  /** Why a protected record is opened; required for protected clients and written to the audit log. */
  reason: z.string().trim().min(3).max(300).optional(),
});

export function registerClientRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ClientService(deps);
  const merges = new ClientMergeService(deps, service);

  app.get(
    '/api/clients',
    {
      schema: {
        tags: ['clients'],
        summary: 'Clients the caller may see; with q, a search by name (any script, typo-tolerant), A-number, receipt number or phone',
        querystring: ClientQuery,
        response: { 200: ClientPage, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.get(
    '/api/clients/count',
    { schema: { tags: ['clients'], summary: 'How many clients the caller may see; with q, how many the same search finds', querystring: ClientCountQuery, response: { 200: ClientCount, ...errors } } },
    (request) => service.count(memberContext(request), request.query),
  );
  app.post(
    '/api/clients',
    { schema: { tags: ['clients'], summary: 'Register a client', body: CreateClientRequest, response: { 201: ClientResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.post(
    '/api/clients/duplicate-check',
    {
      schema: {
        tags: ['clients'],
        summary: 'Likely duplicates of a client about to be registered',
        body: DuplicateCheckRequest,
        response: { 200: DuplicateCandidates, ...errors },
      },
    },
    (request) => service.duplicates(memberContext(request), request.body),
  );
  app.get(
    '/api/clients/:id',
    {
      schema: {
        tags: ['clients'],
        summary: 'One client; a protected record needs ?reason= and the read is audited',
        params: IdParams,
        querystring: ReadQuery,
        response: { 200: ClientResponse, ...errors },
      },
    },
    (request) => service.get(memberContext(request), request.params.id, request.query.reason),
  );
  app.patch(
    '/api/clients/:id',
    {
      schema: {
        tags: ['clients'],
        summary: 'Change a client; send the version you read (409 if someone changed it since)',
        params: IdParams,
        body: UpdateClientRequest,
        response: { 200: ClientResponse, 409: ErrorResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/clients/:id/merge',
    {
      schema: {
        tags: ['clients'],
        summary: 'Merge a duplicate into this client: its linked records move here and it disappears (supervisors)',
        params: IdParams,
        body: MergeClientsRequest,
        response: { 200: ClientResponse, 409: ErrorResponse, ...errors },
      },
    },
    (request) => merges.merge(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/clients/:id/unmerge',
    {
      schema: {
        tags: ['clients'],
        summary: 'Undo the merge of this (merged-away) client, from the audit record of the merge',
        params: IdParams,
        body: UnmergeClientRequest,
        response: { 200: ClientResponse, 409: ErrorResponse, ...errors },
      },
    },
    (request) => merges.unmerge(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/clients/:id/duplicates',
    { schema: { tags: ['clients'], summary: 'Likely duplicates of an existing client', params: IdParams, response: { 200: DuplicateCandidates, ...errors } } },
    (request) => service.duplicatesOf(memberContext(request), request.params.id),
  );
}
