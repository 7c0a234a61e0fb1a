/** The one error shape every API response uses. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
  };
}

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'mfa_required',
  'mfa_enrollment_required',
  'invalid_credentials',
  'account_locked',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'reason_required',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'service_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
