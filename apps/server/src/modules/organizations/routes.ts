import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActionSchema,
  CreateInvitationRequest,
  CreateOrganizationRequest,
  ErrorResponse,
  IdParams,
  InvitationResponse,
  MemberParams,
  MemberResponse,
  OrganizationList,
  OrganizationResponse,
  RoleSchema,
  UpdateMemberRequest,
  UpdateOrganizationRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext, sessionContext } from '../../platform/http/request-context.js';
import { OrganizationService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function registerOrganizationRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new OrganizationService(deps);

  app.get(
    '/api/organization',
    { schema: { tags: ['organization'], summary: 'The active organization and its settings', response: { 200: OrganizationResponse, ...errors } } },
    (request) => service.getCurrent(memberContext(request)),
  );
  app.patch(
    '/api/organization',
    { schema: { tags: ['organization'], summary: 'Change settings (name, MFA policy, languages)', body: UpdateOrganizationRequest, response: { 200: OrganizationResponse, ...errors } } },
    (request) => service.updateCurrent(memberContext(request), request.body),
  );

  app.get(
    '/api/organizations',
    { config: { access: 'session' }, schema: { tags: ['organization'], summary: 'All organizations (platform administrators)', response: { 200: OrganizationList, ...errors } } },
    async (request) => ({ items: await service.listAll(sessionContext(request)) }),
  );
  app.post(
    '/api/organizations',
    { config: { access: 'session' }, schema: { tags: ['organization'], summary: 'Create an organization and invite its first admin (platform administrators)', body: CreateOrganizationRequest, response: { 201: OrganizationResponse, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(sessionContext(request), request.body)),
  );

  app.get(
    '/api/roles',
    { schema: { tags: ['members'], summary: 'Roles and what each may do', response: { 200: z.object({ roles: z.array(z.object({ role: RoleSchema, actions: z.array(ActionSchema) })), actions: z.array(ActionSchema) }), ...errors } } },
    (request) => {
      memberContext(request);
      return service.listRoles();
    },
  );

  app.get(
    '/api/members',
    { schema: { tags: ['members'], summary: 'Members of the active organization', response: { 200: z.object({ items: z.array(MemberResponse) }), ...errors } } },
    async (request) => ({ items: await service.listMembers(memberContext(request)) }),
  );
  app.patch(
    '/api/members/:userId',
    { schema: { tags: ['members'], summary: "Change a member's role or suspend them", params: MemberParams, body: UpdateMemberRequest, response: { 200: MemberResponse, ...errors } } },
    (request) => service.updateMember(memberContext(request), request.params.userId, request.body),
  );

  app.get(
    '/api/invitations',
    { schema: { tags: ['invitations'], summary: 'Invitations of the active organization', response: { 200: z.object({ items: z.array(InvitationResponse) }), ...errors } } },
    async (request) => ({ items: await service.listInvitations(memberContext(request)) }),
  );
  app.post(
    '/api/invitations',
    { schema: { tags: ['invitations'], summary: 'Invite someone by email with a role', body: CreateInvitationRequest, response: { 201: InvitationResponse, ...errors } } },
    async (request, reply) =>
      reply.status(201).send(await service.createInvitation(memberContext(request), request.body.email, request.body.role)),
  );
  app.delete(
    '/api/invitations/:id',
    { schema: { tags: ['invitations'], summary: 'Revoke a pending invitation', params: IdParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.revokeInvitation(memberContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
