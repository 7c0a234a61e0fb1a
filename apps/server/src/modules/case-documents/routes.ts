import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CASE_DOCUMENT_MAX_BYTES,
  CASE_DOCUMENT_MESSAGES,
  CASE_DOCUMENT_TYPES,
  CaseDocumentPage,
  CaseDocumentParams,
  CaseDocumentQuery,
  CaseDocumentResponse,
  CaseDocumentUploadQuery,
  ErrorResponse,
  IdParams,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { memberContext } from '../../platform/http/request-context.js';
import { asciiFilename, CaseDocumentService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const uploadErrors = { ...errors, 413: ErrorResponse, 415: ErrorResponse };
const tags = ['case documents'];

function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function registerCaseDocumentRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new CaseDocumentService(deps);

  app.get(
    '/api/cases/:id/documents',
    {
      schema: { tags, summary: "A case's documents, newest first (filter by kind)", params: IdParams, querystring: CaseDocumentQuery, response: { 200: CaseDocumentPage, ...errors } },
    },
    (request) => service.list(memberContext(request), request.params.id, request.query),
  );
  app.get(
    '/api/cases/:id/documents/:documentId/content',
    { schema: { tags, summary: 'Download a case document (an audited sensitive read)', params: CaseDocumentParams, response: errors } },
    async (request, reply) => {
      const file = await service.read(memberContext(request), request.params.id, request.params.documentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${asciiFilename(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .header('content-security-policy', "sandbox; default-src 'none'")
        // Bytes are sent as they are (Fastify serializes only objects); the schema lists the errors.
        .send(file.bytes as never);
    },
  );

  // The upload takes the file as the raw body. Its parsers live in this plugin only: everywhere
  // else the API accepts JSON alone.
  void fastify.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser([...CASE_DOCUMENT_TYPES], { parseAs: 'buffer', bodyLimit: CASE_DOCUMENT_MAX_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    scoped.addContentTypeParser('*', (_request, _payload, done) => {
      done(new AppError(415, 'unsupported_media_type', CASE_DOCUMENT_MESSAGES.wrongType), undefined);
    });
    scoped.withTypeProvider<ZodTypeProvider>().put(
      '/api/cases/:id/documents',
      {
        bodyLimit: CASE_DOCUMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload a case document as the raw body (application/pdf, image/jpeg or image/png, at most 10 MB) with its kind',
          params: IdParams,
          querystring: CaseDocumentUploadQuery,
          response: { 201: CaseDocumentResponse, ...uploadErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.upload(memberContext(request), request.params.id, {
            bytes: Buffer.isBuffer(request.body) ? request.body : undefined,
            contentType: mediaTypeOf(request.headers['content-type']),
            kind: request.query.kind,
            filename: request.query.filename,
          }),
        ),
    );
  });
}
