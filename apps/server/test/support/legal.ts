import { randomBytes } from 'node:crypto';
import { type AccreditationLevel, type BarStatus, type CredentialKind, type MatterStatus, type MatterType, todayIn } from '@haven/domain';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, type TestApp } from './app.js';
import { createProgramRecord } from './matrix.js';

export interface MatterRecordOptions {
  /** The representative; also the opener (created_by) unless `createdBy` is given. Null: none yet. */
  representativeId: string | null;
  createdBy?: string;
  supervisingAttorneyId?: string | null;
  /** An existing client (else a fresh, unprotected one). */
  clientId?: string;
  /** An existing program (else a fresh one). */
  programId?: string;
  type?: MatterType;
  status?: MatterStatus;
  /** The matter's own facts (RULES.md names). */
  facts?: Record<string, unknown>;
  openedOn?: string;
}

/**
 * A legal matter written straight to the database (no deadlines computed, no events): for tests
 * of what comes after opening a matter (filings, hearings, fees, closing…). The client is its
 * `client` party, as opening through the API would make it.
 */
export async function createMatterRecord(t: TestApp, orgId: string, options: MatterRecordOptions) {
  const client = options.clientId ? { id: options.clientId } : await createClientRecord(t, orgId);
  const programId = options.programId ?? (await createProgramRecord(t, orgId)).id;
  const createdBy = options.createdBy ?? options.representativeId;
  if (!createdBy) {
    throw new Error('createMatterRecord needs representativeId or createdBy');
  }
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [matter] = await tx
      .insert(schema.legalMatters)
      .values({
        orgId,
        reference: `M-T-${randomBytes(4).toString('hex')}`,
        clientId: client.id,
        programId,
        type: options.type ?? 'affirmative_asylum',
        status: options.status ?? 'open',
        representativeId: options.representativeId,
        supervisingAttorneyId: options.supervisingAttorneyId ?? null,
        facts: options.facts ?? {},
        openedOn: options.openedOn ?? todayIn('America/New_York'),
        createdBy,
      })
      .returning();
    await tx.insert(schema.matterParties).values({ orgId, matterId: matter!.id, role: 'client', name: 'Test Client', searchName: 'test client' });
    return matter!;
  });
}

export interface CredentialRecordOptions {
  kind?: CredentialKind;
  supervisingAttorney?: boolean;
  barStatus?: BarStatus;
  accreditationLevel?: AccreditationLevel;
  expiresOn?: string | null;
  barState?: string;
  barNumber?: string;
}

/**
 * A staff credential written straight to the database: by default an active attorney admitted in
 * New York, who may represent on any matter (not a supervising attorney unless asked).
 */
export async function createCredentialRecord(t: TestApp, orgId: string, userId: string, options: CredentialRecordOptions = {}) {
  const kind = options.kind ?? 'attorney';
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [credential] = await tx
      .insert(schema.staffCredentials)
      .values({
        orgId,
        userId,
        kind,
        barState: kind === 'attorney' ? (options.barState ?? 'NY') : null,
        barNumber: kind === 'attorney' ? (options.barNumber ?? `${Math.floor(Math.random() * 9_000_000) + 1_000_000}`) : null,
        barStatus: kind === 'attorney' ? (options.barStatus ?? 'active') : null,
        accreditationLevel: kind === 'accredited_representative' ? (options.accreditationLevel ?? 'full') : null,
        expiresOn: options.expiresOn ?? null,
        supervisingAttorney: options.supervisingAttorney ?? false,
      })
      .returning();
    return credential!;
  });
}
