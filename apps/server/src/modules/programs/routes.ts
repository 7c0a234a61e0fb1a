import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateOfficeRequest,
  CreateProgramRequest,
  ErrorResponse,
  IdParams,
  OfficeResponse,
  ProgramResponse,
  UpdateOfficeRequest,
  UpdateProgramRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ProgramService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerProgramRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ProgramService(deps);

  app.get(
    '/api/programs',
    { schema: { tags: ['programs'], summary: 'Programs of the active organization', response: { 200: z.object({ items: z.array(ProgramResponse) }), ...errors } } },
    async (request) => ({ items: await service.listPrograms(memberContext(request)) }),
  );
  app.post(
    '/api/programs',
    { schema: { tags: ['programs'], summary: 'Create a program', body: CreateProgramRequest, response: { 201: ProgramResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.createProgram(memberContext(request), request.body)),
  );
  app.patch(
    '/api/programs/:id',
    { schema: { tags: ['programs'], summary: 'Change a program', params: IdParams, body: UpdateProgramRequest, response: { 200: ProgramResponse, ...errors } } },
    (request) => service.updateProgram(memberContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/offices',
    { schema: { tags: ['offices'], summary: 'Offices of the active organization', response: { 200: z.object({ items: z.array(OfficeResponse) }), ...errors } } },
    async (request) => ({ items: await service.listOffices(memberContext(request)) }),
  );
  app.post(
    '/api/offices',
    { schema: { tags: ['offices'], summary: 'Create an office', body: CreateOfficeRequest, response: { 201: OfficeResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.createOffice(memberContext(request), request.body)),
  );
  app.patch(
    '/api/offices/:id',
    { schema: { tags: ['offices'], summary: 'Change an office', params: IdParams, body: UpdateOfficeRequest, response: { 200: OfficeResponse, ...errors } } },
    (request) => service.updateOffice(memberContext(request), request.params.id, request.body),
  );
}
