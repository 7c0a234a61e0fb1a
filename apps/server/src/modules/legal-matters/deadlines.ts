import { createHash } from 'node:crypto';
import { type DeadlineChange, type DeadlineResult, type DeadlineRuleId, type MatterDeadlineStatus, todayIn } from '@haven/domain';
import { and, asc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import { type AuditActor, recordAudit } from '../../platform/audit.js';
import { type Database, type Db, queryRows, schema, systemTransaction, tenantTransaction } from '../../platform/db/index.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import type { MatterRow } from './access.js';
import { anyUuid, computeMatterDeadlines, deriveMatterFacts, type GatheredFacts, loadFactInputs, type MatterFactInput } from './facts.js';

const { legalMatters, matterDeadlines, organizations, ticklerReminders } = schema;

/**
 * A matter's computed deadlines, kept as rows (one per engine rule that applies) so the tickler,
 * the calendar and the lists can read them with SQL. Every change of a fact recomputes them; an
 * hourly job recomputes all open matters, because time passing alone turns an open deadline
 * into a missed one. Both write only what changed and record what moved, and why, in the
 * matter's chronology ('deadlines_changed').
 */

/** The fact that satisfies a rule's deadline: the filing behind it is what met it. */
const SATISFYING_FACT: Partial<Record<DeadlineRuleId, string>> = { ASYLUM_ONE_YEAR_FILING: 'i589ReceiptDate' };

/** Why a recompute ran when no person did it. */
export const TIME_PASSED_CAUSE = 'time_passed';
const JOB_ACTOR: AuditActor = { userId: null, ip: null, userAgent: 'haven-deadlines' };

type MatterRef = Pick<MatterRow, 'id' | 'representativeId' | 'createdBy'>;

export interface StoredRuleDeadline {
  id: string;
  matterId: string;
  ruleId: string;
  title: string;
  dueOn: string;
  status: MatterDeadlineStatus;
  metByFilingId: string | null;
  version: number;
  /** md5 of the row's words (version, kind, title, citation, explanation, notes): see `contentFingerprint`. */
  fingerprint: string;
}

interface RuleDeadlineWrite {
  matter_id: string;
  rule_id: string;
  rule_version: string | null;
  kind: string;
  title: string;
  citation: string | null;
  explanation: string | null;
  notes: { type: string; text: string }[];
  due_on: string;
  status: MatterDeadlineStatus;
  met_by_filing_id: string | null;
  responsible_id: string;
  created_by: string | null;
  /** For a new row 1; for an existing one the version read, so a row changed meanwhile is left alone. */
  version: number;
}

/**
 * The engine's explanation ends with a sentence judged on `asOf` ("Open as of 2026-05-01: 40 days
 * left."). Stored, it would change every day and make every row a write: the status column and
 * the page (which counts days itself) carry that, so the stored text keeps only what depends on
 * the facts.
 */
export function stableExplanation(explanation: string): string {
  return explanation
    .replace(/ Open as of \d{4}-\d{2}-\d{2}: [^.]*\.$/, '')
    .replace(/ Open: not yet reached as of \d{4}-\d{2}-\d{2}\.$/, ' Open: not yet reached.')
    .replace(/ Open: reached on (\d{4}-\d{2}-\d{2}), as of \d{4}-\d{2}-\d{2}\.$/, ' Open: reached on $1.')
    .replace(/ Missed: \d{4}-\d{2}-\d{2} \(as of\) is past /, ' Missed: past ');
}

/**
 * What a stored row says in words, as one md5: comparing it, rather than reading every
 * explanation and note back, keeps the hourly recompute of 100,000 matters from moving tens of
 * megabytes for nothing. `FINGERPRINT_SQL` computes the same digest in the database.
 */
export function contentFingerprint(row: { ruleVersion: string | null; kind: string; title: string; citation: string | null; explanation: string | null; notes: readonly { type: string; text: string }[] }): string {
  const notes = row.notes.map((note) => `${note.type}\u0001${note.text}`).join('\u0002');
  return createHash('md5')
    .update([row.ruleVersion ?? '', row.kind, row.title, row.citation ?? '', row.explanation ?? '', notes].join('\u0003'), 'utf8')
    .digest('hex');
}

const FINGERPRINT_SQL = sql<string>`md5(concat_ws(chr(3), coalesce(${matterDeadlines.ruleVersion}, ''), ${matterDeadlines.kind}, ${matterDeadlines.title},
  coalesce(${matterDeadlines.citation}, ''), coalesce(${matterDeadlines.explanation}, ''),
  coalesce((select string_agg((e ->> 'type') || chr(1) || (e ->> 'text'), chr(2) order by i) from jsonb_array_elements(${matterDeadlines.notes}) with ordinality as n(e, i)), '')))`;

export interface DeadlinePlan {
  writes: RuleDeadlineWrite[];
  /** Rule rows no longer produced: marked withdrawn, their words kept. */
  withdrawals: { id: string; version: number }[];
  changes: DeadlineChange[];
}

/**
 * Pure: what to write for one matter given the engine's results and the rows stored. Rules the
 * engine no longer produces are withdrawn (kept, so the history of what moved stays readable);
 * manual deadlines are never touched here.
 */
export function planMatterDeadlines(matter: MatterRef, results: readonly DeadlineResult[], gathered: GatheredFacts, stored: readonly StoredRuleDeadline[], actorId: string | null): DeadlinePlan {
  const writes: RuleDeadlineWrite[] = [];
  const withdrawals: { id: string; version: number }[] = [];
  const changes: DeadlineChange[] = [];
  const storedByRule = new Map(stored.map((row) => [row.ruleId, row]));
  const produced = new Set<string>();
  for (const result of results) {
    produced.add(result.ruleId);
    const satisfying = SATISFYING_FACT[result.ruleId];
    const source = satisfying ? gathered.sources[satisfying] : undefined;
    const metByFilingId = result.status === 'met' && source?.kind === 'filing' ? source.filingId : null;
    const next = {
      rule_version: String(result.version),
      kind: result.kind,
      title: result.title,
      citation: result.citation,
      explanation: stableExplanation(result.explanation),
      notes: result.notes.map((note) => ({ type: note.type, text: note.message })),
      due_on: result.dueDate,
      status: result.status as MatterDeadlineStatus,
      met_by_filing_id: metByFilingId,
    };
    const row = storedByRule.get(result.ruleId);
    if (
      row &&
      row.dueOn === next.due_on &&
      row.status === next.status &&
      row.metByFilingId === next.met_by_filing_id &&
      row.fingerprint === contentFingerprint({ ruleVersion: next.rule_version, kind: next.kind, title: next.title, citation: next.citation, explanation: next.explanation, notes: next.notes })
    ) {
      continue;
    }
    writes.push({
      matter_id: matter.id,
      rule_id: result.ruleId,
      ...next,
      responsible_id: matter.representativeId ?? matter.createdBy,
      created_by: actorId,
      version: row?.version ?? 1,
    });
    if (!row || row.dueOn !== next.due_on || row.status !== next.status) {
      changes.push({ ruleId: result.ruleId, title: next.title, fromDueOn: row?.dueOn ?? null, toDueOn: next.due_on, fromStatus: row?.status ?? null, toStatus: next.status });
    }
  }
  for (const row of stored) {
    if (produced.has(row.ruleId) || row.status === 'withdrawn') {
      continue;
    }
    withdrawals.push({ id: row.id, version: row.version });
    changes.push({ ruleId: row.ruleId, title: row.title, fromDueOn: row.dueOn, toDueOn: null, fromStatus: row.status, toStatus: 'withdrawn' });
  }
  return { writes, withdrawals, changes };
}

async function storedRuleDeadlines(tx: Db, orgId: string, matterIds: readonly string[]): Promise<StoredRuleDeadline[]> {
  if (matterIds.length === 0) {
    return [];
  }
  const rows = await tx
    .select({
      id: matterDeadlines.id,
      matterId: matterDeadlines.matterId,
      ruleId: matterDeadlines.ruleId,
      title: matterDeadlines.title,
      dueOn: matterDeadlines.dueOn,
      status: matterDeadlines.status,
      metByFilingId: matterDeadlines.metByFilingId,
      version: matterDeadlines.version,
      fingerprint: FINGERPRINT_SQL,
    })
    .from(matterDeadlines)
    .where(and(eq(matterDeadlines.orgId, orgId), anyUuid(matterDeadlines.matterId, matterIds), eq(matterDeadlines.source, 'rule')));
  return rows.map((row) => ({ ...row, ruleId: row.ruleId! }));
}

/** Rule rows no longer produced by the engine become `withdrawn` (kept, with their words, for the history). */
async function withdrawRuleDeadlines(tx: Db, orgId: string, withdrawals: readonly { id: string; version: number }[]): Promise<void> {
  if (withdrawals.length === 0) {
    return;
  }
  await tx.execute(sql`
    update matter_deadlines as d set status = 'withdrawn', met_by_filing_id = null, version = d.version + 1, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(withdrawals)}::jsonb) as r(id uuid, version int)
    where d.org_id = ${orgId}::uuid and d.id = r.id and d.version = r.version`);
}

/**
 * One statement for all of a batch's rule rows: new ones inserted, changed ones updated (a moved
 * date needs acknowledging again). An existing row is only updated if it still has the version
 * read, so a concurrent recompute's newer result is not overwritten by an older one.
 */
async function writeRuleDeadlines(tx: Db, orgId: string, writes: readonly RuleDeadlineWrite[]): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  await tx.execute(sql`
    insert into matter_deadlines as d (org_id, matter_id, source, rule_id, rule_version, kind, title, citation, explanation, notes, due_on, status, met_by_filing_id, responsible_id, created_by, version)
    select ${orgId}::uuid, r.matter_id, 'rule', r.rule_id, r.rule_version, r.kind, r.title, r.citation, r.explanation, r.notes, r.due_on, r.status, r.met_by_filing_id, r.responsible_id, r.created_by, r.version
    from jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) as r(
      matter_id uuid, rule_id text, rule_version text, kind text, title text, citation text, explanation text, notes jsonb,
      due_on date, status text, met_by_filing_id uuid, responsible_id uuid, created_by uuid, version int)
    on conflict (org_id, matter_id, rule_id) do update set
      rule_version = excluded.rule_version,
      kind = excluded.kind,
      title = excluded.title,
      citation = excluded.citation,
      explanation = excluded.explanation,
      notes = excluded.notes,
      due_on = excluded.due_on,
      status = excluded.status,
      met_by_filing_id = excluded.met_by_filing_id,
      acknowledged_at = case when d.due_on = excluded.due_on then d.acknowledged_at end,
      acknowledged_by = case when d.due_on = excluded.due_on then d.acknowledged_by end,
      escalated_at = case when d.due_on = excluded.due_on then d.escalated_at end,
      version = d.version + 1,
      updated_at = now()
    where d.version = excluded.version`);
}

async function recordDeadlineEvents(tx: Db, orgId: string, actorId: string | null, cause: string, byMatter: readonly { matterId: string; changes: DeadlineChange[] }[]): Promise<void> {
  if (byMatter.length === 0) {
    return;
  }
  const rows = byMatter.map(({ matterId, changes }) => ({ matter_id: matterId, data: { cause, changes } }));
  await tx.execute(sql`
    insert into matter_events (org_id, matter_id, kind, actor_id, data)
    select ${orgId}::uuid, r.matter_id, 'deadlines_changed', ${actorId}::uuid, r.data
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(matter_id uuid, data jsonb)`);
}

/**
 * A matter's computed deadlines follow its new representative: the open and missed rule
 * deadlines held by `fromUserId` (null: whoever holds them) go to `toUserId`, unacknowledged,
 * and the reminder steps already sent for them are forgotten, so the tickler reminds and
 * escalates for the new person from the start. Manual deadlines, and rule deadlines someone
 * handed to a particular colleague, keep their person. Returns the ids moved.
 */
export async function handOverRuleDeadlines(tx: Db, orgId: string, matterId: string, fromUserId: string | null, toUserId: string): Promise<string[]> {
  const moved = await tx
    .update(matterDeadlines)
    .set({ responsibleId: toUserId, acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null, version: sql`${matterDeadlines.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(matterDeadlines.orgId, orgId),
        eq(matterDeadlines.matterId, matterId),
        eq(matterDeadlines.source, 'rule'),
        inArray(matterDeadlines.status, ['open', 'missed']),
        fromUserId === null ? undefined : eq(matterDeadlines.responsibleId, fromUserId),
        ne(matterDeadlines.responsibleId, toUserId),
      ),
    )
    .returning({ id: matterDeadlines.id });
  const ids = moved.map((row) => row.id);
  if (ids.length > 0) {
    await tx.delete(ticklerReminders).where(and(eq(ticklerReminders.orgId, orgId), eq(ticklerReminders.itemKind, 'deadline'), inArray(ticklerReminders.itemId, ids)));
  }
  return ids;
}

/** Today in the organization's time zone: the day every deadline is judged on. */
export async function organizationToday(tx: Db, orgId: string): Promise<string> {
  return todayIn(await organizationTimeZone(tx, orgId));
}

/**
 * Recomputes one matter's deadlines in the caller's transaction (after its facts, a filing or a
 * decision changed) and returns what moved. Facts that contradict each other are a 400 naming
 * the fact — or the filing or decision field it came from — and, thrown inside the caller's
 * transaction, leave nothing saved.
 */
export async function recomputeMatterDeadlines(
  tx: Db,
  by: { orgId: string; actorId: string | null },
  matter: Pick<MatterRow, 'orgId' | 'id' | 'clientId' | 'type' | 'facts' | 'representativeId' | 'createdBy'>,
  cause: string,
  options: { today?: string } = {},
): Promise<DeadlineChange[]> {
  const today = options.today ?? (await organizationToday(tx, by.orgId));
  const inputs = await loadFactInputs(tx, by.orgId, [matter]);
  const gathered = deriveMatterFacts(inputs.get(matter.id)!);
  const results = computeMatterDeadlines(gathered, today);
  const stored = await storedRuleDeadlines(tx, by.orgId, [matter.id]);
  const plan = planMatterDeadlines(matter, results, gathered, stored, by.actorId);
  await writeRuleDeadlines(tx, by.orgId, plan.writes);
  await withdrawRuleDeadlines(tx, by.orgId, plan.withdrawals);
  if (plan.changes.length > 0) {
    await recordDeadlineEvents(tx, by.orgId, by.actorId, cause, [{ matterId: matter.id, changes: plan.changes }]);
    await recordAudit(tx, {
      orgId: by.orgId,
      actor: { ...JOB_ACTOR, userId: by.actorId },
      action: 'deadline.updated',
      objectType: 'legal_matter',
      objectId: matter.id,
      after: { cause, changes: plan.changes.map((c) => ({ ruleId: c.ruleId, toDueOn: c.toDueOn, toStatus: c.toStatus })) },
    });
  }
  return plan.changes;
}

export interface RecomputeAllResult {
  matters: number;
  /** Matters whose deadlines moved or changed status. */
  mattersChanged: number;
  changes: number;
  /** Matters whose facts contradict each other (e.g. a client record edited since): left as they were. */
  skipped: number;
}

interface BatchMatter {
  id: string;
  clientId: string;
  type: MatterRow['type'];
  facts: Record<string, unknown>;
  representativeId: string | null;
  createdBy: string;
}

async function recomputeBatch(tx: Db, orgId: string, today: string, matters: readonly BatchMatter[], totals: RecomputeAllResult): Promise<void> {
  const inputs = await loadFactInputs(tx, orgId, matters);
  const storedRows = await storedRuleDeadlines(
    tx,
    orgId,
    matters.map((m) => m.id),
  );
  const storedByMatter = new Map<string, StoredRuleDeadline[]>();
  for (const row of storedRows) {
    let list = storedByMatter.get(row.matterId);
    if (!list) {
      list = [];
      storedByMatter.set(row.matterId, list);
    }
    list.push(row);
  }
  const writes: RuleDeadlineWrite[] = [];
  const withdrawals: { id: string; version: number }[] = [];
  const changed: { matterId: string; changes: DeadlineChange[] }[] = [];
  for (const matter of matters) {
    const gathered = deriveMatterFacts(inputs.get(matter.id) as MatterFactInput);
    let results: DeadlineResult[];
    try {
      results = computeMatterDeadlines(gathered, today);
    } catch {
      totals.skipped += 1;
      continue;
    }
    const plan = planMatterDeadlines(matter, results, gathered, storedByMatter.get(matter.id) ?? [], null);
    writes.push(...plan.writes);
    withdrawals.push(...plan.withdrawals);
    if (plan.changes.length > 0) {
      changed.push({ matterId: matter.id, changes: plan.changes });
      totals.changes += plan.changes.length;
    }
  }
  await writeRuleDeadlines(tx, orgId, writes);
  await withdrawRuleDeadlines(tx, orgId, withdrawals);
  await recordDeadlineEvents(tx, orgId, null, TIME_PASSED_CAUSE, changed);
  if (changed.length > 0) {
    await recordAudit(tx, {
      orgId,
      actor: JOB_ACTOR,
      action: 'deadline.updated',
      objectType: 'legal_matter',
      objectId: null,
      after: { cause: TIME_PASSED_CAUSE, matters: changed.length, changes: changed.reduce((n, c) => n + c.changes.length, 0) },
    });
  }
  totals.matters += matters.length;
  totals.mattersChanged += changed.length;
}

/**
 * The hourly job (and the benchmark): recomputes the deadlines of every screening or open matter,
 * organization by organization, in keyset batches. Each batch is one transaction holding its
 * matters locked (matters being changed at that moment are skipped): its facts come from four
 * queries for the whole batch, the engine runs in memory, and the changed rows go back
 * in one statement. Idempotent: a second run the same day changes nothing.
 */
export async function recomputeAllDeadlines(
  deps: { database: Database },
  options: { orgId?: string; batchSize?: number; today?: string } = {},
): Promise<RecomputeAllResult> {
  const batchSize = Math.min(Math.max(options.batchSize ?? 2000, 1), 10_000);
  const orgs = await systemTransaction(deps.database.db, (tx) =>
    tx
      .select({ id: organizations.id, timeZone: organizations.timeZone })
      .from(organizations)
      .where(options.orgId ? eq(organizations.id, options.orgId) : undefined)
      .orderBy(asc(organizations.id)),
  );
  const totals: RecomputeAllResult = { matters: 0, mattersChanged: 0, changes: 0, skipped: 0 };
  // On PostgreSQL two batches run at once, so one computes in JavaScript while the other waits on
  // the database; PGlite has a single connection, where that would only queue.
  const workers = deps.database.kind === 'pglite' ? 1 : 2;
  for (const org of orgs) {
    const today = options.today ?? todayIn(org.timeZone);
    const ranges = await batchRanges(deps.database.db, org.id, batchSize);
    let next = 0;
    const work = async (): Promise<void> => {
      while (next < ranges.length) {
        const range = ranges[next]!;
        next += 1;
        await tenantTransaction(deps.database.db, { orgId: org.id, userId: null }, async (tx) => {
          const matters = await tx
            .select({
              id: legalMatters.id,
              clientId: legalMatters.clientId,
              type: legalMatters.type,
              facts: legalMatters.facts,
              representativeId: legalMatters.representativeId,
              createdBy: legalMatters.createdBy,
            })
            .from(legalMatters)
            .where(
              and(
                eq(legalMatters.orgId, org.id),
                inArray(legalMatters.status, ['screening', 'open']),
                range.after ? gt(legalMatters.id, range.after) : undefined,
                range.last ? lte(legalMatters.id, range.last) : undefined,
              ),
            )
            .orderBy(asc(legalMatters.id))
            // The batch's matters stay locked while their filings, decisions and deadline rows are
            // read and written, so a change committed meanwhile cannot meet stale facts. A matter
            // someone is changing right now (locked by `matterForWork`) is skipped: that change
            // recomputes it, and the next hour sees it.
            .for('no key update', { skipLocked: true });
          if (matters.length > 0) {
            await recomputeBatch(tx, org.id, today, matters, totals);
          }
        });
      }
    };
    await Promise.all(Array.from({ length: workers }, () => work()));
  }
  return totals;
}

/**
 * The organization's matters to recompute, cut into id ranges of `batchSize` (the last one open
 * ended, so a matter opened meanwhile is still met): one index scan of ids.
 */
async function batchRanges(db: Db, orgId: string, batchSize: number): Promise<{ after: string | null; last: string | null }[]> {
  const bounds = await tenantTransaction(db, { orgId, userId: null }, (tx) =>
    queryRows<{ id: string }>(
      tx,
      sql`select id from (
            select ${legalMatters.id} as id, row_number() over (order by ${legalMatters.id}) as n
            from ${legalMatters}
            where ${legalMatters.orgId} = ${orgId} and ${legalMatters.status} in ('screening', 'open')
          ) numbered
          where n % ${batchSize} = 0
          order by id`,
    ),
  );
  const ranges: { after: string | null; last: string | null }[] = [];
  let after: string | null = null;
  for (const { id } of bounds) {
    ranges.push({ after, last: id });
    after = id;
  }
  ranges.push({ after, last: null });
  return ranges;
}

/** For the benchmark and tests: how many rule deadlines an organization holds. */
export async function countRuleDeadlines(db: Db, orgId: string): Promise<number> {
  const [row] = await tenantTransaction(db, { orgId, userId: null }, (tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from matter_deadlines where org_id = ${orgId} and source = 'rule'`),
  );
  return row?.n ?? 0;
}
