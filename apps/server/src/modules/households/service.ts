import type { z } from 'zod';
import type {
  AddHouseholdMemberRequest,
  CreateHouseholdRequest,
  HouseholdQuery,
  HouseholdResponse,
  Relationship,
  UpdateHouseholdMemberRequest,
  UpdateHouseholdRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

type Scope = { orgId: string; userId: string };

const SAFETY_MESSAGE = 'This person is marked as a suspected abuser and cannot be linked to a household with others';

/**
 * Households: people grouped over time with their relationships and membership dates. What the
 * caller is shown follows client visibility: protected members they may not see are left out,
 * and a household of only such people does not exist for them. A household link involving a
 * suspected abuser is refused (safety; RULES.md confidentiality).
 */
export class HouseholdService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private scope(ctx: MemberContext): Scope {
    return { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
  }

  private async view(tx: Db, scope: Scope, household: repo.HouseholdRow): Promise<HouseholdResponse> {
    const members = await repo.visibleMembers(tx, scope, household.id);
    return {
      id: household.id,
      name: household.name,
      version: household.version,
      members: members.map((m) => ({
        id: m.id,
        clientId: m.clientId,
        givenName: m.givenName,
        familyName: m.familyName,
        dateOfBirth: m.dateOfBirth,
        relationship: m.relationship as Relationship,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
        isCurrent: m.leftOn === null,
      })),
      createdAt: household.createdAt.toISOString(),
      updatedAt: household.updatedAt.toISOString(),
    };
  }

  async list(ctx: MemberContext, query: z.infer<typeof HouseholdQuery>) {
    requireAction(ctx, 'client.read');
    const after = query.cursor ? householdCursor(query.cursor) : undefined;
    const rows = await this.tenant(ctx, (tx) =>
      repo.listHouseholds(tx, this.scope(ctx), { clientId: query.clientId, q: query.q || undefined, after, limit: query.limit + 1 }),
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({ id: r.id, name: r.name, currentMembers: r.currentMembers, createdAt: r.createdAt.toISOString() })),
      nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.name, page.at(-1)!.id]) : null,
    };
  }

  async get(ctx: MemberContext, id: string): Promise<HouseholdResponse> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      const household = await repo.findHousehold(tx, this.scope(ctx), id);
      if (!household) {
        throw notFound('Household not found');
      }
      return this.view(tx, this.scope(ctx), household);
    });
  }

  async create(ctx: MemberContext, input: CreateHouseholdRequest): Promise<HouseholdResponse> {
    requireAction(ctx, 'client.update');
    const ids = input.members.map((m) => m.clientId);
    if (new Set(ids).size !== ids.length) {
      throw badRequest('A person is listed twice', { members: 'A person is listed twice' });
    }
    return this.tenant(ctx, async (tx) => {
      const scope = this.scope(ctx);
      const people = new Map((await repo.visibleClientsById(tx, scope, ids)).map((c) => [c.id, c]));
      input.members.forEach((member, index) => {
        const person = people.get(member.clientId);
        if (!person) {
          throw badRequest('Client not found', { [`members.${index}.clientId`]: 'Client not found' });
        }
        if (person.dateOfBirth && member.joinedOn < person.dateOfBirth) {
          throw badRequest('Joined before they were born', { [`members.${index}.joinedOn`]: 'This date is before the date of birth' });
        }
      });
      if (input.members.length > 1) {
        const index = input.members.findIndex((m) => people.get(m.clientId)!.suspectedAbuser);
        if (index >= 0) {
          throw badRequest(SAFETY_MESSAGE, { [`members.${index}.clientId`]: SAFETY_MESSAGE });
        }
      }
      const household = await repo.insertHousehold(tx, ctx.subject.orgId, input.name);
      await repo.insertMembers(
        tx,
        input.members.map((m) => ({ orgId: ctx.subject.orgId, householdId: household.id, ...m })),
      );
      const view = await this.view(tx, scope, household);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'household.created',
        objectType: 'household',
        objectId: household.id,
        after: { name: input.name, members: input.members },
      });
      return view;
    });
  }

  async rename(ctx: MemberContext, id: string, input: z.infer<typeof UpdateHouseholdRequest>): Promise<HouseholdResponse> {
    requireAction(ctx, 'client.update');
    return this.tenant(ctx, async (tx) => {
      const scope = this.scope(ctx);
      const current = await repo.findHousehold(tx, scope, id);
      if (!current) {
        throw notFound('Household not found');
      }
      const row = await repo.renameHousehold(tx, ctx.subject.orgId, id, input.version, input.name);
      if (!row) {
        throw conflict('Someone else changed this household since you opened it. Reload to see their changes.', {
          version: 'The record has changed',
        });
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'household.updated',
        objectType: 'household',
        objectId: id,
        before: { name: current.name },
        after: { name: row.name },
      });
      return this.view(tx, scope, row);
    });
  }

  async addMember(ctx: MemberContext, id: string, input: z.infer<typeof AddHouseholdMemberRequest>): Promise<HouseholdResponse> {
    requireAction(ctx, 'client.update');
    return this.tenant(ctx, async (tx) => {
      const scope = this.scope(ctx);
      const household = await repo.findHousehold(tx, scope, id);
      if (!household) {
        throw notFound('Household not found');
      }
      // Serializes membership changes to this household, so the checks below see every member.
      await repo.touchHousehold(tx, ctx.subject.orgId, id);
      const [person] = await repo.visibleClientsById(tx, scope, [input.clientId]);
      if (!person) {
        throw badRequest('Client not found', { clientId: 'Client not found' });
      }
      if (person.dateOfBirth && input.joinedOn < person.dateOfBirth) {
        throw badRequest('Joined before they were born', { joinedOn: 'This date is before the date of birth' });
      }
      const current = await repo.currentMembersForSafety(tx, ctx.subject.orgId, id);
      if (current.some((m) => m.clientId === input.clientId)) {
        throw badRequest('Already a member of this household', { clientId: 'Already a member of this household' });
      }
      // The rule sees the whole household, including people the caller may not see; the
      // message never says who is there.
      if (current.length > 0 && (person.suspectedAbuser || current.some((m) => m.suspectedAbuser))) {
        throw badRequest(SAFETY_MESSAGE, { clientId: SAFETY_MESSAGE });
      }
      await repo.insertMembers(tx, [{ orgId: ctx.subject.orgId, householdId: id, ...input }]);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'household.member_added',
        objectType: 'household',
        objectId: id,
        after: input,
      });
      return this.view(tx, scope, (await repo.findHousehold(tx, scope, id))!);
    });
  }

  async updateMember(
    ctx: MemberContext,
    id: string,
    memberId: string,
    input: z.infer<typeof UpdateHouseholdMemberRequest>,
  ): Promise<HouseholdResponse> {
    requireAction(ctx, 'client.update');
    if (input.relationship === undefined && input.leftOn === undefined) {
      throw badRequest('Nothing to change');
    }
    return this.tenant(ctx, async (tx) => {
      const scope = this.scope(ctx);
      const household = await repo.findHousehold(tx, scope, id);
      const member = household ? await repo.findMember(tx, ctx.subject.orgId, id, memberId) : undefined;
      // A membership of someone the caller may not see is as absent as they are.
      const visible = member ? await repo.visibleClientsById(tx, scope, [member.clientId]) : [];
      if (!household || !member || visible.length === 0) {
        throw notFound('Member not found');
      }
      await repo.touchHousehold(tx, ctx.subject.orgId, id);
      if (input.leftOn && input.leftOn < member.joinedOn) {
        throw badRequest('Left before joining', { leftOn: 'The date they left is before the date they joined' });
      }
      if (input.leftOn === null && member.leftOn !== null) {
        // Coming back re-links the person: the same rules as joining apply.
        const current = await repo.currentMembersForSafety(tx, ctx.subject.orgId, id);
        if (current.some((m) => m.clientId === member.clientId)) {
          throw badRequest('Already a member of this household', { leftOn: 'Already a member of this household' });
        }
        if (current.length > 0 && (visible[0]!.suspectedAbuser || current.some((m) => m.suspectedAbuser))) {
          throw badRequest(SAFETY_MESSAGE, { leftOn: SAFETY_MESSAGE });
        }
      }
      const changes: { relationship?: string; leftOn?: string | null } = {};
      if (input.relationship !== undefined) {
        changes.relationship = input.relationship;
      }
      if (input.leftOn !== undefined) {
        changes.leftOn = input.leftOn;
      }
      const row = await repo.updateMember(tx, ctx.subject.orgId, memberId, changes);
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'household.member_updated',
        objectType: 'household',
        objectId: id,
        before: { memberId, relationship: member.relationship, leftOn: member.leftOn },
        after: { memberId, relationship: row.relationship, leftOn: row.leftOn },
      });
      return this.view(tx, scope, (await repo.findHousehold(tx, scope, id))!);
    });
  }
}

function householdCursor(cursor: string): repo.HouseholdCursor {
  const [name, id] = decodeCursor(cursor, 2) as [string, string];
  return { name, id };
}
