import { createHash } from 'node:crypto';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  CONSENT_DOCUMENT_TYPES,
  CONSENT_MESSAGES,
  type ConsentDataCategory,
  type ConsentDocumentType,
  type ConsentPrintContext,
  type ConsentResponse,
  consentStatus,
  type CreateConsentRequest,
  type Locale,
  type RevokeConsentRequest,
  todayIn,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { newStorageKey } from '../../platform/storage.js';
import { findVisibleClient } from '../clients/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** The first bytes each accepted type starts with: a declared type must match the file itself. */
const SIGNATURES: Record<ConsentDocumentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

const EXTENSIONS: Record<ConsentDocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export function isConsentDocumentType(value: string): value is ConsentDocumentType {
  return (CONSENT_DOCUMENT_TYPES as readonly string[]).includes(value);
}

export interface ConsentUpload {
  bytes: Buffer | undefined;
  contentType: string;
  /** The name the file had on the uploader's device, shown in lists; never used to store it. */
  filename: string | undefined;
}

export interface ConsentDownload {
  bytes: Buffer;
  contentType: ConsentDocumentType;
  filename: string;
}

/** Printable names: letters, digits and a few marks only, so a name cannot break a header or a page. */
function safeFilename(name: string | undefined, type: ConsentDocumentType): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || `signed-consent.${EXTENSIONS[type]}`;
}

type Scope = { orgId: string; userId: string };

/**
 * Consent to share a client's information: recorded, listed, revoked, with the signed form kept.
 * VAWA grantees may share personally identifying information only with informed, written,
 * time-limited consent that is never a condition of service (34 USC 12291(b)(2); 28 CFR 90.4);
 * whatever shares data later asks consentAllows (packages/domain) with these records.
 * Everything here is about one client the caller may see; any other client does not exist (404).
 */
export class ConsentService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private scope(ctx: MemberContext): Scope {
    return { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
  }

  private async requireVisibleClient(tx: Db, ctx: MemberContext, clientId: string) {
    const client = await findVisibleClient(tx, this.scope(ctx), clientId);
    if (!client) {
      throw notFound('Client not found');
    }
    return client;
  }

  private async requireConsent(tx: Db, ctx: MemberContext, clientId: string, consentId: string): Promise<repo.ConsentWithDocument> {
    const found = await repo.findConsent(tx, ctx.subject.orgId, clientId, consentId);
    if (!found) {
      throw notFound('Consent not found');
    }
    return found;
  }

  private async today(tx: Db, orgId: string): Promise<string> {
    return todayIn((await repo.organizationOf(tx, orgId)).timeZone);
  }

  private view({ consent, document }: repo.ConsentWithDocument, today: string): ConsentResponse {
    return {
      id: consent.id,
      clientId: consent.clientId,
      recipientKind: consent.recipientKind,
      recipientName: consent.recipientName,
      recipientProgramId: consent.recipientProgramId,
      purpose: consent.purpose,
      dataCategories: consent.dataCategories as ConsentDataCategory[],
      signedBy: consent.signedBy,
      signerName: consent.signerName,
      signedOn: consent.signedOn,
      expiresOn: consent.expiresOn,
      formLanguage: consent.formLanguage as Locale,
      revokedOn: consent.revokedOn,
      revocationReason: consent.revocationReason,
      status: consentStatus(consent, today),
      document: document
        ? {
            id: document.id,
            filename: document.filename,
            contentType: document.contentType as ConsentDocumentType,
            sizeBytes: document.sizeBytes,
            sha256: document.sha256,
            uploadedAt: document.createdAt.toISOString(),
          }
        : null,
      version: consent.version,
      createdAt: consent.createdAt.toISOString(),
      updatedAt: consent.updatedAt.toISOString(),
    };
  }

  async list(ctx: MemberContext, clientId: string): Promise<{ items: ConsentResponse[] }> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      await this.requireVisibleClient(tx, ctx, clientId);
      const today = await this.today(tx, ctx.subject.orgId);
      const rows = await repo.listConsents(tx, ctx.subject.orgId, clientId);
      return { items: rows.map((row) => this.view(row, today)) };
    });
  }

  async get(ctx: MemberContext, clientId: string, consentId: string): Promise<ConsentResponse> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      await this.requireVisibleClient(tx, ctx, clientId);
      const found = await this.requireConsent(tx, ctx, clientId, consentId);
      return this.view(found, await this.today(tx, ctx.subject.orgId));
    });
  }

  async record(ctx: MemberContext, clientId: string, input: CreateConsentRequest): Promise<ConsentResponse> {
    requireAction(ctx, 'client.update');
    return this.tenant(ctx, async (tx) => {
      await this.requireVisibleClient(tx, ctx, clientId);
      let recipientName = input.recipientName;
      if (input.recipientKind === 'program') {
        const program = await repo.findActiveProgram(tx, ctx.subject.orgId, input.recipientProgramId!);
        if (!program) {
          throw badRequest('Program not found', { recipientProgramId: 'Program not found' });
        }
        // The program's own name goes on the form, whatever was typed.
        recipientName = program.name;
      }
      const consent = await repo.insertConsent(tx, {
        orgId: ctx.subject.orgId,
        clientId,
        recipientKind: input.recipientKind,
        recipientName,
        recipientProgramId: input.recipientProgramId ?? null,
        purpose: input.purpose,
        dataCategories: input.dataCategories,
        signedBy: input.signedBy,
        signerName: input.signerName,
        signedOn: input.signedOn,
        expiresOn: input.expiresOn,
        formLanguage: input.formLanguage,
        createdBy: ctx.subject.userId,
      });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'consent.recorded',
        objectType: 'consent',
        objectId: consent.id,
        // The signer's name stays out of the audit trail, which auditors export; the record has it.
        after: {
          clientId,
          recipientKind: consent.recipientKind,
          recipientName,
          recipientProgramId: consent.recipientProgramId,
          purpose: consent.purpose,
          dataCategories: consent.dataCategories,
          signedBy: consent.signedBy,
          signedOn: consent.signedOn,
          expiresOn: consent.expiresOn,
          formLanguage: consent.formLanguage,
        },
      });
      return this.view({ consent, document: null }, await this.today(tx, ctx.subject.orgId));
    });
  }

  async revoke(ctx: MemberContext, clientId: string, consentId: string, input: RevokeConsentRequest): Promise<ConsentResponse> {
    requireAction(ctx, 'client.update');
    return this.tenant(ctx, async (tx) => {
      await this.requireVisibleClient(tx, ctx, clientId);
      await repo.lockConsent(tx, ctx.subject.orgId, consentId);
      const current = await this.requireConsent(tx, ctx, clientId, consentId);
      if (current.consent.revokedOn !== null) {
        throw conflict('This consent is already revoked', { revokedOn: 'This consent is already revoked' });
      }
      if (input.revokedOn < current.consent.signedOn) {
        throw badRequest(CONSENT_MESSAGES.revokedBeforeSigned, { revokedOn: CONSENT_MESSAGES.revokedBeforeSigned });
      }
      const consent = await repo.revokeConsent(tx, ctx.subject.orgId, consentId, input.revokedOn, input.reason);
      if (!consent) {
        throw conflict('This consent is already revoked', { revokedOn: 'This consent is already revoked' });
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'consent.revoked',
        objectType: 'consent',
        objectId: consentId,
        before: { revokedOn: null },
        after: { clientId, revokedOn: input.revokedOn, reason: input.reason },
      });
      return this.view({ consent, document: current.document }, await this.today(tx, ctx.subject.orgId));
    });
  }

  /** Keeps the signed form; a new upload replaces the one shown, the earlier file stays on record. */
  async attachDocument(ctx: MemberContext, clientId: string, consentId: string, upload: ConsentUpload): Promise<ConsentResponse> {
    requireAction(ctx, 'client.update');
    const { bytes, contentType } = upload;
    if (!isConsentDocumentType(contentType)) {
      throw new AppError(415, 'unsupported_media_type', 'Upload the signed form as a PDF, JPEG or PNG file');
    }
    if (!bytes || bytes.length === 0) {
      throw badRequest('Attach the signed form', { file: 'Attach the signed form' });
    }
    if (bytes.length > CONSENT_DOCUMENT_MAX_BYTES) {
      throw new AppError(413, 'payload_too_large', 'The file is larger than 10 MB');
    }
    const signature = SIGNATURES[contentType];
    if (bytes.length < signature.length || !signature.every((byte, i) => bytes[i] === byte)) {
      throw new AppError(415, 'unsupported_media_type', 'The file is not the type it claims to be: upload a PDF, JPEG or PNG file');
    }
    let storedKey: string | null = null;
    try {
      return await this.tenant(ctx, async (tx) => {
        await this.requireVisibleClient(tx, ctx, clientId);
        await repo.lockConsent(tx, ctx.subject.orgId, consentId);
        const current = await this.requireConsent(tx, ctx, clientId, consentId);
        const key = newStorageKey('documents');
        storedKey = key;
        await this.deps.storage.put(key, bytes);
        const document = await repo.insertDocument(tx, {
          orgId: ctx.subject.orgId,
          clientId,
          kind: 'consent_form',
          filename: safeFilename(upload.filename, contentType),
          contentType,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey: key,
          createdBy: ctx.subject.userId,
        });
        const consent = await repo.attachDocument(tx, ctx.subject.orgId, consentId, document.id);
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'consent.document_added',
          objectType: 'consent',
          objectId: consentId,
          before: { documentId: current.consent.documentId },
          after: { clientId, documentId: document.id, contentType, sizeBytes: document.sizeBytes, sha256: document.sha256 },
        });
        return this.view({ consent, document }, await this.today(tx, ctx.subject.orgId));
      });
    } catch (error) {
      if (storedKey) {
        // The row was rolled back: the bytes must not outlive it.
        await this.deps.storage.delete(storedKey).catch(() => undefined);
      }
      throw error;
    }
  }

  /** A signed form is personal data: each download is an audited sensitive read. */
  async readDocument(ctx: MemberContext, clientId: string, consentId: string): Promise<ConsentDownload> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      await this.requireVisibleClient(tx, ctx, clientId);
      const { consent, document } = await this.requireConsent(tx, ctx, clientId, consentId);
      if (!document) {
        throw notFound('No signed form has been uploaded for this consent');
      }
      const bytes = await this.deps.storage.get(document.storageKey);
      if (!bytes) {
        throw notFound('The signed form is missing from storage');
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'consent.document_read',
        objectType: 'consent',
        objectId: consent.id,
        after: { clientId, documentId: document.id, sha256: document.sha256 },
      });
      const contentType = document.contentType as ConsentDocumentType;
      return { bytes, contentType, filename: `consent-${consent.signedOn}.${EXTENSIONS[contentType]}` };
    });
  }

  /** The names the printed consent form and rights statement are filled with. */
  async printContext(ctx: MemberContext, clientId: string): Promise<ConsentPrintContext> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      const client = await this.requireVisibleClient(tx, ctx, clientId);
      const organization = await repo.organizationOf(tx, ctx.subject.orgId);
      return {
        organizationName: organization.name,
        client: { givenName: client.givenName, familyName: client.familyName, preferredLanguage: client.preferredLanguage },
      };
    });
  }
}
