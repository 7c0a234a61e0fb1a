import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ClientPage, ClientQuery, ClientResponse, CreateClientRequest, ErrorResponse, IdParams } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ClientService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function registerClientRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ClientService(deps);

  app.get(
    '/api/clients',
    { schema: { tags: ['clients'], summary: 'Clients the caller may see, by name', querystring: ClientQuery, response: { 200: ClientPage, ...errors } } },
    (request) => service.list(memberContext(request), request.query),
  );
  app.post(
    '/api/clients',
    { schema: { tags: ['clients'], summary: 'Register a client', body: CreateClientRequest, response: { 201: ClientResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.get(
    '/api/clients/:id',
    { schema: { tags: ['clients'], summary: 'One client (reads of protected records are audited)', params: IdParams, response: { 200: ClientResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id),
  );
}
