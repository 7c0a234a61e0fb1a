import { infiniteQueryOptions, queryOptions, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignDeadlineRequest,
  CreateManualDeadlineRequest,
  CreateMatterRequest,
  MatterDeadline,
  MatterDeadlinesResponse,
  MatterDetail,
  MatterFactsResponse,
  MatterListQuery,
  MatterPage,
  MatterParty,
  MatterPartyInput,
  MatterRepresentative,
  UpdateMatterRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

export type MatterFilters = Partial<Omit<z.input<typeof MatterListQuery>, 'cursor' | 'limit'>>;

const one = (matterId: string) => `/api/matters/${encodeURIComponent(matterId)}`;

/**
 * Everything of one matter lives under ['matters', matterId], the key the other legal areas
 * (filings, decisions, acceptance) invalidate after a save: the deadlines they move refresh too.
 */
export const matterKeys = {
  all: ['matters'] as const,
  list: (filters: MatterFilters) => ['matters', 'list', filters] as const,
  ofMatter: (matterId: string) => ['matters', matterId] as const,
  detail: (matterId: string) => ['matters', matterId, 'detail'] as const,
  deadlines: (matterId: string) => ['matters', matterId, 'deadlines'] as const,
  parties: (matterId: string) => ['matters', matterId, 'parties'] as const,
  representatives: ['matters', 'representatives'] as const,
};

export function matterPagesOptions(filters: MatterFilters) {
  return infiniteQueryOptions({
    queryKey: [...matterKeys.list(filters), 'pages'] as const,
    queryFn: ({ pageParam, signal }) => api<MatterPage>('/api/matters', { signal, query: { ...filters, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A client's matters: few, one page. */
export function clientMattersOptions(clientId: string) {
  return queryOptions({
    queryKey: matterKeys.list({ clientId }),
    queryFn: ({ signal }) => api<MatterPage>('/api/matters', { signal, query: { clientId, limit: 200 } }),
  });
}

export function matterOptions(matterId: string) {
  return queryOptions({ queryKey: matterKeys.detail(matterId), queryFn: ({ signal }) => api<MatterDetail>(one(matterId), { signal }) });
}

export function matterDeadlinesOptions(matterId: string) {
  return queryOptions({
    queryKey: matterKeys.deadlines(matterId),
    queryFn: ({ signal }) => api<MatterDeadlinesResponse>(`${one(matterId)}/deadlines`, { signal }),
  });
}

export function matterPartiesOptions(matterId: string) {
  return queryOptions({
    queryKey: matterKeys.parties(matterId),
    queryFn: ({ signal }) => api<{ items: MatterParty[] }>(`${one(matterId)}/parties`, { signal }),
  });
}

export const representativesOptions = queryOptions({
  queryKey: matterKeys.representatives,
  queryFn: ({ signal }) => api<{ items: MatterRepresentative[] }>('/api/matters/representatives', { signal }),
  staleTime: 60_000,
});

export const mattersApi = {
  open: (body: z.input<typeof CreateMatterRequest>) => api<MatterDetail>('/api/matters', { method: 'POST', body }),
  update: (matterId: string, body: z.input<typeof UpdateMatterRequest>) => api<MatterDetail>(one(matterId), { method: 'PATCH', body }),
  putFacts: (matterId: string, body: { facts: Record<string, unknown>; version: number }) => api<MatterFactsResponse>(`${one(matterId)}/facts`, { method: 'PUT', body }),
  addParty: (matterId: string, body: z.input<typeof MatterPartyInput>) => api<MatterParty>(`${one(matterId)}/parties`, { method: 'POST', body }),
  removeParty: (partyId: string) => api<null>(`/api/matter-parties/${encodeURIComponent(partyId)}`, { method: 'DELETE' }),
  addDeadline: (matterId: string, body: z.input<typeof CreateManualDeadlineRequest>) => api<MatterDeadline>(`${one(matterId)}/deadlines`, { method: 'POST', body }),
  completeDeadline: (deadlineId: string, version: number) => api<MatterDeadline>(`/api/matter-deadlines/${encodeURIComponent(deadlineId)}/complete`, { method: 'POST', body: { version } }),
  assignDeadline: (deadlineId: string, body: z.input<typeof AssignDeadlineRequest>) =>
    api<MatterDeadline>(`/api/matter-deadlines/${encodeURIComponent(deadlineId)}/assign`, { method: 'POST', body }),
};

/** After a change: the matter, its deadlines and parties, and every list showing it. */
export function useRefreshMatter(matterId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: matterKeys.ofMatter(matterId) });
    await queryClient.invalidateQueries({ queryKey: ['matters', 'list'] });
  };
}
