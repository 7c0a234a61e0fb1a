import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { SESSION_COOKIE } from './security-hooks.js';

/**
 * httpOnly so scripts never see it; SameSite=Lax as a first CSRF wall; Secure whenever Haven is
 * reached over HTTPS. No Max-Age: the cookie ends with the browser, the server-side session with
 * its idle and absolute timeouts.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https' || config.publicUrl.startsWith('https://'),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
