import type { ErrorCode } from '@haven/domain';

/** An error that maps to one HTTP status and the API's single error shape. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in to continue') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do this') => new AppError(403, 'forbidden', message);
/** Also used for records the caller may not see: their existence is not revealed. */
export const notFound = (message = 'Not found') => new AppError(404, 'not_found', message);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(409, 'conflict', message, fields);
export const badRequest = (message: string, fields?: Record<string, string>) =>
  new AppError(400, 'validation_failed', message, fields);
