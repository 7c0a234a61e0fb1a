import { type SQL, sql } from 'drizzle-orm';
import { DASHBOARD_APPROVALS_LIMIT, DASHBOARD_LIST_LIMIT, type OpenRiskFlag, type PendingApproval } from '@haven/domain';
import { type Db, queryRows } from '../../platform/db/index.js';

/**
 * The supervisor dashboard in one statement. `scope` is the readableCases condition with the
 * dashboard's filters (it reads `cases` and `clients`, joined unaliased). The cases in scope are
 * read once — a materialized CTE of narrow rows (no names), so cases and clients are each scanned
 * once, row-level security is checked once per row and the set stays in memory — and everything
 * else is computed from that set: caseloads, overdue tasks (tasks_assignee_idx), overdue contacts
 * (no note is read: the notes service keeps cases.last_meaningful_contact_on), approvals waiting,
 * open risk flags and plans past due (plans.open_goal_due_on, kept from the goals by a trigger).
 * Names are read by key only for the rows a list keeps (`named`). Lists are capped and carry
 * their full count (`count(*) over ()`, taken before the LIMIT). Caseloads, contacts, tasks and
 * plans count open cases only; what waits for a decision and open risk flags show on any case,
 * closed ones included, so nothing is left waiting unseen. The answer is one row of JSON text,
 * parsed here: one round trip, whatever the driver.
 */
export async function caseOverview(tx: Db, orgId: string, scope: SQL, dates: { today: string; periodStart: string; previousPeriodStart: string }) {
  const { today, periodStart, previousPeriodStart } = dates;
  const [row] = await queryRows<{ overview: string }>(
    tx,
    sql`
    with scoped as materialized (
      select cases.id, cases.primary_case_manager_id as cm, cases.status,
             cases.last_meaningful_contact_on as last_on, cases.opened_on
        from cases inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where ${scope}
    ),
    -- What a listed case shows: read by key for the few rows a list keeps, never for the whole scope.
    named as not materialized (
      select cases.id, cases.reference,
             coalesce(nullif(clients.preferred_name, ''), clients.given_name) || ' ' || clients.family_name as client_name
        from cases inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where cases.org_id = ${orgId}
    ),
    caseloads as (
      select s.cm, count(*)::int as open_cases,
             (count(*) filter (where s.last_on is null or s.last_on < ${periodStart}::date))::int as contact_due
        from scoped s where s.status <> 'closed' group by s.cm
    ),
    overdue_tasks as (
      select t.assigned_to as cm, count(*)::int as n
        from tasks t inner join scoped s on s.id = t.case_id and s.cm = t.assigned_to
       where t.org_id = ${orgId} and t.status = 'open' and t.due_on < ${today}::date and s.status <> 'closed'
       group by t.assigned_to
    ),
    overdue_ids as (
      select s.*, count(*) over () as total from scoped s
       where s.status = 'open' and (s.last_on < ${previousPeriodStart}::date or (s.last_on is null and s.opened_on < ${previousPeriodStart}::date))
       order by coalesce(s.last_on, s.opened_on), s.id
       limit ${DASHBOARD_LIST_LIMIT}
    ),
    overdue as (
      select o.*, n.reference, n.client_name from overdue_ids o inner join named n on n.id = o.id
    ),
    -- The lists of what waits read their few rows by index with the scope checked per row,
    -- rather than probing the whole scoped set.
    closures as (
      select cases.id, cases.reference,
             coalesce(nullif(clients.preferred_name, ''), clients.given_name) || ' ' || clients.family_name as client_name,
             coalesce(cases.closure->>'requestedAt', to_char(cases.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as since,
             count(*) over () as total
        from cases inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where ${scope} and cases.status = 'closure_pending'
       order by since, cases.id
       limit ${DASHBOARD_APPROVALS_LIMIT}
    ),
    pending_plan_ids as (
      select p.id, p.case_id,
             to_char(coalesce(p.submitted_at, p.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since,
             count(*) over () as total
        from plans p
       inner join cases on cases.org_id = p.org_id and cases.id = p.case_id
       inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where p.org_id = ${orgId} and p.status = 'submitted' and ${scope}
       order by since, p.id
       limit ${DASHBOARD_APPROVALS_LIMIT}
    ),
    pending_plans as (
      select x.*, n.reference, n.client_name from pending_plan_ids x inner join named n on n.id = x.case_id
    ),
    pending_disbursement_ids as (
      select d.id, d.case_id, d.amount_cents,
             to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since,
             count(*) over () as total
        from disbursements d
       inner join cases on cases.org_id = d.org_id and cases.id = d.case_id
       inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where d.org_id = ${orgId} and d.status = 'pending_approval' and ${scope}
       order by since, d.id
       limit ${DASHBOARD_APPROVALS_LIMIT}
    ),
    pending_disbursements as (
      select x.*, n.reference, n.client_name from pending_disbursement_ids x inner join named n on n.id = x.case_id
    ),
    open_flag_ids as (
      select f.id, f.case_id, f.kind, f.raised_on,
             f.safety_plan is null as safety_plan_missing,
             (f.kind = 'child_abuse_neglect' and f.mandatory_report is null) as mandatory_report_missing,
             count(*) over () as total
        from risk_flags f
       inner join cases on cases.org_id = f.org_id and cases.id = f.case_id
       inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where f.org_id = ${orgId} and f.status = 'open' and ${scope}
       order by f.raised_on, f.id
       limit ${DASHBOARD_LIST_LIMIT}
    ),
    open_flags as (
      select x.*, n.reference, n.client_name from open_flag_ids x inner join named n on n.id = x.case_id
    ),
    -- Approved plans past their review date or with an open goal past due (open_goal_due_on is
    -- kept from the goals by a trigger); the goal's date is then the plan's earliest open goal.
    past_due_plans as (
      select p.id, s.id as case_id, p.review_on, p.open_goal_due_on
        from plans p inner join scoped s on s.id = p.case_id
       where p.org_id = ${orgId} and p.status = 'approved' and s.status <> 'closed'
         and (p.review_on < ${today}::date or p.open_goal_due_on < ${today}::date)
    ),
    past_due_ids as (
      select pp.id as plan_id, pp.case_id, pp.review_on,
             case when pp.open_goal_due_on < ${today}::date then pp.open_goal_due_on::text end as goal_due_on,
             count(*) over () as total
        from past_due_plans pp
       order by least(pp.review_on, case when pp.open_goal_due_on < ${today}::date then pp.open_goal_due_on end), pp.id
       limit ${DASHBOARD_LIST_LIMIT}
    ),
    past_due as (
      select p.*, n.reference, n.client_name from past_due_ids p inner join named n on n.id = p.case_id
    )
    select json_build_object(
      'caseloads', (
        select coalesce(json_agg(json_build_object(
                 'caseManagerId', c.cm, 'caseManagerName', coalesce(u.display_name, ''), 'openCases', c.open_cases,
                 'contactDue', c.contact_due, 'overdueTasks', coalesce(o.n, 0)) order by u.display_name, c.cm), '[]')
          from (select * from caseloads order by cm limit 200) c
          left join users u on u.id = c.cm
          left join overdue_tasks o on o.cm = c.cm),
      'overdueCount', (select coalesce(max(total), 0) from overdue),
      'overdue', (
        select coalesce(json_agg(json_build_object(
                 'caseId', d.id, 'caseReference', d.reference, 'clientName', d.client_name, 'caseManagerId', d.cm,
                 'caseManagerName', coalesce(u.display_name, ''), 'lastContactOn', d.last_on, 'openedOn', d.opened_on)
                 order by coalesce(d.last_on, d.opened_on), d.id), '[]')
          from overdue d left join users u on u.id = d.cm),
      'closuresCount', (select coalesce(max(total), 0) from closures),
      'closures', (
        select coalesce(json_agg(json_build_object('id', c.id, 'caseId', c.id, 'caseReference', c.reference, 'clientName', c.client_name,
                 'since', c.since, 'amountCents', null) order by c.since, c.id), '[]')
          from closures c),
      'plansCount', (select coalesce(max(total), 0) from pending_plans),
      'plans', (
        select coalesce(json_agg(json_build_object('id', p.id, 'caseId', p.case_id, 'caseReference', p.reference, 'clientName', p.client_name,
                 'since', p.since, 'amountCents', null) order by p.since, p.id), '[]')
          from pending_plans p),
      'disbursementsCount', (select coalesce(max(total), 0) from pending_disbursements),
      'disbursements', (
        select coalesce(json_agg(json_build_object('id', d.id, 'caseId', d.case_id, 'caseReference', d.reference, 'clientName', d.client_name,
                 'since', d.since, 'amountCents', d.amount_cents) order by d.since, d.id), '[]')
          from pending_disbursements d),
      'riskFlagsCount', (select coalesce(max(total), 0) from open_flags),
      'riskFlags', (
        select coalesce(json_agg(json_build_object('id', f.id, 'caseId', f.case_id, 'caseReference', f.reference, 'clientName', f.client_name,
                 'kind', f.kind, 'raisedOn', f.raised_on, 'safetyPlanMissing', f.safety_plan_missing,
                 'mandatoryReportMissing', f.mandatory_report_missing) order by f.raised_on, f.id), '[]')
          from open_flags f),
      'pastDueCount', (select coalesce(max(total), 0) from past_due),
      'pastDue', (
        select coalesce(json_agg(json_build_object('planId', p.plan_id, 'caseId', p.case_id, 'caseReference', p.reference,
                 'clientName', p.client_name, 'reviewOn', p.review_on, 'goalDueOn', p.goal_due_on)
                 order by least(p.review_on::text, p.goal_due_on), p.plan_id), '[]')
          from past_due p)
    )::text as overview`,
  );
  const overview = JSON.parse(row!.overview) as {
    caseloads: { caseManagerId: string; caseManagerName: string; openCases: number; contactDue: number; overdueTasks: number }[];
    overdueCount: number;
    overdue: { caseId: string; caseReference: string; clientName: string; caseManagerId: string; caseManagerName: string; lastContactOn: string | null; openedOn: string }[];
    closuresCount: number;
    closures: PendingApproval[];
    plansCount: number;
    plans: PendingApproval[];
    disbursementsCount: number;
    disbursements: PendingApproval[];
    riskFlagsCount: number;
    riskFlags: OpenRiskFlag[];
    pastDueCount: number;
    pastDue: { planId: string; caseId: string; caseReference: string; clientName: string; reviewOn: string | null; goalDueOn: string | null }[];
  };
  return {
    caseloads: overview.caseloads,
    overdueContacts: { count: overview.overdueCount, items: overview.overdue },
    approvals: {
      plans: { count: overview.plansCount, items: overview.plans },
      closures: { count: overview.closuresCount, items: overview.closures },
      disbursements: { count: overview.disbursementsCount, items: overview.disbursements },
    },
    riskFlags: { count: overview.riskFlagsCount, items: overview.riskFlags },
    plansPastDue: { count: overview.pastDueCount, items: overview.pastDue },
  };
}
