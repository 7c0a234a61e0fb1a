import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  CONSENT_DOCUMENT_TYPES,
  ConsentList,
  ConsentParams,
  ConsentPrintContext,
  ConsentResponse,
  CreateConsentRequest,
  ErrorResponse,
  IdParams,
  RevokeConsentRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ConsentService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const uploadErrors = { ...errors, 413: ErrorResponse, 415: ErrorResponse };
const tags = ['consents'];

const UploadQuery = z.strictObject({
  /** The file's name on the uploader's device, shown in the list; never used to store the file. */
  filename: z.string().trim().min(1).max(200).optional(),
});

function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function registerConsentRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ConsentService(deps);

  app.get(
    '/api/clients/:id/consents',
    { schema: { tags, summary: "A client's consents to share information, newest first, each with its status today", params: IdParams, response: { 200: ConsentList, ...errors } } },
    (request) => service.list(memberContext(request), request.params.id),
  );
  app.post(
    '/api/clients/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record a signed consent: recipient, purpose, kinds of information, signer; it may run at most one year (default one year)',
        params: IdParams,
        body: CreateConsentRequest,
        response: { 201: ConsentResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.record(memberContext(request), request.params.id, request.body)),
  );
  app.get(
    '/api/clients/:id/consents/:consentId',
    { schema: { tags, summary: 'One consent', params: ConsentParams, response: { 200: ConsentResponse, ...errors } } },
    (request) => service.get(memberContext(request), request.params.id, request.params.consentId),
  );
  app.post(
    '/api/clients/:id/consents/:consentId/revoke',
    {
      schema: { tags, summary: 'Revoke a consent from a day on, with the reason', params: ConsentParams, body: RevokeConsentRequest, response: { 200: ConsentResponse, ...errors } },
    },
    (request) => service.revoke(memberContext(request), request.params.id, request.params.consentId, request.body),
  );
  app.get(
    '/api/clients/:id/consents/:consentId/document',
    { schema: { tags, summary: 'Download the signed form (an audited sensitive read)', params: ConsentParams, response: errors } },
    async (request, reply) => {
      const file = await service.readDocument(memberContext(request), request.params.id, request.params.consentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .header('content-security-policy', "sandbox; default-src 'none'")
        // Bytes are sent as they are (Fastify serializes only objects); the schema lists the errors.
        .send(file.bytes as never);
    },
  );
  app.get(
    '/api/clients/:id/consent-print-context',
    {
      schema: {
        tags,
        summary: 'The names the printed consent form and rights statement are filled with',
        params: IdParams,
        response: { 200: ConsentPrintContext, ...errors },
      },
    },
    (request) => service.printContext(memberContext(request), request.params.id),
  );

  // The upload takes the file as the raw body. Its parsers live in this plugin only: everywhere
  // else the API accepts JSON alone.
  void fastify.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser([...CONSENT_DOCUMENT_TYPES], { parseAs: 'buffer', bodyLimit: CONSENT_DOCUMENT_MAX_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    scoped.addContentTypeParser('*', (_request, _payload, done) => {
      done(new AppError(415, 'unsupported_media_type', 'Upload the signed form as a PDF, JPEG or PNG file'), undefined);
    });
    scoped.withTypeProvider<ZodTypeProvider>().put(
      '/api/clients/:id/consents/:consentId/document',
      {
        bodyLimit: CONSENT_DOCUMENT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload the signed form as the raw body (application/pdf, image/jpeg or image/png, at most 10 MB)',
          params: ConsentParams,
          querystring: UploadQuery,
          response: { 200: ConsentResponse, ...uploadErrors },
        },
      },
      (request) =>
        service.attachDocument(memberContext(request), request.params.id, request.params.consentId, {
          bytes: Buffer.isBuffer(request.body) ? request.body : undefined,
          contentType: mediaTypeOf(request.headers['content-type']),
          filename: request.query.filename,
        }),
    );
  });
}
