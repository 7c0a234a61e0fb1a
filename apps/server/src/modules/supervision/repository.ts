import { and, asc, type Column, count, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { DASHBOARD_APPROVALS_LIMIT, DASHBOARD_LIST_LIMIT } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';

const { cases, clients, users, tasks, plans, disbursements, riskFlags } = schema;

/**
 * The supervisor dashboard's queries. Each is one bounded statement over the cases the caller
 * may read (`scope`, the readableCases condition and the dashboard's filters, which reads
 * `cases` and `clients`): counts are aggregates, lists are capped, so the dashboard stays fast
 * with tens of thousands of cases and a million notes (no note is read: the notes service keeps
 * cases.last_meaningful_contact_on).
 */

const clientName = sql<string>`coalesce(nullif(${clients.preferredName}, ''), ${clients.givenName}) || ' ' || ${clients.familyName}`;
const openCase = or(eq(cases.status, 'open'), eq(cases.status, 'closure_pending'))!;
const caseJoin = (table: { orgId: Column; caseId: Column }) => and(eq(cases.orgId, table.orgId), eq(cases.id, table.caseId))!;
const clientJoin = and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId))!;

/** A timestamp as ISO 8601 text in UTC, whatever the driver would make of it. */
function isoText(value: SQL) {
  return sql<string>`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export async function caseloads(tx: Db, scope: SQL, periodStart: string, today: string) {
  const rows = await tx
    .select({
      caseManagerId: cases.primaryCaseManagerId,
      caseManagerName: sql<string>`coalesce(max(${users.displayName}), '')`,
      openCases: sql<number>`count(*)::int`,
      contactDue: sql<number>`(count(*) filter (where ${cases.lastMeaningfulContactOn} is null or ${cases.lastMeaningfulContactOn} < ${periodStart}))::int`,
    })
    .from(cases)
    .innerJoin(clients, clientJoin)
    .leftJoin(users, eq(users.id, cases.primaryCaseManagerId))
    .where(and(scope, openCase))
    .groupBy(cases.primaryCaseManagerId)
    .orderBy(sql`max(${users.displayName})`, cases.primaryCaseManagerId)
    .limit(200);
  const overdue = await tx
    .select({ caseManagerId: tasks.assignedTo, overdue: sql<number>`count(*)::int` })
    .from(tasks)
    .innerJoin(cases, caseJoin(tasks))
    .innerJoin(clients, clientJoin)
    .where(and(scope, openCase, eq(tasks.status, 'open'), lt(tasks.dueOn, today), eq(tasks.assignedTo, cases.primaryCaseManagerId)))
    .groupBy(tasks.assignedTo);
  const overdueBy = new Map(overdue.map((row) => [row.caseManagerId, row.overdue]));
  return rows.map((row) => ({ ...row, overdueTasks: overdueBy.get(row.caseManagerId) ?? 0 }));
}

/**
 * Calendar-month contact rule: a case is overdue when neither the previous month nor this one has
 * a meaningful contact — its last contact (or, never contacted, its opening) is before the first
 * day of the previous month.
 */
export async function overdueContacts(tx: Db, scope: SQL, previousPeriodStart: string) {
  const overdue = and(
    scope,
    eq(cases.status, 'open'),
    or(lt(cases.lastMeaningfulContactOn, previousPeriodStart), and(isNull(cases.lastMeaningfulContactOn), lt(cases.openedOn, previousPeriodStart))),
  );
  const [total] = await tx.select({ n: count() }).from(cases).innerJoin(clients, clientJoin).where(overdue);
  const items = await tx
    .select({
      caseId: cases.id,
      caseReference: cases.reference,
      clientName,
      caseManagerId: cases.primaryCaseManagerId,
      caseManagerName: sql<string>`coalesce(${users.displayName}, '')`,
      lastContactOn: cases.lastMeaningfulContactOn,
      openedOn: cases.openedOn,
    })
    .from(cases)
    .innerJoin(clients, clientJoin)
    .leftJoin(users, eq(users.id, cases.primaryCaseManagerId))
    .where(overdue)
    .orderBy(sql`coalesce(${cases.lastMeaningfulContactOn}, ${cases.openedOn})`, asc(cases.id))
    .limit(DASHBOARD_LIST_LIMIT);
  return { count: total?.n ?? 0, items };
}

export async function pendingPlans(tx: Db, scope: SQL) {
  const where = and(scope, eq(plans.status, 'submitted'));
  const [total] = await tx.select({ n: count() }).from(plans).innerJoin(cases, caseJoin(plans)).innerJoin(clients, clientJoin).where(where);
  const items = await tx
    .select({ id: plans.id, caseId: cases.id, caseReference: cases.reference, clientName, since: isoText(sql`coalesce(${plans.submittedAt}, ${plans.updatedAt})`) })
    .from(plans)
    .innerJoin(cases, caseJoin(plans))
    .innerJoin(clients, clientJoin)
    .where(where)
    .orderBy(sql`coalesce(${plans.submittedAt}, ${plans.updatedAt})`, plans.id)
    .limit(DASHBOARD_APPROVALS_LIMIT);
  return { count: total?.n ?? 0, items: items.map((row) => ({ ...row, amountCents: null })) };
}

export async function pendingClosures(tx: Db, scope: SQL) {
  const where = and(scope, eq(cases.status, 'closure_pending'));
  const since = sql<string>`coalesce(${cases.closure}->>'requestedAt', ${isoText(sql`${cases.updatedAt}`)})`;
  const [total] = await tx.select({ n: count() }).from(cases).innerJoin(clients, clientJoin).where(where);
  const items = await tx
    .select({ id: cases.id, caseId: cases.id, caseReference: cases.reference, clientName, since })
    .from(cases)
    .innerJoin(clients, clientJoin)
    .where(where)
    .orderBy(since, cases.id)
    .limit(DASHBOARD_APPROVALS_LIMIT);
  return { count: total?.n ?? 0, items: items.map((row) => ({ ...row, amountCents: null })) };
}

export async function pendingDisbursements(tx: Db, scope: SQL) {
  const where = and(scope, eq(disbursements.status, 'pending_approval'));
  const [total] = await tx.select({ n: count() }).from(disbursements).innerJoin(cases, caseJoin(disbursements)).innerJoin(clients, clientJoin).where(where);
  const items = await tx
    .select({
      id: disbursements.id,
      caseId: cases.id,
      caseReference: cases.reference,
      clientName,
      since: disbursements.createdAt,
      amountCents: disbursements.amountCents,
    })
    .from(disbursements)
    .innerJoin(cases, caseJoin(disbursements))
    .innerJoin(clients, clientJoin)
    .where(where)
    .orderBy(disbursements.createdAt, disbursements.id)
    .limit(DASHBOARD_APPROVALS_LIMIT);
  return { count: total?.n ?? 0, items: items.map((row) => ({ ...row, since: row.since.toISOString(), amountCents: Number(row.amountCents) })) };
}

export async function openRiskFlags(tx: Db, scope: SQL) {
  const where = and(scope, eq(riskFlags.status, 'open'));
  const [total] = await tx.select({ n: count() }).from(riskFlags).innerJoin(cases, caseJoin(riskFlags)).innerJoin(clients, clientJoin).where(where);
  const items = await tx
    .select({
      id: riskFlags.id,
      caseId: cases.id,
      caseReference: cases.reference,
      clientName,
      kind: riskFlags.kind,
      raisedOn: riskFlags.raisedOn,
      safetyPlanMissing: sql<boolean>`${riskFlags.safetyPlan} is null`,
      mandatoryReportMissing: sql<boolean>`(${riskFlags.kind} = 'child_abuse_neglect' and ${riskFlags.mandatoryReport} is null)`,
    })
    .from(riskFlags)
    .innerJoin(cases, caseJoin(riskFlags))
    .innerJoin(clients, clientJoin)
    .where(where)
    .orderBy(riskFlags.raisedOn, riskFlags.id)
    .limit(DASHBOARD_LIST_LIMIT);
  return { count: total?.n ?? 0, items };
}

/** Approved plans on open cases whose review date has passed, or with an open goal past its due date. */
export async function plansPastDue(tx: Db, scope: SQL, today: string) {
  const goalDueOn = sql<string | null>`(select min(g->>'dueOn') from jsonb_array_elements(${plans.goals}) g where g->>'status' = 'open' and g->>'dueOn' < ${today})`;
  const where = and(scope, openCase, eq(plans.status, 'approved'), or(lt(plans.reviewOn, today), sql`${goalDueOn} is not null`));
  const [total] = await tx.select({ n: count() }).from(plans).innerJoin(cases, caseJoin(plans)).innerJoin(clients, clientJoin).where(where);
  const items = await tx
    .select({ planId: plans.id, caseId: cases.id, caseReference: cases.reference, clientName, reviewOn: plans.reviewOn, goalDueOn })
    .from(plans)
    .innerJoin(cases, caseJoin(plans))
    .innerJoin(clients, clientJoin)
    .where(where)
    .orderBy(sql`least(${plans.reviewOn}::text, ${goalDueOn})`, plans.id)
    .limit(DASHBOARD_LIST_LIMIT);
  return { count: total?.n ?? 0, items };
}
