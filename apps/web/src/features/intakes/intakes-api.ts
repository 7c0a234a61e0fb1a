import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ClientEligibilityResponse,
  CompleteIntakeRequest,
  CreateIntakeRequest,
  EnrollmentPage,
  IntakeExtraFacts,
  IntakePage,
  IntakeResponse,
  UpdateIntakeRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

export type Intake = z.infer<typeof IntakeResponse>;
export type IntakeSummary = z.infer<typeof IntakePage>['items'][number];
export type IntakePageData = z.infer<typeof IntakePage>;
export type IntakeStatus = Intake['status'];
export type UpdateIntakeBody = z.input<typeof UpdateIntakeRequest>;
export type CompleteIntakeBody = z.input<typeof CompleteIntakeRequest>;
export type CreateIntakeBody = z.input<typeof CreateIntakeRequest>;
export type ExtraFacts = z.infer<typeof IntakeExtraFacts>;
export type ClientEligibility = z.infer<typeof ClientEligibilityResponse>;
export type ProgramEligibility = ClientEligibility['items'][number];
export type EnrollmentPageData = z.infer<typeof EnrollmentPage>;
export type Enrollment = EnrollmentPageData['items'][number];

export const intakeKeys = {
  all: ['intakes'] as const,
  lists: ['intakes', 'list'] as const,
  list: (status: IntakeStatus, mine: boolean) => ['intakes', 'list', { status, mine }] as const,
  detail: (id: string) => ['intakes', 'detail', id] as const,
};

export const enrollmentKeys = {
  all: ['enrollments'] as const,
  ofClient: (clientId: string) => ['enrollments', 'list', { clientId }] as const,
};

/** Eligibility answers change with the client record, an exception decision and the extra facts. */
export const eligibilityKeys = {
  all: ['eligibility'] as const,
  ofClient: (clientId: string) => ['eligibility', clientId] as const,
};

export function intakeListOptions(status: IntakeStatus, { mine = false, limit = 20 } = {}) {
  return queryOptions({
    queryKey: intakeKeys.list(status, mine),
    queryFn: ({ signal }) => api<IntakePageData>('/api/intakes', { query: { status, mine: mine ? 'true' : undefined, limit }, signal }),
  });
}

export function intakeOptions(id: string) {
  return queryOptions({
    queryKey: intakeKeys.detail(id),
    queryFn: ({ signal }) => api<Intake>(`/api/intakes/${encodeURIComponent(id)}`, { signal }),
    // The wizard holds the answers being typed; a background refetch must not replace them.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** One client's eligibility for one program on a day, with the facts the record does not hold. */
export function eligibilityOptions(clientId: string, programId: string, facts: ExtraFacts, asOf?: string) {
  const query = {
    programId,
    asOf,
    communityEntryDate: facts.communityEntryDate,
    traffickingCertificationDate: facts.traffickingCertificationDate,
    sivAdjustedInUs: facts.sivAdjustedInUs === undefined ? undefined : String(facts.sivAdjustedInUs),
  };
  return queryOptions({
    queryKey: [...eligibilityKeys.ofClient(clientId), query] as const,
    queryFn: ({ signal }) => api<ClientEligibility>(`/api/clients/${encodeURIComponent(clientId)}/eligibility`, { query, signal }),
  });
}

export function clientEnrollmentsOptions(clientId: string) {
  return queryOptions({
    queryKey: enrollmentKeys.ofClient(clientId),
    queryFn: ({ signal }) => api<EnrollmentPageData>('/api/enrollments', { query: { clientId, limit: 50 }, signal }),
  });
}

const base = (id: string) => `/api/intakes/${encodeURIComponent(id)}`;

export const intakesApi = {
  create: (body: CreateIntakeBody) => api<Intake>('/api/intakes', { method: 'POST', body }),
  update: (id: string, body: UpdateIntakeBody) => api<Intake>(base(id), { method: 'PATCH', body }),
  complete: (id: string, body: CompleteIntakeBody) => api<Intake>(`${base(id)}/complete`, { method: 'POST', body }),
};
