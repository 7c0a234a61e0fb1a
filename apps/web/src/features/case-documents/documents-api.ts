import { infiniteQueryOptions } from '@tanstack/react-query';
import type { CaseDocumentKind, CaseDocumentPage, CaseDocumentResponse } from '@haven/domain';
import { api } from '../../app/api-client';

export type CaseDocument = CaseDocumentResponse;

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/documents`;

export const caseDocumentKeys = {
  ofCase: (caseId: string) => ['case-documents', caseId] as const,
};

export function caseDocumentsOptions(caseId: string) {
  return infiniteQueryOptions({
    queryKey: caseDocumentKeys.ofCase(caseId),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => api<CaseDocumentPage>(base(caseId), { signal, query: { limit: 50, cursor: pageParam } }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A plain link: the browser downloads with the session cookie; the API audits the read. */
export function caseDocumentUrl(caseId: string, documentId: string): string {
  return `${base(caseId)}/${encodeURIComponent(documentId)}/content`;
}

export const caseDocumentsApi = {
  upload: (caseId: string, kind: CaseDocumentKind, file: File) =>
    api<CaseDocument>(base(caseId), { method: 'PUT', file, query: { kind, filename: file.name.slice(0, 200) } }),
};
