import { and, eq, inArray, sql } from 'drizzle-orm';
import { clientSearchName, type MergeClientsRequest, phoneSearchKeys, type UnmergeClientRequest } from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, queryRows, schema } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';
import type { ClientService } from './service.js';

const { clients, clientAssignments, clientIdentifiers, householdMembers, enrollments, exceptionRequests, consents, documents, intakes, auditEvents } =
  schema;

/** The tables whose rows belong to a client by client_id and move with a merge. */
const LINKED = { householdMembers, enrollments, exceptionRequests, consents, documents, clientIdentifiers } as const;
type LinkedTable = keyof typeof LINKED;

/** What a merge changed, kept in the audit event so the merge can be undone exactly. */
interface MergeRecord {
  survivorId: string;
  duplicateId: string;
  /** The survivor's columns before the merge filled its blanks. */
  survivorBefore: Partial<repo.ClientRow>;
  moved: Record<LinkedTable, string[]>;
  addedAssignments: string[];
  intakeIds: string[];
}

/** Columns the survivor takes from the duplicate when its own are empty. */
const FILLABLE = [
  'middleName',
  'preferredName',
  'nativeName',
  'dateOfBirth',
  'sex',
  'gender',
  'countryOfBirth',
  'preferredLanguage',
  'email',
  'firstArrivalDate',
  'lastArrivalDate',
] as const;

function unionBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((item) => !seen.has(key(item)))];
}

/**
 * Merging duplicate records (a supervisor's decision): the survivor keeps its values, fills its
 * blanks from the duplicate and takes over everything linked to it; the duplicate is marked
 * merged and disappears everywhere. The audit event holds what moved, so unmerge restores it.
 */
export class ClientMergeService {
  constructor(
    private readonly deps: AppDeps,
    private readonly clientService: ClientService,
  ) {}

  async merge(ctx: MemberContext, survivorId: string, input: MergeClientsRequest) {
    requireAction(ctx, 'client.merge');
    if (survivorId === input.duplicateId) {
      throw badRequest('A record cannot be merged into itself', { duplicateId: 'Choose another record' });
    }
    await inTenant(this.deps.database.db, ctx, async (tx) => {
      const scope = { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
      const survivor = await repo.findVisibleClient(tx, scope, survivorId);
      if (!survivor) {
        throw notFound('Client not found');
      }
      const duplicate = await repo.findVisibleClient(tx, scope, input.duplicateId);
      if (!duplicate) {
        throw badRequest('Client not found', { duplicateId: 'Client not found' });
      }
      if (survivor.version !== input.version) {
        throw conflict('Someone else changed this client since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      const record = await this.moveLinked(tx, ctx.subject.orgId, survivor, duplicate);

      const filled: Partial<repo.ClientInsert> = {};
      for (const column of FILLABLE) {
        if (survivor[column] === null && duplicate[column] !== null) {
          (filled as Record<string, unknown>)[column] = duplicate[column];
        }
      }
      const duplicateName = `${duplicate.givenName} ${duplicate.familyName}`;
      const aliases = [...new Set([...survivor.aliases, ...duplicate.aliases, ...(duplicateName !== `${survivor.givenName} ${survivor.familyName}` ? [duplicateName] : [])])].slice(0, 20);
      const merged: Partial<repo.ClientInsert> = {
        ...filled,
        aliases,
        nationalities: [...new Set([...survivor.nationalities, ...duplicate.nationalities])].slice(0, 5),
        languages: unionBy(survivor.languages, duplicate.languages, (l) => l.language).slice(0, 10),
        phones: unionBy(survivor.phones, duplicate.phones, (p) => p.number.replace(/\D/g, '')).slice(0, 5),
        addresses: unionBy(survivor.addresses, duplicate.addresses, (a) => `${a.line1}|${a.city}|${a.movedIn ?? ''}`).slice(0, 30),
        statuses: unionBy(survivor.statuses, duplicate.statuses, (s) => `${s.status}|${s.effectiveFrom}`).slice(0, 30),
        // Protection is never lost in a merge: if either record was protected, the survivor is.
        isProtected: survivor.isProtected || duplicate.isProtected,
        protectionBasis: survivor.protectionBasis ?? duplicate.protectionBasis,
        suspectedAbuser: survivor.suspectedAbuser || duplicate.suspectedAbuser,
      };
      record.survivorBefore = Object.fromEntries(Object.keys(merged).map((k) => [k, survivor[k as keyof repo.ClientRow]]));
      const names = { ...survivor, ...merged } as repo.ClientRow;
      merged.searchName = clientSearchName(names);
      merged.phoneKeys = [...new Set(names.phones.flatMap((p) => phoneSearchKeys(p.number)))];
      record.survivorBefore.searchName = survivor.searchName;
      record.survivorBefore.phoneKeys = survivor.phoneKeys;
      const updated = await repo.updateClient(tx, ctx.subject.orgId, survivor.id, survivor.version, merged);
      if (!updated) {
        throw conflict('Someone else changed this client since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      await tx
        .update(clients)
        .set({ mergedInto: survivor.id, version: duplicate.version + 1, updatedAt: new Date() })
        .where(and(eq(clients.orgId, ctx.subject.orgId), eq(clients.id, duplicate.id)));
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'client.merged',
        objectType: 'client',
        objectId: survivor.id,
        before: { survivorId: survivor.id, duplicateId: duplicate.id, reason: input.reason },
        after: record,
      });
    });
    return this.clientService.get(ctx, survivorId, 'Merged a duplicate record into this one');
  }

  /** Moves the duplicate's linked rows to the survivor, refusing what cannot be combined. */
  private async moveLinked(tx: Db, orgId: string, survivor: repo.ClientRow, duplicate: repo.ClientRow): Promise<MergeRecord> {
    const ids = async (table: LinkedTable, clientId: string) => {
      const t = LINKED[table];
      const rows = await tx.select({ id: t.id }).from(t).where(and(eq(t.orgId, orgId), eq(t.clientId, clientId)));
      return rows.map((r) => r.id);
    };
    const survivorIdentifiers = await tx.select().from(clientIdentifiers).where(and(eq(clientIdentifiers.orgId, orgId), eq(clientIdentifiers.clientId, survivor.id)));
    const duplicateIdentifiers = await tx.select().from(clientIdentifiers).where(and(eq(clientIdentifiers.orgId, orgId), eq(clientIdentifiers.clientId, duplicate.id)));
    // Identifiers are unique in an organization, so two records holding the same kind hold
    // different values: the merge would have to pick one, and that is a person's decision.
    for (const identifier of duplicateIdentifiers) {
      if (identifier.kind !== 'receipt_number' && survivorIdentifiers.some((s) => s.kind === identifier.kind)) {
        const field = { a_number: 'A-numbers', i94: 'I-94 numbers', ssn: 'Social Security numbers' }[identifier.kind] ?? 'identifiers';
        throw badRequest(`The two records have different ${field}`, { duplicateId: `The two records have different ${field}: correct one of them before merging` });
      }
    }
    const activeEnrollments = await tx
      .select({ clientId: enrollments.clientId, programId: enrollments.programId })
      .from(enrollments)
      .where(and(eq(enrollments.orgId, orgId), inArray(enrollments.clientId, [survivor.id, duplicate.id]), eq(enrollments.status, 'active')));
    const clash = activeEnrollments.find((e) => e.clientId === duplicate.id && activeEnrollments.some((s) => s.clientId === survivor.id && s.programId === e.programId));
    if (clash) {
      throw badRequest('Both records are enrolled in the same program', { duplicateId: 'Both records are enrolled in the same program: end one enrollment before merging' });
    }
    const sharedHousehold = await queryRows<{ household_id: string }>(
      tx,
      sql`select a.household_id from household_members a join household_members b on b.org_id = a.org_id and b.household_id = a.household_id
          where a.org_id = ${orgId} and a.client_id = ${survivor.id} and b.client_id = ${duplicate.id} and a.left_on is null and b.left_on is null limit 1`,
    );
    if (sharedHousehold.length > 0) {
      throw badRequest('Both records are current members of one household', {
        duplicateId: 'Both records are current members of the same household: mark one as left before merging',
      });
    }

    const moved = {} as Record<LinkedTable, string[]>;
    for (const table of Object.keys(LINKED) as LinkedTable[]) {
      moved[table] = await ids(table, duplicate.id);
      if (moved[table].length > 0) {
        const t = LINKED[table];
        await tx.update(t).set({ clientId: survivor.id }).where(and(eq(t.orgId, orgId), inArray(t.id, moved[table])));
      }
    }
    const survivorAssignees = await tx.select({ userId: clientAssignments.userId }).from(clientAssignments).where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, survivor.id)));
    const duplicateAssignees = await tx.select({ userId: clientAssignments.userId }).from(clientAssignments).where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, duplicate.id)));
    // Everyone assigned to either record keeps access to the merged one.
    const addedAssignments = duplicateAssignees.map((a) => a.userId).filter((u) => !survivorAssignees.some((s) => s.userId === u));
    for (const userId of addedAssignments) {
      await repo.assignClient(tx, orgId, survivor.id, userId);
    }
    const intakeRows = await queryRows<{ id: string }>(
      tx,
      // Intakes under way name the survivor instead, once, in the place the first of them had.
      sql`update ${intakes} set data = jsonb_set(data, '{clientIds}', (
            select coalesce(jsonb_agg(to_jsonb(q.id) order by q.position), '[]'::jsonb) from (
              select case when t.v = ${duplicate.id} then ${survivor.id} else t.v end as id, min(t.position) as position
                from jsonb_array_elements_text(data->'clientIds') with ordinality as t(v, position) group by 1) q))
          where org_id = ${orgId} and status = 'in_progress' and data->'clientIds' ? ${duplicate.id} returning id`,
    );
    return {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      survivorBefore: {},
      moved,
      addedAssignments,
      intakeIds: intakeRows.map((r) => r.id),
    };
  }

  /** Undoes a merge from its audit event: the duplicate returns with everything that moved. */
  async unmerge(ctx: MemberContext, duplicateId: string, input: UnmergeClientRequest) {
    requireAction(ctx, 'client.merge');
    await inTenant(this.deps.database.db, ctx, async (tx) => {
      const orgId = ctx.subject.orgId;
      const [duplicate] = await tx.select().from(clients).where(and(eq(clients.orgId, orgId), eq(clients.id, duplicateId))).limit(1);
      if (!duplicate?.mergedInto) {
        throw notFound('No merged record with this id');
      }
      const survivor = await repo.findVisibleClient(tx, { orgId, userId: ctx.subject.userId }, duplicate.mergedInto);
      if (!survivor) {
        throw notFound('No merged record with this id');
      }
      const [event] = await tx
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'client.merged'), eq(auditEvents.objectId, survivor.id), sql`${auditEvents.after}->>'duplicateId' = ${duplicateId}`))
        .orderBy(sql`${auditEvents.seq} desc`)
        .limit(1);
      const record = event?.after as MergeRecord | undefined;
      if (!record) {
        throw conflict('The record of this merge is not in the audit log');
      }
      for (const table of Object.keys(LINKED) as LinkedTable[]) {
        const rowIds = record.moved[table] ?? [];
        if (rowIds.length > 0) {
          const t = LINKED[table];
          await tx.update(t).set({ clientId: duplicateId }).where(and(eq(t.orgId, orgId), inArray(t.id, rowIds)));
        }
      }
      if (record.addedAssignments.length > 0) {
        await tx.delete(clientAssignments).where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, survivor.id), inArray(clientAssignments.userId, record.addedAssignments)));
        for (const userId of record.addedAssignments) {
          await repo.assignClient(tx, orgId, duplicateId, userId);
        }
      }
      await tx
        .update(clients)
        .set({ ...(record.survivorBefore as Partial<repo.ClientInsert>), version: survivor.version + 1, updatedAt: new Date() })
        .where(and(eq(clients.orgId, orgId), eq(clients.id, survivor.id)));
      await tx
        .update(clients)
        .set({ mergedInto: null, version: duplicate.version + 1, updatedAt: new Date() })
        .where(and(eq(clients.orgId, orgId), eq(clients.id, duplicateId)));
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'client.unmerged',
        objectType: 'client',
        objectId: duplicateId,
        before: { mergedInto: survivor.id },
        after: { reason: input.reason, restored: record.moved },
      });
    });
    return this.clientService.get(ctx, duplicateId, 'Undid a merge of this record');
  }
}
