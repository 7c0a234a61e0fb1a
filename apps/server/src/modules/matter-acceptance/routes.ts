import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AgreementView,
  ClearConflictCheckRequest,
  CloseMatterRequest,
  ErrorResponse,
  GenerateAgreementRequest,
  IdParams,
  MatterAcceptanceResponse,
  MatterDecisionRequest,
  ReopenMatterRequest,
  ScreenMatterRequest,
  SignAgreementRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { MatterAcceptanceService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['matter-acceptance'];
const ok = { 200: MatterAcceptanceResponse, ...errors };

/** Case acceptance (screening, conflict check, decision, agreement) and closing of legal matters. */
export function registerMatterAcceptanceRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new MatterAcceptanceService(deps);

  app.get(
    '/api/matters/:id/acceptance',
    {
      schema: {
        tags,
        summary: "A matter's acceptance and closing: screening, conflict check (hits told only as far as the reader may know), decision, agreement, closing, open deadlines",
        params: IdParams,
        response: ok,
      },
    },
    (request) => service.view(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/screening',
    { schema: { tags, summary: 'Record the screening of a matter in screening (summary, eligibility), with the version read', params: IdParams, body: ScreenMatterRequest, response: ok } },
    (request) => service.screen(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/conflict-check',
    {
      schema: {
        tags,
        summary: "Run the conflict check: this matter's people against every party of the organization's other matters (opposite sides are conflicts, the same side related)",
        params: IdParams,
        response: ok,
      },
    },
    (request) => service.runConflictCheck(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/conflict-check/clear',
    { schema: { tags, summary: 'A supervising attorney clears the hits of the conflict check as not conflicts, with a note', params: IdParams, body: ClearConflictCheckRequest, response: ok } },
    (request) => service.clearConflicts(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/decision',
    {
      schema: {
        tags,
        summary: "A supervising attorney accepts (with a representative) or declines (with a reason) a matter in screening, recording the program's selection criteria weighed",
        params: IdParams,
        body: MatterDecisionRequest,
        response: ok,
      },
    },
    (request) => service.decide(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matters/:id/agreement',
    { schema: { tags, summary: "The matter's client services agreement (404 until one is prepared)", params: IdParams, response: { 200: AgreementView, ...errors } } },
    (request) => service.agreement(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/agreement',
    {
      schema: {
        tags,
        summary: "Prepare the client services agreement of an open matter (scope, fee) in the client's language; replaces an unsigned one",
        params: IdParams,
        body: GenerateAgreementRequest,
        response: ok,
      },
    },
    (request) => service.generateAgreement(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/agreement/sign',
    { schema: { tags, summary: 'Record the signatures of the agreement (client and organization, not in the future)', params: IdParams, body: SignAgreementRequest, response: ok } },
    (request) => service.signAgreement(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/close',
    {
      schema: {
        tags,
        summary: 'Close an open matter with a reason and summary; sets the file retention date from the program settings (nothing may still be scheduled)',
        params: IdParams,
        body: CloseMatterRequest,
        response: ok,
      },
    },
    (request) => service.close(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/reopen',
    { schema: { tags, summary: 'Reopen a closed matter, with the reason', params: IdParams, body: ReopenMatterRequest, response: ok } },
    (request) => service.reopen(memberContext(request), request.params.id, request.body),
  );
}
