import {
  type AssignDeadlineRequest,
  type CompleteDeadlineRequest,
  type CreateManualDeadlineRequest,
  type CreateMatterRequest,
  type DeadlineChange,
  type DeadlineFacts,
  type DeadlineHistoryEntry,
  isProtectedMatterType,
  MATTER_MESSAGES,
  MATTER_PROTECTION_BASIS,
  type MatterDeadline,
  type MatterDeadlinesResponse,
  type MatterDetail,
  type MatterFactsResponse,
  type MatterListQuery,
  type MatterPage,
  type MatterParty,
  type MatterPartyInput,
  type MatterRepresentative,
  type MatterType,
  normalizeNameForSearch,
  parseDeadlineFacts,
  type PutMatterFactsRequest,
  type Role,
  roleCan,
  type UpdateMatterRequest,
} from '@haven/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { type Db, schema } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { visibleClients } from '../clients/repository.js';
import { isSupervisingAttorney, REPRESENTATION_PROBLEM_MESSAGES, representationProblem } from '../credentials/access.js';
import { isProtectedClient } from '../cases/access.js';
import { isAssignedToClient } from '../cases/repository.js';
import { requireAction } from '../organizations/service.js';
import { auditMatter, auditSensitiveMatterRead, matterForRead, matterForWork, type MatterRow, recordMatterEvent } from './access.js';
import { handOverRuleDeadlines, organizationToday, recomputeMatterDeadlines } from './deadlines.js';
import { gatherMatterFacts } from './facts.js';
import * as repo from './repository.js';

const { legalMatters, matterParties, matterDeadlines, clientAssignments } = schema;

const HISTORY_LIMIT = 50;

const bad = (field: string, message: string) => badRequest(message, { [field]: message });
const staleMatter = () => conflict(MATTER_MESSAGES.stale, { version: MATTER_MESSAGES.stale });
const staleDeadline = () => conflict(MATTER_MESSAGES.deadlineStale, { version: MATTER_MESSAGES.deadlineStale });

function fullName(client: { givenName: string; familyName: string }): string {
  return `${client.givenName} ${client.familyName}`.trim();
}

function initials(client: { givenName: string; familyName: string }): string {
  return `${client.givenName.trim().charAt(0)}${client.familyName.trim().charAt(0)}`.toUpperCase();
}

/**
 * The facts staff entered, checked by the deadline engine's own parser: each error names
 * `facts.<name>`. `asOf` is refused: a matter is always judged on the organization's today.
 */
function parseMatterFacts(input: Record<string, unknown>): DeadlineFacts {
  if ('asOf' in input) {
    throw bad('facts.asOf', MATTER_MESSAGES.asOfNotStored);
  }
  const parsed = parseDeadlineFacts(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.issues) {
      fields[`facts.${issue.fact}`] ??= issue.message;
    }
    const [field, message] = Object.entries(fields)[0]!;
    throw badRequest(`${field}: ${message}`, fields);
  }
  return parsed.facts;
}

type DeadlineRow = NonNullable<Awaited<ReturnType<typeof repo.findDeadline>>>;

function toDeadline(row: DeadlineRow): MatterDeadline {
  const d = row.deadline;
  return {
    id: d.id,
    matterId: d.matterId,
    source: d.source,
    ruleId: d.ruleId,
    ruleVersion: d.ruleVersion,
    kind: d.kind,
    title: d.title,
    citation: d.citation,
    explanation: d.explanation,
    notes: d.notes,
    attorneyReview: d.notes.some((note) => note.type === 'attorney-review'),
    dueOn: d.dueOn,
    status: d.status,
    metByFilingId: d.metByFilingId,
    responsible: { id: d.responsibleId, name: row.responsibleName ?? '' },
    acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
    completedAt: d.completedAt?.toISOString() ?? null,
    version: d.version,
  };
}

function toParty(row: typeof matterParties.$inferSelect): MatterParty {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    dateOfBirth: row.dateOfBirth,
    relationship: row.relationship,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Legal matters: opening one on a client (screening), the list and page, the facts the deadline
 * engine reads, parties, and deadlines (computed and manual). Every change writes a matter event
 * (the matter's own chronology) and an audit event in the same transaction; audit payloads hold
 * ids, codes and fact names, never the dates of a person's life.
 */
export class LegalMatterService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  /** May this member be the matter's representative on `today`? Else a 400 naming `field`. */
  private async checkRepresentative(tx: Db, orgId: string, userId: string, type: MatterType, today: string, field = 'representativeId'): Promise<void> {
    const member = await repo.findActiveMember(tx, orgId, userId);
    if (!member || !roleCan(member.role as Role, 'matter.manage')) {
      throw bad(field, MATTER_MESSAGES.representativeNotMember);
    }
    const problem = await representationProblem(tx, orgId, userId, type, today);
    if (problem) {
      throw bad(field, REPRESENTATION_PROBLEM_MESSAGES[problem]);
    }
  }

  private async checkSupervisingAttorney(tx: Db, orgId: string, userId: string): Promise<void> {
    const member = await repo.findActiveMember(tx, orgId, userId);
    if (!member || !(await isSupervisingAttorney(tx, orgId, userId))) {
      throw bad('supervisingAttorneyId', MATTER_MESSAGES.notSupervisingAttorney);
    }
  }

  /**
   * A VAWA, T or U matter (8 USC 1367) on a client not yet protected: the client becomes protected
   * and only the matter's people see them. Protecting is the caller's act, so they assign
   * themselves and the people they named. A client already protected goes through
   * `grantProtectedClient` instead.
   */
  private async protectClient(tx: Db, ctx: MemberContext, matter: Pick<MatterRow, 'clientId' | 'type' | 'createdBy' | 'representativeId' | 'supervisingAttorneyId'>): Promise<void> {
    const basis = MATTER_PROTECTION_BASIS[matter.type];
    if (!basis) {
      return;
    }
    const { orgId } = ctx.subject;
    await repo.markClientProtected(tx, orgId, matter.clientId, basis);
    const people = [ctx.subject.userId, matter.createdBy, matter.representativeId, matter.supervisingAttorneyId].filter((id): id is string => id !== null);
    const assigned = await repo.assignToClient(tx, orgId, matter.clientId, people);
    await auditMatter(tx, ctx, 'client.updated', { type: 'client', id: matter.clientId }, { after: { isProtected: true, protectionBasis: basis } });
    for (const userId of assigned) {
      await auditMatter(tx, ctx, 'client.assigned', { type: 'client', id: matter.clientId }, { after: { userId, reason: 'legal_matter' } });
    }
  }

  /**
   * A client already protected exists only for the staff assigned to them. Naming someone else as
   * representative or supervising attorney would give that person the client: like accepting a
   * matter or transferring a case, that is a supervisor's decision (`client.assign`), recorded as
   * `client.assigned`. Without it, a 400 on the field naming who must first be assigned.
   */
  private async grantProtectedClient(tx: Db, ctx: MemberContext, clientId: string, people: readonly { field: 'representativeId' | 'supervisingAttorneyId'; userId: string | null }[], reason: 'matter_opened' | 'matter_updated'): Promise<void> {
    const { orgId, role } = ctx.subject;
    const grants: string[] = [];
    for (const { field, userId } of people) {
      if (userId === null || grants.includes(userId) || (await isAssignedToClient(tx, orgId, clientId, userId))) {
        continue;
      }
      if (!roleCan(role, 'client.assign')) {
        const message = field === 'representativeId' ? MATTER_MESSAGES.representativeNotAssigned : MATTER_MESSAGES.supervisingAttorneyNotAssigned;
        throw bad(field, message);
      }
      grants.push(userId);
    }
    for (const userId of await repo.assignToClient(tx, orgId, clientId, grants)) {
      await auditMatter(tx, ctx, 'client.assigned', { type: 'client', id: clientId }, { after: { userId, reason } });
    }
  }

  /** A protected client's VAWA, T or U matter records its basis when the record had only 'safety' (no one is assigned here). */
  private async keepProtectionBasis(tx: Db, ctx: MemberContext, clientId: string, type: MatterType): Promise<void> {
    const basis = MATTER_PROTECTION_BASIS[type];
    if (basis && (await repo.markClientProtected(tx, ctx.subject.orgId, clientId, basis))) {
      await auditMatter(tx, ctx, 'client.updated', { type: 'client', id: clientId }, { after: { isProtected: true, protectionBasis: basis } });
    }
  }

  async open(ctx: MemberContext, input: CreateMatterRequest): Promise<MatterDetail> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    const id = await this.tenant(ctx, async (tx) => {
      const client = await repo.findVisibleClient(tx, orgId, input.clientId, visibleClients(orgId, userId));
      if (!client) {
        throw bad('clientId', MATTER_MESSAGES.clientNotFound);
      }
      const program = await repo.findProgram(tx, orgId, input.programId);
      if (!program?.active) {
        throw bad('programId', MATTER_MESSAGES.programNotFound);
      }
      const facts = parseMatterFacts(input.facts ?? {});
      (input.parties ?? []).forEach((party, index) => {
        if (party.role === 'client') {
          throw bad(`parties.${index}.role`, MATTER_MESSAGES.clientPartyAdded);
        }
      });
      const today = await organizationToday(tx, orgId);
      if (input.representativeId) {
        await this.checkRepresentative(tx, orgId, input.representativeId, input.type, today);
      }
      if (input.supervisingAttorneyId) {
        await this.checkSupervisingAttorney(tx, orgId, input.supervisingAttorneyId);
      }
      if (client.isProtected) {
        const named = [
          { field: 'representativeId' as const, userId: input.representativeId ?? null },
          { field: 'supervisingAttorneyId' as const, userId: input.supervisingAttorneyId ?? null },
        ];
        await this.grantProtectedClient(tx, ctx, client.id, named, 'matter_opened');
      }
      const reference = await repo.nextMatterReference(tx, orgId, today.slice(0, 4));
      const [matter] = await tx
        .insert(legalMatters)
        .values({
          orgId,
          reference,
          clientId: client.id,
          programId: program.id,
          type: input.type,
          status: 'screening',
          representativeId: input.representativeId ?? null,
          supervisingAttorneyId: input.supervisingAttorneyId ?? null,
          facts,
          openedOn: today,
          createdBy: userId,
        })
        .returning();
      const clientName = fullName(client);
      await tx.insert(matterParties).values([
        { orgId, matterId: matter!.id, role: 'client', name: clientName, searchName: normalizeNameForSearch(clientName), dateOfBirth: client.dateOfBirth },
        ...(input.parties ?? []).map((party) => this.partyValues(orgId, matter!.id, party)),
      ]);
      if (isProtectedMatterType(input.type)) {
        if (client.isProtected) {
          await this.keepProtectionBasis(tx, ctx, client.id, input.type);
        } else {
          await this.protectClient(tx, ctx, matter!);
        }
      }
      await recordMatterEvent(tx, orgId, userId, matter!.id, 'opened', { reference, type: input.type, facts: Object.keys(facts) });
      await auditMatter(tx, ctx, 'matter.opened', { type: 'legal_matter', id: matter!.id }, {
        after: {
          reference,
          type: input.type,
          clientId: client.id,
          programId: program.id,
          representativeId: matter!.representativeId,
          supervisingAttorneyId: matter!.supervisingAttorneyId,
          facts: Object.keys(facts),
          parties: (input.parties ?? []).length + 1,
        },
      });
      await recomputeMatterDeadlines(tx, { orgId, actorId: userId }, matter!, 'opened', { today });
      return matter!.id;
    });
    return this.get(ctx, id, { audited: false });
  }

  private partyValues(orgId: string, matterId: string, party: MatterPartyInput) {
    return {
      orgId,
      matterId,
      role: party.role,
      name: party.name,
      searchName: normalizeNameForSearch(party.name),
      dateOfBirth: party.dateOfBirth ?? null,
      relationship: party.relationship || null,
    };
  }

  async list(ctx: MemberContext, query: MatterListQuery): Promise<MatterPage> {
    requireAction(ctx, 'matter.read');
    const { orgId, userId } = ctx.subject;
    if (query.representativeId && query.representativeId !== userId && !roleCan(ctx.subject.role, 'matter.read_all')) {
      throw forbidden(MATTER_MESSAGES.representativeOfOthers);
    }
    // A client's or a program's matters, or someone else's, are everything readable; otherwise my own by default.
    const mine = query.scope ? query.scope === 'mine' : !query.clientId && !query.programId && !query.representativeId;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    return this.tenant(ctx, async (tx) => {
      const rows = await repo.listMatters(tx, ctx, {
        mine,
        status: query.status,
        type: query.type,
        programId: query.programId,
        clientId: query.clientId,
        representativeId: query.representativeId,
        after: after ? { urgency: after[0]!, id: after[1]! } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const next = await repo.nextDeadlines(
        tx,
        orgId,
        page.map((row) => row.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          reference: row.reference,
          type: row.type,
          status: row.status,
          clientId: row.clientId,
          clientName: fullName(row),
          programId: row.programId,
          programName: row.programName,
          representative: row.representativeId ? { id: row.representativeId, name: row.representativeName ?? '' } : null,
          openedOn: row.openedOn,
          nextDeadline: next.get(row.id) ?? null,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.urgency, last.id]) : null,
      };
    });
  }

  private async detail(tx: Db, ctx: MemberContext, matter: MatterRow): Promise<MatterDetail> {
    const { orgId, userId, role } = ctx.subject;
    const row = await repo.matterDetailRow(tx, orgId, matter.id);
    if (!row) {
      throw notFound('Matter not found');
    }
    const gathered = await gatherMatterFacts(tx, matter);
    const next = await repo.nextDeadlines(tx, orgId, [matter.id]);
    const workable = matter.status !== 'closed' && matter.status !== 'declined';
    return {
      id: matter.id,
      reference: matter.reference,
      type: matter.type,
      status: matter.status,
      clientId: matter.clientId,
      clientName: fullName(row.client),
      programId: matter.programId,
      programName: row.programName,
      representative: matter.representativeId ? { id: matter.representativeId, name: row.representativeName ?? '' } : null,
      supervisingAttorney: matter.supervisingAttorneyId ? { id: matter.supervisingAttorneyId, name: row.supervisingAttorneyName ?? '' } : null,
      openedOn: matter.openedOn,
      closedOn: matter.closedOn,
      nextDeadline: next.get(matter.id) ?? null,
      client: {
        id: matter.clientId,
        name: fullName(row.client),
        initials: initials(row.client),
        preferredLanguage: row.client.preferredLanguage,
        isProtected: row.client.isProtected,
      },
      createdBy: matter.createdBy,
      facts: matter.facts,
      effectiveFacts: gathered.facts,
      sources: gathered.sources,
      asOf: await organizationToday(tx, orgId),
      capabilities: {
        canManage: workable && roleCan(role, 'matter.manage'),
        canDecide: workable && roleCan(role, 'matter.decide') && (await isSupervisingAttorney(tx, orgId, userId)),
      },
      version: matter.version,
    };
  }

  async get(ctx: MemberContext, matterId: string, options: { audited?: boolean } = {}): Promise<MatterDetail> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      if (options.audited !== false) {
        await auditSensitiveMatterRead(tx, ctx, matter, 'matter');
      }
      return this.detail(tx, ctx, matter);
    });
  }

  async update(ctx: MemberContext, matterId: string, input: UpdateMatterRequest): Promise<MatterDetail> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      if (matter.version !== input.version) {
        throw staleMatter();
      }
      const today = await organizationToday(tx, orgId);
      const type = input.type ?? matter.type;
      const representativeId = input.representativeId === undefined ? matter.representativeId : input.representativeId;
      const supervisingAttorneyId = input.supervisingAttorneyId === undefined ? matter.supervisingAttorneyId : input.supervisingAttorneyId;
      // A new type can need a full accreditation (court matters): the representative is checked again.
      if (representativeId && (representativeId !== matter.representativeId || type !== matter.type)) {
        await this.checkRepresentative(tx, orgId, representativeId, type, today);
      }
      if (supervisingAttorneyId && supervisingAttorneyId !== matter.supervisingAttorneyId) {
        await this.checkSupervisingAttorney(tx, orgId, supervisingAttorneyId);
      }
      const clientWasProtected = await isProtectedClient(tx, orgId, matter.clientId);
      if (clientWasProtected) {
        const named = [
          { field: 'representativeId' as const, userId: representativeId !== matter.representativeId ? representativeId : null },
          { field: 'supervisingAttorneyId' as const, userId: supervisingAttorneyId !== matter.supervisingAttorneyId ? supervisingAttorneyId : null },
        ];
        await this.grantProtectedClient(tx, ctx, matter.clientId, named, 'matter_updated');
      }
      const before = { type: matter.type, representativeId: matter.representativeId, supervisingAttorneyId: matter.supervisingAttorneyId };
      const after = { type, representativeId, supervisingAttorneyId };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key]);
      if (changed.length === 0) {
        return this.detail(tx, ctx, matter);
      }
      const [updated] = await tx
        .update(legalMatters)
        .set({ type, representativeId, supervisingAttorneyId, version: matter.version + 1, updatedAt: new Date() })
        .where(and(eq(legalMatters.orgId, orgId), eq(legalMatters.id, matter.id), eq(legalMatters.version, input.version)))
        .returning();
      if (!updated) {
        throw staleMatter();
      }
      if (representativeId !== matter.representativeId) {
        // Computed deadlines follow the representative; with none, the supervising attorney or the opener.
        await handOverRuleDeadlines(tx, orgId, matter.id, matter.representativeId ?? matter.createdBy, representativeId ?? supervisingAttorneyId ?? matter.createdBy);
      }
      if (clientWasProtected) {
        if (isProtectedMatterType(type) && type !== matter.type) {
          await this.keepProtectionBasis(tx, ctx, matter.clientId, type);
        }
      } else if (isProtectedMatterType(type)) {
        await this.protectClient(tx, ctx, updated);
      }
      await recordMatterEvent(tx, orgId, userId, matter.id, 'updated', { changed, ...after });
      await auditMatter(tx, ctx, 'matter.updated', { type: 'legal_matter', id: matter.id }, { before, after });
      if (type !== matter.type) {
        await recomputeMatterDeadlines(tx, { orgId, actorId: userId }, updated, 'type_changed', { today });
      }
      return this.detail(tx, ctx, updated);
    });
  }

  async putFacts(ctx: MemberContext, matterId: string, input: PutMatterFactsRequest): Promise<MatterFactsResponse> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    const facts = parseMatterFacts(input.facts);
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      if (matter.version !== input.version) {
        throw staleMatter();
      }
      const names = new Set([...Object.keys(matter.facts), ...Object.keys(facts)]);
      const changed = [...names].filter((name) => JSON.stringify(matter.facts[name] ?? null) !== JSON.stringify((facts as Record<string, unknown>)[name] ?? null)).sort();
      if (changed.length === 0) {
        return { matter: await this.detail(tx, ctx, matter), changes: [] };
      }
      const [updated] = await tx
        .update(legalMatters)
        .set({ facts, version: matter.version + 1, updatedAt: new Date() })
        .where(and(eq(legalMatters.orgId, orgId), eq(legalMatters.id, matter.id), eq(legalMatters.version, input.version)))
        .returning();
      if (!updated) {
        throw staleMatter();
      }
      await recordMatterEvent(tx, orgId, userId, matter.id, 'facts_changed', {
        changed: changed.map((name) => ({ fact: name, from: matter.facts[name] ?? null, to: (facts as Record<string, unknown>)[name] ?? null })),
      });
      await auditMatter(tx, ctx, 'matter.facts_changed', { type: 'legal_matter', id: matter.id }, { after: { facts: changed } });
      // Contradictory facts across sources throw here (400 naming the fact) and nothing above is kept.
      const changes: DeadlineChange[] = await recomputeMatterDeadlines(tx, { orgId, actorId: userId }, updated, `facts_changed:${changed.join(',')}`);
      return { matter: await this.detail(tx, ctx, updated), changes };
    });
  }

  async representatives(ctx: MemberContext): Promise<{ items: MatterRepresentative[] }> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const rows = await repo.credentialedMembers(tx, ctx.subject.orgId);
      const byUser = new Map<string, MatterRepresentative>();
      for (const row of rows) {
        if (!roleCan(row.role as Role, 'matter.manage')) {
          continue;
        }
        let item = byUser.get(row.userId);
        if (!item) {
          item = { id: row.userId, name: row.name, role: row.role, credentials: [] };
          byUser.set(row.userId, item);
        }
        item.credentials.push({
          kind: row.kind,
          barState: row.barState,
          barStatus: row.barStatus,
          accreditationLevel: row.accreditationLevel,
          expiresOn: row.expiresOn,
          supervisingAttorney: row.supervisingAttorney,
        });
      }
      return { items: [...byUser.values()] };
    });
  }

  async parties(ctx: MemberContext, matterId: string): Promise<{ items: MatterParty[] }> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'parties');
      return { items: (await repo.listParties(tx, ctx.subject.orgId, matter.id)).map(toParty) };
    });
  }

  async addParty(ctx: MemberContext, matterId: string, input: MatterPartyInput): Promise<MatterParty> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    if (input.role === 'client') {
      throw bad('role', MATTER_MESSAGES.clientPartyAdded);
    }
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      if ((await repo.countParties(tx, orgId, matter.id)) >= 200) {
        throw bad('name', 'A matter has at most 200 parties');
      }
      const [party] = await tx.insert(matterParties).values(this.partyValues(orgId, matter.id, input)).returning();
      await recordMatterEvent(tx, orgId, userId, matter.id, 'party_added', { role: input.role });
      await auditMatter(tx, ctx, 'matter.party_added', { type: 'matter_party', id: party!.id }, { after: { matterId: matter.id, role: input.role } });
      return toParty(party!);
    });
  }

  async removeParty(ctx: MemberContext, partyId: string): Promise<void> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    await this.tenant(ctx, async (tx) => {
      const party = await repo.findParty(tx, orgId, partyId);
      if (!party) {
        throw notFound('Party not found');
      }
      const matter = await matterForWork(tx, ctx, party.matterId);
      if (party.role === 'client') {
        throw bad('role', MATTER_MESSAGES.clientPartyKept);
      }
      await tx.delete(matterParties).where(and(eq(matterParties.orgId, orgId), eq(matterParties.id, party.id)));
      await recordMatterEvent(tx, orgId, userId, matter.id, 'party_removed', { role: party.role });
      await auditMatter(tx, ctx, 'matter.party_removed', { type: 'matter_party', id: party.id }, { before: { matterId: matter.id, role: party.role } });
    });
  }

  async deadlines(ctx: MemberContext, matterId: string): Promise<MatterDeadlinesResponse> {
    requireAction(ctx, 'matter.read');
    const { orgId } = ctx.subject;
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'deadlines');
      const rows = await repo.listDeadlines(tx, orgId, matter.id);
      const events = await repo.deadlineHistory(tx, orgId, matter.id, HISTORY_LIMIT);
      const history: DeadlineHistoryEntry[] = events.map(({ event, actorName }) => ({
        id: event.id,
        occurredAt: event.occurredAt.toISOString(),
        actor: event.actorId ? { id: event.actorId, name: actorName ?? '' } : null,
        cause: typeof event.data.cause === 'string' ? event.data.cause : 'unknown',
        changes: Array.isArray(event.data.changes) ? (event.data.changes as DeadlineChange[]) : [],
      }));
      return { items: rows.map(toDeadline), history };
    });
  }

  /** Can this member see the matter (active, a matter role, the client visible to them)? */
  private async memberCanRead(tx: Db, orgId: string, userId: string, matter: MatterRow): Promise<boolean> {
    const member = await repo.findActiveMember(tx, orgId, userId);
    if (!member || !roleCan(member.role as Role, 'matter.read')) {
      return false;
    }
    const own = [matter.representativeId, matter.supervisingAttorneyId, matter.createdBy].includes(userId);
    if (!own && !roleCan(member.role as Role, 'matter.read_all')) {
      return false;
    }
    const [client] = await tx
      .select({ isProtected: schema.clients.isProtected })
      .from(schema.clients)
      .where(and(eq(schema.clients.orgId, orgId), eq(schema.clients.id, matter.clientId)))
      .limit(1);
    if (!client?.isProtected) {
      return true;
    }
    const [assignment] = await tx
      .select({ userId: clientAssignments.userId })
      .from(clientAssignments)
      .where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, matter.clientId), eq(clientAssignments.userId, userId)))
      .limit(1);
    return assignment !== undefined;
  }

  async addDeadline(ctx: MemberContext, matterId: string, input: CreateManualDeadlineRequest): Promise<MatterDeadline> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      if (!(await this.memberCanRead(tx, orgId, input.responsibleId, matter))) {
        throw bad('responsibleId', MATTER_MESSAGES.responsibleCannotRead);
      }
      const today = await organizationToday(tx, orgId);
      const [deadline] = await tx
        .insert(matterDeadlines)
        .values({
          orgId,
          matterId: matter.id,
          source: 'manual',
          kind: 'deadline',
          title: input.title,
          notes: input.note ? [{ type: 'information', text: input.note }] : [],
          dueOn: input.dueOn,
          status: 'open',
          responsibleId: input.responsibleId,
          createdBy: userId,
        })
        .returning();
      await recordMatterEvent(tx, orgId, userId, matter.id, 'deadline_added', { deadlineId: deadline!.id, dueOn: input.dueOn, pastDue: input.dueOn < today });
      await auditMatter(tx, ctx, 'deadline.added', { type: 'matter_deadline', id: deadline!.id }, { after: { matterId: matter.id, dueOn: input.dueOn, responsibleId: input.responsibleId } });
      return toDeadline((await repo.findDeadline(tx, orgId, deadline!.id))!);
    });
  }

  private async deadlineForWork(tx: Db, ctx: MemberContext, deadlineId: string) {
    const row = await repo.findDeadline(tx, ctx.subject.orgId, deadlineId);
    if (!row) {
      throw notFound('Deadline not found');
    }
    const matter = await matterForWork(tx, ctx, row.deadline.matterId);
    // Read again under the matter's lock, and lock the row: what a queued writer checks is current.
    const locked = await repo.findDeadline(tx, ctx.subject.orgId, deadlineId, { lock: true });
    if (!locked) {
      throw notFound('Deadline not found');
    }
    return { row: locked, matter };
  }

  async completeDeadline(ctx: MemberContext, deadlineId: string, input: CompleteDeadlineRequest): Promise<MatterDeadline> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    return this.tenant(ctx, async (tx) => {
      const { row, matter } = await this.deadlineForWork(tx, ctx, deadlineId);
      const deadline = row.deadline;
      if (deadline.source !== 'manual') {
        throw conflict(MATTER_MESSAGES.manualOnly, { id: MATTER_MESSAGES.manualOnly });
      }
      if (deadline.version !== input.version) {
        throw staleDeadline();
      }
      if (deadline.status !== 'open') {
        throw conflict(MATTER_MESSAGES.deadlineClosed, { id: MATTER_MESSAGES.deadlineClosed });
      }
      const done = await tx
        .update(matterDeadlines)
        .set({ status: 'done', completedAt: new Date(), completedBy: userId, version: sql`${matterDeadlines.version} + 1`, updatedAt: new Date() })
        .where(and(eq(matterDeadlines.orgId, orgId), eq(matterDeadlines.id, deadline.id), eq(matterDeadlines.version, input.version)))
        .returning({ id: matterDeadlines.id });
      if (done.length === 0) {
        throw staleDeadline();
      }
      await recordMatterEvent(tx, orgId, userId, matter.id, 'deadline_completed', { deadlineId: deadline.id, dueOn: deadline.dueOn });
      await auditMatter(tx, ctx, 'deadline.updated', { type: 'matter_deadline', id: deadline.id }, { before: { status: deadline.status }, after: { status: 'done' } });
      return toDeadline((await repo.findDeadline(tx, orgId, deadline.id))!);
    });
  }

  async assignDeadline(ctx: MemberContext, deadlineId: string, input: AssignDeadlineRequest): Promise<MatterDeadline> {
    requireAction(ctx, 'matter.manage');
    const { orgId, userId } = ctx.subject;
    return this.tenant(ctx, async (tx) => {
      const { row, matter } = await this.deadlineForWork(tx, ctx, deadlineId);
      const deadline = row.deadline;
      if (deadline.version !== input.version) {
        throw staleDeadline();
      }
      if (deadline.status !== 'open') {
        throw conflict(MATTER_MESSAGES.deadlineClosed, { id: MATTER_MESSAGES.deadlineClosed });
      }
      if (!(await this.memberCanRead(tx, orgId, input.responsibleId, matter))) {
        throw bad('responsibleId', MATTER_MESSAGES.responsibleCannotRead);
      }
      if (input.responsibleId !== deadline.responsibleId) {
        // The new person has not acknowledged it: the tickler reminds them from the start.
        const moved = await tx
          .update(matterDeadlines)
          .set({ responsibleId: input.responsibleId, acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null, version: sql`${matterDeadlines.version} + 1`, updatedAt: new Date() })
          .where(and(eq(matterDeadlines.orgId, orgId), eq(matterDeadlines.id, deadline.id), eq(matterDeadlines.version, input.version)))
          .returning({ id: matterDeadlines.id });
        if (moved.length === 0) {
          throw staleDeadline();
        }
        await recordMatterEvent(tx, orgId, userId, matter.id, 'deadline_assigned', { deadlineId: deadline.id });
        await auditMatter(tx, ctx, 'deadline.updated', { type: 'matter_deadline', id: deadline.id }, {
          before: { responsibleId: deadline.responsibleId },
          after: { responsibleId: input.responsibleId },
        });
      }
      return toDeadline((await repo.findDeadline(tx, orgId, deadline.id))!);
    });
  }
}
