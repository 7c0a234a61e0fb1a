import type { z } from 'zod';
import {
  classifyClientQuery,
  clientSearchName,
  type ClientCountQuery,
  type ClientQuery,
  clientRecordProblems,
  type ClientResponse,
  type ClientSummary,
  type CreateClientRequest,
  type DuplicateCandidate,
  type DuplicateCheckRequest,
  formatANumber,
  maskANumber,
  maskSsn,
  normalizeNameForSearch,
  phoneSearchKeys,
  PROTECTED_STATUSES,
  type UpdateClientRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import type { IdentifierKind } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** The API field each identifier kind is written in, for error messages that name the field. */
const IDENTIFIER_FIELDS: Record<IdentifierKind, string> = {
  a_number: 'aNumber',
  receipt_number: 'receiptNumbers',
  i94: 'i94Number',
  ssn: 'ssn',
};

const DUPLICATE_IDENTIFIER_MESSAGES: Record<IdentifierKind, string> = {
  a_number: 'Another client in this organization has this A-number',
  receipt_number: 'Another client in this organization has this receipt number',
  i94: 'Another client in this organization has this I-94 number',
  ssn: 'Another client in this organization has this Social Security number',
};

const PROTECTION_BASIS_BY_STATUS = {
  t_nonimmigrant: 't_visa',
  u_nonimmigrant: 'u_visa',
  vawa_self_petitioner: 'vawa',
} as const;

type Identifiers = Record<IdentifierKind, string[]>;

function emptyIdentifiers(): Identifiers {
  return { a_number: [], receipt_number: [], i94: [], ssn: [] };
}

/** The fields of a create or update request that are stored as columns of `clients`. */
type ColumnInput = Omit<CreateClientRequest, 'aNumber' | 'receiptNumbers' | 'i94Number' | 'ssn'>;

function phoneKeysOf(phones: readonly { number: string }[]): string[] {
  return [...new Set(phones.flatMap((p) => phoneSearchKeys(p.number)))];
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The client registry: registration, the record, search by name or identifier, duplicate
 * suggestions. Identifiers are sealed at rest and found by blind index; protected clients
 * (8 USC 1367) are invisible to everyone not assigned, in every query here.
 */
export class ClientService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private scope(ctx: MemberContext): repo.Scope {
    return { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
  }

  private lookupHash(kind: IdentifierKind, value: string): string {
    return this.deps.secrets.blindIndex(`${kind}:${value}`);
  }

  private async identifiersFor(tx: Db, orgId: string, clientIds: readonly string[], kinds?: readonly IdentifierKind[]) {
    const byClient = new Map<string, Identifiers>();
    for (const row of await repo.identifiersOf(tx, orgId, clientIds, kinds)) {
      const entry = byClient.get(row.clientId) ?? emptyIdentifiers();
      entry[row.kind].push(this.deps.secrets.open(row.valueSealed));
      byClient.set(row.clientId, entry);
    }
    return byClient;
  }

  private toSummary(row: repo.ClientRow, ids: Identifiers | undefined): ClientSummary {
    const aNumber = ids?.a_number[0];
    return {
      id: row.id,
      givenName: row.givenName,
      familyName: row.familyName,
      preferredName: row.preferredName,
      nativeName: row.nativeName,
      dateOfBirth: row.dateOfBirth,
      dateOfBirthEstimated: row.dateOfBirthEstimated,
      countryOfBirth: row.countryOfBirth,
      preferredLanguage: row.preferredLanguage,
      aNumberMasked: aNumber ? maskANumber(aNumber) : null,
      isProtected: row.isProtected,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private toResponse(row: repo.ClientRow, ids: Identifiers): ClientResponse {
    const aNumber = ids.a_number[0];
    const ssn = ids.ssn[0];
    return {
      ...this.toSummary(row, ids),
      middleName: row.middleName,
      aliases: row.aliases,
      sex: row.sex,
      gender: row.gender,
      nationalities: row.nationalities,
      languages: row.languages,
      interpreterNeeded: row.interpreterNeeded,
      phones: row.phones,
      email: row.email,
      addresses: row.addresses,
      aNumber: aNumber ? formatANumber(aNumber) : null,
      receiptNumbers: ids.receipt_number,
      i94Number: ids.i94[0] ?? null,
      ssnMasked: ssn ? maskSsn(ssn) : null,
      firstArrivalDate: row.firstArrivalDate,
      lastArrivalDate: row.lastArrivalDate,
      statuses: row.statuses,
      protectionBasis: row.protectionBasis,
      suspectedAbuser: row.suspectedAbuser,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** The audit copy of a record: identifiers masked, so the log never holds an A-number or SSN. */
  private auditView(response: ClientResponse) {
    const { aNumber: _aNumber, receiptNumbers, i94Number, ...rest } = response;
    return {
      ...rest,
      aNumber: response.aNumberMasked,
      receiptNumbers: receiptNumbers.map((r) => `${r.slice(0, 3)}•••••••${r.slice(-3)}`),
      i94Number: i94Number ? `•••••••${i94Number.slice(-4)}` : null,
    };
  }

  async list(ctx: MemberContext, query: z.infer<typeof ClientQuery>) {
    requireAction(ctx, 'client.read');
    const scope = this.scope(ctx);
    return this.tenant(ctx, async (tx) => {
      if (!query.q) {
        const after = query.cursor ? clientCursor(query.cursor) : undefined;
        const rows = await repo.listClients(tx, scope, { after, limit: query.limit + 1 });
        const page = rows.slice(0, query.limit);
        const ids = await this.identifiersFor(tx, scope.orgId, page.map((r) => r.id), ['a_number']);
        return {
          items: page.map((r) => ({ ...this.toSummary(r, ids.get(r.id)), matchedOn: null, score: null })),
          nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.familyName, page.at(-1)!.givenName, page.at(-1)!.id]) : null,
        };
      }
      // A search returns the best `limit` matches, best first; it has no further pages.
      const { kind, value } = classifyClientQuery(query.q);
      let hits: { row: repo.ClientRow; score: number | null }[];
      if (kind === 'name') {
        hits = (await repo.searchByName(tx, scope, value, query.limit)).map((row) => ({ row, score: Math.round(row.score * 100) / 100 }));
      } else if (kind === 'phone') {
        hits = (await repo.findByPhone(tx, scope, phoneSearchKeys(value), query.limit)).map((row) => ({ row, score: null }));
      } else {
        hits = (await repo.findByIdentifier(tx, scope, kind, this.lookupHash(kind, value), query.limit)).map((row) => ({ row, score: null }));
      }
      const ids = await this.identifiersFor(tx, scope.orgId, hits.map((h) => h.row.id), ['a_number']);
      return {
        items: hits.map(({ row, score }) => ({ ...this.toSummary(row, ids.get(row.id)), matchedOn: kind, score })),
        nextCursor: null,
      };
    });
  }

  async count(ctx: MemberContext, query: z.infer<typeof ClientCountQuery>): Promise<{ count: number }> {
    requireAction(ctx, 'client.read');
    const match = query.q ? this.searchMatch(query.q) : undefined;
    return { count: await this.tenant(ctx, (tx) => repo.countClients(tx, this.scope(ctx), match)) };
  }

  /** The same reading of the search box as `list`, so a count and its results never disagree. */
  private searchMatch(q: string): repo.ClientMatch | undefined {
    const { kind, value } = classifyClientQuery(q);
    if (kind === 'name') {
      return value ? { kind, term: value } : undefined;
    }
    if (kind === 'phone') {
      return { kind, keys: phoneSearchKeys(value) };
    }
    return { kind, lookupHash: this.lookupHash(kind, value) };
  }

  /**
   * Opening a protected record needs a stated reason, and the reason is audited (8 USC 1367;
   * 28 CFR 90.4). Without one the caller gets `reason_required` — the record's existence is
   * already known to them, since only assigned users can reach this point.
   */
  async get(ctx: MemberContext, id: string, reason: string | undefined): Promise<ClientResponse> {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      const row = await repo.findVisibleClient(tx, this.scope(ctx), id);
      if (!row) {
        throw notFound('Client not found');
      }
      if (row.isProtected) {
        if (!reason) {
          throw new AppError(400, 'reason_required', 'Say why you are opening this protected record', {
            reason: 'Say why you are opening this protected record',
          });
        }
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'client.read_sensitive',
          objectType: 'client',
          objectId: row.id,
          after: { reason },
        });
      }
      return this.toResponse(row, await this.currentIdentifiers(tx, ctx.subject.orgId, row.id));
    });
  }

  async create(ctx: MemberContext, input: CreateClientRequest): Promise<ClientResponse> {
    requireAction(ctx, 'client.create');
    const { aNumber, receiptNumbers, i94Number, ssn, ...fields } = input;
    const columns = this.withProtection(stripUndefined(fields));
    this.checkConsistency(columns);
    const identifiers = this.identifierChanges({ aNumber, receiptNumbers, i94Number, ssn });
    return this.writing(() =>
      this.tenant(ctx, async (tx) => {
        await this.refuseTakenIdentifiers(tx, ctx.subject.orgId, null, identifiers);
        const row = await repo.insertClient(tx, {
          ...columns,
          orgId: ctx.subject.orgId,
          searchName: clientSearchName(columns),
          phoneKeys: phoneKeysOf(columns.phones ?? []),
        });
        await this.writeIdentifiers(tx, ctx.subject.orgId, row.id, identifiers);
        // The person who registers a client is assigned to them, so the record stays reachable
        // for them if it is (or later becomes) protected.
        await repo.assignClient(tx, ctx.subject.orgId, row.id, ctx.subject.userId);
        const response = this.toResponse(row, await this.currentIdentifiers(tx, ctx.subject.orgId, row.id));
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'client.created',
          objectType: 'client',
          objectId: row.id,
          after: this.auditView(response),
        });
        return response;
      }),
    );
  }

  async update(ctx: MemberContext, id: string, input: UpdateClientRequest): Promise<ClientResponse> {
    requireAction(ctx, 'client.update');
    const { version, aNumber, receiptNumbers, i94Number, ssn, ...fields } = input;
    const changes = stripUndefined(fields);
    const identifiers = this.identifierChanges({ aNumber, receiptNumbers, i94Number, ssn });
    if (Object.keys(changes).length === 0 && Object.keys(identifiers).length === 0) {
      throw badRequest('Nothing to change');
    }
    return this.writing(() =>
      this.tenant(ctx, async (tx) => {
        const current = await repo.findVisibleClient(tx, this.scope(ctx), id);
        if (!current) {
          throw notFound('Client not found');
        }
        if (current.version !== version) {
          throw conflict('Someone else changed this client since you opened it. Reload to see their changes.', {
            version: 'The record has changed',
          });
        }
        const lifting = current.isProtected && changes.isProtected === false;
        if (lifting) {
          // Lifting a protection exposes the record to everyone: a supervisor's decision.
          requireAction(ctx, 'client.unprotect');
          // The basis goes with the protection unless the request says otherwise.
          changes.protectionBasis ??= null;
        }
        const merged = this.withProtection({ ...current, ...changes });
        if (lifting && merged.isProtected) {
          // Refused rather than ignored: a 200 would tell the supervisor the record is now visible.
          throw badRequest('A T, U or VAWA status on the record keeps this client protected', {
            isProtected: 'A T, U or VAWA status on the record keeps this client protected (8 USC 1367)',
          });
        }
        this.checkConsistency(merged);
        await this.refuseTakenIdentifiers(tx, ctx.subject.orgId, id, identifiers);
        const before = this.toResponse(current, await this.currentIdentifiers(tx, ctx.subject.orgId, id));
        const values: Partial<repo.ClientInsert> = { ...changes, isProtected: merged.isProtected, protectionBasis: merged.protectionBasis };
        values.searchName = clientSearchName(merged);
        values.phoneKeys = phoneKeysOf(merged.phones ?? []);
        const row = await repo.updateClient(tx, ctx.subject.orgId, id, version, values);
        if (!row) {
          throw conflict('Someone else changed this client since you opened it. Reload to see their changes.', {
            version: 'The record has changed',
          });
        }
        await this.writeIdentifiers(tx, ctx.subject.orgId, id, identifiers);
        if (!current.isProtected && row.isProtected) {
          // Whoever protects a record is assigned to it: otherwise it would vanish for the very
          // person protecting it (and, with no one assigned, for everyone).
          await repo.assignClient(tx, ctx.subject.orgId, id, ctx.subject.userId);
        }
        const after = this.toResponse(row, await this.currentIdentifiers(tx, ctx.subject.orgId, id));
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'client.updated',
          objectType: 'client',
          objectId: id,
          before: this.auditView(before),
          after: this.auditView(after),
        });
        return after;
      }),
    );
  }

  /** Likely duplicates of a draft (before it is saved) or of an existing record. */
  async duplicates(ctx: MemberContext, probe: DuplicateCheckRequest, excludeId: string | null = null): Promise<{ items: DuplicateCandidate[] }> {
    requireAction(ctx, 'client.read');
    const lookupHashes = [
      ...(probe.aNumber ? [this.lookupHash('a_number', probe.aNumber)] : []),
      ...(probe.receiptNumbers ?? []).map((r) => this.lookupHash('receipt_number', r)),
    ];
    const phoneKeys = phoneKeysOf((probe.phones ?? []).map((number) => ({ number })));
    return this.tenant(ctx, async (tx) => {
      const found = await repo.duplicateCandidates(
        tx,
        this.scope(ctx),
        {
          nameTerm: normalizeNameForSearch(`${probe.givenName} ${probe.familyName}`),
          dateOfBirth: probe.dateOfBirth ?? null,
          lookupHashes,
          phoneKeys,
          excludeId,
        },
        DUPLICATE_LIMIT,
      );
      const scored = found
        .map((c) => ({ ...c, score: duplicateScore(c) }))
        .filter((c) => c.score >= DUPLICATE_MIN_SCORE)
        .sort((a, b) => b.score - a.score);
      const rows = new Map((await repo.findVisibleClients(tx, this.scope(ctx), scored.map((c) => c.id))).map((r) => [r.id, r]));
      const ids = await this.identifiersFor(tx, ctx.subject.orgId, [...rows.keys()], ['a_number']);
      return {
        items: scored
          .filter((c) => rows.has(c.id))
          .map((c) => ({
            client: this.toSummary(rows.get(c.id)!, ids.get(c.id)),
            score: c.score,
            reasons: [
              ...(c.nameScore >= 0.5 ? (['similar_name'] as const) : []),
              ...(c.sameDob ? (['same_date_of_birth'] as const) : []),
              ...(c.identifierKinds.includes('a_number') ? (['same_a_number'] as const) : []),
              ...(c.identifierKinds.includes('receipt_number') ? (['same_receipt_number'] as const) : []),
              ...(c.samePhone ? (['same_phone'] as const) : []),
            ],
          })),
      };
    });
  }

  /**
   * Likely duplicates of a record. The record is read to build the search, not shown, so this is
   * no audited read of a protected record; the candidates are other records the caller may see.
   */
  async duplicatesOf(ctx: MemberContext, id: string): Promise<{ items: DuplicateCandidate[] }> {
    requireAction(ctx, 'client.read');
    const record = await this.tenant(ctx, async (tx) => {
      const row = await repo.findVisibleClient(tx, this.scope(ctx), id);
      if (!row) {
        throw notFound('Client not found');
      }
      return this.toResponse(row, await this.currentIdentifiers(tx, ctx.subject.orgId, id));
    });
    return this.duplicates(
      ctx,
      {
        givenName: record.givenName,
        familyName: record.familyName,
        dateOfBirth: record.dateOfBirth,
        aNumber: record.aNumber ? record.aNumber.replace(/\D/g, '') : null,
        receiptNumbers: record.receiptNumbers,
        phones: record.phones.map((p) => p.number),
      },
      id,
    );
  }

  /** A T, U or VAWA status in the history protects the client (8 USC 1367), with its basis. */
  private withProtection<T extends ColumnInput>(record: T): T {
    const protectedStatus = (record.statuses ?? []).find((s) => PROTECTED_STATUSES.includes(s.status));
    if (!protectedStatus) {
      return record;
    }
    const basis = PROTECTION_BASIS_BY_STATUS[protectedStatus.status as keyof typeof PROTECTION_BASIS_BY_STATUS];
    return { ...record, isProtected: true, protectionBasis: record.protectionBasis ?? basis };
  }

  private checkConsistency(record: ColumnInput): void {
    const problems = clientRecordProblems({
      dateOfBirth: record.dateOfBirth ?? null,
      firstArrivalDate: record.firstArrivalDate ?? null,
      lastArrivalDate: record.lastArrivalDate ?? null,
      isProtected: record.isProtected ?? false,
      protectionBasis: record.protectionBasis ?? null,
      preferredLanguage: record.preferredLanguage ?? null,
      languages: record.languages ?? [],
      statuses: record.statuses ?? [],
      addresses: record.addresses ?? [],
    });
    if (Object.keys(problems).length > 0) {
      throw badRequest('Some fields do not fit together', problems);
    }
  }

  /** Which identifier kinds the request sets (null or [] clears), normalized already by the schema. */
  private identifierChanges(input: Pick<CreateClientRequest, 'aNumber' | 'receiptNumbers' | 'i94Number' | 'ssn'>): Partial<Identifiers> {
    const changes: Partial<Identifiers> = {};
    if (input.aNumber !== undefined) {
      changes.a_number = input.aNumber ? [input.aNumber] : [];
    }
    if (input.receiptNumbers !== undefined) {
      const unique = [...new Set(input.receiptNumbers)];
      if (unique.length !== input.receiptNumbers.length) {
        throw badRequest('A receipt number is listed twice', { receiptNumbers: 'A receipt number is listed twice' });
      }
      changes.receipt_number = unique;
    }
    if (input.i94Number !== undefined) {
      changes.i94 = input.i94Number ? [input.i94Number] : [];
    }
    if (input.ssn !== undefined) {
      changes.ssn = input.ssn ? [input.ssn] : [];
    }
    return changes;
  }

  /** One identifier belongs to one client per organization: a second is refused naming the field. */
  private async refuseTakenIdentifiers(tx: Db, orgId: string, clientId: string | null, changes: Partial<Identifiers>): Promise<void> {
    const wanted = (Object.entries(changes) as [IdentifierKind, string[]][]).flatMap(([kind, values]) =>
      values.map((value) => ({ kind, lookupHash: this.lookupHash(kind, value) })),
    );
    const taken = await repo.identifiersTakenByOthers(tx, orgId, clientId, wanted);
    if (taken.length > 0) {
      const fields = Object.fromEntries(taken.map((t) => [IDENTIFIER_FIELDS[t.kind], DUPLICATE_IDENTIFIER_MESSAGES[t.kind]]));
      throw badRequest('An identifier is already on another client', fields);
    }
  }

  private async writeIdentifiers(tx: Db, orgId: string, clientId: string, changes: Partial<Identifiers>): Promise<void> {
    for (const [kind, values] of Object.entries(changes) as [IdentifierKind, string[]][]) {
      await repo.replaceIdentifiers(
        tx,
        orgId,
        clientId,
        kind,
        values.map((value) => ({ valueSealed: this.deps.secrets.seal(value), lookupHash: this.lookupHash(kind, value) })),
      );
    }
  }

  private async currentIdentifiers(tx: Db, orgId: string, clientId: string): Promise<Identifiers> {
    return (await this.identifiersFor(tx, orgId, [clientId])).get(clientId) ?? emptyIdentifiers();
  }

  /**
   * What `create` writes for one client, without writing it: the columns (protection from a T/U/VAWA
   * status, search name, phone keys) and the identifiers sealed with their blind index. The
   * spreadsheet import (client-transfer/service.ts) writes many of these in one transaction; it has
   * checked access (client.import) and each row with CreateClientRequest before calling this.
   */
  prepareRegistration(orgId: string, input: CreateClientRequest): {
    client: repo.ClientInsert;
    identifiers: { kind: IdentifierKind; valueSealed: string; lookupHash: string }[];
  } {
    const { aNumber, receiptNumbers, i94Number, ssn, ...fields } = input;
    const columns = this.withProtection(stripUndefined(fields));
    this.checkConsistency(columns);
    const changes = this.identifierChanges({ aNumber, receiptNumbers, i94Number, ssn });
    return {
      client: { ...columns, orgId, searchName: clientSearchName(columns), phoneKeys: phoneKeysOf(columns.phones ?? []) },
      identifiers: (Object.entries(changes) as [IdentifierKind, string[]][]).flatMap(([kind, values]) =>
        values.map((value) => ({ kind, valueSealed: this.deps.secrets.seal(value), lookupHash: this.lookupHash(kind, value) })),
      ),
    };
  }

  /**
   * Which of these (normalized) identifiers a client of the organization already holds, keyed
   * `kind:value`, with the field and message `create` would answer. For the import's dry run.
   */
  async identifiersTaken(
    tx: Db,
    orgId: string,
    wanted: readonly { kind: IdentifierKind; value: string }[],
  ): Promise<Map<string, { field: string; message: string }>> {
    const taken = new Map<string, { field: string; message: string }>();
    const byHash = new Map(wanted.map((w) => [this.lookupHash(w.kind, w.value), w]));
    const hashes = [...byHash.keys()];
    for (let start = 0; start < hashes.length; start += 1000) {
      const chunk = hashes.slice(start, start + 1000).map((lookupHash) => ({ kind: byHash.get(lookupHash)!.kind, lookupHash }));
      for (const hit of await repo.identifiersTakenByOthers(tx, orgId, null, chunk)) {
        const w = byHash.get(hit.lookupHash)!;
        taken.set(`${w.kind}:${w.value}`, { field: IDENTIFIER_FIELDS[w.kind], message: DUPLICATE_IDENTIFIER_MESSAGES[w.kind] });
      }
    }
    return taken;
  }

  /** Two people saving the same identifier at once: the loser gets the same 400 as a pre-check. */
  private async writing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw badRequest('An identifier is already on another client', { identifiers: 'Another client in this organization has this identifier' });
      }
      throw err;
    }
  }
}

const DUPLICATE_LIMIT = 20;
const DUPLICATE_MIN_SCORE = 0.5;

/**
 * How likely a candidate is the same person: a shared A-number or receipt number is near
 * certain; a shared phone is strong (families share phones, so not certain); a similar name
 * counts most with the same date of birth.
 */
export function duplicateScore(c: { nameScore: number; sameDob: boolean; identifierKinds: string[]; samePhone: boolean }): number {
  if (c.identifierKinds.length > 0) {
    return 1;
  }
  let score = c.nameScore * 0.6;
  if (c.sameDob) {
    score += 0.35;
  }
  if (c.samePhone) {
    score += 0.3;
  }
  return Math.min(0.99, Math.round(score * 100) / 100);
}

function clientCursor(cursor: string): repo.ClientCursor {
  const [familyName, givenName, id] = decodeCursor(cursor, 3) as [string, string, string];
  return { familyName, givenName, id };
}
