import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateExceptionRequest, DecideExceptionRequest, ExceptionRequestPage, ExceptionRequestResponse } from '@haven/domain';
import { api } from '../../app/api-client';

export type ExceptionRequest = z.infer<typeof ExceptionRequestResponse>;
export type ExceptionStatus = ExceptionRequest['status'];
export type ExceptionPageData = z.infer<typeof ExceptionRequestPage>;
export type CreateExceptionBody = z.input<typeof CreateExceptionRequest>;
export type DecideExceptionBody = z.input<typeof DecideExceptionRequest>;

export const exceptionKeys = {
  all: ['exception-requests'] as const,
  list: (status: ExceptionStatus | 'all') => ['exception-requests', 'list', status] as const,
};

/** Deciders get every request of the organization; everyone else gets the ones they made. */
export function exceptionListOptions(status: ExceptionStatus | 'all', limit = 50) {
  return queryOptions({
    queryKey: exceptionKeys.list(status),
    queryFn: ({ signal }) =>
      api<ExceptionPageData>('/api/exception-requests', { query: { status: status === 'all' ? undefined : status, limit }, signal }),
  });
}

export const exceptionsApi = {
  request: (body: CreateExceptionBody) => api<ExceptionRequest>('/api/exception-requests', { method: 'POST', body }),
  decide: (id: string, body: DecideExceptionBody) =>
    api<ExceptionRequest>(`/api/exception-requests/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
};
