import { queryOptions } from '@tanstack/react-query';
import type { CaseReviewChecklist, CaseReviewList, CaseReviewResponse, CreateCaseReviewRequest, SupervisionDashboard } from '@haven/domain';
import { api } from '../../app/api-client';

export type DashboardData = SupervisionDashboard;
export type ReviewChecklist = CaseReviewChecklist;
export type Review = CaseReviewResponse;

export interface DashboardFilters {
  scope?: 'team' | 'all';
  programId?: string;
}

export const supervisionKeys = {
  dashboard: (filters: DashboardFilters) => ['supervision', 'dashboard', filters] as const,
  reviews: ['reviews'] as const,
  checklist: (lookup: { caseId?: string; reference?: string }) => ['reviews', 'checklist', lookup] as const,
};

export function dashboardOptions(filters: DashboardFilters) {
  return queryOptions({
    queryKey: supervisionKeys.dashboard(filters),
    queryFn: ({ signal }) => api<DashboardData>('/api/supervision/dashboard', { query: { ...filters }, signal }),
  });
}

export function recentReviewsOptions(limit = 10) {
  return queryOptions({
    queryKey: [...supervisionKeys.reviews, 'recent', limit],
    queryFn: ({ signal }) => api<CaseReviewList>('/api/reviews', { query: { limit }, signal }),
  });
}

export function checklistOptions(lookup: { caseId?: string; reference?: string }) {
  return queryOptions({
    queryKey: supervisionKeys.checklist(lookup),
    queryFn: ({ signal }) => api<ReviewChecklist>('/api/reviews/checklist', { query: lookup, signal }),
    retry: false,
  });
}

export const reviewsApi = {
  record: (body: CreateCaseReviewRequest) => api<Review>('/api/reviews', { method: 'POST', body }),
};
