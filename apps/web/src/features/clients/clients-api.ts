import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateClientRequest } from '@haven/domain';
import { api } from '../../app/api-client';
import type { Client, ClientPageData } from '../../app/api-types';

export type CreateClientBody = z.input<typeof CreateClientRequest>;

const PAGE_SIZE = 50;

export function clientListOptions(q: string) {
  return infiniteQueryOptions({
    queryKey: ['clients', 'list', q],
    queryFn: ({ pageParam, signal }) =>
      api<ClientPageData>('/api/clients', { query: { q: q || undefined, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function clientOptions(id: string) {
  return queryOptions({
    queryKey: ['clients', 'detail', id],
    queryFn: ({ signal }) => api<Client>(`/api/clients/${encodeURIComponent(id)}`, { signal }),
  });
}

export function createClient(body: CreateClientBody): Promise<Client> {
  return api<Client>('/api/clients', { method: 'POST', body });
}

export function clientFullName(client: Pick<Client, 'givenName' | 'familyName'>): string {
  return `${client.givenName} ${client.familyName}`.trim();
}
