import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { IMPORT_CONTENT_TYPES, type ImportDateFormat, type ImportMapping, type ImportResponse } from '@haven/domain';
import { api } from '../../app/api-client';

export type ClientImport = z.infer<typeof ImportResponse>;

export const importKeys = {
  all: ['client-imports'] as const,
  detail: (id: string) => ['client-imports', id] as const,
};

/** The format a chosen file is sent as, by its extension: browsers report CSV files inconsistently. */
export function importFormatOf(file: File): keyof typeof IMPORT_CONTENT_TYPES | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) {
    return 'csv';
  }
  if (name.endsWith('.xlsx')) {
    return 'xlsx';
  }
  return null;
}

export function uploadImport(file: File, format: keyof typeof IMPORT_CONTENT_TYPES): Promise<ClientImport> {
  return api<ClientImport>('/api/client-imports', {
    method: 'POST',
    query: { filename: file.name },
    file: new Blob([file], { type: IMPORT_CONTENT_TYPES[format] }),
  });
}

/** While a check or the import runs, the API reports how far it is: poll once a second. */
export function importOptions(id: string, polling: boolean) {
  return queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => api<ClientImport>(`/api/client-imports/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: polling ? 1000 : false,
  });
}

export function saveMapping(current: ClientImport, mapping: ImportMapping, dateFormat: ImportDateFormat): Promise<ClientImport> {
  return api<ClientImport>(`/api/client-imports/${encodeURIComponent(current.id)}`, {
    method: 'PATCH',
    body: { mapping, dateFormat, version: current.version },
  });
}

export function dryRunImport(id: string): Promise<ClientImport> {
  return api<ClientImport>(`/api/client-imports/${encodeURIComponent(id)}/dry-run`, { method: 'POST' });
}

export function runImport(id: string): Promise<ClientImport> {
  return api<ClientImport>(`/api/client-imports/${encodeURIComponent(id)}/run`, { method: 'POST' });
}

export function exportUrl(format: 'csv' | 'xlsx'): string {
  return `/api/clients/export?format=${format}`;
}
