import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, schema } from '../../platform/db/index.js';

const { cases } = schema;

/**
 * The seed-004 reports as single aggregate statements. `readable` is the readableCases condition
 * (it reads `cases` and `clients`, which the statements join unaliased). Notes are read through
 * case_notes_contact_idx (signed, meaningful, by date) and services through case_services_date_idx,
 * both bounded to the months asked for, so a million notes cost only the ones in range.
 */

export interface ReportFilter {
  programId?: string;
  caseManagerId?: string;
}

function caseFilters(readable: SQL, filter: ReportFilter, from: string, to: string): SQL {
  const conditions: SQL[] = [readable, sql`${cases.openedOn} <= ${to}::date`, sql`(${cases.closedOn} is null or ${cases.closedOn} >= ${from}::date)`];
  if (filter.programId) {
    conditions.push(eq(cases.programId, filter.programId));
  }
  if (filter.caseManagerId) {
    conditions.push(eq(cases.primaryCaseManagerId, filter.caseManagerId));
  }
  return and(...conditions)!;
}

export interface ActiveClientRow {
  case_id: string;
  case_reference: string;
  /** JSON text: [{id, reference}] */
  cases: string;
  client_id: string;
  client_name: string;
  program_name: string;
  case_manager_name: string;
  contacts: number;
  services: number;
  last_contact_on: string | null;
}

/** One row per client with a case open in [from, to] and a signed meaningful note or a service dated in it. */
export async function activeClientsServed(tx: Db, orgId: string, readable: SQL, filter: ReportFilter, from: string, to: string, limit: number) {
  return queryRows<ActiveClientRow>(
    tx,
    sql`
    with scoped as (
      select cases.id, cases.reference, cases.client_id, cases.program_id, cases.primary_case_manager_id,
             clients.family_name, clients.given_name,
             coalesce(nullif(clients.preferred_name, ''), clients.given_name) || ' ' || clients.family_name as client_name
        from cases inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where ${caseFilters(readable, filter, from, to)}
    ),
    contacts as (
      select n.case_id, count(*)::int as n, max(n.contact_on) as last_on
        from case_notes n
       where n.org_id = ${orgId} and n.status = 'signed' and n.meaningful
         and n.contact_on between ${from}::date and ${to}::date
         and n.case_id in (select id from scoped)
       group by n.case_id
    ),
    services as (
      select s.case_id, count(*)::int as n
        from case_services s
       where s.org_id = ${orgId} and s.provided_on between ${from}::date and ${to}::date
         and s.case_id in (select id from scoped)
       group by s.case_id
    )
    select (array_agg(scoped.id order by scoped.reference))[1]::text as case_id,
           string_agg(scoped.reference, ', ' order by scoped.reference) as case_reference,
           json_agg(json_build_object('id', scoped.id, 'reference', scoped.reference) order by scoped.reference)::text as cases,
           scoped.client_id::text as client_id,
           min(scoped.client_name) as client_name,
           string_agg(distinct p.name, ', ') as program_name,
           coalesce(string_agg(distinct u.display_name, ', '), '') as case_manager_name,
           coalesce(sum(contacts.n), 0)::int as contacts,
           coalesce(sum(services.n), 0)::int as services,
           max(contacts.last_on)::text as last_contact_on
      from scoped
      left join contacts on contacts.case_id = scoped.id
      left join services on services.case_id = scoped.id
      inner join programs p on p.org_id = ${orgId} and p.id = scoped.program_id
      left join users u on u.id = scoped.primary_case_manager_id
     where contacts.case_id is not null or services.case_id is not null
     group by scoped.client_id, scoped.family_name, scoped.given_name
     order by scoped.family_name, scoped.given_name, scoped.client_id
     limit ${limit}`,
  );
}

export interface MonthlyRateRow {
  month: string;
  active_clients: number;
  served_clients: number;
}

/** For each month from `fromMonthStart` to `toMonthStart`: clients with a case open in it, and those of them served in it. */
export async function monthlyContactRate(tx: Db, orgId: string, readable: SQL, filter: ReportFilter, fromMonthStart: string, toMonthStart: string, rangeEnd: string) {
  return queryRows<MonthlyRateRow>(
    tx,
    sql`
    with bounds as (
      select m::date as m_start, (m + interval '1 month' - interval '1 day')::date as m_end
        from generate_series(${fromMonthStart}::date, ${toMonthStart}::date, interval '1 month') m
    ),
    scoped as (
      select cases.id, cases.client_id, cases.opened_on, cases.closed_on
        from cases inner join clients on clients.org_id = cases.org_id and clients.id = cases.client_id
       where ${caseFilters(readable, filter, fromMonthStart, rangeEnd)}
    ),
    -- Clients with a case open on some day of the month, counted once per month.
    active as (
      select x.m_start, count(*)::int as n from (
        select b.m_start, s.client_id
          from bounds b inner join scoped s on s.opened_on <= b.m_end and (s.closed_on is null or s.closed_on >= b.m_start)
         group by 1, 2
      ) x group by x.m_start
    ),
    -- Months with a signed meaningful contact or a service, per case first (a few per case).
    touched_cases as (
      select n.case_id, date_trunc('month', n.contact_on)::date as m_start
        from case_notes n
       where n.org_id = ${orgId} and n.status = 'signed' and n.meaningful
         and n.contact_on between ${fromMonthStart}::date and ${rangeEnd}::date
       group by 1, 2
      union all
      select v.case_id, date_trunc('month', v.provided_on)::date as m_start
        from case_services v
       where v.org_id = ${orgId} and v.provided_on between ${fromMonthStart}::date and ${rangeEnd}::date
       group by 1, 2
    ),
    -- Those of the active clients served in the month: through a case open in that month.
    served as (
      select x.m_start, count(*)::int as n from (
        select t.m_start, s.client_id
          from touched_cases t inner join scoped s on s.id = t.case_id
         where s.opened_on <= (t.m_start + interval '1 month' - interval '1 day')::date
           and (s.closed_on is null or s.closed_on >= t.m_start)
         group by 1, 2
      ) x group by x.m_start
    )
    select to_char(b.m_start, 'YYYY-MM') as month,
           coalesce(a.n, 0) as active_clients,
           coalesce(v.n, 0) as served_clients
      from bounds b
      left join active a on a.m_start = b.m_start
      left join served v on v.m_start = b.m_start
     order by b.m_start`,
  );
}
