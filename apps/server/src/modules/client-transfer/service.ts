import { randomUUID } from 'node:crypto';
import {
  consentAllows,
  type CreateClientRequest,
  IMPORT_MAX_REPORTED_ERRORS,
  IMPORT_MAX_ROWS,
  type ImportDateFormat,
  type ImportFormat,
  type ImportMapping,
  importMappingProblems,
  type ImportProgress,
  type ImportResponse,
  type ImportRowError,
  importRowToClientRequest,
  type ImportSummary,
  maskANumber,
  suggestImportMapping,
  todayIn,
  type UpdateImportRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import type { IdentifierKind } from '../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { ClientService } from '../clients/service.js';
import { requireAction } from '../organizations/service.js';
import * as consentRepo from '../consents/repository.js';
import * as repo from './repository.js';
import { looksLikeXlsx, readSpreadsheet, type Sheet, SpreadsheetError, writeCsv, writeXlsx } from './spreadsheet.js';

/** Rows written per INSERT: ~30 columns each keeps a statement well under PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 500;
/** The largest export; beyond it the file says so (x-haven-truncated) and a narrower export is needed. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 1_000;
const RECENT_IMPORTS = 20;

const IDENTIFIER_LABELS: Record<'a_number' | 'receipt_number' | 'i94', { field: string; name: string }> = {
  a_number: { field: 'aNumber', name: 'A-number' },
  receipt_number: { field: 'receiptNumbers', name: 'receipt number' },
  i94: { field: 'i94Number', name: 'I-94 number' },
};

/**
 * How far each running dry run or import is, by import id. In memory: progress is for the person
 * watching, not a record. With PostgreSQL a GET answers while the import runs; PGlite has one
 * connection, so there a GET waits until the import's transaction ends (the web shows an
 * indeterminate bar meanwhile). Also the guard against running one import twice at once.
 */
const running = new Map<string, ImportProgress & { orgId: string }>();

/** What a client-list export holds about a person, as consent categories. */
const EXPORT_CATEGORIES = ['identity', 'contact', 'immigration'] as const;

/**
 * The protected clients an export for `recipient` may include: those the caller may see (assigned)
 * whose consent in force today names that organization and covers everything the export holds
 * (8 USC 1367; 34 USC 12291(b)(2): no disclosure without informed, written, time-limited consent).
 * An export that names no recipient includes none.
 */
export async function protectedClientsSharableForExport(tx: Db, scope: repo.Scope, recipient: string | undefined): Promise<string[]> {
  if (!recipient) {
    return [];
  }
  const today = todayIn((await consentRepo.organizationOf(tx, scope.orgId)).timeZone);
  const candidates = await repo.protectedConsents(tx, scope);
  const byClient = new Map<string, typeof candidates>();
  for (const consent of candidates) {
    byClient.set(consent.clientId, [...(byClient.get(consent.clientId) ?? []), consent]);
  }
  return [...byClient.entries()]
    .filter(([, consents]) => consentAllows(consents, { recipient: { kind: 'organization', name: recipient }, categories: EXPORT_CATEGORIES, on: today }))
    .map(([clientId]) => clientId);
}

/** The dry run's findings: every problem (sorted by row), and the rows that passed. */
interface CheckResult {
  errors: ImportRowError[];
  invalidRows: number;
  valid: { row: number; request: CreateClientRequest }[];
}

class RowsChanged extends Error {
  constructor(readonly check: CheckResult) {
    super('rows no longer pass');
  }
}

/** The values of identifiers in a valid request, as the database keys them (normalized by the schema). */
function identifiersOf(request: CreateClientRequest): { kind: 'a_number' | 'receipt_number' | 'i94'; value: string }[] {
  return [
    ...(request.aNumber ? [{ kind: 'a_number' as const, value: request.aNumber }] : []),
    ...(request.receiptNumbers ?? []).map((value) => ({ kind: 'receipt_number' as const, value })),
    ...(request.i94Number ? [{ kind: 'i94' as const, value: request.i94Number }] : []),
  ];
}

function maskReceipt(value: string): string {
  return `${value.slice(0, 3)}•••••••${value.slice(-3)}`;
}

/** The export's columns: the same names the import recognizes, so a list can go back in. */
const EXPORT_COLUMNS = [
  'Record ID',
  'Family name',
  'Given name',
  'Middle name',
  'Preferred name',
  'Native name',
  'Date of birth',
  'Date of birth estimated',
  'Sex',
  'Country of birth',
  'Nationality',
  'Preferred language',
  'Interpreter needed',
  'Phone',
  'Email',
  'A-number',
  'Receipt number',
  'I-94',
  'First arrival date',
  'Last arrival date',
  'Immigration status',
  'Status date',
  'Created',
] as const;

export class ClientTransferService {
  private readonly clients: ClientService;

  constructor(private readonly deps: AppDeps) {
    this.clients = new ClientService(deps);
  }

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private progressOf(row: Pick<repo.ImportRow, 'id' | 'orgId'>): ImportProgress | null {
    const entry = running.get(row.id);
    return entry && entry.orgId === row.orgId ? { phase: entry.phase, done: entry.done, total: entry.total } : null;
  }

  private toSummary(row: repo.ImportSummaryRow): ImportSummary {
    const progress = this.progressOf(row);
    return {
      id: row.id,
      filename: row.filename,
      format: row.format,
      status: progress?.phase === 'importing' ? 'importing' : row.status,
      totalRows: row.totalRows,
      validRows: row.validRows,
      importedRows: row.importedRows,
      progress,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private toResponse(row: repo.ImportRow): ImportResponse {
    return {
      ...this.toSummary(row),
      columns: row.columns,
      mapping: row.mapping as ImportMapping,
      dateFormat: row.dateFormat,
      suggestedMapping: suggestImportMapping(row.columns),
      errors: row.errors,
    };
  }

  private async readFile(format: ImportFormat, bytes: Buffer): Promise<Sheet> {
    try {
      return await readSpreadsheet(format, bytes, IMPORT_MAX_ROWS);
    } catch (err) {
      if (err instanceof SpreadsheetError) {
        throw badRequest(err.message, { file: err.message });
      }
      throw err;
    }
  }

  /** Stores an uploaded spreadsheet and suggests a mapping from its header names. */
  async upload(ctx: MemberContext, filename: string, format: ImportFormat, bytes: Buffer): Promise<ImportResponse> {
    requireAction(ctx, 'client.import');
    if (bytes.length === 0) {
      throw badRequest('The file is empty', { file: 'The file is empty' });
    }
    if (format === 'xlsx' && !looksLikeXlsx(bytes)) {
      throw badRequest('The file is not an XLSX workbook', { file: 'The file is not an XLSX workbook' });
    }
    const sheet = await this.readFile(format, bytes);
    if (sheet.rows.length === 0) {
      throw badRequest('The file has no rows below the header', { file: 'The file has no rows below the header' });
    }
    const row = await this.tenant(ctx, (tx) =>
      repo.insertImport(tx, {
        orgId: ctx.subject.orgId,
        filename,
        format,
        content: bytes.toString('base64'),
        columns: sheet.columns,
        mapping: suggestImportMapping(sheet.columns),
        totalRows: sheet.rows.length,
        createdBy: ctx.subject.userId,
      }),
    );
    return this.toResponse(row);
  }

  async get(ctx: MemberContext, id: string): Promise<ImportResponse> {
    requireAction(ctx, 'client.import');
    const row = await this.tenant(ctx, (tx) => repo.findImport(tx, ctx.subject.orgId, id));
    if (!row) {
      throw notFound('Import not found');
    }
    return this.toResponse(row);
  }

  async list(ctx: MemberContext): Promise<{ items: ImportSummary[] }> {
    requireAction(ctx, 'client.import');
    const rows = await this.tenant(ctx, (tx) => repo.listImports(tx, ctx.subject.orgId, RECENT_IMPORTS));
    return { items: rows.map((row) => this.toSummary(row)) };
  }

  /** A new mapping makes the last dry run stale: the import must be checked again before it runs. */
  async updateMapping(ctx: MemberContext, id: string, input: UpdateImportRequest): Promise<ImportResponse> {
    requireAction(ctx, 'client.import');
    return this.tenant(ctx, async (tx) => {
      const current = await repo.findImport(tx, ctx.subject.orgId, id);
      if (!current) {
        throw notFound('Import not found');
      }
      this.refuseWhenDoneOrRunning(current);
      if (current.version !== input.version) {
        throw conflict('Someone else changed this import since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      const problems = importMappingProblems(current.columns, input.mapping);
      // A missing name column is fine while mapping; the dry run asks for it.
      delete problems['mapping.givenName'];
      delete problems['mapping.familyName'];
      if (Object.keys(problems).length > 0) {
        throw badRequest('Some columns cannot be mapped this way', problems);
      }
      const row = await repo.updateImport(tx, ctx.subject.orgId, id, input.version, {
        mapping: input.mapping,
        ...(input.dateFormat ? { dateFormat: input.dateFormat } : {}),
        status: 'uploaded',
        validRows: null,
        errors: [],
      });
      if (!row) {
        throw conflict('Someone else changed this import since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      return this.toResponse(row);
    });
  }

  private refuseWhenDoneOrRunning(row: repo.ImportRow): void {
    if (row.status === 'completed') {
      throw conflict('This import has already run');
    }
    if (running.has(row.id)) {
      throw conflict('This import is being checked or run right now');
    }
  }

  /** Reads the stored file of an import that may still be checked or run. */
  private async loadForWork(ctx: MemberContext, id: string, precheck?: (row: repo.ImportRow) => void): Promise<{ row: repo.ImportRow; sheet: Sheet }> {
    const row = await this.tenant(ctx, (tx) => repo.findImport(tx, ctx.subject.orgId, id));
    if (!row) {
      throw notFound('Import not found');
    }
    this.refuseWhenDoneOrRunning(row);
    precheck?.(row);
    if (!row.content) {
      throw conflict('The file of this import is no longer stored; upload it again');
    }
    const problems = importMappingProblems(row.columns, row.mapping as ImportMapping);
    if (Object.keys(problems).length > 0) {
      throw badRequest('Map the columns with the given and family names first', problems);
    }
    return { row, sheet: await this.readFile(row.format, Buffer.from(row.content, 'base64')) };
  }

  /**
   * Every row checked as `POST /api/clients` checks it, then identifiers: one that appears twice in
   * the file, or that a client of the organization already holds, is a problem of its row.
   */
  private async check(tx: Db, orgId: string, mapping: ImportMapping, dateFormat: ImportDateFormat, sheet: Sheet, progress: ImportProgress): Promise<CheckResult> {
    const errors: ImportRowError[] = [];
    const invalid = new Set<number>();
    const parsed: { row: number; request: CreateClientRequest }[] = [];
    for (const { row, cells } of sheet.rows) {
      const result = importRowToClientRequest(cells, mapping, dateFormat);
      if (result.ok) {
        parsed.push({ row, request: result.request });
      } else {
        invalid.add(row);
        errors.push(...result.errors.map((e) => ({ row, ...e })));
      }
      progress.done += 1;
    }

    const firstRowOf = new Map<string, number>();
    const wanted: { kind: IdentifierKind; value: string }[] = [];
    for (const { row, request } of parsed) {
      for (const identifier of identifiersOf(request)) {
        const key = `${identifier.kind}:${identifier.value}`;
        const first = firstRowOf.get(key);
        const label = IDENTIFIER_LABELS[identifier.kind];
        if (first === undefined) {
          firstRowOf.set(key, row);
          wanted.push(identifier);
        } else if (first !== row) {
          invalid.add(row);
          errors.push({ row, field: label.field, message: `Row ${first} has the same ${label.name}` });
        } else {
          invalid.add(row);
          errors.push({ row, field: label.field, message: 'A receipt number is listed twice' });
        }
      }
    }
    const taken = await this.clients.identifiersTaken(tx, orgId, wanted);
    if (taken.size > 0) {
      for (const { row, request } of parsed) {
        for (const identifier of identifiersOf(request)) {
          const hit = taken.get(`${identifier.kind}:${identifier.value}`);
          if (hit && firstRowOf.get(`${identifier.kind}:${identifier.value}`) === row) {
            invalid.add(row);
            errors.push({ row, field: hit.field, message: hit.message });
          }
        }
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return { errors, invalidRows: invalid.size, valid: parsed.filter((p) => !invalid.has(p.row)) };
  }

  private track(row: repo.ImportRow, phase: ImportProgress['phase'], total: number): ImportProgress {
    if (running.has(row.id)) {
      throw conflict('This import is being checked or run right now');
    }
    const entry = { orgId: row.orgId, phase, done: 0, total };
    running.set(row.id, entry);
    return entry;
  }

  /** Checks every row and reports each problem with its row and field. Nothing is written to clients. */
  async dryRun(ctx: MemberContext, id: string): Promise<ImportResponse> {
    requireAction(ctx, 'client.import');
    const { row, sheet } = await this.loadForWork(ctx, id);
    const progress = this.track(row, 'checking', sheet.rows.length);
    let checked: repo.ImportRow;
    try {
      checked = await this.tenant(ctx, async (tx) => {
        const check = await this.check(tx, ctx.subject.orgId, row.mapping as ImportMapping, row.dateFormat, sheet, progress);
        const updated = await repo.updateImport(tx, ctx.subject.orgId, id, row.version, {
          status: 'checked',
          validRows: sheet.rows.length - check.invalidRows,
          errors: check.errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
        });
        if (!updated) {
          throw conflict('Someone else changed this import meanwhile. Reload and run the check again.', { version: 'The record has changed' });
        }
        return updated;
      });
    } finally {
      running.delete(id);
    }
    return this.toResponse(checked);
  }

  /**
   * Registers every row in one transaction: all of them or none. Refused unless the last dry run,
   * on the current mapping, found no problem. The rows are checked again inside the transaction
   * (someone may have registered one of the A-numbers since); any problem rolls everything back,
   * and the import is marked failed with the new report.
   */
  async run(ctx: MemberContext, id: string): Promise<ImportResponse> {
    requireAction(ctx, 'client.import');
    const { row, sheet } = await this.loadForWork(ctx, id, (found) => this.refuseUnlessChecked(found));
    const progress = this.track(row, 'importing', sheet.rows.length * 2);
    let outcome: { completed: repo.ImportRow } | { failed: CheckResult };
    try {
      outcome = await this.tenant(ctx, async (tx) => {
        const locked = await repo.findImport(tx, ctx.subject.orgId, id, { forUpdate: true });
        if (!locked || locked.version !== row.version) {
          throw conflict('Someone else changed this import meanwhile. Reload and run the check again.', { version: 'The record has changed' });
        }
        this.refuseUnlessChecked(locked);
        const check = await this.check(tx, ctx.subject.orgId, row.mapping as ImportMapping, row.dateFormat, sheet, progress);
        if (check.errors.length > 0) {
          throw new RowsChanged(check);
        }
        const created = await this.registerAll(tx, ctx, check.valid.map((v) => v.request), progress);
        const updated = await repo.updateImport(tx, ctx.subject.orgId, id, row.version, {
          status: 'completed',
          importedRows: created.total,
          content: null,
        });
        await recordAudit(tx, {
          orgId: ctx.subject.orgId,
          actor: ctx.actor,
          action: 'client.imported',
          objectType: 'client_import',
          objectId: id,
          // Counts only: the file's name and contents can name people.
          after: { format: row.format, totalRows: sheet.rows.length, importedRows: created.total, protectedRows: created.protectedCount },
        });
        return { completed: updated! };
      });
    } catch (err) {
      if (err instanceof RowsChanged) {
        outcome = { failed: err.check };
      } else if (isUniqueViolation(err)) {
        // Someone registered one of the identifiers while the import was writing: the transaction
        // is gone, so check again to tell the person which rows.
        const check = await this.tenant(ctx, (tx) =>
          this.check(tx, ctx.subject.orgId, row.mapping as ImportMapping, row.dateFormat, sheet, { phase: 'checking', done: 0, total: 0 }),
        );
        outcome = { failed: check };
      } else {
        throw err;
      }
    } finally {
      running.delete(id);
    }
    return 'completed' in outcome ? this.toResponse(outcome.completed) : this.markFailed(ctx, row, outcome.failed);
  }

  private refuseUnlessChecked(row: repo.ImportRow): void {
    if (row.status === 'completed') {
      throw conflict('This import has already run');
    }
    if (row.status !== 'checked' || row.validRows !== row.totalRows || row.errors.length > 0) {
      throw new AppError(409, 'conflict', 'Run the check and fix every problem it finds before importing', {
        status: row.status === 'checked' ? 'The last check found problems' : 'Run the check on the current mapping first',
      });
    }
  }

  private async markFailed(ctx: MemberContext, row: repo.ImportRow, check: CheckResult): Promise<ImportResponse> {
    return this.tenant(ctx, async (tx) => {
      const updated = await repo.updateImport(tx, ctx.subject.orgId, row.id, row.version, {
        status: 'failed',
        importedRows: 0,
        validRows: row.totalRows - check.invalidRows,
        errors: check.errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
      });
      const current = updated ?? (await repo.findImport(tx, ctx.subject.orgId, row.id));
      return this.toResponse(current!);
    });
  }

  /** The batch path of ClientService.create: the same prepared rows, written many per statement. */
  private async registerAll(
    tx: Db,
    ctx: MemberContext,
    requests: readonly CreateClientRequest[],
    progress: ImportProgress,
  ): Promise<{ total: number; protectedCount: number }> {
    const orgId = ctx.subject.orgId;
    await repo.planWithActualSizes(tx);
    let protectedCount = 0;
    const base = Date.now();
    for (let start = 0; start < requests.length; start += INSERT_BATCH) {
      const batch = requests.slice(start, start + INSERT_BATCH);
      const clientValues: repo.NewClient[] = [];
      const identifierValues: Parameters<typeof repo.insertIdentifiers>[1] = [];
      for (const request of batch) {
        const prepared = this.clients.prepareRegistration(orgId, request);
        const id = randomUUID();
        clientValues.push({ ...prepared.client, id });
        if (prepared.client.isProtected) {
          protectedCount += 1;
        }
        // A millisecond apart, so receipt numbers come back in the order they were written.
        prepared.identifiers.forEach((identifier, index) => {
          identifierValues.push({ orgId, clientId: id, ...identifier, createdAt: new Date(base + index) });
        });
      }
      await repo.insertClients(tx, clientValues);
      await repo.insertIdentifiers(tx, identifierValues);
      // As with one registration: the person who registers a client is assigned to them, so a
      // protected record stays reachable for them.
      await repo.assignClients(tx, orgId, clientValues.map((c) => c.id), ctx.subject.userId);
      progress.done += batch.length;
    }
    return { total: requests.length, protectedCount };
  }

  /**
   * The client list as CSV or XLSX: the clients the caller may see, with every protected client
   * left out unless a consent allows it (protectedClientsSharableForExport), identifiers masked
   * and no SSN. Bounded at EXPORT_MAX_ROWS; the export is itself audited, with the row count.
   */
  async exportClients(
    ctx: MemberContext,
    format: ImportFormat,
    recipient?: string,
  ): Promise<{ body: string | Buffer; rows: number; truncated: boolean }> {
    requireAction(ctx, 'client.export');
    const scope = { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
    const rows: string[][] = [];
    let truncated = false;
    await this.tenant(ctx, async (tx) => {
      const sharable = await protectedClientsSharableForExport(tx, scope, recipient);
      let after: repo.ExportCursor | undefined;
      for (;;) {
        const page = await repo.exportPage(tx, scope, sharable, after, EXPORT_PAGE);
        const identifiers = new Map<string, { a_number: string[]; receipt_number: string[]; i94: string[] }>();
        for (const identifier of await repo.exportIdentifiers(tx, scope.orgId, page.map((c) => c.id))) {
          const entry = identifiers.get(identifier.clientId) ?? { a_number: [], receipt_number: [], i94: [] };
          if (identifier.kind !== 'ssn') {
            entry[identifier.kind].push(this.deps.secrets.open(identifier.valueSealed));
          }
          identifiers.set(identifier.clientId, entry);
        }
        for (const client of page) {
          if (rows.length >= EXPORT_MAX_ROWS) {
            truncated = true;
            break;
          }
          const ids = identifiers.get(client.id);
          const status = [...client.statuses].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
          rows.push([
            client.id,
            client.familyName,
            client.givenName,
            client.middleName ?? '',
            client.preferredName ?? '',
            client.nativeName ?? '',
            client.dateOfBirth ?? '',
            client.dateOfBirthEstimated ? 'yes' : 'no',
            client.sex ?? '',
            client.countryOfBirth ?? '',
            client.nationalities.join('; '),
            client.preferredLanguage ?? '',
            client.interpreterNeeded ? 'yes' : 'no',
            client.phones[0]?.number ?? '',
            client.email ?? '',
            ids?.a_number[0] ? maskANumber(ids.a_number[0]) : '',
            (ids?.receipt_number ?? []).map(maskReceipt).join('; '),
            ids?.i94[0] ? `•••••••${ids.i94[0].slice(-4)}` : '',
            client.firstArrivalDate ?? '',
            client.lastArrivalDate ?? '',
            status?.status ?? '',
            status?.effectiveFrom ?? '',
            client.createdAt.toISOString(),
          ]);
        }
        const last = page.at(-1);
        if (truncated || !last || page.length < EXPORT_PAGE) {
          break;
        }
        after = { familyName: last.familyName, givenName: last.givenName, id: last.id };
      }
      await recordAudit(tx, {
        orgId: scope.orgId,
        actor: ctx.actor,
        action: 'client.exported',
        objectType: 'client_list',
        after: { format, rows: rows.length, truncated, protectedIncluded: sharable.length, recipient: recipient ?? null },
      });
    });
    const body = format === 'csv' ? writeCsv(EXPORT_COLUMNS, rows) : await writeXlsx('Clients', EXPORT_COLUMNS, rows);
    return { body, rows: rows.length, truncated };
  }
}
