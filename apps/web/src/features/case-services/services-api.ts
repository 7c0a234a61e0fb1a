import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CaseBudgetSummary,
  CaseServicePage,
  CaseServiceResponse,
  CreateCaseServiceRequest,
  CreateDisbursementRequest,
  DisbursementDecisionRequest,
  DisbursementPage,
  DisbursementResponse,
  SetCaseBudgetRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';
import { i18n } from '../../app/i18n';

export type CaseService = CaseServiceResponse;
export type Disbursement = DisbursementResponse;
export type BudgetSummary = CaseBudgetSummary;
export type CreateServiceBody = z.input<typeof CreateCaseServiceRequest>;
export type SetBudgetBody = z.input<typeof SetCaseBudgetRequest>;
export type CreateDisbursementBody = z.input<typeof CreateDisbursementRequest>;
export type DecisionBody = z.input<typeof DisbursementDecisionRequest>;

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

export const serviceKeys = {
  services: (caseId: string) => ['case-services', caseId, 'services'] as const,
  budgets: (caseId: string) => ['case-services', caseId, 'budgets'] as const,
  disbursements: (caseId: string) => ['case-services', caseId, 'disbursements'] as const,
};

export function caseServicesOptions(caseId: string) {
  return infiniteQueryOptions({
    queryKey: serviceKeys.services(caseId),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => api<CaseServicePage>(`${base(caseId)}/services`, { signal, query: { limit: 25, cursor: pageParam } }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function caseBudgetsOptions(caseId: string) {
  return queryOptions({
    queryKey: serviceKeys.budgets(caseId),
    queryFn: ({ signal }) => api<BudgetSummary>(`${base(caseId)}/budgets`, { signal }),
  });
}

export function caseDisbursementsOptions(caseId: string) {
  return infiniteQueryOptions({
    queryKey: serviceKeys.disbursements(caseId),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => api<DisbursementPage>(`${base(caseId)}/disbursements`, { signal, query: { limit: 25, cursor: pageParam } }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const servicesApi = {
  record: (caseId: string, body: CreateServiceBody) => api<CaseService>(`${base(caseId)}/services`, { method: 'POST', body }),
  setBudget: (caseId: string, body: SetBudgetBody) => api<BudgetSummary>(`${base(caseId)}/budgets`, { method: 'PUT', body }),
  pay: (caseId: string, body: CreateDisbursementBody) => api<Disbursement>(`${base(caseId)}/disbursements`, { method: 'POST', body }),
  decide: (caseId: string, disbursementId: string, body: DecisionBody) =>
    api<Disbursement>(`${base(caseId)}/disbursements/${encodeURIComponent(disbursementId)}/decision`, { method: 'POST', body }),
};

/** Money is kept in integer cents (US dollars); shown in the reader's number format. */
export function formatCents(cents: number): string {
  return new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** "125", "125.5" or "125.50" → 12550; anything else (negative, three decimals, letters) → null. */
export function parseDollars(text: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}
