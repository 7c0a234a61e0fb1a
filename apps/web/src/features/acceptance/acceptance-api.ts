import { queryOptions } from '@tanstack/react-query';
import type {
  ClearConflictCheckRequest,
  CloseMatterRequest,
  GenerateAgreementRequest,
  MatterAcceptanceResponse,
  MatterDecisionRequest,
  ReopenMatterRequest,
  ScreenMatterRequest,
  SignAgreementRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';
import { matterKeys } from '../matters/matters-api';

export { representativesOptions } from '../matters/matters-api';

export type MatterAcceptance = MatterAcceptanceResponse;

const base = (matterId: string) => `/api/matters/${encodeURIComponent(matterId)}`;

/** Under the matter's own key, so whatever another tab changes on the matter (its parties) refreshes this too. */
export const acceptanceKeys = {
  ofMatter: (matterId: string) => [...matterKeys.ofMatter(matterId), 'acceptance'] as const,
};

export function matterAcceptanceOptions(matterId: string) {
  return queryOptions({
    queryKey: acceptanceKeys.ofMatter(matterId),
    queryFn: ({ signal }) => api<MatterAcceptance>(`${base(matterId)}/acceptance`, { signal }),
  });
}

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
