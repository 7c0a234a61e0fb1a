import { and, asc, count, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, lockFor, queryRows, schema } from '../../platform/db/index.js';
import type { MemberContext } from '../../platform/http/request-context.js';
import { caseClientJoin, type CaseRow, readableCases } from './access.js';

const { cases, clients, programs, users, memberships, tasks, assessments, plans, enrollments, clientAssignments, caseEvents, caseNotes, caseNoteAddenda, householdMembers } = schema;

const caseManagers = alias(users, 'case_manager');
const supervisors = alias(users, 'supervisor');

/**
 * The next reference of the year, "C-2026-0042": serialized per organization with an advisory
 * lock for the rest of the transaction, so two openings never take the same number (the unique
 * index would refuse the second, but a person should not get an error for it).
 */
export async function nextReference(tx: Db, orgId: string, year: string): Promise<string> {
  await lockFor(tx, `case-reference:${orgId}`);
  const prefix = `C-${year}-`;
  const [row] = await queryRows<{ top: number | null }>(
    tx,
    sql`select max(split_part(${cases.reference}, '-', 3)::int) as top from ${cases}
        where ${cases.orgId} = ${orgId} and ${cases.reference} ~ ${`^C-${year}-[0-9]+$`}`,
  );
  return `${prefix}${String((row?.top ?? 0) + 1).padStart(4, '0')}`;
}

export interface MemberFacts {
  userId: string;
  name: string;
  role: string;
  status: string;
}

export async function findMember(tx: Db, orgId: string, userId: string): Promise<MemberFacts | undefined> {
  const [row] = await tx
    .select({ userId: memberships.userId, name: users.displayName, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

/** Active members holding one of these roles, by name (bounded: a picker, not a directory). */
export async function activeMembersWithRoles(tx: Db, orgId: string, roles: readonly string[]): Promise<{ id: string; name: string; role: string }[]> {
  if (roles.length === 0) {
    return [];
  }
  return tx
    .select({ id: users.id, name: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, 'active'), inArray(memberships.role, [...roles])))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(500);
}

export async function caseOfEnrollment(tx: Db, orgId: string, enrollmentId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.orgId, orgId), eq(cases.enrollmentId, enrollmentId)))
    .limit(1);
  return row?.id;
}

export async function insertCase(tx: Db, values: typeof cases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(cases).values(values).returning();
  return row!;
}

/** Writes a change guarded by the version the caller read; undefined when someone else changed it first. */
export async function updateCase(tx: Db, row: CaseRow, version: number, values: Partial<CaseRow>): Promise<CaseRow | undefined> {
  const [updated] = await tx
    .update(cases)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(cases.orgId, row.orgId), eq(cases.id, row.id), eq(cases.version, version)))
    .returning();
  return updated;
}

/** What the stage guard needs: assessments on file, and a plan in force. */
export async function fileFacts(tx: Db, kase: CaseRow, planApprovalRequired: boolean): Promise<{ assessmentCount: number; planInForce: boolean }> {
  const [assessed] = await tx
    .select({ n: count() })
    .from(assessments)
    .where(and(eq(assessments.orgId, kase.orgId), eq(assessments.caseId, kase.id)));
  const inForce = planApprovalRequired ? [eq(plans.status, 'approved')] : [inArray(plans.status, ['approved', 'submitted'])];
  const [planned] = await tx
    .select({ n: count() })
    .from(plans)
    .where(and(eq(plans.orgId, kase.orgId), eq(plans.caseId, kase.id), ...inForce));
  return { assessmentCount: Number(assessed?.n ?? 0), planInForce: Number(planned?.n ?? 0) > 0 };
}

export interface CaseDetailRow {
  kase: CaseRow;
  clientName: string;
  clientGivenName: string;
  clientPreferredLanguage: string | null;
  clientProtected: boolean;
  programName: string;
  caseSettings: (typeof programs.$inferSelect)['caseSettings'];
  caseManagerName: string;
  supervisorName: string | null;
}

/** One readable case with the names the case page shows. */
export async function findCaseDetail(tx: Db, ctx: MemberContext, caseId: string): Promise<CaseDetailRow | undefined> {
  const [row] = await tx
    .select({
      kase: cases,
      givenName: clients.givenName,
      familyName: clients.familyName,
      clientPreferredLanguage: clients.preferredLanguage,
      clientProtected: clients.isProtected,
      programName: programs.name,
      caseSettings: programs.caseSettings,
      caseManagerName: caseManagers.displayName,
      supervisorName: supervisors.displayName,
    })
    .from(cases)
    .innerJoin(clients, caseClientJoin)
    .innerJoin(programs, and(eq(programs.orgId, cases.orgId), eq(programs.id, cases.programId)))
    .innerJoin(caseManagers, eq(caseManagers.id, cases.primaryCaseManagerId))
    .leftJoin(supervisors, eq(supervisors.id, cases.supervisorId))
    .where(and(readableCases(ctx), eq(cases.id, caseId)))
    .limit(1);
  if (!row) {
    return undefined;
  }
  return {
    kase: row.kase,
    clientName: `${row.givenName} ${row.familyName}`,
    clientGivenName: row.givenName,
    clientPreferredLanguage: row.clientPreferredLanguage,
    clientProtected: row.clientProtected,
    programName: row.programName,
    caseSettings: row.caseSettings,
    caseManagerName: row.caseManagerName,
    supervisorName: row.supervisorName,
  };
}

export async function programSettings(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ caseSettings: programs.caseSettings })
    .from(programs)
    .where(and(eq(programs.orgId, orgId), eq(programs.id, programId)))
    .limit(1);
  return row?.caseSettings ?? null;
}

export async function userNames(tx: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A household case hangs on a member's enrollment: the household must be one the client belongs to. */
export async function isHouseholdMember(tx: Db, orgId: string, householdId: string, clientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: householdMembers.id })
    .from(householdMembers)
    .where(and(eq(householdMembers.orgId, orgId), eq(householdMembers.householdId, householdId), eq(householdMembers.clientId, clientId)))
    .limit(1);
  return row !== undefined;
}

export async function isAssignedToClient(tx: Db, orgId: string, clientId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: clientAssignments.userId })
    .from(clientAssignments)
    .where(and(eq(clientAssignments.orgId, orgId), eq(clientAssignments.clientId, clientId), eq(clientAssignments.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function assignToClient(tx: Db, orgId: string, clientId: string, userId: string): Promise<void> {
  await tx.insert(clientAssignments).values({ orgId, clientId, userId }).onConflictDoNothing();
}

export async function exitEnrollment(tx: Db, orgId: string, enrollmentId: string, exitedOn: string, exitReason: string): Promise<void> {
  await tx
    .update(enrollments)
    .set({ status: 'exited', exitedOn, exitReason, version: sql`${enrollments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enrollments.orgId, orgId), eq(enrollments.id, enrollmentId), eq(enrollments.status, 'active')));
}

/**
 * Makes the case's enrollment active again when it was ended by the closure — unless the client
 * has since been enrolled in the same program again (one active enrollment per program).
 */
export async function reactivateEnrollment(tx: Db, orgId: string, enrollmentId: string): Promise<boolean> {
  const [enrollment] = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.orgId, orgId), eq(enrollments.id, enrollmentId)))
    .limit(1);
  if (!enrollment || enrollment.status === 'active') {
    return false;
  }
  const [other] = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.orgId, orgId), eq(enrollments.clientId, enrollment.clientId), eq(enrollments.programId, enrollment.programId), eq(enrollments.status, 'active')))
    .limit(1);
  if (other) {
    return false;
  }
  await tx
    .update(enrollments)
    .set({ status: 'active', exitedOn: null, exitReason: null, version: sql`${enrollments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enrollments.orgId, orgId), eq(enrollments.id, enrollmentId)));
  return true;
}

export interface CaseloadFilter {
  caseManagerId?: string;
  supervisorId?: string;
  programId?: string;
  clientId?: string;
  statuses?: readonly CaseRow['status'][];
  stage?: CaseRow['stage'];
  /** Cases after this (contact date, id): the oldest contact first. */
  after?: { contactOn: string; id: string };
  limit: number;
  /** Period starts for the contact rule, in the organization's calendar. */
  monthStart: string;
  weekStart: string;
}

export interface CaseloadRow {
  id: string;
  reference: string;
  clientId: string;
  clientName: string;
  programId: string;
  programName: string;
  stage: CaseRow['stage'];
  status: CaseRow['status'];
  caseManagerId: string;
  caseManagerName: string;
  supervisorId: string | null;
  supervisorName: string | null;
  openedOn: string;
  closedOn: string | null;
  lastMeaningfulContactOn: string | null;
  contactOn: string;
  nextTitle: string | null;
  nextDueOn: string | null;
  contactDue: boolean;
}

/**
 * One page of a caseload in one query: the cases with their names, the earliest open task
 * (tasks_case_idx) and whether the program's contact rule is met in the current period (a count
 * of signed meaningful notes, case_notes_case_idx, only when the rule asks for more than one).
 * Ordered by the last meaningful contact (or the opening), oldest first: who has waited longest.
 */
export async function listCaseload(tx: Db, ctx: MemberContext, filter: CaseloadFilter): Promise<CaseloadRow[]> {
  const conditions: SQL[] = [readableCases(ctx)];
  if (filter.caseManagerId) {
    conditions.push(eq(cases.primaryCaseManagerId, filter.caseManagerId));
  }
  if (filter.supervisorId) {
    conditions.push(eq(cases.supervisorId, filter.supervisorId));
  }
  if (filter.programId) {
    conditions.push(eq(cases.programId, filter.programId));
  }
  if (filter.clientId) {
    conditions.push(eq(cases.clientId, filter.clientId));
  }
  if (filter.statuses) {
    conditions.push(inArray(cases.status, [...filter.statuses]));
  }
  if (filter.stage) {
    conditions.push(eq(cases.stage, filter.stage));
  }
  const contactOn = sql<string>`coalesce(${cases.lastMeaningfulContactOn}, ${cases.openedOn})`;
  if (filter.after) {
    conditions.push(or(gt(contactOn, filter.after.contactOn), and(eq(contactOn, filter.after.contactOn), gt(cases.id, filter.after.id)))!);
  }
  const period = sql`coalesce(${programs.caseSettings}->'contactRule'->>'period', 'calendar_month')`;
  const minimum = sql`coalesce((${programs.caseSettings}->'contactRule'->>'minimum')::int, 1)`;
  const periodStart = sql`(case when ${period} = 'week' then ${filter.weekStart}::date else ${filter.monthStart}::date end)`;
  const contactDue = sql<boolean>`(${cases.status} <> 'closed' and case
      when ${minimum} <= 1 then ${cases.lastMeaningfulContactOn} is null or ${cases.lastMeaningfulContactOn} < ${periodStart}
      else (select count(*) from ${caseNotes} n where n.org_id = ${cases.orgId} and n.case_id = ${cases.id}
              and n.status = 'signed' and n.meaningful and n.contact_on >= ${periodStart}) < ${minimum}
    end)`;
  const nextTitle = sql<string | null>`(select t.title from ${tasks} t where t.org_id = ${cases.orgId} and t.case_id = ${cases.id} and t.status = 'open' order by t.due_on, t.id limit 1)`;
  const nextDueOn = sql<string | null>`(select t.due_on::text from ${tasks} t where t.org_id = ${cases.orgId} and t.case_id = ${cases.id} and t.status = 'open' order by t.due_on, t.id limit 1)`;
  const rows = await tx
    .select({
      id: cases.id,
      reference: cases.reference,
      clientId: cases.clientId,
      givenName: clients.givenName,
      familyName: clients.familyName,
      programId: cases.programId,
      programName: programs.name,
      stage: cases.stage,
      status: cases.status,
      caseManagerId: cases.primaryCaseManagerId,
      caseManagerName: caseManagers.displayName,
      supervisorId: cases.supervisorId,
      supervisorName: supervisors.displayName,
      openedOn: cases.openedOn,
      closedOn: cases.closedOn,
      lastMeaningfulContactOn: cases.lastMeaningfulContactOn,
      contactOn: sql<string>`${contactOn}::text`,
      nextTitle,
      nextDueOn,
      contactDue,
    })
    .from(cases)
    .innerJoin(clients, caseClientJoin)
    .innerJoin(programs, and(eq(programs.orgId, cases.orgId), eq(programs.id, cases.programId)))
    .innerJoin(caseManagers, eq(caseManagers.id, cases.primaryCaseManagerId))
    .leftJoin(supervisors, eq(supervisors.id, cases.supervisorId))
    .where(and(...conditions))
    .orderBy(asc(contactOn), asc(cases.id))
    .limit(filter.limit);
  return rows.map(({ givenName, familyName, ...r }) => ({ ...r, clientName: `${givenName} ${familyName}`, contactDue: Boolean(r.contactDue) }));
}

export interface TimelineRow {
  id: string;
  kind: string;
  at: Date;
  actorId: string | null;
  data: Record<string, unknown> | null;
  noteId: string | null;
}

/**
 * The case's chain, newest first: its events and its notes (signed ones, and the caller's own
 * drafts), keyed by (at, id). A note stands at its signing (a draft at its writing).
 */
export async function listTimeline(
  tx: Db,
  ctx: MemberContext,
  kase: CaseRow,
  page: { before?: { at: Date; id: string }; limit: number },
): Promise<TimelineRow[]> {
  const { orgId, userId } = ctx.subject;
  const before = page.before ? sql`where (at, id) < (${page.before.at.toISOString()}::timestamptz, ${page.before.id}::uuid)` : sql``;
  const rows = await queryRows<{ id: string; kind: string; at: string | Date; actor_id: string | null; data: Record<string, unknown> | null; note_id: string | null }>(
    tx,
    sql`select * from (
          select e.id, e.kind, e.occurred_at as at, e.actor_id, e.data, null::uuid as note_id
            from ${caseEvents} e where e.org_id = ${orgId} and e.case_id = ${kase.id}
          union all
          select n.id, 'note' as kind, coalesce(n.signed_at, n.created_at) as at, coalesce(n.signed_by, n.created_by) as actor_id, null::jsonb as data, n.id as note_id
            from ${caseNotes} n where n.org_id = ${orgId} and n.case_id = ${kase.id}
              and (n.status = 'signed' or n.created_by = ${userId})
        ) chain ${before}
        order by at desc, id desc
        limit ${page.limit}`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, at: new Date(r.at), actorId: r.actor_id, data: r.data, noteId: r.note_id }));
}

/** Addenda read for one page of the timeline: far more than corrections ever run to. */
const TIMELINE_ADDENDA_MAX = 5000;

export async function notesWithAddenda(tx: Db, orgId: string, noteIds: readonly string[]) {
  if (noteIds.length === 0) {
    return { notes: [], addenda: [] };
  }
  const notes = await tx
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.orgId, orgId), inArray(caseNotes.id, [...noteIds])))
    .limit(noteIds.length);
  const addenda = await tx
    .select()
    .from(caseNoteAddenda)
    .where(and(eq(caseNoteAddenda.orgId, orgId), inArray(caseNoteAddenda.noteId, [...noteIds])))
    .orderBy(asc(caseNoteAddenda.createdAt), asc(caseNoteAddenda.id))
    .limit(TIMELINE_ADDENDA_MAX);
  return { notes, addenda };
}
