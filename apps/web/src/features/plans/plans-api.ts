import { queryOptions } from '@tanstack/react-query';
import type { PlanDecisionRequest, PlanList, PlanPrintContext, PlanResponse, UpdatePlanInput } from '@haven/domain';
import type { z } from 'zod';
import { api } from '../../app/api-client';

export type Plan = PlanResponse;
export type PlanDecisionBody = z.input<typeof PlanDecisionRequest>;

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/plans`;
const one = (caseId: string, planId: string) => `${base(caseId)}/${encodeURIComponent(planId)}`;

export const planKeys = {
  ofCase: (caseId: string) => ['plans', caseId] as const,
  detail: (caseId: string, planId: string) => ['plans', caseId, planId] as const,
  printContext: (caseId: string, planId: string) => ['plans', caseId, planId, 'print-context'] as const,
};

export function casePlansOptions(caseId: string) {
  return queryOptions({
    queryKey: planKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<PlanList>(base(caseId), { signal, query: { limit: 200 } }),
  });
}

export function planOptions(caseId: string, planId: string) {
  return queryOptions({
    queryKey: planKeys.detail(caseId, planId),
    queryFn: ({ signal }) => api<Plan>(one(caseId, planId), { signal }),
  });
}

export function planPrintContextOptions(caseId: string, planId: string) {
  return queryOptions({
    queryKey: planKeys.printContext(caseId, planId),
    queryFn: ({ signal }) => api<PlanPrintContext>(`${one(caseId, planId)}/print-context`, { signal }),
  });
}

export const plansApi = {
  create: (caseId: string) => api<Plan>(base(caseId), { method: 'POST', body: {} }),
  save: (caseId: string, planId: string, body: UpdatePlanInput) => api<Plan>(one(caseId, planId), { method: 'PUT', body }),
  submit: (caseId: string, planId: string, version: number) => api<Plan>(`${one(caseId, planId)}/submit`, { method: 'POST', body: { version } }),
  decide: (caseId: string, planId: string, body: PlanDecisionBody) => api<Plan>(`${one(caseId, planId)}/decision`, { method: 'POST', body }),
};
