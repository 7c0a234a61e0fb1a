import { createHash } from 'node:crypto';
import {
  CASE_DOCUMENT_MAX_BYTES,
  CASE_DOCUMENT_MESSAGES,
  CASE_DOCUMENT_TYPES,
  type CaseDocumentKind,
  type CaseDocumentPage,
  type CaseDocumentQuery,
  type CaseDocumentResponse,
  type CaseDocumentType,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { newStorageKey } from '../../platform/storage.js';
import { auditCase, caseForRead, caseForWork, recordCaseEvent, auditSensitiveCaseRead } from '../cases/access.js';
import { staffNames } from '../case-notes/repository.js';
import { staffRef } from '../case-notes/service.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** The first bytes each accepted type starts with: a declared type must match the file itself. */
const SIGNATURES: Record<CaseDocumentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};
const EXTENSIONS: Record<CaseDocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export function isCaseDocumentType(value: string): value is CaseDocumentType {
  return (CASE_DOCUMENT_TYPES as readonly string[]).includes(value);
}

export interface CaseDocumentUpload {
  bytes: Buffer | undefined;
  contentType: string;
  kind: CaseDocumentKind;
  filename: string | undefined;
}

export interface CaseDocumentDownload {
  bytes: Buffer;
  contentType: CaseDocumentType;
  filename: string;
}

/** Printable names: letters, digits and a few marks only, so a name cannot break a header or a page. */
function safeFilename(name: string | undefined, kind: CaseDocumentKind, type: CaseDocumentType): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || `${kind}.${EXTENSIONS[type]}`;
}

/** The header form of a file name: ASCII only (the UTF-8 name goes in filename*). */
export function asciiFilename(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

/**
 * Files kept in a case (receipts, identity papers, medical and housing documents): PDF, JPEG or
 * PNG checked by their first bytes, at most 10 MB, stored under a random key (platform/storage.ts)
 * with their SHA-256. They are the client's personal data: every download is an audited read.
 */
export class CaseDocumentService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private view(row: repo.DocumentRow, names: Map<string, string>): CaseDocumentResponse {
    return {
      id: row.id,
      caseId: row.caseId!,
      kind: row.kind as CaseDocumentKind,
      filename: row.filename,
      contentType: row.contentType as CaseDocumentType,
      sizeBytes: row.sizeBytes,
      sha256: row.sha256,
      uploadedBy: staffRef(names, row.createdBy),
      uploadedAt: row.createdAt.toISOString(),
    };
  }

  async list(ctx: MemberContext, caseId: string, query: CaseDocumentQuery): Promise<CaseDocumentPage> {
    requireAction(ctx, 'case.read');
    const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, caseId);
      await auditSensitiveCaseRead(tx, ctx, kase, 'documents');
      const rows = await repo.listCaseDocuments(tx, ctx.subject.orgId, kase, { limit: query.limit + 1, kind: query.kind, after });
      const shown = rows.slice(0, query.limit);
      const names = await staffNames(
        tx,
        shown.map((row) => row.createdBy),
      );
      const last = shown.at(-1);
      return {
        items: shown.map((row) => this.view(row, names)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    });
  }

  async upload(ctx: MemberContext, caseId: string, upload: CaseDocumentUpload): Promise<CaseDocumentResponse> {
    requireAction(ctx, 'case.manage');
    const { bytes, contentType } = upload;
    if (!isCaseDocumentType(contentType)) {
      throw new AppError(415, 'unsupported_media_type', CASE_DOCUMENT_MESSAGES.wrongType);
    }
    if (!bytes || bytes.length === 0) {
      throw badRequest(CASE_DOCUMENT_MESSAGES.empty, { file: CASE_DOCUMENT_MESSAGES.empty });
    }
    if (bytes.length > CASE_DOCUMENT_MAX_BYTES) {
      throw new AppError(413, 'payload_too_large', CASE_DOCUMENT_MESSAGES.tooLarge);
    }
    const signature = SIGNATURES[contentType];
    if (bytes.length < signature.length || !signature.every((byte, i) => bytes[i] === byte)) {
      throw new AppError(415, 'unsupported_media_type', CASE_DOCUMENT_MESSAGES.notWhatItClaims);
    }
    let storedKey: string | null = null;
    try {
      return await this.tenant(ctx, async (tx) => {
        const kase = await caseForWork(tx, ctx, caseId);
        const key = newStorageKey('documents');
        storedKey = key;
        await this.deps.storage.put(key, bytes);
        const row = await repo.insertDocument(tx, {
          orgId: ctx.subject.orgId,
          clientId: kase.clientId,
          caseId,
          kind: upload.kind,
          filename: safeFilename(upload.filename, upload.kind, contentType),
          contentType,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey: key,
          createdBy: ctx.subject.userId,
        });
        const shape = { documentId: row.id, kind: row.kind, contentType, sizeBytes: row.sizeBytes };
        await recordCaseEvent(tx, ctx, caseId, 'document_added', shape);
        await auditCase(tx, ctx, 'document.uploaded', { type: 'document', id: row.id }, { after: { caseId, clientId: kase.clientId, ...shape, sha256: row.sha256 } });
        return this.view(row, await staffNames(tx, [row.createdBy]));
      });
    } catch (error) {
      if (storedKey) {
        // The row was rolled back: the bytes must not outlive it.
        await this.deps.storage.delete(storedKey).catch(() => undefined);
      }
      throw error;
    }
  }

  /** The bytes, for whoever may read the case (a closed case's files stay readable). */
  async read(ctx: MemberContext, caseId: string, documentId: string): Promise<CaseDocumentDownload> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      await caseForRead(tx, ctx, caseId);
      const row = await repo.findCaseDocument(tx, ctx.subject.orgId, caseId, documentId);
      if (!row) {
        throw notFound('Document not found');
      }
      const bytes = await this.deps.storage.get(row.storageKey);
      if (!bytes) {
        throw notFound('The file is missing from storage');
      }
      await auditCase(tx, ctx, 'document.read', { type: 'document', id: row.id }, { after: { caseId, clientId: row.clientId, kind: row.kind, sha256: row.sha256 } });
      return { bytes, contentType: row.contentType as CaseDocumentType, filename: row.filename };
    });
  }
}
