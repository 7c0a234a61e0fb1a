import { queryOptions } from '@tanstack/react-query';
import type {
  ClearConflictCheckRequest,
  CloseMatterRequest,
  GenerateAgreementRequest,
  MatterAcceptanceResponse,
  MatterDecisionRequest,
  MatterRepresentative,
  ReopenMatterRequest,
  ScreenMatterRequest,
  SignAgreementRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

export type MatterAcceptance = MatterAcceptanceResponse;

const base = (matterId: string) => `/api/matters/${encodeURIComponent(matterId)}`;

export const acceptanceKeys = {
  ofMatter: (matterId: string) => ['matter-acceptance', matterId] as const,
  representatives: ['matter-representatives'] as const,
};

export function matterAcceptanceOptions(matterId: string) {
  return queryOptions({
    queryKey: acceptanceKeys.ofMatter(matterId),
    queryFn: ({ signal }) => api<MatterAcceptance>(`${base(matterId)}/acceptance`, { signal }),
  });
}

/** Members who may represent clients (attorneys, accredited representatives), from the matters API. */
export const representativesOptions = queryOptions({
  queryKey: acceptanceKeys.representatives,
  queryFn: ({ signal }) => api<{ items: MatterRepresentative[] }>('/api/matters/representatives', { signal }),
  staleTime: 60_000,
});

const post = <T>(matterId: string, path: string, body: T) => api<MatterAcceptance>(`${base(matterId)}/${path}`, { method: 'POST', body });

export const acceptanceApi = {
  screen: (matterId: string, body: ScreenMatterRequest) => post(matterId, 'screening', body),
  checkConflicts: (matterId: string) => post(matterId, 'conflict-check', {}),
  clearConflicts: (matterId: string, body: ClearConflictCheckRequest) => post(matterId, 'conflict-check/clear', body),
  decide: (matterId: string, body: MatterDecisionRequest) => post(matterId, 'decision', body),
  generateAgreement: (matterId: string, body: GenerateAgreementRequest) => post(matterId, 'agreement', body),
  signAgreement: (matterId: string, body: SignAgreementRequest) => post(matterId, 'agreement/sign', body),
  close: (matterId: string, body: CloseMatterRequest) => post(matterId, 'close', body),
  reopen: (matterId: string, body: ReopenMatterRequest) => post(matterId, 'reopen', body),
};
