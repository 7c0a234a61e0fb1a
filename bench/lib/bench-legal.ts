/**
 * Invented legal matters for the deadline recompute benchmark, generated inside the database with
 * generate_series (fast on both PGlite and PostgreSQL): clients with a date of birth and an
 * arrival, and matters of four kinds whose facts drive different rules —
 *  - affirmative asylum (last arrival: the one-year deadline; a quarter have an I-589 filing, some
 *    of them late, which starts the work-permit clock),
 *  - defensive asylum (arrival and an address change: one-year, AR-11, EOIR-33; in removal
 *    proceedings by type),
 *  - work permits (expiry: the renewal window),
 *  - naturalization (permanent residence: the earliest N-400 date, married to a citizen for some).
 * A tenth are closed (the recompute skips them). Deterministic: every date comes from the row number.
 */
import { eq, sql } from 'drizzle-orm';
import { type Database, queryRows, schema, systemTransaction } from '../../apps/server/src/platform/db/index.js';

export interface LegalBenchSize {
  matters: number;
}

export async function insertBenchMatters(database: Database, orgName: string, size: LegalBenchSize): Promise<{ orgId: string }> {
  const [org] = await database.db.select().from(schema.organizations).where(eq(schema.organizations.name, orgName)).limit(1);
  if (!org) {
    throw new Error(`No organization named ${orgName}`);
  }
  const orgId = org.id;
  const clients = Math.ceil(size.matters / 2);
  await systemTransaction(database.db, async (tx) => {
    const [attorney] = await queryRows<{ id: string }>(tx, sql`select id from users where email = 'legal@demo.haven.test'`);
    const [program] = await queryRows<{ id: string }>(tx, sql`select id from programs where org_id = ${orgId} and code = 'LEGAL'`);
    await tx.execute(sql`
      insert into clients (org_id, given_name, family_name, search_name, date_of_birth, last_arrival_date)
      select ${orgId}, 'Legal' || g, 'Client' || g, 'legal' || g || ' client' || g,
             date '1975-01-01' + (g % 9000), date '2024-06-01' + (g % 900)
      from generate_series(1, ${clients}) g`);
    await tx.execute(sql`
      create temporary table bench_legal_clients on commit drop as
      select id, last_arrival_date, (row_number() over (order by id))::int as n from clients where org_id = ${orgId} and given_name like 'Legal%'`);
    await tx.execute(sql`create index on bench_legal_clients (n)`);
    // Matter g belongs to client ((g - 1) % clients) + 1; its kind is g % 4.
    await tx.execute(sql`
      insert into legal_matters (org_id, reference, client_id, program_id, type, status, representative_id, facts, opened_on, created_by)
      select ${orgId}, 'B-' || g, c.id, ${program!.id}::uuid,
             (array['affirmative_asylum', 'defensive_asylum', 'work_permit', 'naturalization'])[g % 4 + 1],
             case when g % 10 = 0 then 'closed' else 'open' end,
             ${attorney!.id}::uuid,
             case g % 4
               when 0 then jsonb_build_object('lastArrivalDate', c.last_arrival_date)
               when 1 then jsonb_build_object('lastArrivalDate', c.last_arrival_date, 'addressChangeDate', (c.last_arrival_date + 30 + (g % 200))::text)
               when 2 then jsonb_build_object('eadExpiryDate', (date '2026-01-01' + (g % 900))::text)
               else jsonb_build_object('lprDate', (date '2018-01-01' + (g % 2500))::text, 'marriedToUsCitizen', g % 8 = 3)
             end,
             date '2025-01-01' + (g % 600), ${attorney!.id}::uuid
      from generate_series(1, ${size.matters}) g
      join bench_legal_clients c on c.n = ((g - 1) % ${clients}) + 1`);
    // An I-589 on a quarter of the asylum matters: filed 100 to 500 days after arrival (some late).
    await tx.execute(sql`
      insert into matter_filings (org_id, matter_id, form, filed_with, filed_on, status, created_by)
      select m.org_id, m.id, 'I-589', 'uscis', (m.facts ->> 'lastArrivalDate')::date + 100 + (hashtext(m.id::text) & 511) % 400, 'filed', m.created_by
      from legal_matters m
      where m.org_id = ${orgId} and m.reference like 'B-%' and m.type in ('affirmative_asylum', 'defensive_asylum') and (hashtext(m.id::text) & 3) = 0`);
  });
  if (database.kind === 'pglite') {
    await database.db.execute(sql`vacuum analyze`);
  } else {
    await database.db.execute(sql`analyze`);
  }
  return { orgId };
}
