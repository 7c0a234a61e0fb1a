import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { z } from 'zod';
import {
  addDays,
  type ClientEligibilityResponse,
  type EnrollmentResponse,
  type ExceptionRequestResponse,
  type IntakeResponse,
  type ProgramResponse,
  todayIn,
} from '@haven/domain';
import type { Session } from '../support/app.js';

export type Intake = IntakeResponse;
export type Enrollment = EnrollmentResponse;
export type ExceptionRequest = z.infer<typeof ExceptionRequestResponse>;
export type Program = z.infer<typeof ProgramResponse>;
export type ProgramEligibility = z.infer<typeof ClientEligibilityResponse>['items'][number];

/** Today where the test organizations are (the default time zone), as the server counts it. */
export function today(): string {
  return todayIn('America/New_York');
}

export function daysAgo(days: number): string {
  return addDays(today(), -days);
}

export function ok<T>(response: LightMyRequestResponse, status = 200): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

/** A 400 in the API's one error shape whose `fields` names `field` (or a path under it). */
export function expectFieldRefused(response: LightMyRequestResponse, field: string): Record<string, string> {
  expect(response.statusCode, response.body).toBe(400);
  const fields = response.json<{ error: { fields?: Record<string, string> } }>().error.fields ?? {};
  const named = Object.keys(fields);
  expect(
    named.some((name) => name === field || name.startsWith(`${field}.`)),
    `expected a field named ${field}, got ${named.join(', ') || 'none'}`,
  ).toBe(true);
  return fields;
}

export async function registerClient(session: Session, body: Record<string, unknown>): Promise<string> {
  return ok<{ id: string }>(await session.post('/api/clients', body), 201).id;
}

/** A client whose record holds one immigration status from `effectiveFrom`. */
export function withStatus(givenName: string, familyName: string, status: string, effectiveFrom: string, extra: Record<string, unknown> = {}) {
  return { givenName, familyName, statuses: [{ status, effectiveFrom }], ...extra };
}

/** Programs with the demo codes get the default rules (RP, ICM, MG, LEGAL). */
export async function createProgram(admin: Session, name: string, code: string): Promise<Program> {
  return ok<Program>(await admin.post('/api/programs', { name, code }), 201);
}

export async function eligibilityOf(session: Session, clientId: string, programId: string, query: Record<string, string> = {}): Promise<ProgramEligibility> {
  const params = new URLSearchParams({ programId, ...query });
  const body = ok<{ items: ProgramEligibility[] }>(await session.get(`/api/clients/${clientId}/eligibility?${params.toString()}`));
  expect(body.items).toHaveLength(1);
  return body.items[0]!;
}

export async function enrollmentsOf(session: Session, clientId: string): Promise<Enrollment[]> {
  return ok<{ items: Enrollment[] }>(await session.get(`/api/enrollments?clientId=${clientId}`)).items;
}
