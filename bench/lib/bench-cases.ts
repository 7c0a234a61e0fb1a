/**
 * An invented caseload for the case-management benchmark, generated inside the database with
 * generate_series (fast on both PGlite and PostgreSQL): clients, enrollments, cases spread over 41
 * case managers (the demo case manager and 40 invented colleagues) in five teams — the demo
 * supervisor's team is the demo case manager and eight colleagues, about 8,800 cases — a million
 * case notes over two years, services, tasks, and the approvals and risk flags a supervisor's
 * dashboard shows. Deterministic: every figure comes from the row number.
 */
import { eq, sql } from 'drizzle-orm';
import { type Database, queryRows, schema, systemTransaction } from '../../apps/server/src/platform/db/index.js';

export interface CaseloadSize {
  clients: number;
  cases: number;
  notes: number;
}

const COLLEAGUES = 40;
const TEAMS = 5;
const NOTE_BATCH = 100_000;

export async function insertBenchCaseload(database: Database, orgName: string, size: CaseloadSize): Promise<void> {
  const [org] = await database.db.select().from(schema.organizations).where(eq(schema.organizations.name, orgName)).limit(1);
  if (!org) {
    throw new Error(`No organization named ${orgName}`);
  }
  const orgId = org.id;
  await systemTransaction(database.db, async (tx) => {
    const people = await queryRows<{ id: string; email: string }>(
      tx,
      sql`select id, email from users where email in ('casemanager@demo.haven.test', 'supervisor@demo.haven.test')`,
    );
    const caseManager = people.find((p) => p.email.startsWith('casemanager'))!.id;
    const supervisor = people.find((p) => p.email.startsWith('supervisor'))!.id;

    // Colleagues of the demo case manager (they never sign in).
    await tx.execute(sql`
      insert into users (email, display_name)
      select 'bench-cm-' || g || '@bench.haven.test', 'Bench Case Manager ' || g from generate_series(1, ${COLLEAGUES}) g`);
    await tx.execute(sql`
      insert into memberships (org_id, user_id, role)
      select ${orgId}, id, 'case_manager' from users where email like 'bench-cm-%@bench.haven.test'`);
    // Five supervisors (the demo supervisor and four invented ones), each over a team of eight or nine.
    await tx.execute(sql`
      insert into users (email, display_name)
      select 'bench-sv-' || g || '@bench.haven.test', 'Bench Supervisor ' || g from generate_series(1, ${TEAMS - 1}) g`);
    await tx.execute(sql`
      insert into memberships (org_id, user_id, role)
      select ${orgId}, id, 'supervisor' from users where email like 'bench-sv-%@bench.haven.test'`);
    await tx.execute(sql`
      create temporary table bench_supervisors on commit drop as
      select id as user_id, (row_number() over (order by id))::int as n from users where email like 'bench-sv-%@bench.haven.test'
      union all select ${supervisor}::uuid, 0`);

    await tx.execute(sql`
      insert into clients (org_id, given_name, family_name, search_name, first_arrival_date)
      select ${orgId}, 'Bench' || g, 'Client' || g, 'bench' || g || ' client' || g, date '2024-01-01' + (g % 700)
      from generate_series(1, ${size.clients}) g`);

    // Numbered clients, programs and case managers, so each case is built from its row number.
    await tx.execute(sql`
      create temporary table bench_clients on commit drop as
      select id, (row_number() over (order by id))::int as n from clients where org_id = ${orgId} and given_name like 'Bench%'`);
    await tx.execute(sql`create index on bench_clients (n)`);
    await tx.execute(sql`
      create temporary table bench_workers on commit drop as
      select user_id, (row_number() over (order by user_id))::int as n from memberships
      where org_id = ${orgId} and user_id in (select id from users where email like 'bench-cm-%@bench.haven.test')
      union all select ${caseManager}::uuid, 0`);
    // Two programs per client at most (the unique active enrollment is per client and program).
    await tx.execute(sql`
      create temporary table bench_case_plan on commit drop as
      select g as n, c.id as client_id, p.id as program_id, w.user_id as case_manager_id, s.user_id as supervisor_id,
             date '2024-06-01' + (g % 800) as opened_on, (g % 10 = 0) as closed
      from generate_series(1, ${size.cases}) g
      join bench_clients c on c.n = ((g - 1) % ${size.clients}) + 1
      join programs p on p.org_id = ${orgId} and p.code = case when ((g - 1) / ${size.clients}) % 2 = 0 then 'ICM' else 'RP' end
      join bench_workers w on w.n = g % ${COLLEAGUES + 1}
      join bench_supervisors s on s.n = w.n % ${TEAMS}`);

    await tx.execute(sql`
      insert into enrollments (org_id, client_id, program_id, service_tier, tier_reason, enrolled_on, status, exited_on, eligibility, created_by)
      select ${orgId}, client_id, program_id, 'comprehensive', 'Benchmark caseload', opened_on,
             case when closed then 'exited' else 'active' end, case when closed then opened_on + 120 end,
             '{"asOf":"2024-06-01","outcome":"eligible","eligible":true,"needsReview":false,"results":[],"orr":{"outcome":"unknown","code":"orr.missing.status_history","params":{},"reason":"","citation":""}}'::jsonb, ${caseManager}
      from bench_case_plan`);

    await tx.execute(sql`
      insert into cases (org_id, reference, client_id, enrollment_id, program_id, primary_case_manager_id, supervisor_id,
                         stage, status, opened_on, closed_on, last_meaningful_contact_on)
      select ${orgId}, 'B-' || lpad(b.n::text, 6, '0'), b.client_id, e.id, b.program_id, b.case_manager_id, b.supervisor_id,
             case when b.closed then 'closure' else (array['engagement','assessment','planning','intervention','monitoring'])[b.n % 5 + 1] end,
             case when b.closed then 'closed' when b.n % 97 = 0 then 'closure_pending' else 'open' end,
             b.opened_on, case when b.closed then b.opened_on + 120 end,
             case when b.n % 7 = 0 then null else current_date - (b.n % 75) end
      from bench_case_plan b
      join enrollments e on e.org_id = ${orgId} and e.client_id = b.client_id and e.program_id = b.program_id`);

    await tx.execute(sql`
      create temporary table bench_case_ids on commit drop as
      select id, client_id, primary_case_manager_id, (row_number() over (order by reference))::int as n from cases
      where org_id = ${orgId} and reference like 'B-%'`);
    await tx.execute(sql`create index on bench_case_ids (n)`);

    const perCase = Math.max(1, Math.floor(size.notes / size.cases));
    for (let start = 1; start <= size.notes; start += NOTE_BATCH) {
      const end = Math.min(size.notes, start + NOTE_BATCH - 1);
      await tx.execute(sql`
        insert into case_notes (org_id, case_id, client_id, contact_on, contact_type, meaningful, duration_minutes, narrative,
                                status, signed_by, signed_at, created_by)
        select ${orgId}, c.id, c.client_id, current_date - (g % 730), (array['in_person','home_visit','phone','video','message'])[g % 5 + 1],
               g % 5 <> 4, 15 + g % 60, 'Benchmark note ' || g, 'signed', c.primary_case_manager_id, now(), c.primary_case_manager_id
        from generate_series(${start}::int, ${end}::int) g
        join bench_case_ids c on c.n = ((g - 1) / ${perCase}) % ${size.cases} + 1`);
    }

    await tx.execute(sql`
      insert into case_services (org_id, case_id, client_id, service_type, provided_on, units, unit_kind, funding_source, created_by)
      select ${orgId}, c.id, c.client_id, (array['housing_search','employment','english_class','transportation'])[g % 4 + 1],
             current_date - (g % 730), 1 + g % 3, 'session', 'ORR', c.primary_case_manager_id
      from generate_series(1, ${size.cases * 3}::int) g join bench_case_ids c on c.n = (g - 1) % ${size.cases} + 1`);

    await tx.execute(sql`
      insert into tasks (org_id, case_id, title, due_on, assigned_to, source)
      select ${orgId}, c.id, 'Follow up ' || c.n, current_date + (c.n % 40) - 10, c.primary_case_manager_id, 'manual'
      from bench_case_ids c`);

    await tx.execute(sql`
      insert into plans (org_id, case_id, status, starts_on, review_on, goals, created_by, submitted_by, submitted_at)
      select ${orgId}, c.id, case when c.n % 50 = 0 then 'submitted' else 'approved' end, current_date - 200, current_date - 10 + (c.n % 90),
             jsonb_build_array(jsonb_build_object('id', 'g1', 'what', 'Find work', 'measure', 'Offer letter', 'target', 'One offer',
                               'dueOn', (current_date - 30 + (c.n % 120))::text, 'domain', 'employment_income', 'status', 'open', 'steps', '[]'::jsonb)),
             c.primary_case_manager_id, c.primary_case_manager_id, now()
      from bench_case_ids c where c.n % 2 = 0`);

    await tx.execute(sql`
      insert into case_budgets (org_id, case_id, funding_source, amount_cents, created_by)
      select ${orgId}, c.id, 'ORR', 200000, c.primary_case_manager_id from bench_case_ids c where c.n % 20 = 0`);
    await tx.execute(sql`
      insert into disbursements (org_id, case_id, budget_id, kind, amount_cents, payee, paid_on, status, requested_by)
      select b.org_id, b.case_id, b.id, 'rent', 75000, 'Landlord', current_date - 3,
             case when row_number() over (order by b.id) % 5 = 0 then 'pending_approval' else 'approved' end, b.created_by
      from case_budgets b where b.org_id = ${orgId} and b.funding_source = 'ORR'`);

    await tx.execute(sql`
      insert into risk_flags (org_id, case_id, kind, raised_on, description, raised_by)
      select ${orgId}, c.id, (array['suicidal_ideation','family_violence','child_abuse_neglect'])[c.n % 3 + 1], current_date - (c.n % 30),
             'Benchmark flag', c.primary_case_manager_id
      from bench_case_ids c where c.n % 400 = 0`);
  });
  await database.db.execute(sql`analyze`);
}
