import { queryOptions } from '@tanstack/react-query';
import type { ProgramEligibilityRules, Role } from '@haven/domain';
import { api } from '../../app/api-client';
import type { Invitation, ItemList, Member, Office, Organization, Outbox, Program, RoleActions } from '../../app/api-types';

export const adminKeys = {
  members: ['members'] as const,
  invitations: ['invitations'] as const,
  roles: ['roles'] as const,
  programs: ['programs'] as const,
  offices: ['offices'] as const,
  organization: ['organization'] as const,
  organizations: ['organizations'] as const,
  outbox: ['outbox'] as const,
};

export const membersOptions = queryOptions({
  queryKey: adminKeys.members,
  queryFn: ({ signal }) => api<ItemList<Member>>('/api/members', { signal }),
});

export const invitationsOptions = queryOptions({
  queryKey: adminKeys.invitations,
  queryFn: ({ signal }) => api<ItemList<Invitation>>('/api/invitations', { signal }),
});

export const rolesOptions = queryOptions({
  queryKey: adminKeys.roles,
  queryFn: ({ signal }) => api<{ roles: RoleActions[] }>('/api/roles', { signal }),
  staleTime: 5 * 60_000,
});

export const programsOptions = queryOptions({
  queryKey: adminKeys.programs,
  queryFn: ({ signal }) => api<ItemList<Program>>('/api/programs', { signal }),
});

export const officesOptions = queryOptions({
  queryKey: adminKeys.offices,
  queryFn: ({ signal }) => api<ItemList<Office>>('/api/offices', { signal }),
});

export const organizationOptions = queryOptions({
  queryKey: adminKeys.organization,
  queryFn: ({ signal }) => api<Organization>('/api/organization', { signal }),
});

export const organizationsOptions = queryOptions({
  queryKey: adminKeys.organizations,
  queryFn: ({ signal }) => api<ItemList<Organization>>('/api/organizations', { signal }),
});

export const outboxOptions = queryOptions({
  queryKey: adminKeys.outbox,
  queryFn: ({ signal }) => api<ItemList<Outbox>>('/api/outbox', { signal }),
});

export const adminApi = {
  updateMember: (userId: string, body: { role?: Role; status?: 'active' | 'suspended' }) =>
    api<Member>(`/api/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body }),
  invite: (body: { email: string; role: Role }) => api<Invitation>('/api/invitations', { method: 'POST', body }),
  revokeInvitation: (id: string) => api<undefined>(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  createProgram: (body: { name: string; code?: string; description?: string }) => api<Program>('/api/programs', { method: 'POST', body }),
  updateProgram: (id: string, body: { name?: string; description?: string | null; active?: boolean; eligibilityRules?: ProgramEligibilityRules | null }) =>
    api<Program>(`/api/programs/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  createOffice: (body: { name: string; address?: string; phone?: string }) => api<Office>('/api/offices', { method: 'POST', body }),
  updateOffice: (id: string, body: { name?: string; address?: string | null; phone?: string | null; active?: boolean }) =>
    api<Office>(`/api/offices/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  updateOrganization: (body: { name?: string; mfaRequired?: boolean; languages?: string[]; defaultLocale?: string }) =>
    api<Organization>('/api/organization', { method: 'PATCH', body }),
  createOrganization: (body: { name: string; adminEmail: string }) => api<Organization>('/api/organizations', { method: 'POST', body }),
};
