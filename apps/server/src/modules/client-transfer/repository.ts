import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { ConsentDataCategory, ImportMapping, ImportRowError } from '@haven/domain';
import { type Db, schema } from '../../platform/db/index.js';
import type { IdentifierKind } from '../../platform/db/schema.js';
import { type ClientInsert, type ClientRow, listClients, type Scope, visibleClients } from '../clients/repository.js';

const { clientImports, clients, clientIdentifiers, clientAssignments, consents } = schema;
export type ImportRow = typeof clientImports.$inferSelect;
export type ImportInsert = typeof clientImports.$inferInsert;

/** The columns a list shows: the stored file and the report stay in the database. */
const summaryColumns = {
  id: clientImports.id,
  orgId: clientImports.orgId,
  filename: clientImports.filename,
  format: clientImports.format,
  status: clientImports.status,
  totalRows: clientImports.totalRows,
  validRows: clientImports.validRows,
  importedRows: clientImports.importedRows,
  version: clientImports.version,
  createdAt: clientImports.createdAt,
  updatedAt: clientImports.updatedAt,
};
export type { Scope };
/** A client row of the import, its id chosen by the service so its identifiers can refer to it. */
export type NewClient = ClientInsert & { id: string };
export type ImportSummaryRow = Pick<ImportRow, keyof typeof summaryColumns>;

export async function insertImport(tx: Db, values: ImportInsert): Promise<ImportRow> {
  const [row] = await tx.insert(clientImports).values(values).returning();
  return row!;
}

/** One import of the organization; `forUpdate` holds it until the transaction ends (one run at a time). */
export async function findImport(tx: Db, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<ImportRow | undefined> {
  const query = tx
    .select()
    .from(clientImports)
    .where(and(eq(clientImports.orgId, orgId), eq(clientImports.id, id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listImports(tx: Db, orgId: string, limit: number): Promise<ImportSummaryRow[]> {
  return tx
    .select(summaryColumns)
    .from(clientImports)
    .where(eq(clientImports.orgId, orgId))
    .orderBy(desc(clientImports.createdAt), desc(clientImports.id))
    .limit(limit);
}

/** Writes the change only if the import is still at `version`; undefined when it moved on. */
export async function updateImport(
  tx: Db,
  orgId: string,
  id: string,
  version: number,
  values: Partial<{
    mapping: ImportMapping;
    status: ImportRow['status'];
    validRows: number | null;
    importedRows: number | null;
    errors: ImportRowError[];
    content: string | null;
  }>,
): Promise<ImportRow | undefined> {
  const [row] = await tx
    .update(clientImports)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(clientImports.orgId, orgId), eq(clientImports.id, id), eq(clientImports.version, version)))
    .returning();
  return row;
}

/* The import's writes: many clients at once, with the ids chosen by the service. */

/**
 * For the rest of the transaction, plan every statement with its actual values. The foreign-key
 * check of each identifier row (client_identifiers → clients) runs a cached query; planned while
 * `clients` held few rows (a fresh organization, or before ANALYZE), it stays a sequential scan
 * while the import adds thousands: 10,000 identifiers then took 15 s on PGlite instead of ~1 s.
 */
export async function planWithActualSizes(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('plan_cache_mode', 'force_custom_plan', true)`);
}

export async function insertClients(tx: Db, values: NewClient[]): Promise<void> {
  if (values.length > 0) {
    await tx.insert(clients).values(values);
  }
}

export async function insertIdentifiers(
  tx: Db,
  values: { orgId: string; clientId: string; kind: IdentifierKind; valueSealed: string; lookupHash: string; createdAt: Date }[],
): Promise<void> {
  if (values.length > 0) {
    await tx.insert(clientIdentifiers).values(values);
  }
}

export async function assignClients(tx: Db, orgId: string, clientIds: readonly string[], userId: string): Promise<void> {
  if (clientIds.length > 0) {
    await tx.insert(clientAssignments).values(clientIds.map((clientId) => ({ orgId, clientId, userId })));
  }
}

/* The export's reads. */

export interface ExportCursor {
  familyName: string;
  givenName: string;
  id: string;
}

/**
 * One keyset page of the clients the caller may see, without any protected client except those
 * in `sharableProtected` (whose consent allows it; see the service).
 */
/** Consents of the protected clients the caller may see (assigned), for the export's consent check. */
export async function protectedConsents(tx: Db, scope: Scope) {
  return tx
    .select({
      clientId: consents.clientId,
      recipientKind: consents.recipientKind,
      recipientName: consents.recipientName,
      recipientProgramId: consents.recipientProgramId,
      dataCategories: consents.dataCategories,
      signedOn: consents.signedOn,
      expiresOn: consents.expiresOn,
      revokedOn: consents.revokedOn,
    })
    .from(consents)
    .innerJoin(clients, and(eq(clients.orgId, consents.orgId), eq(clients.id, consents.clientId)))
    .where(and(eq(consents.orgId, scope.orgId), eq(clients.isProtected, true), visibleClients(scope.orgId, scope.userId)))
    .limit(10_000)
    .then((rows) => rows.map((r) => ({ ...r, dataCategories: r.dataCategories as ConsentDataCategory[] })));
}

export async function exportPage(
  tx: Db,
  scope: Scope,
  sharableProtected: readonly string[],
  after: ExportCursor | undefined,
  limit: number,
): Promise<ClientRow[]> {
  // Protected clients only where a consent allows it (the service decides which).
  const where = sharableProtected.length > 0 ? or(eq(clients.isProtected, false), inArray(clients.id, [...sharableProtected]))! : eq(clients.isProtected, false);
  return listClients(tx, scope, { after, limit, where });
}

/** The identifiers an export shows (masked): A-number, receipt numbers, I-94 — never the SSN. */
export async function exportIdentifiers(tx: Db, orgId: string, clientIds: readonly string[]) {
  if (clientIds.length === 0) {
    return [];
  }
  return tx
    .select({ clientId: clientIdentifiers.clientId, kind: clientIdentifiers.kind, valueSealed: clientIdentifiers.valueSealed })
    .from(clientIdentifiers)
    .where(
      and(
        eq(clientIdentifiers.orgId, orgId),
        inArray(clientIdentifiers.clientId, [...clientIds]),
        inArray(clientIdentifiers.kind, ['a_number', 'receipt_number', 'i94']),
      ),
    )
    .orderBy(asc(clientIdentifiers.createdAt), asc(clientIdentifiers.id));
}
