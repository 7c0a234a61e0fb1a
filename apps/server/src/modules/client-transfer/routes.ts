import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClientExportQuery,
  ErrorResponse,
  IdParams,
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_BYTES,
  type ImportFormat,
  ImportList,
  ImportResponse,
  ImportUploadQuery,
  UpdateImportRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { memberContext } from '../../platform/http/request-context.js';
import { ClientTransferService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const XLSX_MIME = IMPORT_CONTENT_TYPES.xlsx;

/** The format the upload declares; anything but raw CSV or XLSX bytes is refused with 415. */
function uploadedFile(request: FastifyRequest): { format: ImportFormat; bytes: Buffer } {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!Buffer.isBuffer(request.body) || (type !== IMPORT_CONTENT_TYPES.csv && type !== XLSX_MIME)) {
    throw new AppError(415, 'unsupported_media_type', `Send the file itself as ${IMPORT_CONTENT_TYPES.csv} or ${XLSX_MIME}`);
  }
  return { format: type === XLSX_MIME ? 'xlsx' : 'csv', bytes: request.body };
}

/**
 * Client import (spreadsheet → dry run → one-transaction import) and the client list export.
 * A plugin of its own so the raw-file content types are accepted here and nowhere else.
 */
export async function registerClientTransferRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  await fastify.register(async (scope) => {
    scope.addContentTypeParser([IMPORT_CONTENT_TYPES.csv, XLSX_MIME], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const service = new ClientTransferService(deps);

    app.post(
      '/api/client-imports',
      {
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          tags: ['clients'],
          summary: `Upload a spreadsheet of clients (body: the file, as ${IMPORT_CONTENT_TYPES.csv} or XLSX, up to 10 MB); answers the columns and a suggested mapping`,
          querystring: ImportUploadQuery,
          response: { 201: ImportResponse, 413: ErrorResponse, 415: ErrorResponse, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = memberContext(request);
        const { format, bytes } = uploadedFile(request);
        return reply.status(201).send(await service.upload(ctx, request.query.filename, format, bytes));
      },
    );
    app.get(
      '/api/client-imports',
      { schema: { tags: ['clients'], summary: 'Recent client imports of the organization, newest first', response: { 200: ImportList, ...errors } } },
      (request) => service.list(memberContext(request)),
    );
    app.get(
      '/api/client-imports/:id',
      {
        schema: {
          tags: ['clients'],
          summary: 'One import: its mapping, the dry run report and, while it runs, its progress',
          params: IdParams,
          response: { 200: ImportResponse, ...errors },
        },
      },
      (request) => service.get(memberContext(request), request.params.id),
    );
    app.patch(
      '/api/client-imports/:id',
      {
        schema: {
          tags: ['clients'],
          summary: 'Map columns to client fields (the dry run must then run again)',
          params: IdParams,
          body: UpdateImportRequest,
          response: { 200: ImportResponse, ...errors },
        },
      },
      (request) => service.updateMapping(memberContext(request), request.params.id, request.body),
    );
    app.post(
      '/api/client-imports/:id/dry-run',
      {
        schema: {
          tags: ['clients'],
          summary: 'Check every row as registration would, with a row-by-row report; writes no client',
          params: IdParams,
          response: { 200: ImportResponse, ...errors },
        },
      },
      (request) => service.dryRun(memberContext(request), request.params.id),
    );
    app.post(
      '/api/client-imports/:id/run',
      {
        schema: {
          tags: ['clients'],
          summary: 'Import every row in one transaction (all or none); refused unless the dry run found no problem',
          params: IdParams,
          response: { 200: ImportResponse, ...errors },
        },
      },
      (request) => service.run(memberContext(request), request.params.id),
    );
    app.get(
      '/api/clients/export',
      {
        schema: {
          tags: ['clients'],
          summary: 'The client list as CSV or XLSX: identifiers masked; protected clients only with a consent for the named recipient; audited',
          querystring: ClientExportQuery,
          response: { 200: z.string(), ...errors },
        },
      },
      async (request, reply) => {
        const { format, recipient } = request.query;
        const { body, truncated } = await service.exportClients(memberContext(request), format, recipient);
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
          .header('content-disposition', `attachment; filename="haven-clients-${stamp}.${format}"`)
          .header('x-haven-truncated', truncated ? 'true' : 'false')
          .header('cache-control', 'no-store')
          // The schema documents the file as a string; an XLSX body is its bytes, sent unserialized.
          .send(body as string);
      },
    );
  });
}
