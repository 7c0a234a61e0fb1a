import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateCredentialRequest,
  CreateRecognitionRequest,
  CredentialList,
  CredentialListQuery,
  CredentialOverview,
  CredentialResponse,
  DeleteCredentialQuery,
  ErrorResponse,
  IdParams,
  MyCredentials,
  RecognitionList,
  RecognitionListQuery,
  RecognitionResponse,
  UpdateCredentialRequest,
  UpdateRecognitionRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { CredentialService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['credentials'];

export function registerCredentialRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CredentialService(deps);

  app.get(
    '/api/credentials',
    {
      schema: {
        tags,
        summary: "Every member's bar admissions and DOJ accreditations, with their status on the organization's day (valid, expiring within 90 days, expired, inactive)",
        querystring: CredentialListQuery,
        response: { 200: CredentialList, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.query),
  );
  app.get(
    '/api/credentials/mine',
    { schema: { tags, summary: "The caller's own credentials, and whether they may represent clients today", response: { 200: MyCredentials, ...errors } } },
    (request) => service.mine(memberContext(request)),
  );
  app.get(
    '/api/credentials/overview',
    {
      schema: {
        tags,
        summary: 'Credentials expiring soon, expired or inactive, the recognition status, and the open matters whose representative may no longer represent',
        response: { 200: CredentialOverview, ...errors },
      },
    },
    (request) => service.overview(memberContext(request)),
  );
  app.post(
    '/api/credentials',
    {
      schema: {
        tags,
        summary: "Record a member's bar admission (state, number, status) or DOJ accreditation (full or partial, expiry at most three years ahead)",
        body: CreateCredentialRequest,
        response: { 201: CredentialResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.body)),
  );
  app.patch(
    '/api/credentials/:id',
    { schema: { tags, summary: 'Change a credential (bar status, accreditation level, expiry…), with the version read', params: IdParams, body: UpdateCredentialRequest, response: { 200: CredentialResponse, ...errors } } },
    (request) => service.update(memberContext(request), request.params.id, request.body),
  );
  app.delete(
    '/api/credentials/:id',
    { schema: { tags, summary: 'Remove a credential (the member can no longer be a representative on its strength)', params: IdParams, querystring: DeleteCredentialQuery, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.remove(memberContext(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/recognitions',
    { schema: { tags, summary: "The organization's DOJ recognitions (by office), newest expiry first, with their status", querystring: RecognitionListQuery, response: { 200: RecognitionList, ...errors } } },
    (request) => service.listRecognitions(memberContext(request), request.query),
  );
  app.post(
    '/api/recognitions',
    {
      schema: {
        tags,
        summary: 'Record a DOJ recognition of the organization or one office (expiry at most six years after the recognition date)',
        body: CreateRecognitionRequest,
        response: { 201: RecognitionResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createRecognition(memberContext(request), request.body)),
  );
  app.patch(
    '/api/recognitions/:id',
    { schema: { tags, summary: 'Change a recognition (renewed expiry, office, note), with the version read', params: IdParams, body: UpdateRecognitionRequest, response: { 200: RecognitionResponse, ...errors } } },
    (request) => service.updateRecognition(memberContext(request), request.params.id, request.body),
  );
}
