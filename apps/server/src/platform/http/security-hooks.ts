import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { safeEqual } from '../crypto.js';
import { type Db, systemTransaction } from '../db/index.js';
import { resolveSession, touchSession } from '../auth/session-store.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'haven_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** While an organization's MFA policy is unmet, only these paths answer. */
const MFA_ENROLMENT_PATHS = new Set([
  '/api/session',
  '/api/session/mfa/setup',
  '/api/session/mfa/confirm',
  '/api/session/organization',
  '/api/session/profile',
]);

function sameOrigin(request: FastifyRequest, origin: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(origin)) {
    return true;
  }
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function mfaEnrollmentRequired(request: FastifyRequest): boolean {
  const s = request.session;
  return Boolean(s?.activeOrg?.mfaRequired && !s.user.mfaEnabled);
}

/**
 * CSRF for a JSON API: refuse browser requests from another site (Fetch Metadata, then Origin),
 * and require the per-session token on every state change made with the session cookie.
 * Then resolve the session and enforce the route's access level, before the body is parsed, so
 * an anonymous caller learns nothing from validation messages.
 */
export function installSecurityHooks(app: FastifyInstance, db: Db, config: Config): void {
  const allowedOrigins = new Set([new URL(config.publicUrl).origin]);
  const timeouts = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };

  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (UNSAFE.has(request.method)) {
      const site = request.headers['sec-fetch-site'];
      if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
        throw new AppError(403, 'csrf_failed', 'Cross-site request refused');
      }
      const origin = request.headers.origin;
      if (typeof origin === 'string' && origin !== 'null' && !sameOrigin(request, origin, allowedOrigins)) {
        throw new AppError(403, 'csrf_failed', 'Cross-site request refused');
      }
      if (origin === 'null') {
        throw new AppError(403, 'csrf_failed', 'Cross-site request refused');
      }
    }

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await systemTransaction(db, async (tx) => {
        const found = await resolveSession(tx, token, timeouts);
        if (found) {
          await touchSession(tx, found);
        }
        return found;
      });
      if (session) {
        request.session = session;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }

    if (request.session && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) {
        throw new AppError(403, 'csrf_failed', 'Missing or wrong x-csrf-token header; fetch GET /api/session for it');
      }
    }

    // Outside /api only the web app's files and health probes are served, and /api/docs is the
    // API's public manual: public by nature. Everything else under /api is members-only by default.
    const isPublicPath = !request.url.startsWith('/api') || request.url.startsWith('/api/docs');
    const access = request.routeOptions.config.access ?? (isPublicPath ? 'public' : 'member');
    if (access === 'public') {
      return;
    }
    if (!request.session) {
      throw new AppError(401, 'unauthenticated', 'Sign in to continue');
    }
    const path = request.routeOptions.url ?? '';
    if (mfaEnrollmentRequired(request) && !MFA_ENROLMENT_PATHS.has(path)) {
      throw new AppError(403, 'mfa_enrollment_required', 'Your organization requires two-step verification: set it up first');
    }
    if (access === 'member' && !request.session.activeOrg) {
      throw new AppError(403, 'forbidden', 'Choose an organization you belong to');
    }
  });
}
