import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateClientRequest, DuplicateCheckRequest, UpdateClientRequest } from '@haven/domain';
import { api, isApiError } from '../../app/api-client';
import type { Client, ClientPageData, DuplicateCandidateList } from '../../app/api-types';

export type CreateClientBody = z.input<typeof CreateClientRequest>;
export type UpdateClientBody = z.input<typeof UpdateClientRequest>;
export type DuplicateCheckBody = z.input<typeof DuplicateCheckRequest>;

const PAGE_SIZE = 50;

export const clientKeys = {
  all: ['clients'] as const,
  lists: ['clients', 'list'] as const,
  detail: (id: string) => ['clients', 'detail', id] as const,
  duplicates: (id: string) => ['clients', 'duplicates', id] as const,
};

export function clientListOptions(q: string, limit = PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: [...clientKeys.lists, q, limit],
    queryFn: ({ pageParam, signal }) =>
      api<ClientPageData>('/api/clients', { query: { q: q || undefined, limit, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One search page (no paging): for pickers that look a person up by name or identifier. */
export function clientSearchOptions(q: string) {
  return queryOptions({
    queryKey: [...clientKeys.lists, 'search', q],
    queryFn: ({ signal }) => api<ClientPageData>('/api/clients', { query: { q, limit: 10 }, signal }),
    enabled: q.trim().length >= 2,
    staleTime: 10_000,
  });
}

/**
 * One client. A protected record (8 USC 1367) is opened only with a stated reason, which the API
 * audits; the reason is part of the key so that each opening with a reason is its own read.
 */
export function clientOptions(id: string, reason?: string) {
  return queryOptions({
    queryKey: [...clientKeys.detail(id), reason ?? null],
    queryFn: ({ signal }) =>
      api<Client>(`/api/clients/${encodeURIComponent(id)}`, { query: { reason }, signal }),
    // A refetch of a protected record would write another audited read: keep what was opened.
    staleTime: reason ? Infinity : 30_000,
  });
}

export function isReasonRequired(error: unknown): boolean {
  return isApiError(error) && error.code === 'reason_required';
}

export function clientDuplicatesOptions(id: string) {
  return queryOptions({
    queryKey: clientKeys.duplicates(id),
    queryFn: ({ signal }) => api<DuplicateCandidateList>(`/api/clients/${encodeURIComponent(id)}/duplicates`, { signal }),
  });
}

export function createClient(body: CreateClientBody): Promise<Client> {
  return api<Client>('/api/clients', { method: 'POST', body });
}

export function updateClient(id: string, body: UpdateClientBody): Promise<Client> {
  return api<Client>(`/api/clients/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function mergeClients(survivorId: string, body: { duplicateId: string; version: number; reason: string }): Promise<Client> {
  return api<Client>(`/api/clients/${encodeURIComponent(survivorId)}/merge`, { method: 'POST', body });
}

export function checkDuplicates(body: DuplicateCheckBody): Promise<DuplicateCandidateList> {
  return api<DuplicateCandidateList>('/api/clients/duplicate-check', { method: 'POST', body });
}

export function clientFullName(client: Pick<Client, 'givenName' | 'familyName'>): string {
  return `${client.givenName} ${client.familyName}`.trim();
}
