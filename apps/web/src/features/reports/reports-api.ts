import { queryOptions } from '@tanstack/react-query';
import type { ActiveClientsServedReport, MonthlyContactRateReport } from '@haven/domain';
import { api, buildUrl } from '../../app/api-client';

export interface ServedFilters {
  month: string;
  programId?: string;
  caseManagerId?: string;
}

export interface RateFilters {
  from: string;
  to: string;
  programId?: string;
  caseManagerId?: string;
}

export function activeClientsServedOptions(filters: ServedFilters) {
  return queryOptions({
    queryKey: ['reports', 'active-clients-served', filters] as const,
    queryFn: ({ signal }) => api<ActiveClientsServedReport>('/api/reports/active-clients-served', { query: { ...filters }, signal }),
    retry: false,
  });
}

export function monthlyContactRateOptions(filters: RateFilters) {
  return queryOptions({
    queryKey: ['reports', 'monthly-contact-rate', filters] as const,
    queryFn: ({ signal }) => api<MonthlyContactRateReport>('/api/reports/monthly-contact-rate', { query: { ...filters }, signal }),
    retry: false,
  });
}

/** Plain links: the browser downloads with the session cookie; the API audits the export. */
export function activeClientsServedFileUrl(filters: ServedFilters, format: 'csv' | 'xlsx'): string {
  return buildUrl('/api/reports/active-clients-served', { ...filters, format });
}

export function monthlyContactRateFileUrl(filters: RateFilters, format: 'csv' | 'xlsx'): string {
  return buildUrl('/api/reports/monthly-contact-rate', { ...filters, format });
}
