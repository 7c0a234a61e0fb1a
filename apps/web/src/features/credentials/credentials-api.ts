import { queryOptions } from '@tanstack/react-query';
import type {
  CreateCredentialRequest,
  CreateRecognitionRequest,
  CredentialOverview,
  CredentialResponse,
  CredentialStatus,
  CredentialKind,
  MyCredentials,
  RecognitionList,
  RecognitionResponse,
  UpdateCredentialRequest,
  UpdateRecognitionRequest,
} from '@haven/domain';
import { api } from '../../app/api-client';

export const credentialKeys = {
  all: ['credentials'] as const,
  list: (filter: CredentialFilter) => ['credentials', 'list', filter] as const,
  overview: ['credentials', 'overview'] as const,
  mine: ['credentials', 'mine'] as const,
  recognitions: ['credentials', 'recognitions'] as const,
};

export interface CredentialFilter {
  status?: CredentialStatus;
  kind?: CredentialKind;
}

export const overviewOptions = queryOptions({
  queryKey: credentialKeys.overview,
  queryFn: ({ signal }) => api<CredentialOverview>('/api/credentials/overview', { signal }),
});

export const myCredentialsOptions = queryOptions({
  queryKey: credentialKeys.mine,
  queryFn: ({ signal }) => api<MyCredentials>('/api/credentials/mine', { signal }),
});

export const recognitionsOptions = queryOptions({
  queryKey: credentialKeys.recognitions,
  queryFn: ({ signal }) => api<RecognitionList>('/api/recognitions', { signal, query: { limit: 50 } }),
});

export const credentialsApi = {
  create: (body: CreateCredentialRequest) => api<CredentialResponse>('/api/credentials', { method: 'POST', body }),
  update: (id: string, body: UpdateCredentialRequest) => api<CredentialResponse>(`/api/credentials/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  remove: (id: string, version: number) => api<null>(`/api/credentials/${encodeURIComponent(id)}`, { method: 'DELETE', query: { version } }),
  createRecognition: (body: CreateRecognitionRequest) => api<RecognitionResponse>('/api/recognitions', { method: 'POST', body }),
  updateRecognition: (id: string, body: UpdateRecognitionRequest) => api<RecognitionResponse>(`/api/recognitions/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
};
