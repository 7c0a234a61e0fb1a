import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '@haven/domain';
import { AppError } from '../errors.js';
import { errorSummary } from '../mail.js';

function body(code: ErrorCode, message: string, fields?: Record<string, string>): ApiErrorBody {
  return fields ? { error: { code, message, fields } } : { error: { code, message } };
}

/** Zod issues → `{ "path.to.field": "message" }`, unknown keys named one by one. */
function fieldsFromValidation(
  validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of validation) {
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      for (const key of issue.params.keys as string[]) {
        fields[base ? `${base}.${key}` : key] = 'Unknown field';
      }
      continue;
    }
    fields[base || '_'] ??= issue.message ?? 'Invalid value';
  }
  return fields;
}

const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'Content-Length does not match the body' },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(body(error.code, error.message, error.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields = fieldsFromValidation(error.validation as never);
      const names = Object.keys(fields).filter((k) => k !== '_');
      const message = names.length
        ? `Invalid ${where}: check ${names.join(', ')}`
        : `Invalid ${where}: ${Object.values(fields)[0] ?? 'check the request'}`;
      return reply.status(400).send(body('validation_failed', message, fields));
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) {
      return reply.status(known.status).send(body(known.code, known.message));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', 'Too many attempts. Wait a minute and try again.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('bad_request', error.message.split('\n')[0] ?? 'Bad request'));
    }
    // Only a summary reaches the log: a database error's message would carry query parameters.
    request.log.error({ err: errorSummary(error) }, 'unhandled error');
    return reply.status(500).send(body('internal_error', 'Something went wrong on our side. The error was logged.'));
  });
}
