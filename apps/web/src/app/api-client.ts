/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, JSON in
 * and out, the CSRF token on every state-changing request, and one typed error for every failure.
 */

export const MUTATING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = 'GET' | (typeof MUTATING_METHODS)[number];

/** Every failed request becomes an ApiError carrying the API's `{error:{code,message,fields}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

let csrfToken: string | null = null;

/** The token comes with every SessionResponse; the latest one wins. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A file sent as the raw body with its own content type (uploads), instead of JSON. */
  file?: Blob;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; fields?: Record<string, string> } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) {
    return false;
  }
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'unknown';
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Fetches a fresh CSRF token (GET /api/session); a 401 simply leaves it empty. */
async function refreshCsrfToken(): Promise<void> {
  try {
    const response = await fetch('/api/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.ok) {
      const body = (await readJson(response)) as { csrfToken?: unknown } | undefined;
      rememberCsrfToken(typeof body?.csrfToken === 'string' ? body.csrfToken : null);
    } else {
      rememberCsrfToken(null);
    }
  } catch {
    // Offline: the real request below reports the network error.
  }
}

async function send<T>(path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const method = options.method ?? 'GET';
  const mutating = method !== 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.file !== undefined) {
    headers['content-type'] = options.file.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (mutating && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, 'network_error', 'Network error');
  }

  const body = await readJson(response);
  if (!response.ok) {
    if (isErrorBody(body)) {
      const { code, message, fields } = body.error;
      // A token that went stale (another tab signed in again) gets one transparent retry.
      if (code === 'csrf_failed' && mutating && !retried) {
        await refreshCsrfToken();
        return send<T>(path, options, true);
      }
      throw new ApiError(response.status, code, message, fields);
    }
    throw new ApiError(response.status, codeForStatus(response.status), response.statusText);
  }

  if (typeof body === 'object' && body !== null && 'csrfToken' in body) {
    const token = (body as { csrfToken: unknown }).csrfToken;
    if (typeof token === 'string') {
      rememberCsrfToken(token);
    }
  }
  return body as T;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  // A state-changing request before any session read (a fresh tab on /invite) fetches a token
  // first, so the CSRF check never fails just because the page was opened directly.
  if (method !== 'GET' && csrfToken === null) {
    await refreshCsrfToken();
  }
  return send<T>(path, options, false);
}
