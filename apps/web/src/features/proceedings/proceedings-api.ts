import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type {
  CheckinList,
  CheckinResponse,
  CreateCheckinRequest,
  CreateDecisionRequest,
  CreateFilingRequest,
  CreateHearingRequest,
  DecisionList,
  DecisionSaved,
  FilingList,
  FilingSaved,
  HearingList,
  HearingResponse,
  ReceiptNumberResponse,
  UpdateCheckinRequest,
  UpdateFilingRequest,
  UpdateHearingRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

const matter = (matterId: string) => `/api/matters/${encodeURIComponent(matterId)}`;
/** A matter's proceedings are short lists: one page of the largest size holds them. */
const query = { limit: 200 };

export const proceedingsKeys = {
  /** Under the matter's own key, so a save refreshes its deadlines and chronology too. */
  ofMatter: (matterId: string) => ['matters', matterId] as const,
  filings: (matterId: string) => ['matters', matterId, 'filings'] as const,
  hearings: (matterId: string) => ['matters', matterId, 'hearings'] as const,
  checkins: (matterId: string) => ['matters', matterId, 'checkins'] as const,
  decisions: (matterId: string) => ['matters', matterId, 'decisions'] as const,
};

export function filingsOptions(matterId: string) {
  return queryOptions({ queryKey: proceedingsKeys.filings(matterId), queryFn: ({ signal }) => api<FilingList>(`${matter(matterId)}/filings`, { query, signal }) });
}
export function hearingsOptions(matterId: string) {
  return queryOptions({ queryKey: proceedingsKeys.hearings(matterId), queryFn: ({ signal }) => api<HearingList>(`${matter(matterId)}/hearings`, { query, signal }) });
}
export function checkinsOptions(matterId: string) {
  return queryOptions({ queryKey: proceedingsKeys.checkins(matterId), queryFn: ({ signal }) => api<CheckinList>(`${matter(matterId)}/checkins`, { query, signal }) });
}
export function decisionsOptions(matterId: string) {
  return queryOptions({ queryKey: proceedingsKeys.decisions(matterId), queryFn: ({ signal }) => api<DecisionList>(`${matter(matterId)}/decisions`, { query, signal }) });
}

export const proceedingsApi = {
  recordFiling: (matterId: string, body: CreateFilingRequest) => api<FilingSaved>(`${matter(matterId)}/filings`, { method: 'POST', body }),
  updateFiling: (filingId: string, body: UpdateFilingRequest) => api<FilingSaved>(`/api/matter-filings/${encodeURIComponent(filingId)}`, { method: 'PATCH', body }),
  receiptNumber: (filingId: string) => api<ReceiptNumberResponse>(`/api/matter-filings/${encodeURIComponent(filingId)}/receipt-number`),
  scheduleHearing: (matterId: string, body: CreateHearingRequest) => api<HearingResponse>(`${matter(matterId)}/hearings`, { method: 'POST', body }),
  updateHearing: (hearingId: string, body: UpdateHearingRequest) => api<HearingResponse>(`/api/matter-hearings/${encodeURIComponent(hearingId)}`, { method: 'PATCH', body }),
  scheduleCheckin: (matterId: string, body: CreateCheckinRequest) => api<CheckinResponse>(`${matter(matterId)}/checkins`, { method: 'POST', body }),
  updateCheckin: (checkinId: string, body: UpdateCheckinRequest) => api<CheckinResponse>(`/api/matter-checkins/${encodeURIComponent(checkinId)}`, { method: 'PATCH', body }),
  recordDecision: (matterId: string, body: CreateDecisionRequest) => api<DecisionSaved>(`${matter(matterId)}/decisions`, { method: 'POST', body }),
};

/** After a save: the matter (its deadlines, chronology and these lists) is read again. */
export function useInvalidateMatter(matterId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: proceedingsKeys.ofMatter(matterId) });
}
