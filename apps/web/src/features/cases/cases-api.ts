import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CaseListItem,
  CaseListQuery,
  CasePage,
  CaseResponse,
  CaseStaffResponse,
  CaseTimelineEntry,
  CaseTimelinePage,
  CreateCaseRequest,
  DecideCaseClosureRequest,
  MoveCaseStageRequest,
  ReopenCaseRequest,
  RequestCaseClosureRequest,
  TransferCaseRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

export type CaseItem = CaseListItem;
export type Case = CaseResponse;
export type TimelineEntry = CaseTimelineEntry;
export type CaseFilters = Partial<Omit<z.input<typeof CaseListQuery>, 'cursor' | 'limit'>>;

const one = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

export const caseKeys = {
  all: ['cases'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', filters] as const,
  detail: (caseId: string) => ['cases', 'detail', caseId] as const,
  timeline: (caseId: string) => ['cases', 'timeline', caseId] as const,
  staff: ['cases', 'staff'] as const,
};

export function caseloadOptions(filters: CaseFilters) {
  return queryOptions({
    queryKey: caseKeys.list(filters),
    queryFn: ({ signal }) => api<CasePage>('/api/cases', { signal, query: { ...filters, limit: 200 } }),
  });
}

/** The caseload page: 50 at a time, following the keyset cursor. */
export function caseloadPagesOptions(filters: CaseFilters) {
  return infiniteQueryOptions({
    queryKey: [...caseKeys.list(filters), 'pages'] as const,
    queryFn: ({ pageParam, signal }) => api<CasePage>('/api/cases', { signal, query: { ...filters, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function caseOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKeys.detail(caseId),
    queryFn: ({ signal }) => api<Case>(one(caseId), { signal }),
  });
}

export function caseTimelinePage(caseId: string, cursor: string | null, signal?: AbortSignal) {
  return api<CaseTimelinePage>(`${one(caseId)}/timeline`, { signal, query: { cursor, limit: 50 } });
}

export const caseStaffOptions = queryOptions({
  queryKey: caseKeys.staff,
  queryFn: ({ signal }) => api<CaseStaffResponse>('/api/case-staff', { signal }),
  staleTime: 60_000,
});

export const casesApi = {
  open: (body: z.input<typeof CreateCaseRequest>) => api<Case>('/api/cases', { method: 'POST', body }),
  moveStage: (caseId: string, body: z.input<typeof MoveCaseStageRequest>) => api<Case>(`${one(caseId)}/stage`, { method: 'POST', body }),
  transfer: (caseId: string, body: z.input<typeof TransferCaseRequest>) => api<Case>(`${one(caseId)}/transfer`, { method: 'POST', body }),
  requestClosure: (caseId: string, body: z.input<typeof RequestCaseClosureRequest>) => api<Case>(`${one(caseId)}/closure`, { method: 'POST', body }),
  decideClosure: (caseId: string, body: z.input<typeof DecideCaseClosureRequest>) => api<Case>(`${one(caseId)}/closure/decision`, { method: 'POST', body }),
  reopen: (caseId: string, body: z.input<typeof ReopenCaseRequest>) => api<Case>(`${one(caseId)}/reopen`, { method: 'POST', body }),
};
