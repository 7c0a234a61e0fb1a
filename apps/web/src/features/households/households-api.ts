import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AddHouseholdMemberRequest, CreateHouseholdRequest, UpdateHouseholdMemberRequest, UpdateHouseholdRequest } from '@haven/domain';
import { api } from '../../app/api-client';
import type { Household, HouseholdPageData } from '../../app/api-types';

export type CreateHouseholdBody = z.input<typeof CreateHouseholdRequest>;
export type UpdateHouseholdBody = z.input<typeof UpdateHouseholdRequest>;
export type AddMemberBody = z.input<typeof AddHouseholdMemberRequest>;
export type UpdateMemberBody = z.input<typeof UpdateHouseholdMemberRequest>;

export const householdKeys = {
  all: ['households'] as const,
  ofClient: (clientId: string) => ['households', 'list', { clientId }] as const,
  detail: (id: string) => ['households', 'detail', id] as const,
};

/** Households a client belongs or belonged to. */
export function clientHouseholdsOptions(clientId: string) {
  return queryOptions({
    queryKey: householdKeys.ofClient(clientId),
    queryFn: ({ signal }) => api<HouseholdPageData>('/api/households', { query: { clientId, limit: 50 }, signal }),
  });
}

export function householdOptions(id: string) {
  return queryOptions({
    queryKey: householdKeys.detail(id),
    queryFn: ({ signal }) => api<Household>(`/api/households/${encodeURIComponent(id)}`, { signal }),
  });
}

const base = (id: string) => `/api/households/${encodeURIComponent(id)}`;

export const householdsApi = {
  create: (body: CreateHouseholdBody) => api<Household>('/api/households', { method: 'POST', body }),
  rename: (id: string, body: UpdateHouseholdBody) => api<Household>(base(id), { method: 'PATCH', body }),
  addMember: (id: string, body: AddMemberBody) => api<Household>(`${base(id)}/members`, { method: 'POST', body }),
  updateMember: (id: string, memberId: string, body: UpdateMemberBody) =>
    api<Household>(`${base(id)}/members/${encodeURIComponent(memberId)}`, { method: 'PATCH', body }),
};
