import {
  type CreateCredentialRequest,
  type CreateRecognitionRequest,
  CREDENTIAL_MESSAGES,
  type CredentialFields,
  type CredentialList,
  type CredentialListQuery,
  type CredentialOverview,
  credentialProblems,
  type CredentialResponse,
  credentialStatus,
  daysBetween,
  expiryStatus,
  isIsoDate,
  type MyCredentials,
  type RecognitionList,
  recognitionProblems,
  type RecognitionResponse,
  renewalPending,
  roleCan,
  todayIn,
  type UpdateCredentialRequest,
  type UpdateRecognitionRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation, lockFor } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { credentialsProblem, recognitionLapsed } from './access.js';
import * as repo from './repository.js';

const OVERVIEW_LIMIT = 200;

/** A bar number in the audit log: enough to tell two apart, not the number itself. */
function maskedBarNumber(barNumber: string | null): string | null {
  return barNumber ? `…${barNumber.slice(-3)}` : null;
}

/** What the audit log keeps of a credential: codes and dates, the bar number masked. */
function auditView(row: repo.CredentialRow) {
  return {
    userId: row.userId,
    kind: row.kind,
    barState: row.barState,
    barNumber: maskedBarNumber(row.barNumber),
    barStatus: row.barStatus,
    accreditationLevel: row.accreditationLevel,
    expiresOn: row.expiresOn,
    renewalFiledOn: row.renewalFiledOn,
    supervisingAttorney: row.supervisingAttorney,
  };
}

/** A recognitions cursor (expiry date, id): a forged or garbled date is a 400 like any other bad cursor, never a database error. */
function decodeExpiryCursor(cursor: string): { expiresOn: string; id: string } {
  const [expiresOn, id] = decodeCursor(cursor, 2) as [string, string];
  if (!isIsoDate(expiresOn)) {
    throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
  }
  return { expiresOn, id };
}

function badFields(problems: Record<string, string>): Error | null {
  const first = Object.values(problems)[0];
  return first ? badRequest(first, problems) : null;
}

export function credentialView(row: repo.CredentialWithMember, today: string): CredentialResponse {
  return {
    id: row.id,
    member: { id: row.userId, name: row.memberName, email: row.memberEmail, role: row.memberRole ?? '', active: row.memberStatus === 'active' },
    kind: row.kind,
    barState: row.barState,
    barNumber: row.barNumber,
    barStatus: row.barStatus,
    accreditationLevel: row.accreditationLevel,
    expiresOn: row.expiresOn,
    renewalFiledOn: row.renewalFiledOn,
    renewalPending: renewalPending(row),
    supervisingAttorney: row.supervisingAttorney,
    status: credentialStatus(row, today),
    daysToExpiry: row.expiresOn ? daysBetween(today, row.expiresOn) : null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function recognitionView(row: repo.RecognitionWithOffice, today: string): RecognitionResponse {
  return {
    id: row.id,
    office: row.officeId ? { id: row.officeId, name: row.officeName ?? '' } : null,
    recognizedOn: row.recognizedOn,
    expiresOn: row.expiresOn,
    note: row.note,
    status: expiryStatus(row.expiresOn, today),
    daysToExpiry: daysBetween(today, row.expiresOn),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Accreditation (issue 5): the bar admissions and DOJ accreditations of the staff who represent
 * clients, and the organization's DOJ recognition. Statuses are computed on the organization's
 * calendar day; the representation gate (access.ts) reads the same rows.
 */
export class CredentialService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async today(tx: Db, ctx: MemberContext): Promise<string> {
    return todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
  }

  async list(ctx: MemberContext, query: CredentialListQuery): Promise<CredentialList> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const today = await this.today(tx, ctx);
      const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
      const rows = await repo.listCredentials(tx, ctx.subject.orgId, {
        userId: query.userId,
        kind: query.kind,
        conditions: query.status ? [repo.statusCondition(query.status, today)] : [],
        after: after ? { name: after[0]!, id: after[1]! } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => credentialView(row, today)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.memberName, last.id]) : null,
      };
    });
  }

  async mine(ctx: MemberContext): Promise<MyCredentials> {
    return this.tenant(ctx, async (tx) => {
      const today = await this.today(tx, ctx);
      const rows = await repo.listCredentials(tx, ctx.subject.orgId, { userId: ctx.subject.userId, limit: 2 });
      const lapsed = rows.some((r) => r.kind === 'accredited_representative') && (await recognitionLapsed(tx, ctx.subject.orgId, today));
      // A matter before DHS (affirmative asylum): what every valid credential reaches.
      return { items: rows.map((row) => credentialView(row, today)), mayRepresent: credentialsProblem(rows, 'affirmative_asylum', today, lapsed) === null };
    });
  }

  async create(ctx: MemberContext, input: CreateCredentialRequest): Promise<CredentialResponse> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const today = await this.today(tx, ctx);
      if (!(await repo.activeMember(tx, orgId, input.userId))) {
        throw badRequest(CREDENTIAL_MESSAGES.notMember, { userId: CREDENTIAL_MESSAGES.notMember });
      }
      const fields: CredentialFields = {
        kind: input.kind,
        barState: input.barState ?? null,
        barNumber: input.barNumber ?? null,
        barStatus: input.barStatus ?? null,
        accreditationLevel: input.accreditationLevel ?? null,
        expiresOn: input.expiresOn ?? null,
        renewalFiledOn: input.renewalFiledOn ?? null,
        supervisingAttorney: input.supervisingAttorney ?? false,
      };
      const problem = badFields(credentialProblems(fields, today));
      if (problem) {
        throw problem;
      }
      await lockFor(tx, `credential:${orgId}:${input.userId}:${input.kind}`);
      if (await repo.credentialOfKind(tx, orgId, input.userId, input.kind)) {
        throw conflict(CREDENTIAL_MESSAGES.duplicate, { kind: CREDENTIAL_MESSAGES.duplicate });
      }
      let row: repo.CredentialRow;
      try {
        row = await repo.insertCredential(tx, { orgId, userId: input.userId, ...fields });
      } catch (err) {
        throw isUniqueViolation(err) ? conflict(CREDENTIAL_MESSAGES.duplicate, { kind: CREDENTIAL_MESSAGES.duplicate }) : err;
      }
      await recordAudit(tx, { orgId, actor: ctx.actor, action: 'credential.saved', objectType: 'credential', objectId: row.id, after: auditView(row) });
      return credentialView((await repo.findCredential(tx, orgId, row.id))!, today);
    });
  }

  async update(ctx: MemberContext, id: string, input: UpdateCredentialRequest): Promise<CredentialResponse> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const today = await this.today(tx, ctx);
      const current = await repo.findCredential(tx, orgId, id, { lock: true });
      if (!current) {
        throw notFound();
      }
      if (current.version !== input.version) {
        throw conflict('Someone else changed this credential; reload and try again');
      }
      const { version: _version, ...patch } = input;
      const expiresOn = patch.expiresOn !== undefined ? patch.expiresOn : current.expiresOn;
      const fields: CredentialFields = {
        kind: current.kind,
        barState: patch.barState !== undefined ? patch.barState : current.barState,
        barNumber: patch.barNumber !== undefined ? patch.barNumber : current.barNumber,
        barStatus: patch.barStatus !== undefined ? patch.barStatus : current.barStatus,
        accreditationLevel: patch.accreditationLevel !== undefined ? patch.accreditationLevel : current.accreditationLevel,
        expiresOn,
        // A new expiry records EOIR's decision on the renewal: the old filing date no longer applies.
        renewalFiledOn: patch.renewalFiledOn !== undefined ? patch.renewalFiledOn : expiresOn === current.expiresOn ? current.renewalFiledOn : null,
        supervisingAttorney: patch.supervisingAttorney ?? current.supervisingAttorney,
      };
      const problems = credentialProblems(fields, today);
      // An expiry already on record more than three years out is not this change's fault.
      if (fields.expiresOn === current.expiresOn && problems.expiresOn === CREDENTIAL_MESSAGES.accreditationTooLong) {
        delete problems.expiresOn;
      }
      const problem = badFields(problems);
      if (problem) {
        throw problem;
      }
      await repo.updateCredential(tx, orgId, id, fields);
      if (fields.expiresOn !== current.expiresOn) {
        await repo.forgetReminders(tx, orgId, 'credential', id);
      }
      const updated = (await repo.findCredential(tx, orgId, id))!;
      await recordAudit(tx, { orgId, actor: ctx.actor, action: 'credential.saved', objectType: 'credential', objectId: id, before: auditView(current), after: auditView(updated) });
      return credentialView(updated, today);
    });
  }

  async remove(ctx: MemberContext, id: string, version: number | undefined): Promise<void> {
    requireAction(ctx, 'credential.manage');
    await this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const current = await repo.findCredential(tx, orgId, id, { lock: true });
      if (!current) {
        throw notFound();
      }
      if (version !== undefined && current.version !== version) {
        throw conflict('Someone else changed this credential; reload and try again');
      }
      await repo.deleteCredential(tx, orgId, id);
      await repo.forgetReminders(tx, orgId, 'credential', id);
      await recordAudit(tx, { orgId, actor: ctx.actor, action: 'credential.removed', objectType: 'credential', objectId: id, before: auditView(current) });
    });
  }

  async listRecognitions(ctx: MemberContext, query: { limit: number; cursor?: string }): Promise<RecognitionList> {
    if (!roleCan(ctx.subject.role, 'credential.manage') && !roleCan(ctx.subject.role, 'org.read')) {
      throw forbidden();
    }
    return this.tenant(ctx, async (tx) => {
      const today = await this.today(tx, ctx);
      const after = query.cursor ? decodeExpiryCursor(query.cursor) : undefined;
      const rows = await repo.listRecognitions(tx, ctx.subject.orgId, { after, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => recognitionView(row, today)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.expiresOn, last.id]) : null,
      };
    });
  }

  private async checkOffice(tx: Db, orgId: string, officeId: string | null | undefined): Promise<void> {
    if (officeId && !(await repo.officeExists(tx, orgId, officeId))) {
      throw badRequest(CREDENTIAL_MESSAGES.officeUnknown, { officeId: CREDENTIAL_MESSAGES.officeUnknown });
    }
  }

  async createRecognition(ctx: MemberContext, input: CreateRecognitionRequest): Promise<RecognitionResponse> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      await this.checkOffice(tx, orgId, input.officeId);
      const problem = badFields(recognitionProblems(input));
      if (problem) {
        throw problem;
      }
      const row = await repo.insertRecognition(tx, { orgId, officeId: input.officeId ?? null, recognizedOn: input.recognizedOn, expiresOn: input.expiresOn, note: input.note || null });
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'recognition.saved',
        objectType: 'recognition',
        objectId: row.id,
        after: { officeId: row.officeId, recognizedOn: row.recognizedOn, expiresOn: row.expiresOn },
      });
      const [saved] = await repo.listRecognitions(tx, orgId, { id: row.id, limit: 1 });
      return recognitionView(saved!, await this.today(tx, ctx));
    });
  }

  async updateRecognition(ctx: MemberContext, id: string, input: UpdateRecognitionRequest): Promise<RecognitionResponse> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const [current] = await repo.listRecognitions(tx, orgId, { id, limit: 1, lock: true });
      if (!current) {
        throw notFound();
      }
      if (current.version !== input.version) {
        throw conflict('Someone else changed this recognition; reload and try again');
      }
      await this.checkOffice(tx, orgId, input.officeId);
      const next = {
        officeId: input.officeId !== undefined ? input.officeId : current.officeId,
        recognizedOn: input.recognizedOn ?? current.recognizedOn,
        expiresOn: input.expiresOn ?? current.expiresOn,
        note: input.note !== undefined ? input.note || null : current.note,
      };
      const problem = badFields(recognitionProblems(next));
      if (problem) {
        throw problem;
      }
      await repo.updateRecognition(tx, orgId, id, next);
      if (next.expiresOn !== current.expiresOn) {
        await repo.forgetReminders(tx, orgId, 'recognition', id);
      }
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'recognition.saved',
        objectType: 'recognition',
        objectId: id,
        before: { officeId: current.officeId, recognizedOn: current.recognizedOn, expiresOn: current.expiresOn },
        after: { officeId: next.officeId, recognizedOn: next.recognizedOn, expiresOn: next.expiresOn },
      });
      const [saved] = await repo.listRecognitions(tx, orgId, { id, limit: 1 });
      return recognitionView(saved!, await this.today(tx, ctx));
    });
  }

  /**
   * The accreditation desk: credentials expiring within 90 days, expired, or with a bar admission
   * not active; the organization's recognition; and the matters still being worked whose
   * representative no longer passes the representation gate (they need a new representative).
   */
  async overview(ctx: MemberContext): Promise<CredentialOverview> {
    requireAction(ctx, 'credential.manage');
    return this.tenant(ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const today = await this.today(tx, ctx);
      const byStatus = async (status: 'expiring' | 'expired' | 'inactive') =>
        (await repo.listCredentials(tx, orgId, { conditions: [repo.statusCondition(status, today)], limit: OVERVIEW_LIMIT, orderByExpiry: status !== 'inactive' })).map((row) =>
          credentialView(row, today),
        );
      const [latest] = await repo.listRecognitions(tx, orgId, { limit: 1 });
      const lapsed = latest !== undefined && latest.expiresOn < today;

      const pairs = await repo.activeRepresentations(tx, orgId);
      const credentials = await repo.credentialsOf(tx, orgId, [...new Set(pairs.map((p) => p.representativeId))]);
      const problems = new Map<string, NonNullable<ReturnType<typeof credentialsProblem>>>();
      const failing = pairs.filter((pair) => {
        const problem = credentialsProblem(
          credentials.filter((c) => c.userId === pair.representativeId),
          pair.type,
          today,
          lapsed,
        );
        if (problem) {
          problems.set(`${pair.representativeId}:${pair.type}`, problem);
        }
        return problem !== null;
      });
      const matters = await repo.mattersOf(tx, ctx, failing, OVERVIEW_LIMIT);
      return {
        today,
        expiring: await byStatus('expiring'),
        expired: await byStatus('expired'),
        inactive: await byStatus('inactive'),
        recognition: { status: latest ? expiryStatus(latest.expiresOn, today) : 'none', current: latest ? recognitionView(latest, today) : null },
        mattersNeedingRepresentative: {
          count: matters.total,
          hiddenCount: matters.hidden,
          items: matters.items.map((m) => ({
            id: m.id,
            reference: m.reference,
            type: m.type,
            status: m.status,
            representative: { id: m.representativeId!, name: m.representativeName },
            problem: problems.get(`${m.representativeId}:${m.type}`)!,
          })),
        },
      };
    });
  }
}
