import {
  computeDeadlines,
  type DecisionBody,
  type DecisionOutcome,
  type DeadlineResult,
  type FactSource,
  type FactIssue,
  type FilingStatus,
  InvalidDeadlineFactsError,
  type MatterType,
} from '@haven/domain';
import { and, type AnyColumn, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import type { MatterRow } from './access.js';

const { clients, matterFilings, matterDecisions } = schema;

/**
 * The facts a matter's deadlines are computed from, gathered from four places, and where each
 * came from (shown next to the fact, so staff see why a date is what it is):
 *  1. the client record — date of birth, and the last arrival for asylum and removal matters;
 *  2. the matter's own facts, entered by staff, which override the client record (the arrival
 *     that counts for this application may not be the one on file);
 *  3. the matter type — court and BIA matters are in removal proceedings unless staff say not;
 *  4. filings and decisions, which override what staff typed: the I-589's receipt, a grant of
 *     asylum, the immigration judge's decision and a final order are what happened, on paper.
 */

/** Court and BIA matters: in removal proceedings unless the facts say otherwise. */
const REMOVAL_PROCEEDINGS_TYPES: readonly MatterType[] = ['defensive_asylum', 'withholding_cat', 'removal_defense', 'appeal'];
const ASYLUM_TYPES: readonly MatterType[] = ['affirmative_asylum', 'defensive_asylum'];
/** Matters where asylum is (or may be) claimed: the client's last arrival starts the one-year clock. */
const ARRIVAL_FROM_CLIENT_TYPES: readonly MatterType[] = ['affirmative_asylum', 'defensive_asylum', 'removal_defense'];
/** Filings that no longer count as an application on file. */
const DEAD_FILING_STATUSES: readonly FilingStatus[] = ['rejected', 'withdrawn'];

export interface FilingFactInput {
  id: string;
  form: string;
  filedOn: string;
  receivedOn: string | null;
  status: FilingStatus;
}

export interface DecisionFactInput {
  id: string;
  body: DecisionBody;
  outcome: DecisionOutcome;
  decidedOn: string;
  finalOn: string | null;
  relief: string | null;
}

export interface MatterFactInput {
  type: MatterType;
  facts: Record<string, unknown>;
  client: { dateOfBirth: string | null; lastArrivalDate: string | null };
  filings: readonly FilingFactInput[];
  decisions: readonly DecisionFactInput[];
}

export interface GatheredFacts {
  /** Every fact the engine reads, before validation (asOf is passed separately: the organization's today). */
  facts: Record<string, unknown>;
  sources: Record<string, FactSource>;
}

/** "I-589", "i589", "I 589" are the same form. */
export function formCode(form: string): string {
  return form.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function isAsylumRelief(relief: string | null, type: MatterType): boolean {
  if (relief === null || relief.trim() === '') {
    return ASYLUM_TYPES.includes(type);
  }
  return /asylum/i.test(relief) && !/withholding/i.test(relief);
}

/** Pure: what the engine reads for one matter, and where each fact came from. */
export function deriveMatterFacts(input: MatterFactInput): GatheredFacts {
  const facts: Record<string, unknown> = {};
  const sources: Record<string, FactSource> = {};
  const set = (name: string, value: unknown, source: FactSource) => {
    facts[name] = value;
    sources[name] = source;
  };
  if (input.client.dateOfBirth) {
    set('dateOfBirth', input.client.dateOfBirth, { kind: 'client' });
  }
  // The arrival on file drives the asylum one-year deadline: read for matters where asylum is
  // claimed, not for a naturalization or a FOIA request (staff can still enter it on any matter).
  if (input.client.lastArrivalDate && ARRIVAL_FROM_CLIENT_TYPES.includes(input.type)) {
    set('lastArrivalDate', input.client.lastArrivalDate, { kind: 'client' });
  }
  if (REMOVAL_PROCEEDINGS_TYPES.includes(input.type)) {
    set('inRemovalProceedings', true, { kind: 'matter_type' });
  }
  for (const [name, value] of Object.entries(input.facts)) {
    // asOf is never stored on a matter: its deadlines are judged on the organization's today.
    if (value !== null && value !== undefined && name !== 'asOf') {
      set(name, value, { kind: 'matter' });
    }
  }

  let i589: FilingFactInput | undefined;
  let i589Date: string | undefined;
  for (const filing of input.filings) {
    if (formCode(filing.form) !== 'I589' || DEAD_FILING_STATUSES.includes(filing.status)) {
      continue;
    }
    const date = filing.receivedOn ?? filing.filedOn;
    if (i589Date === undefined || date < i589Date) {
      i589 = filing;
      i589Date = date;
    }
  }
  if (i589 && i589Date) {
    set('i589ReceiptDate', i589Date, { kind: 'filing', filingId: i589.id, form: i589.form, field: i589.receivedOn ? 'receivedOn' : 'filedOn' });
  }

  let grant: DecisionFactInput | undefined;
  let ijDecision: DecisionFactInput | undefined;
  let finalOrder: DecisionFactInput | undefined;
  for (const decision of input.decisions) {
    if (decision.outcome === 'granted' && isAsylumRelief(decision.relief, input.type) && (!grant || decision.decidedOn < grant.decidedOn)) {
      grant = decision;
    }
    if (decision.body === 'immigration_judge' && (!ijDecision || decision.decidedOn > ijDecision.decidedOn)) {
      ijDecision = decision;
    }
    if ((decision.body === 'immigration_judge' || decision.body === 'bia') && decision.finalOn && (!finalOrder || decision.finalOn > finalOrder.finalOn!)) {
      finalOrder = decision;
    }
  }
  const fromDecision = (decision: DecisionFactInput, field: 'decidedOn' | 'finalOn'): FactSource => ({
    kind: 'decision',
    decisionId: decision.id,
    body: decision.body,
    outcome: decision.outcome,
    field,
  });
  if (grant) {
    set('asylumGrantDate', grant.decidedOn, fromDecision(grant, 'decidedOn'));
  }
  if (ijDecision) {
    set('ijDecisionDate', ijDecision.decidedOn, fromDecision(ijDecision, 'decidedOn'));
  }
  if (finalOrder?.finalOn) {
    set('finalOrderDate', finalOrder.finalOn, fromDecision(finalOrder, 'finalOn'));
  }
  return { facts, sources };
}

/** The request field to name for a fact at fault: the matter's `facts.x`, or the filing or decision field it came from. */
export function fieldForFact(issue: FactIssue, sources: Record<string, FactSource>): { field: string; message: string } {
  const name = issue.fact.split(/[.[]/)[0]!;
  const source = sources[name];
  if (source?.kind === 'decision') {
    return {
      field: source.field,
      message: `${issue.message} — ${name} comes from the ${source.body.replaceAll('_', ' ')} decision (${source.outcome}), its ${source.field === 'finalOn' ? 'final date' : 'decision date'}`,
    };
  }
  if (source?.kind === 'filing') {
    return { field: source.field, message: `${issue.message} — ${name} comes from the ${source.form} filing, its ${source.field === 'receivedOn' ? 'received date' : 'filed date'}` };
  }
  if (source?.kind === 'client') {
    return { field: `facts.${issue.fact}`, message: `${issue.message} — ${name} comes from the client record; enter the date for this matter or correct the client record` };
  }
  return { field: `facts.${issue.fact}`, message: issue.message };
}

/** The 400 for facts at fault: each named as the matter's `facts.x`, or the filing or decision field it came from. */
export function factsError(issues: readonly FactIssue[], sources: Record<string, FactSource>): Error {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const { field, message } = fieldForFact(issue, sources);
    fields[field] ??= message;
  }
  const first = Object.entries(fields)[0]!;
  return badRequest(`${first[0]}: ${first[1]}`, fields);
}

/**
 * The engine's results for gathered facts (it validates them itself: once, not twice — the batch
 * recompute runs this 100,000 times). Facts that contradict each other are a 400 naming the fact.
 */
export function computeMatterDeadlines(gathered: GatheredFacts, today: string): DeadlineResult[] {
  try {
    return computeDeadlines(gathered.facts, { today });
  } catch (err) {
    if (err instanceof InvalidDeadlineFactsError) {
      throw factsError(err.issues, gathered.sources);
    }
    throw err;
  }
}

/** `column = any('{…}'::uuid[])`: one parameter for a whole batch of ids (a list of 2,000 parameters is far slower to bind). */
export function anyUuid(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}

/** Filings, decisions and client facts for many matters at once (the batch recompute reads a batch in three queries). */
export async function loadFactInputs(
  tx: Db,
  orgId: string,
  matters: readonly Pick<MatterRow, 'id' | 'clientId' | 'type' | 'facts'>[],
): Promise<Map<string, MatterFactInput>> {
  const inputs = new Map<string, MatterFactInput>();
  if (matters.length === 0) {
    return inputs;
  }
  const matterIds = matters.map((m) => m.id);
  const clientIds = [...new Set(matters.map((m) => m.clientId))];
  const [clientRows, filingRows, decisionRows] = [
    await tx
      .select({ id: clients.id, dateOfBirth: clients.dateOfBirth, lastArrivalDate: clients.lastArrivalDate })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), anyUuid(clients.id, clientIds))),
    await tx
      .select({
        id: matterFilings.id,
        matterId: matterFilings.matterId,
        form: matterFilings.form,
        filedOn: matterFilings.filedOn,
        receivedOn: matterFilings.receivedOn,
        status: matterFilings.status,
      })
      .from(matterFilings)
      .where(and(eq(matterFilings.orgId, orgId), anyUuid(matterFilings.matterId, matterIds))),
    await tx
      .select({
        id: matterDecisions.id,
        matterId: matterDecisions.matterId,
        body: matterDecisions.body,
        outcome: matterDecisions.outcome,
        decidedOn: matterDecisions.decidedOn,
        finalOn: matterDecisions.finalOn,
        relief: matterDecisions.relief,
      })
      .from(matterDecisions)
      .where(and(eq(matterDecisions.orgId, orgId), anyUuid(matterDecisions.matterId, matterIds))),
  ];
  const clientById = new Map(clientRows.map((c) => [c.id, c]));
  for (const matter of matters) {
    const client = clientById.get(matter.clientId);
    inputs.set(matter.id, {
      type: matter.type,
      facts: matter.facts,
      client: { dateOfBirth: client?.dateOfBirth ?? null, lastArrivalDate: client?.lastArrivalDate ?? null },
      filings: [],
      decisions: [],
    });
  }
  for (const filing of filingRows) {
    (inputs.get(filing.matterId)!.filings as FilingFactInput[]).push(filing);
  }
  for (const decision of decisionRows) {
    (inputs.get(decision.matterId)!.decisions as DecisionFactInput[]).push(decision);
  }
  return inputs;
}

/** One matter's facts and their sources (not yet validated: `computeMatterDeadlines` does that). */
export async function gatherMatterFacts(tx: Db, matter: Pick<MatterRow, 'orgId' | 'id' | 'clientId' | 'type' | 'facts'>): Promise<GatheredFacts> {
  const inputs = await loadFactInputs(tx, matter.orgId, [matter]);
  return deriveMatterFacts(inputs.get(matter.id)!);
}
