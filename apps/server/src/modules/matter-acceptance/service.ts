import {
  ACCEPTANCE_MESSAGES,
  addYears,
  type ClearConflictCheckRequest,
  type CloseMatterRequest,
  type ConflictCheckView,
  type ConflictHit,
  conflictKind,
  documentLanguageFor,
  effectiveLegalSettings,
  type GenerateAgreementRequest,
  type Locale,
  type MatterAcceptanceResponse,
  type MatterDecisionRequest,
  type MatterPartyRole,
  normalizeNameForSearch,
  type ReopenMatterRequest,
  roleCan,
  type ScreenMatterRequest,
  type SignAgreementRequest,
  todayIn,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import type { MatterAgreementJson, MatterClosingJson } from '../../platform/db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { assignToClient, isAssignedToClient } from '../cases/repository.js';
import { isSupervisingAttorney, REPRESENTATION_PROBLEM_MESSAGES, representationProblem } from '../credentials/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import {
  auditMatter,
  auditSensitiveMatterRead,
  findReadableMatter,
  matterForRead,
  matterForWork,
  type MatterRow,
  recordMatterEvent,
} from '../legal-matters/access.js';
import { handOverRuleDeadlines } from '../legal-matters/deadlines.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

const M = ACCEPTANCE_MESSAGES;
const CLIENT_KEY = 'client';

const staleVersion = () => conflict(M.staleVersion, { version: M.staleVersion });

/** The matter's party ids, sorted: the conflict check is stale once this changes. */
const fingerprint = (parties: repo.PartyRow[]) =>
  parties
    .map((p) => p.id)
    .sort()
    .join(',');

const formatAddress = (client: repo.ClientRow): string[] => {
  const current = client.addresses.find((a) => !a.movedOut) ?? null;
  if (!current) {
    return [];
  }
  return [current.line1, current.line2, [current.city, current.region, current.postalCode].filter(Boolean).join(' '), current.country].filter(
    (line): line is string => Boolean(line && line.trim()),
  );
};

/**
 * Case acceptance and closing (seed 002, "Case Management Systems"): screening, a conflict check
 * against every party of the organization's matters, acceptance or decline by a supervising
 * attorney weighing the program's selection criteria, the client services agreement, and closing
 * with a reason, a letter in the client's language and the date the file may be destroyed.
 * Audit events carry codes, dates and ids only; the free text stays on the matter.
 */
export class MatterAcceptanceService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  async view(ctx: MemberContext, matterId: string): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'acceptance');
      return this.toResponse(tx, ctx, matter);
    });
  }

  async agreement(ctx: MemberContext, matterId: string) {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      if (!matter.agreement) {
        throw notFound('No agreement has been prepared for this matter');
      }
      await auditSensitiveMatterRead(tx, ctx, matter, 'agreement');
      return this.agreementView(tx, matter.agreement);
    });
  }

  async screen(ctx: MemberContext, matterId: string, input: ScreenMatterRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await this.workable(tx, ctx, matterId, input.version);
      if (matter.status !== 'screening') {
        throw conflict('Only a matter in screening can be screened', { matterId: 'Only a matter in screening can be screened' });
      }
      const acceptance: repo.StoredAcceptance = {
        ...(matter.acceptance as repo.StoredAcceptance),
        screenedBy: ctx.subject.userId,
        screenedAt: new Date().toISOString(),
        screeningSummary: input.summary,
        screeningEligible: input.eligible,
        screeningNotes: input.notes,
      };
      const updated = await repo.updateMatter(tx, matter, { acceptance });
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matter.id, 'screened', { eligible: input.eligible });
      await auditMatter(tx, ctx, 'matter.screened', { type: 'legal_matter', id: matter.id }, { after: { eligible: input.eligible } });
      return this.toResponse(tx, ctx, updated);
    });
  }

  /**
   * Compares each person on this matter (its client included) with every party of the
   * organization's other matters. The result is stored as ids and roles; what each reader is told
   * about a hit is decided when it is shown (`hitViews`).
   */
  async runConflictCheck(ctx: MemberContext, matterId: string): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      const { orgId } = ctx.subject;
      const parties = await repo.partiesOf(tx, orgId, matter.id);
      const people: repo.OwnPerson[] = parties.map((p) => ({ key: p.id, role: p.role, name: p.searchName, dob: p.dateOfBirth }));
      if (!parties.some((p) => p.role === 'client')) {
        // The client is always checked, even before anyone added them as a party.
        const client = await repo.clientOf(tx, orgId, matter.clientId);
        if (client) {
          people.push({ key: CLIENT_KEY, role: 'client', name: normalizeNameForSearch(`${client.givenName} ${client.familyName}`), dob: client.dateOfBirth });
        }
      }
      const matches = await repo.findNameMatches(tx, orgId, matter.id, people.filter((p) => p.name.length > 0));
      const best = new Map<string, repo.StoredConflictHit>();
      for (const row of matches) {
        const hit: repo.StoredConflictHit = {
          matterId: row.matter_id,
          partyRole: row.party_role,
          matchedRole: row.matched_role,
          partyId: row.key,
          matchedPartyId: row.matched_party_id,
          similarity: Math.round(Number(row.score) * 100) / 100,
          sameDateOfBirth: row.same_dob === true,
        };
        const key = `${hit.partyId}|${hit.matterId}|${hit.matchedRole}`;
        const kept = best.get(key);
        if (!kept || (kept.similarity ?? 0) < (hit.similarity ?? 0)) {
          best.set(key, hit);
        }
      }
      const hits = [...best.values()];
      const matters = await repo.hitMatters(
        tx,
        ctx,
        hits.map((h) => h.matterId),
      );
      // A match on a protected client's matter (8 USC 1367) is never "only related" to someone who
      // cannot see it: a supervising attorney looks, whatever the roles.
      const needsReview = hits.some((hit) => {
        const other = matters.get(hit.matterId);
        return conflictKind(hit.partyRole, hit.matchedRole) === 'conflict' || (other?.clientProtected === true && other.clientId !== matter.clientId);
      });
      const conflicts = hits.filter((h) => conflictKind(h.partyRole, h.matchedRole) === 'conflict').length;
      const acceptance: repo.StoredAcceptance = {
        ...(matter.acceptance as repo.StoredAcceptance),
        conflictCheck: {
          checkedBy: ctx.subject.userId,
          checkedAt: new Date().toISOString(),
          hits,
          cleared: !needsReview,
          partyFingerprint: fingerprint(parties),
        },
      };
      const updated = await repo.updateMatter(tx, matter, { acceptance });
      const summary = { hits: hits.length, conflicts, cleared: !needsReview };
      await recordMatterEvent(tx, orgId, ctx.subject.userId, matter.id, 'conflict_checked', summary);
      await auditMatter(tx, ctx, 'matter.conflict_checked', { type: 'legal_matter', id: matter.id }, { after: summary });
      return this.toResponse(tx, ctx, updated);
    });
  }

  async clearConflicts(ctx: MemberContext, matterId: string, input: ClearConflictCheckRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.decide');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const matter = await matterForWork(tx, ctx, matterId);
      if (!(await isSupervisingAttorney(tx, orgId, userId))) {
        throw forbidden(M.onlySupervisingAttorneyClears);
      }
      // The hits being cleared are the ones the attorney read: a re-run since then changes the version.
      if (matter.version !== input.version) {
        throw staleVersion();
      }
      const acceptance = matter.acceptance as repo.StoredAcceptance;
      const check = acceptance.conflictCheck;
      if (!check) {
        throw badRequest(M.conflictCheckRequired, { conflictCheck: M.conflictCheckRequired });
      }
      if (check.partyFingerprint !== undefined && check.partyFingerprint !== fingerprint(await repo.partiesOf(tx, orgId, matter.id))) {
        throw badRequest(M.conflictCheckStale, { conflictCheck: M.conflictCheckStale });
      }
      if (check.cleared) {
        throw conflict(M.nothingToClear, { conflictCheck: M.nothingToClear });
      }
      const updated = await repo.updateMatter(tx, matter, {
        acceptance: { ...acceptance, conflictCheck: { ...check, cleared: true, note: input.note, clearedBy: userId, clearedAt: new Date().toISOString() } },
      });
      await recordMatterEvent(tx, orgId, userId, matter.id, 'conflict_checked', { cleared: true, clearedBySupervisingAttorney: true, note: input.note });
      await auditMatter(tx, ctx, 'matter.conflict_checked', { type: 'legal_matter', id: matter.id }, { before: { cleared: false }, after: { cleared: true } });
      return this.toResponse(tx, ctx, updated);
    });
  }

  /**
   * The acceptance decision: a supervising attorney only, from screening, weighing the program's
   * selection criteria. Accepting needs the screening done, a conflict check with nothing left to
   * clear, and a representative who may represent on this matter type today.
   */
  async decide(ctx: MemberContext, matterId: string, input: MatterDecisionRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.decide');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId, role } = ctx.subject;
      const matter = await matterForWork(tx, ctx, matterId);
      if (!(await isSupervisingAttorney(tx, orgId, userId))) {
        throw forbidden(M.onlySupervisingAttorney);
      }
      if (matter.status !== 'screening') {
        throw conflict(M.onlyScreening, { outcome: M.onlyScreening });
      }
      if (matter.version !== input.version) {
        throw staleVersion();
      }
      const program = await repo.programOf(tx, orgId, matter.programId);
      const allowed = effectiveLegalSettings(program?.legalSettings).selectionCriteria;
      const criteria = [...new Set(input.criteria)];
      if (criteria.some((c) => !allowed.includes(c))) {
        throw badRequest(M.unknownCriteria, { criteria: M.unknownCriteria });
      }
      const acceptance = matter.acceptance as repo.StoredAcceptance;
      const decision = { outcome: input.outcome, decidedBy: userId, decidedAt: new Date().toISOString(), criteria, reason: input.reason };

      if (input.outcome === 'declined') {
        const updated = await repo.updateMatter(tx, matter, { status: 'declined', acceptance: { ...acceptance, decision } });
        await recordMatterEvent(tx, orgId, userId, matter.id, 'declined', { criteria, reason: input.reason });
        await auditMatter(tx, ctx, 'matter.decided', { type: 'legal_matter', id: matter.id }, { before: { status: 'screening' }, after: { outcome: 'declined', criteria } });
        return this.toResponse(tx, ctx, updated);
      }

      if (!acceptance.screenedAt) {
        throw badRequest(M.screeningRequired, { screening: M.screeningRequired });
      }
      const check = acceptance.conflictCheck;
      if (!check) {
        throw badRequest(M.conflictCheckRequired, { conflictCheck: M.conflictCheckRequired });
      }
      if (check.partyFingerprint !== undefined && check.partyFingerprint !== fingerprint(await repo.partiesOf(tx, orgId, matter.id))) {
        throw badRequest(M.conflictCheckStale, { conflictCheck: M.conflictCheckStale });
      }
      if (!check.cleared) {
        throw badRequest(M.conflictCheckNotCleared, { conflictCheck: M.conflictCheckNotCleared });
      }
      const representativeId = input.representativeId!;
      if (!(await repo.isActiveMember(tx, orgId, representativeId))) {
        throw badRequest(M.representativeNotMember, { representativeId: M.representativeNotMember });
      }
      const today = todayIn(await organizationTimeZone(tx, orgId));
      const problem = await representationProblem(tx, orgId, representativeId, matter.type, today);
      if (problem) {
        throw badRequest(REPRESENTATION_PROBLEM_MESSAGES[problem], { representativeId: REPRESENTATION_PROBLEM_MESSAGES[problem] });
      }
      const client = await repo.clientOf(tx, orgId, matter.clientId);
      if (client?.isProtected && !(await isAssignedToClient(tx, orgId, matter.clientId, representativeId))) {
        // A protected client exists only for assigned staff: the representative must be assigned or
        // could not see the matter they represent. Giving that access is a supervisor's decision.
        if (!roleCan(role, 'client.assign')) {
          throw badRequest(M.representativeNotAssigned, { representativeId: M.representativeNotAssigned });
        }
        await assignToClient(tx, orgId, matter.clientId, representativeId);
        await auditMatter(tx, ctx, 'client.assigned', { type: 'client', id: matter.clientId }, { after: { userId: representativeId, reason: 'matter_accepted' } });
      }
      const updated = await repo.updateMatter(tx, matter, {
        status: 'open',
        representativeId,
        supervisingAttorneyId: matter.supervisingAttorneyId ?? userId,
        acceptance: { ...acceptance, decision },
      });
      // The rule deadlines computed while the matter was screened are held by the screener (the
      // opener): from now on the accepted representative is reminded of them and answers for them.
      await handOverRuleDeadlines(tx, orgId, matter.id, matter.representativeId ?? matter.createdBy, representativeId);
      await recordMatterEvent(tx, orgId, userId, matter.id, 'accepted', { criteria, representativeId });
      await auditMatter(tx, ctx, 'matter.decided', { type: 'legal_matter', id: matter.id }, {
        before: { status: 'screening', representativeId: matter.representativeId },
        after: { outcome: 'accepted', criteria, representativeId, supervisingAttorneyId: updated.supervisingAttorneyId },
      });
      return this.toResponse(tx, ctx, updated);
    });
  }

  /** Prepares (or, until it is signed, replaces) the client services agreement, in the client's language. */
  async generateAgreement(ctx: MemberContext, matterId: string, input: GenerateAgreementRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const matter = await this.workable(tx, ctx, matterId, input.version);
      if (matter.status !== 'open') {
        throw conflict(M.agreementOnlyOpen, { scope: M.agreementOnlyOpen });
      }
      if (matter.agreement?.clientSignedOn) {
        throw conflict(M.agreementSigned, { scope: M.agreementSigned });
      }
      const client = await repo.clientOf(tx, orgId, matter.clientId);
      const agreement: MatterAgreementJson = {
        scope: input.scope,
        feeCents: input.feeCents,
        ...(input.feeNote ? { feeNote: input.feeNote } : {}),
        language: documentLanguageFor(client?.preferredLanguage),
        generatedAt: new Date().toISOString(),
        generatedBy: userId,
      };
      const updated = await repo.updateMatter(tx, matter, { agreement });
      const data = { feeCents: agreement.feeCents, language: agreement.language, replaced: matter.agreement !== null };
      await recordMatterEvent(tx, orgId, userId, matter.id, 'agreement_generated', data);
      await auditMatter(tx, ctx, 'matter.agreement_generated', { type: 'legal_matter', id: matter.id }, { after: data });
      return this.toResponse(tx, ctx, updated);
    });
  }

  async signAgreement(ctx: MemberContext, matterId: string, input: SignAgreementRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const matter = await this.workable(tx, ctx, matterId, input.version);
      const agreement = matter.agreement;
      if (matter.status !== 'open' || !agreement) {
        throw conflict(M.agreementMissing, { agreement: M.agreementMissing });
      }
      if (agreement.clientSignedOn) {
        throw conflict('The agreement is already signed', { agreement: 'The agreement is already signed' });
      }
      const timeZone = await organizationTimeZone(tx, orgId);
      const today = todayIn(timeZone);
      const prepared = todayIn(timeZone, new Date(agreement.generatedAt));
      for (const field of ['clientSignedOn', 'orgSignedOn'] as const) {
        if (input[field] > today) {
          throw badRequest(M.futureDate, { [field]: M.futureDate });
        }
        if (input[field] < prepared) {
          throw badRequest(M.signedBeforeGenerated, { [field]: M.signedBeforeGenerated });
        }
      }
      const updated = await repo.updateMatter(tx, matter, {
        agreement: { ...agreement, clientSignedOn: input.clientSignedOn, orgSignedOn: input.orgSignedOn, orgSignedBy: userId },
      });
      const data = { clientSignedOn: input.clientSignedOn, orgSignedOn: input.orgSignedOn };
      await recordMatterEvent(tx, orgId, userId, matter.id, 'agreement_signed', data);
      await auditMatter(tx, ctx, 'matter.agreement_signed', { type: 'legal_matter', id: matter.id }, { after: data });
      return this.toResponse(tx, ctx, updated);
    });
  }

  /**
   * Closes an open matter: nothing may still be scheduled before a court or ICE (the client would
   * go alone), and the file is kept for the program's retention period after the closing day.
   * Open deadlines stay as they are: the closing letter tells the client which remain theirs.
   */
  async close(ctx: MemberContext, matterId: string, input: CloseMatterRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const matter = await this.workable(tx, ctx, matterId, input.version);
      if (matter.status !== 'open') {
        throw conflict(M.closeOnlyOpen, { matterId: M.closeOnlyOpen });
      }
      const today = todayIn(await organizationTimeZone(tx, orgId));
      if (input.closedOn > today) {
        throw badRequest(M.futureDate, { closedOn: M.futureDate });
      }
      if (input.closedOn < matter.openedOn) {
        throw badRequest(M.closeBeforeOpened, { closedOn: M.closeBeforeOpened });
      }
      if ((await repo.scheduledAppointments(tx, orgId, matter.id)) > 0) {
        throw badRequest(M.pendingHearings, { hearings: M.pendingHearings });
      }
      const program = await repo.programOf(tx, orgId, matter.programId);
      const retentionUntil = addYears(input.closedOn, effectiveLegalSettings(program?.legalSettings).retentionYears);
      const client = await repo.clientOf(tx, orgId, matter.clientId);
      const closing: MatterClosingJson = {
        reason: input.reason,
        ...(input.reasonDetail ? { reasonDetail: input.reasonDetail } : {}),
        summary: input.summary,
        closedOn: input.closedOn,
        letterLanguage: input.letterLanguage ?? documentLanguageFor(client?.preferredLanguage),
        retentionUntil,
        closedBy: userId,
      };
      const updated = await repo.updateMatter(tx, matter, { status: 'closed', closedOn: input.closedOn, retentionUntil, closing });
      const data = { reason: input.reason, closedOn: input.closedOn, retentionUntil };
      await recordMatterEvent(tx, orgId, userId, matter.id, 'closed', data);
      await auditMatter(tx, ctx, 'matter.closed', { type: 'legal_matter', id: matter.id }, { before: { status: 'open' }, after: data });
      return this.toResponse(tx, ctx, updated);
    });
  }

  async reopen(ctx: MemberContext, matterId: string, input: ReopenMatterRequest): Promise<MatterAcceptanceResponse> {
    requireAction(ctx, 'matter.decide');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const matter = await findReadableMatter(tx, ctx, matterId, { lock: true });
      if (!matter) {
        throw notFound('Matter not found');
      }
      // Reopening undoes a closing and its retention date: a supervising attorney's decision, like acceptance.
      if (!(await isSupervisingAttorney(tx, orgId, userId))) {
        throw forbidden(M.onlySupervisingAttorney);
      }
      if (matter.status !== 'closed') {
        throw conflict(M.reopenOnlyClosed, { matterId: M.reopenOnlyClosed });
      }
      if (matter.version !== input.version) {
        throw staleVersion();
      }
      const updated = await repo.updateMatter(tx, matter, { status: 'open', closedOn: null, retentionUntil: null, closing: null });
      const previous = { reason: matter.closing?.reason ?? null, closedOn: matter.closedOn };
      await recordMatterEvent(tx, orgId, userId, matter.id, 'reopened', { reason: input.reason, previousClosing: previous });
      await auditMatter(tx, ctx, 'matter.reopened', { type: 'legal_matter', id: matter.id }, { before: { status: 'closed', ...previous }, after: { status: 'open' } });
      return this.toResponse(tx, ctx, updated);
    });
  }

  /** A matter the caller may change (locked, neither closed nor declined) at the version they read. */
  private async workable(tx: Db, ctx: MemberContext, matterId: string, version: number): Promise<MatterRow> {
    const matter = await matterForWork(tx, ctx, matterId);
    if (matter.version !== version) {
      throw staleVersion();
    }
    return matter;
  }

  private async agreementView(tx: Db, agreement: MatterAgreementJson) {
    const names = await repo.displayNames(tx, [agreement.generatedBy, agreement.orgSignedBy]);
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    return {
      scope: agreement.scope,
      feeCents: agreement.feeCents,
      feeNote: agreement.feeNote ?? null,
      language: documentLanguageFor(agreement.language),
      generatedAt: agreement.generatedAt,
      generatedBy: person(agreement.generatedBy),
      clientSignedOn: agreement.clientSignedOn ?? null,
      orgSignedOn: agreement.orgSignedOn ?? null,
      orgSignedBy: agreement.orgSignedBy ? person(agreement.orgSignedBy) : null,
      signed: Boolean(agreement.clientSignedOn),
    };
  }

  /** What the caller is told about each stored hit, decided now (their access may have changed). */
  private async hitViews(tx: Db, ctx: MemberContext, matter: MatterRow, hits: repo.StoredConflictHit[], parties: repo.PartyRow[], clientName: string): Promise<ConflictHit[]> {
    const matters = await repo.hitMatters(
      tx,
      ctx,
      hits.map((h) => h.matterId),
    );
    const visibleMatched = hits.filter((h) => matters.get(h.matterId)?.readable && h.matchedPartyId).map((h) => h.matchedPartyId!);
    const matchedNames = await repo.partyNames(tx, ctx.subject.orgId, visibleMatched);
    const ownNames = new Map(parties.map((p) => [p.id, p.name]));
    const views: ConflictHit[] = [];
    for (const hit of hits) {
      const other = matters.get(hit.matterId);
      const partyRole = hit.partyRole as MatterPartyRole;
      const partyName = hit.partyId === CLIENT_KEY || !hit.partyId ? (hit.partyRole === 'client' ? clientName : '') : (ownNames.get(hit.partyId) ?? '');
      if (other?.readable) {
        views.push({
          kind: conflictKind(hit.partyRole, hit.matchedRole),
          visibility: 'visible',
          partyRole,
          partyName,
          matchedRole: hit.matchedRole as MatterPartyRole,
          matchedName: hit.matchedPartyId ? (matchedNames.get(hit.matchedPartyId) ?? null) : null,
          matter: { id: other.id, reference: other.reference, type: other.type, status: other.status },
          similarity: hit.similarity ?? null,
          sameDateOfBirth: hit.sameDateOfBirth ?? null,
        });
      } else if (!other || (other.clientProtected && other.clientId !== matter.clientId)) {
        views.push({ kind: 'confidential', visibility: 'confidential', partyRole, partyName, matchedRole: null, matchedName: null, matter: null, similarity: null, sameDateOfBirth: null });
      } else {
        views.push({
          kind: conflictKind(hit.partyRole, hit.matchedRole),
          visibility: 'hidden',
          partyRole,
          partyName,
          matchedRole: hit.matchedRole as MatterPartyRole,
          matchedName: null,
          matter: null,
          similarity: null,
          sameDateOfBirth: null,
        });
      }
    }
    const rank = { conflict: 0, confidential: 1, related: 2 } as const;
    return views.sort((a, b) => rank[a.kind] - rank[b.kind]);
  }

  private async toResponse(tx: Db, ctx: MemberContext, matter: MatterRow): Promise<MatterAcceptanceResponse> {
    const { orgId, userId } = ctx.subject;
    const acceptance = matter.acceptance as repo.StoredAcceptance;
    const [client, program, parties, organization, deadlines] = [
      await repo.clientOf(tx, orgId, matter.clientId),
      await repo.programOf(tx, orgId, matter.programId),
      await repo.partiesOf(tx, orgId, matter.id),
      await repo.organizationContact(tx, orgId),
      await repo.openDeadlines(tx, orgId, matter.id),
    ];
    const check = acceptance.conflictCheck;
    const decision = acceptance.decision;
    const names = await repo.displayNames(tx, [
      matter.representativeId,
      matter.supervisingAttorneyId,
      acceptance.screenedBy,
      check?.checkedBy,
      check?.clearedBy,
      decision?.decidedBy,
      matter.closing?.closedBy,
    ]);
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    const clientName = client ? [client.givenName, client.middleName, client.familyName].filter(Boolean).join(' ') : '';
    let conflictCheck: ConflictCheckView | null = null;
    if (check) {
      const hits = await this.hitViews(tx, ctx, matter, check.hits, parties, clientName);
      conflictCheck = {
        checkedBy: person(check.checkedBy),
        checkedAt: check.checkedAt,
        cleared: check.cleared,
        clearedBy: check.clearedBy ? person(check.clearedBy) : null,
        clearedAt: check.clearedAt ?? null,
        note: check.note ?? null,
        stale: check.partyFingerprint !== undefined && check.partyFingerprint !== fingerprint(parties),
        conflicts: hits.filter((h) => h.kind === 'conflict').length,
        related: hits.filter((h) => h.kind === 'related').length,
        hits,
      };
    }
    const closing = matter.closing;
    return {
      matter: {
        id: matter.id,
        reference: matter.reference,
        type: matter.type,
        status: matter.status,
        version: matter.version,
        openedOn: matter.openedOn,
        closedOn: matter.closedOn,
        retentionUntil: matter.retentionUntil,
        program: { id: matter.programId, name: program?.name ?? '' },
        representative: matter.representativeId ? person(matter.representativeId) : null,
        supervisingAttorney: matter.supervisingAttorneyId ? person(matter.supervisingAttorneyId) : null,
      },
      client: {
        id: matter.clientId,
        name: clientName,
        preferredLanguage: client?.preferredLanguage ?? null,
        documentLanguage: documentLanguageFor(client?.preferredLanguage),
        addressLines: client ? formatAddress(client) : [],
      },
      organization,
      selectionCriteria: effectiveLegalSettings(program?.legalSettings).selectionCriteria,
      parties: parties.map((p) => ({ id: p.id, role: p.role, name: p.name, dateOfBirth: p.dateOfBirth })),
      screening:
        acceptance.screenedBy && acceptance.screenedAt
          ? {
              summary: acceptance.screeningSummary ?? '',
              eligible: acceptance.screeningEligible ?? null,
              notes: acceptance.screeningNotes ?? null,
              screenedBy: person(acceptance.screenedBy),
              screenedAt: acceptance.screenedAt,
            }
          : null,
      conflictCheck,
      decision: decision
        ? { outcome: decision.outcome, decidedBy: person(decision.decidedBy), decidedAt: decision.decidedAt, criteria: decision.criteria, reason: decision.reason ?? null }
        : null,
      agreement: matter.agreement ? await this.agreementView(tx, matter.agreement) : null,
      closing: closing
        ? {
            reason: closing.reason,
            reasonDetail: closing.reasonDetail ?? null,
            summary: closing.summary,
            closedOn: closing.closedOn,
            letterLanguage: documentLanguageFor(closing.letterLanguage) satisfies Locale,
            retentionUntil: closing.retentionUntil,
            closedBy: person(closing.closedBy),
          }
        : null,
      openDeadlines: deadlines,
      callerIsSupervisingAttorney: roleCan(ctx.subject.role, 'matter.decide') && (await isSupervisingAttorney(tx, orgId, userId)),
    };
  }
}
