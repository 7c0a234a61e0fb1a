import { queryOptions } from '@tanstack/react-query';
import type { RaiseRiskFlagRequest, ResolveRiskFlagRequest, RiskFlagList, RiskFlagResponse, UpdateRiskFlagRequest } from '@haven/domain';
import { api } from '../../app/api-client';

export type RiskFlag = RiskFlagResponse;

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/risk-flags`;
const one = (caseId: string, flagId: string) => `${base(caseId)}/${encodeURIComponent(flagId)}`;

export const riskFlagKeys = {
  ofCase: (caseId: string) => ['risk-flags', caseId] as const,
};

export function caseRiskFlagsOptions(caseId: string) {
  return queryOptions({
    queryKey: riskFlagKeys.ofCase(caseId),
    queryFn: ({ signal }) => api<RiskFlagList>(base(caseId), { signal }),
  });
}

export const riskFlagsApi = {
  raise: (caseId: string, body: RaiseRiskFlagRequest) => api<RiskFlag>(base(caseId), { method: 'POST', body }),
  update: (caseId: string, flagId: string, body: UpdateRiskFlagRequest) => api<RiskFlag>(one(caseId, flagId), { method: 'PUT', body }),
  resolve: (caseId: string, flagId: string, body: ResolveRiskFlagRequest) => api<RiskFlag>(`${one(caseId, flagId)}/resolve`, { method: 'POST', body }),
};
