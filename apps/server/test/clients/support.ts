import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ClientResponse, ClientSummary, DuplicateCandidate } from '@haven/domain';
import type { Session } from '../support/app.js';

/** One row of GET /api/clients, with why it matched a search. */
export type SearchHit = ClientSummary & { matchedOn: 'name' | 'a_number' | 'receipt_number' | 'phone' | null; score: number | null };

export async function registerClient(session: Session, body: Record<string, unknown>): Promise<ClientResponse> {
  const response = await session.post('/api/clients', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ClientResponse>();
}

export async function searchClients(session: Session, q: string, limit?: number): Promise<SearchHit[]> {
  const response = await session.get(`/api/clients?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: SearchHit[] }>().items;
}

export async function countClients(session: Session, q?: string): Promise<number> {
  const response = await session.get(`/api/clients/count${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ count: number }>().count;
}

export async function duplicateCheck(session: Session, draft: Record<string, unknown>): Promise<DuplicateCandidate[]> {
  const response = await session.post('/api/clients/duplicate-check', draft);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: DuplicateCandidate[] }>().items;
}

/** A 400 in the API's one error shape whose `fields` names `field` (or a path under it). */
export function expectFieldRefused(response: LightMyRequestResponse, field: string): void {
  expect(response.statusCode, response.body).toBe(400);
  const error = response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;
  expect(error.code, response.body).toBe('validation_failed');
  const named = Object.keys(error.fields ?? {});
  expect(
    named.some((name) => name === field || name.startsWith(`${field}.`)),
    `expected a field named ${field}, got ${named.join(', ') || 'none'}`,
  ).toBe(true);
}
