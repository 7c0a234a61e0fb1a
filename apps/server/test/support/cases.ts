import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CaseStage, CaseStatus, ProgramCaseSettings } from '@haven/domain';
import { schema, tenantTransaction } from '../../src/platform/db/index.js';
import { createClientRecord, createUser, type TestApp } from './app.js';
import type { Caller } from './matrix.js';
import { createProgramRecord } from './matrix.js';

/** The signed-in user's id (null for an anonymous caller): matrix fixtures make them the case's worker. */
export function callerId(caller: Caller): string | null {
  const user = caller?.body.user as { id?: string } | undefined;
  return user?.id ?? null;
}

export interface CaseRecordOptions {
  /** The primary case manager; a fresh case manager when not given. */
  caseManagerId?: string | null;
  supervisorId?: string | null;
  stage?: CaseStage;
  status?: CaseStatus;
  /** An existing client (else a fresh, unprotected one). */
  clientId?: string;
  /** Settings stored on the fresh program (null: the defaults). */
  caseSettings?: Partial<ProgramCaseSettings> | null;
  openedOn?: string;
}

/**
 * A case written straight to the database: a client enrolled in a fresh program, the case at the
 * given stage. For tests of what comes after opening a case (notes, plans, services, tasks…).
 */
export async function createCaseRecord(t: TestApp, orgId: string, options: CaseRecordOptions = {}) {
  const client = options.clientId ? { id: options.clientId } : await createClientRecord(t, orgId);
  const program = await createProgramRecord(t, orgId);
  const caseManagerId = options.caseManagerId ?? (await createUser(t, { orgId, role: 'case_manager' })).id;
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    if (options.caseSettings !== undefined) {
      await tx
        .update(schema.programs)
        .set({ caseSettings: options.caseSettings })
        .where(and(eq(schema.programs.orgId, orgId), eq(schema.programs.id, program.id)));
    }
    const [enrollment] = await tx
      .insert(schema.enrollments)
      .values({
        orgId,
        clientId: client.id,
        programId: program.id,
        serviceTier: 'comprehensive',
        tierReason: 'Several needs at intake',
        enrolledOn: options.openedOn ?? '2026-01-05',
        eligibility: {
          asOf: '2026-01-05',
          outcome: 'eligible',
          eligible: true,
          needsReview: false,
          results: [],
          orr: { outcome: 'unknown', code: 'orr.missing.status_history', params: {}, reason: 'No immigration status is recorded yet.', citation: '45 CFR 400.43' },
        },
        createdBy: caseManagerId,
      })
      .returning();
    const [kase] = await tx
      .insert(schema.cases)
      .values({
        orgId,
        reference: `C-T-${randomBytes(4).toString('hex')}`,
        clientId: client.id,
        enrollmentId: enrollment!.id,
        programId: program.id,
        primaryCaseManagerId: caseManagerId,
        supervisorId: options.supervisorId ?? null,
        stage: options.stage ?? 'engagement',
        status: options.status ?? 'open',
        openedOn: options.openedOn ?? '2026-01-05',
      })
      .returning();
    return { client, program, enrollment: enrollment!, kase: kase! };
  });
}
