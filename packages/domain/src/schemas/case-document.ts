import { z } from 'zod';
import { CaseWorkerRef } from './case-note.js';
import { Cursor, IsoDateTime, Limit, page, Uuid } from './common.js';

export const CASE_DOCUMENT_KINDS = ['receipt', 'identity', 'medical', 'employment', 'housing', 'education', 'legal', 'other'] as const;
export const CaseDocumentKind = z.enum(CASE_DOCUMENT_KINDS);
export type CaseDocumentKind = z.infer<typeof CaseDocumentKind>;

/** Scans and photos: these types only, checked by their first bytes, up to 10 MB (as consent forms). */
export const CASE_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type CaseDocumentType = (typeof CASE_DOCUMENT_TYPES)[number];
export const CASE_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const CASE_DOCUMENT_MESSAGES = {
  wrongType: 'Upload a PDF, JPEG or PNG file',
  notWhatItClaims: 'The file is not the type it claims to be: upload a PDF, JPEG or PNG file',
  tooLarge: 'The file is larger than 10 MB',
  empty: 'Attach a file',
} as const;

export const CaseDocumentUploadQuery = z.strictObject({
  kind: CaseDocumentKind,
  /** The file's name on the uploader's device, shown in the list; never used to store the file. */
  filename: z.string().trim().min(1).max(200).optional(),
});
export type CaseDocumentUploadQuery = z.infer<typeof CaseDocumentUploadQuery>;

export const CaseDocumentQuery = z.strictObject({ kind: CaseDocumentKind.optional(), limit: Limit, cursor: Cursor });
export type CaseDocumentQuery = z.infer<typeof CaseDocumentQuery>;

export const CaseDocumentParams = z.strictObject({ id: Uuid, documentId: Uuid });

export const CaseDocumentResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  kind: CaseDocumentKind,
  filename: z.string(),
  contentType: z.enum(CASE_DOCUMENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: CaseWorkerRef,
  uploadedAt: IsoDateTime,
});
export type CaseDocumentResponse = z.infer<typeof CaseDocumentResponse>;
export const CaseDocumentPage = page(CaseDocumentResponse);
export type CaseDocumentPage = z.infer<typeof CaseDocumentPage>;
