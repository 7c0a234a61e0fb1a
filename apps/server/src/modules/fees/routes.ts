import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChargeResponse,
  CreateChargeRequest,
  CreateFeeScheduleRequest,
  CreatePaymentRequest,
  CreateWaiverRequest,
  ErrorResponse,
  FeeSchedulePage,
  FeeScheduleQuery,
  FeeScheduleResponse,
  FeeSettingsRequest,
  FeeSettingsResponse,
  FeeWaiverParams,
  IdParams,
  MatterFeesResponse,
  PaymentReceiptResponse,
  PaymentResponse,
  PovertyGuidelinePage,
  PovertyGuidelineParams,
  PovertyGuidelineQuery,
  PovertyGuidelineResponse,
  SavePovertyGuidelineRequest,
  UpdateFeeScheduleRequest,
  VoidPaymentRequest,
  WaiverDecisionRequest,
  WaiverResponse,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { memberContext } from '../../platform/http/request-context.js';
import { FeesService } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const configTags = ['fee configuration'];
const tags = ['fees'];

export function registerFeeRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new FeesService(deps);

  /* Configuration: the fee schedule, the sliding scale and the poverty guidelines */

  app.get(
    '/api/fee-schedules',
    { schema: { tags: configTags, summary: 'The fee schedule: services and their full fees, by code', querystring: FeeScheduleQuery, response: { 200: FeeSchedulePage, ...errors } } },
    (request) => service.listSchedules(memberContext(request), request.query),
  );
  app.post(
    '/api/fee-schedules',
    {
      schema: {
        tags: configTags,
        summary: 'Add a service to the fee schedule (code unique in the organization)',
        body: CreateFeeScheduleRequest,
        response: { 201: FeeScheduleResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createSchedule(memberContext(request), request.body)),
  );
  app.patch(
    '/api/fee-schedules/:id',
    {
      schema: {
        tags: configTags,
        summary: "Change a service's name, fee, sliding scale, matter type or whether it is offered (with the version read)",
        params: IdParams,
        body: UpdateFeeScheduleRequest,
        response: { 200: FeeScheduleResponse, ...errors },
      },
    },
    (request) => service.updateSchedule(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/fee-settings',
    {
      schema: {
        tags: configTags,
        summary: "The sliding scale's bands and poverty-guideline region (Haven's starting bands until the organization saves its own)",
        response: { 200: FeeSettingsResponse, ...errors },
      },
    },
    (request) => service.getSettings(memberContext(request)),
  );
  app.put(
    '/api/fee-settings',
    {
      schema: {
        tags: configTags,
        summary: 'Set the sliding scale: bands in ascending income order, each paying 0–100% of the fee (version 0 the first time)',
        body: FeeSettingsRequest,
        response: { 200: FeeSettingsResponse, ...errors },
      },
    },
    (request) => service.saveSettings(memberContext(request), request.body),
  );
  app.get(
    '/api/poverty-guidelines',
    {
      schema: {
        tags: configTags,
        summary: 'The poverty guidelines the admin entered, newest year first',
        querystring: PovertyGuidelineQuery,
        response: { 200: PovertyGuidelinePage, ...errors },
      },
    },
    (request) => service.listGuidelines(memberContext(request), request.query),
  );
  app.put(
    '/api/poverty-guidelines/:year/:region',
    {
      schema: {
        tags: configTags,
        summary: "Enter or correct one year's HHS poverty guideline for a region (first person, each additional person, effective date)",
        params: PovertyGuidelineParams,
        body: SavePovertyGuidelineRequest,
        response: { 200: PovertyGuidelineResponse, ...errors },
      },
    },
    (request) => service.saveGuideline(memberContext(request), request.params.year, request.params.region, request.body),
  );

  /* A matter's money */

  app.get(
    '/api/matters/:id/fees',
    {
      schema: {
        tags,
        summary: "A matter's charges (with the sliding scale's working), waivers, payments and balance",
        params: IdParams,
        response: { 200: MatterFeesResponse, ...errors },
      },
    },
    (request) => service.matterFees(memberContext(request), request.params.id),
  );
  app.post(
    '/api/matters/:id/charges',
    {
      schema: {
        tags,
        summary: 'Charge a service of the fee schedule (sliding scale from household size and income) or a described amount',
        params: IdParams,
        body: CreateChargeRequest,
        response: { 201: ChargeResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.recordCharge(memberContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/matters/:id/waivers',
    {
      schema: {
        tags,
        summary: 'Ask to waive part or all of a charge, with the reason; someone else decides',
        params: IdParams,
        body: CreateWaiverRequest,
        response: { 201: WaiverResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.requestWaiver(memberContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/fee-waivers/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or deny a requested waiver (never one you requested)',
        params: FeeWaiverParams,
        body: WaiverDecisionRequest,
        response: { 200: WaiverResponse, ...errors },
      },
    },
    (request) => service.decideWaiver(memberContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/matters/:id/payments',
    {
      schema: {
        tags,
        summary: 'Record a payment up to the balance; it gets the next receipt number of its year (R-2026-0001)',
        params: IdParams,
        body: CreatePaymentRequest,
        response: { 201: PaymentResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.recordPayment(memberContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/matter-payments/:id/void',
    {
      schema: {
        tags,
        summary: 'Void a payment with the reason (kept, never deleted): by a fee decider, or by its receiver the same day',
        params: IdParams,
        body: VoidPaymentRequest,
        response: { 200: PaymentResponse, ...errors },
      },
    },
    (request) => service.voidPayment(memberContext(request), request.params.id, request.body),
  );
  app.get(
    '/api/matter-payments/:id/receipt',
    {
      schema: {
        tags,
        summary: 'What a printed receipt shows: organization, number, date, client, matter, amount, method, receiver, balance after, void',
        params: IdParams,
        response: { 200: PaymentReceiptResponse, ...errors },
      },
    },
    (request) => service.receipt(memberContext(request), request.params.id),
  );
}
