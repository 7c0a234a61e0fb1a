import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseNotePage,
  CaseNoteParams,
  CaseNoteQuery,
  CaseNoteResponse,
  CreateCaseNoteRequest,
  CreateNoteAddendumRequest,
  ErrorResponse,
  IdParams,
  SignCaseNoteRequest,
  UpdateCaseNoteRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { CaseNoteService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['case notes'];

export function registerCaseNoteRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CaseNoteService(deps);

  app.get(
    '/api/cases/:id/notes',
    {
      schema: {
        tags,
        summary: "A case's notes, newest contact first, each with its addenda (drafts only to their author)",
        params: IdParams,
        querystring: CaseNoteQuery,
        response: { 200: CaseNotePage, ...errors },
      },
    },
    (request) => service.list(memberContext(request), request.params.id, request.query),
  );
  app.post(
    '/api/cases/:id/notes',
    {
      schema: {
        tags,
        summary: 'Write a case note: a draft, or signed at once (`sign`); never dated in the future',
        params: IdParams,
        body: CreateCaseNoteRequest,
        response: { 201: CaseNoteResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(memberContext(request), request.params.id, request.body)),
  );
  app.put(
    '/api/cases/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Change one of your draft notes (send the version you read); a signed note is never changed',
        params: CaseNoteParams,
        body: UpdateCaseNoteRequest,
        response: { 200: CaseNoteResponse, ...errors },
      },
    },
    (request) => service.update(memberContext(request), request.params.id, request.params.noteId, request.body),
  );
  app.delete(
    '/api/cases/:id/notes/:noteId',
    { schema: { tags, summary: 'Discard one of your draft notes', params: CaseNoteParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.remove(memberContext(request), request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/cases/:id/notes/:noteId/sign',
    {
      schema: {
        tags,
        summary: 'Sign one of your draft notes: from now on it can only receive addenda',
        params: CaseNoteParams,
        body: SignCaseNoteRequest,
        response: { 200: CaseNoteResponse, ...errors },
      },
    },
    (request) => service.sign(memberContext(request), request.params.id, request.params.noteId, request.body),
  );
  app.post(
    '/api/cases/:id/notes/:noteId/addenda',
    {
      schema: {
        tags,
        summary: 'Add an addendum (a correction or addition) to a signed note',
        params: CaseNoteParams,
        body: CreateNoteAddendumRequest,
        response: { 201: CaseNoteResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.addAddendum(memberContext(request), request.params.id, request.params.noteId, request.body)),
  );
}
