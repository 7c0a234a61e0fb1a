import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  CreateSessionRequest,
  ErrorResponse,
  InvitationPreview,
  InvitationTokenParams,
  MfaConfirmRequest,
  MfaDisableRequest,
  MfaSetupResponse,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
  SessionResponse,
  SwitchOrganizationRequest,
  UpdateProfileRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/cookies.js';
import { actorOf, sessionContext } from '../../platform/http/request-context.js';
import { IdentityService } from './service.js';

const tags = ['session'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerIdentityRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new IdentityService(deps);
  const loginLimit = { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: loginLimit },
      schema: { tags, summary: 'Sign in', body: CreateSessionRequest, response: { 200: SessionResponse, ...errors, 423: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const { token, response } = await service.login(request.body, actorOf(request));
      setSessionCookie(request, reply, deps.config, token);
      return response;
    },
  );

  app.get(
    '/api/session',
    { config: { access: 'session' }, schema: { tags, summary: 'The signed-in user, memberships and CSRF token', response: { 200: SessionResponse, 401: ErrorResponse } } },
    (request) => service.describe(sessionContext(request).session),
  );

  app.delete(
    '/api/session',
    { config: { access: 'session' }, schema: { tags, summary: 'Sign out', response: { 204: z.null(), 401: ErrorResponse } } },
    async (request, reply) => {
      await service.logout(sessionContext(request));
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/session/organization',
    { config: { access: 'session' }, schema: { tags, summary: 'Switch the active organization', body: SwitchOrganizationRequest, response: { 200: SessionResponse, ...errors } } },
    (request) => service.switchOrganization(sessionContext(request), request.body.orgId),
  );

  app.patch(
    '/api/session/profile',
    { config: { access: 'session' }, schema: { tags, summary: 'Update my name or language', body: UpdateProfileRequest, response: { 200: SessionResponse, ...errors } } },
    (request) => service.updateProfile(sessionContext(request), request.body),
  );

  app.post(
    '/api/session/password',
    { config: { access: 'session' }, schema: { tags, summary: 'Change my password (ends my other sessions)', body: ChangePasswordRequest, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.changePassword(sessionContext(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/session/mfa/setup',
    { config: { access: 'session' }, schema: { tags, summary: 'Start TOTP enrolment', response: { 200: MfaSetupResponse, ...errors } } },
    (request) => service.startMfaSetup(sessionContext(request)),
  );

  app.post(
    '/api/session/mfa/confirm',
    { config: { access: 'session' }, schema: { tags, summary: 'Confirm TOTP enrolment with a code', body: MfaConfirmRequest, response: { 200: SessionResponse, ...errors } } },
    (request) => service.confirmMfa(sessionContext(request), request.body.code),
  );

  app.delete(
    '/api/session/mfa',
    { config: { access: 'session' }, schema: { tags, summary: 'Turn TOTP off', body: MfaDisableRequest, response: { 200: SessionResponse, ...errors } } },
    (request) => service.disableMfa(sessionContext(request), request.body.password, request.body.code),
  );

  const resetLimit = { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  app.post(
    '/api/password-reset',
    { config: { access: 'public', rateLimit: resetLimit }, schema: { tags, summary: 'Email a password reset link', body: PasswordResetRequest, response: { 202: z.object({ status: z.literal('accepted') }), 400: ErrorResponse, 429: ErrorResponse } } },
    async (request, reply) => {
      await service.requestPasswordReset(request.body.email, actorOf(request));
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/password-reset/confirm',
    { config: { access: 'public', rateLimit: resetLimit }, schema: { tags, summary: 'Set a new password with a reset link token', body: PasswordResetConfirmRequest, response: { 204: z.null(), 400: ErrorResponse, 429: ErrorResponse } } },
    async (request, reply) => {
      await service.confirmPasswordReset(request.body.token, request.body.password, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/invitations/preview/:token',
    { config: { access: 'public', rateLimit: resetLimit }, schema: { tags: ['invitations'], summary: 'What an invitation link offers', params: InvitationTokenParams, response: { 200: InvitationPreview, 400: ErrorResponse, 404: ErrorResponse } } },
    (request) => service.previewInvitation(request.params.token),
  );

  app.post(
    '/api/invitations/accept',
    { config: { access: 'public', rateLimit: resetLimit }, schema: { tags: ['invitations'], summary: 'Accept an invitation', body: AcceptInvitationRequest, response: { 200: SessionResponse, ...errors } } },
    async (request, reply) => {
      const result = await service.acceptInvitation(request.body, request.session, actorOf(request));
      if (result.token) {
        setSessionCookie(request, reply, deps.config, result.token);
      }
      return result.response;
    },
  );
}
