import { queryOptions } from '@tanstack/react-query';
import type {
  AssessmentHistoryResponse,
  AssessmentList,
  AssessmentResponse,
  CreateAssessmentInput,
  CreateInstrumentRequest,
  InstrumentList,
  InstrumentResponse,
  UpdateInstrumentRequest,
} from '@haven/domain';
import { isDefaultDomain } from '@haven/domain';
import type { TFunction } from 'i18next';
import { api } from '../../app/api-client';

export type Instrument = InstrumentResponse;
export type Assessment = AssessmentResponse;

const caseBase = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

export const assessmentKeys = {
  instruments: ['assessment-instruments'] as const,
  ofCase: (caseId: string) => ['assessments', 'case', caseId] as const,
  history: (clientId: string) => ['assessments', 'client', clientId] as const,
};

export function instrumentsOptions() {
  return queryOptions({
    queryKey: assessmentKeys.instruments,
    queryFn: ({ signal }) => api<InstrumentList>('/api/assessment-instruments', { signal }),
  });
}

export function caseAssessmentsOptions(caseId: string) {
  return queryOptions({
    queryKey: assessmentKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<AssessmentList>(`${caseBase(caseId)}/assessments`, { signal, query: { limit: 200 } }),
  });
}

export function assessmentHistoryOptions(clientId: string) {
  return queryOptions({
    queryKey: assessmentKeys.history(clientId),
    queryFn: ({ signal }) => api<AssessmentHistoryResponse>(`/api/clients/${encodeURIComponent(clientId)}/assessment-history`, { signal }),
  });
}

export const assessmentsApi = {
  record: (caseId: string, body: CreateAssessmentInput) => api<Assessment>(`${caseBase(caseId)}/assessments`, { method: 'POST', body }),
  createInstrument: (body: CreateInstrumentRequest) => api<Instrument>('/api/assessment-instruments', { method: 'POST', body }),
  updateInstrument: (id: string, body: UpdateInstrumentRequest) => api<Instrument>(`/api/assessment-instruments/${encodeURIComponent(id)}`, { method: 'PUT', body }),
};

/** The standard domains are shown in the reader's language; an organization's own by their label. */
export function domainLabel(domain: { key: string; label: string }, t: TFunction): string {
  return isDefaultDomain(domain) ? t(`assessments.domains.${domain.key}` as never) : domain.label;
}
