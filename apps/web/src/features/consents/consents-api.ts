import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ConsentList, ConsentPrintContext, ConsentResponse, CreateConsentRequest, RevokeConsentRequest } from '@haven/domain';
import { api } from '../../app/api-client';

export type Consent = z.infer<typeof ConsentResponse>;
export type ConsentListData = z.infer<typeof ConsentList>;
export type PrintContext = z.infer<typeof ConsentPrintContext>;
export type CreateConsentBody = z.input<typeof CreateConsentRequest>;
export type RevokeConsentBody = z.input<typeof RevokeConsentRequest>;

const base = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}`;
const one = (clientId: string, consentId: string) => `${base(clientId)}/consents/${encodeURIComponent(consentId)}`;

export const consentKeys = {
  ofClient: (clientId: string) => ['consents', clientId] as const,
  detail: (clientId: string, consentId: string) => ['consents', clientId, consentId] as const,
  printContext: (clientId: string) => ['consents', clientId, 'print-context'] as const,
};

export function clientConsentsOptions(clientId: string) {
  return queryOptions({
    queryKey: consentKeys.ofClient(clientId),
    queryFn: ({ signal }) => api<ConsentListData>(`${base(clientId)}/consents`, { signal }),
  });
}

export function consentOptions(clientId: string, consentId: string) {
  return queryOptions({
    queryKey: consentKeys.detail(clientId, consentId),
    queryFn: ({ signal }) => api<Consent>(one(clientId, consentId), { signal }),
  });
}

export function printContextOptions(clientId: string) {
  return queryOptions({
    queryKey: consentKeys.printContext(clientId),
    queryFn: ({ signal }) => api<PrintContext>(`${base(clientId)}/consent-print-context`, { signal }),
  });
}

/** A plain link: the browser downloads with the session cookie; the API audits the read. */
export function consentDocumentUrl(clientId: string, consentId: string): string {
  return `${one(clientId, consentId)}/document`;
}

export const consentsApi = {
  record: (clientId: string, body: CreateConsentBody) => api<Consent>(`${base(clientId)}/consents`, { method: 'POST', body }),
  revoke: (clientId: string, consentId: string, body: RevokeConsentBody) => api<Consent>(`${one(clientId, consentId)}/revoke`, { method: 'POST', body }),
  upload: (clientId: string, consentId: string, file: File) =>
    api<Consent>(`${one(clientId, consentId)}/document`, { method: 'PUT', file, query: { filename: file.name.slice(0, 200) } }),
};
