import { and, eq } from 'drizzle-orm';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import type { TestApp } from '../support/app.js';

/*
 * Rows written straight to the database for supervision, review and report tests: the APIs that
 * make notes, services, plans, money and risk flags are separate areas, tested on their own.
 */

type Values<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'orgId'>;

export function updateCase(t: TestApp, orgId: string, caseId: string, values: Partial<typeof schema.cases.$inferInsert>) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.update(schema.cases).set(values).where(and(eq(schema.cases.orgId, orgId), eq(schema.cases.id, caseId))),
  );
}

export async function insertRows(
  t: TestApp,
  orgId: string,
  rows: {
    notes?: Values<typeof schema.caseNotes>[];
    services?: Values<typeof schema.caseServices>[];
    plans?: Values<typeof schema.plans>[];
    riskFlags?: Values<typeof schema.riskFlags>[];
    tasks?: Values<typeof schema.tasks>[];
  },
) {
  await tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    if (rows.notes?.length) {
      await tx.insert(schema.caseNotes).values(rows.notes.map((row) => ({ ...row, orgId })));
    }
    if (rows.services?.length) {
      await tx.insert(schema.caseServices).values(rows.services.map((row) => ({ ...row, orgId })));
    }
    if (rows.plans?.length) {
      await tx.insert(schema.plans).values(rows.plans.map((row) => ({ ...row, orgId })));
    }
    if (rows.riskFlags?.length) {
      await tx.insert(schema.riskFlags).values(rows.riskFlags.map((row) => ({ ...row, orgId })));
    }
    if (rows.tasks?.length) {
      await tx.insert(schema.tasks).values(rows.tasks.map((row) => ({ ...row, orgId })));
    }
  });
}

/** A pending disbursement (with the budget it draws on). */
export async function insertPendingDisbursement(t: TestApp, orgId: string, caseId: string, userId: string, amountCents: number) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [budget] = await tx.insert(schema.caseBudgets).values({ orgId, caseId, fundingSource: 'RCA', amountCents: 200_000, createdBy: userId }).returning();
    const [row] = await tx
      .insert(schema.disbursements)
      .values({ orgId, caseId, budgetId: budget!.id, kind: 'rent', amountCents, payee: 'Maple Court Apartments', paidOn: '2026-01-10', status: 'pending_approval', requestedBy: userId })
      .returning();
    return row!;
  });
}

/** A note as the notes area stores it once signed (or left as a draft). */
export function note(caseId: string, clientId: string, userId: string, contactOn: string, options: { meaningful?: boolean; signed?: boolean } = {}) {
  const signed = options.signed ?? true;
  return {
    caseId,
    clientId,
    contactOn,
    contactType: 'home_visit' as const,
    meaningful: options.meaningful ?? true,
    narrative: 'Visited the family; reviewed the rent ledger together.',
    status: signed ? ('signed' as const) : ('draft' as const),
    signedBy: signed ? userId : null,
    signedAt: signed ? new Date() : null,
    createdBy: userId,
  };
}

export function service(caseId: string, clientId: string, userId: string, providedOn: string) {
  return { caseId, clientId, serviceType: 'transportation', providedOn, createdBy: userId };
}
