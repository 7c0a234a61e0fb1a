import type { z } from 'zod';
import {
  type ClientEligibilityQuery,
  type CreateEnrollmentRequest,
  type CreateExceptionRequest,
  type DecideExceptionRequest,
  effectiveEligibilityRules,
  type EligibilityEvaluation,
  type EnrollmentQuery,
  type EnrollmentResponse,
  evaluateEligibility,
  type ExceptionRequestQuery,
  type IntakeExtraFacts,
  roleCan,
  type ServiceTier,
  todayIn,
  type UpdateEnrollmentRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import type { ClientRow } from '../clients/repository.js';
import * as clientRepo from '../clients/repository.js';
import { requireAction } from '../organizations/service.js';
import * as programRepo from '../programs/repository.js';
import * as repo from './repository.js';

type ExtraFacts = z.infer<typeof IntakeExtraFacts>;

/** What the eligibility engine reads about a client: the record plus facts given at intake. */
export function eligibilityFactsOf(client: ClientRow, extra: ExtraFacts = {}) {
  return {
    dateOfBirth: client.dateOfBirth ?? undefined,
    dateOfBirthApproximate: client.dateOfBirthEstimated,
    firstArrivalDate: client.firstArrivalDate ?? undefined,
    lastArrivalDate: client.lastArrivalDate ?? undefined,
    statusHistory: client.statuses.map((s) => ({ status: s.status, effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo })),
    ...extra,
  };
}

function toEnrollment(row: repo.EnrollmentRow & { programName: string }): EnrollmentResponse {
  return {
    id: row.id,
    clientId: row.clientId,
    programId: row.programId,
    programName: row.programName,
    intakeId: row.intakeId,
    serviceTier: row.serviceTier,
    tierReason: row.tierReason,
    enrolledOn: row.enrolledOn,
    status: row.status,
    exitedOn: row.exitedOn,
    exitReason: row.exitReason,
    eligibility: row.eligibility,
    exceptionRequestId: row.exceptionRequestId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

function toException(row: repo.ExceptionWithNames) {
  return {
    id: row.id,
    kind: row.kind,
    clientId: row.clientId,
    clientName: `${row.givenName} ${row.familyName}`,
    programId: row.programId,
    programName: row.programName,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface EnrollInput {
  client: ClientRow;
  program: programRepo.ProgramRow;
  serviceTier: ServiceTier;
  tierReason: string;
  enrolledOn: string;
  intakeId: string | null;
  extraFacts?: ExtraFacts;
  /** The request field to name when the enrollment is refused. */
  field: string;
}

/**
 * Program eligibility, enrollments and the exceptions that override eligibility. Eligibility is
 * computed by the pure engine in packages/domain from the client record on the enrollment day;
 * the result is kept with the enrollment, so what was decided and why stays on file.
 */
export class EnrollmentService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private scope(ctx: MemberContext): repo.Scope {
    return { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
  }

  /** Today in the organization's time zone. */
  async today(tx: Db, orgId: string): Promise<string> {
    return todayIn(await repo.organizationTimeZone(tx, orgId));
  }

  async visibleClient(tx: Db, ctx: MemberContext, clientId: string, field: string): Promise<ClientRow> {
    const client = await clientRepo.findVisibleClient(tx, this.scope(ctx), clientId);
    if (!client) {
      throw badRequest('Client not found', { [field]: 'Client not found' });
    }
    return client;
  }

  async activeProgram(tx: Db, orgId: string, programId: string, field: string): Promise<programRepo.ProgramRow> {
    const program = await programRepo.findProgram(tx, orgId, programId);
    if (!program || !program.active) {
      throw badRequest('Program not found', { [field]: 'Choose an active program' });
    }
    return program;
  }

  async eligibility(ctx: MemberContext, clientId: string, query: z.infer<typeof ClientEligibilityQuery>) {
    requireAction(ctx, 'client.read');
    return this.tenant(ctx, async (tx) => {
      const client = await clientRepo.findVisibleClient(tx, this.scope(ctx), clientId);
      if (!client) {
        throw notFound('Client not found');
      }
      const asOf = query.asOf ?? (await this.today(tx, ctx.subject.orgId));
      const extra: ExtraFacts = {
        communityEntryDate: query.communityEntryDate,
        traffickingCertificationDate: query.traffickingCertificationDate,
        sivAdjustedInUs: query.sivAdjustedInUs === undefined ? undefined : query.sivAdjustedInUs === 'true',
      };
      let programs = (await programRepo.listPrograms(tx, ctx.subject.orgId, 200)).filter((p) => p.active);
      if (query.programId) {
        programs = programs.filter((p) => p.id === query.programId);
        if (programs.length === 0) {
          throw badRequest('Program not found', { programId: 'Choose an active program' });
        }
      }
      const exceptions = await this.exceptionsOf(tx, ctx.subject.orgId, clientId);
      return {
        items: programs.map((program) => ({
          programId: program.id,
          programName: program.name,
          evaluation: evaluateEligibility(effectiveEligibilityRules(program), eligibilityFactsOf(client, stripUndefined(extra)), asOf),
          approvedExceptionId: exceptions.find((e) => e.programId === program.id && e.status === 'approved' && !e.used)?.id ?? null,
          pendingExceptionId: exceptions.find((e) => e.programId === program.id && e.status === 'requested')?.id ?? null,
        })),
      };
    });
  }

  /**
   * Enrolls one client inside the caller's transaction. Not eligible (or not known to be) on the
   * enrollment day → refused naming the field, unless a supervisor approved an exception.
   */
  /**
   * The client's exceptions for a program, with those already used by an enrollment marked: an
   * approved exception admits one enrollment, not every later one.
   */
  private async exceptionsOf(tx: Db, orgId: string, clientId: string) {
    const rows = await repo.exceptionsFor(tx, orgId, clientId);
    const used = await repo.usedExceptionIds(tx, orgId, rows.filter((r) => r.status === 'approved').map((r) => r.id));
    return rows.map((r) => ({ ...r, used: used.has(r.id) }));
  }

  /** Whether this enrollment may be made: the eligibility of the day, or an unused approved exception. */
  async admission(
    tx: Db,
    ctx: MemberContext,
    input: Omit<EnrollInput, 'serviceTier' | 'tierReason' | 'intakeId' | 'field'>,
  ): Promise<{ evaluation: EligibilityEvaluation; exceptionRequestId: string | null; refusal: string | null }> {
    const evaluation: EligibilityEvaluation = evaluateEligibility(
      effectiveEligibilityRules(input.program),
      eligibilityFactsOf(input.client, input.extraFacts),
      input.enrolledOn,
    );
    if (evaluation.eligible) {
      return { evaluation, exceptionRequestId: null, refusal: null };
    }
    const approved = (await this.exceptionsOf(tx, ctx.subject.orgId, input.client.id)).find(
      (e) => e.programId === input.program.id && e.status === 'approved' && !e.used,
    );
    if (approved) {
      return { evaluation, exceptionRequestId: approved.id, refusal: null };
    }
    const why = evaluation.results.find((r) => !r.passed)?.reason ?? evaluation.orr.reason;
    return {
      evaluation,
      exceptionRequestId: null,
      refusal: `${input.client.givenName} ${input.client.familyName} is not eligible for ${input.program.name}: ${why} An approved exception is needed.`,
    };
  }

  async enrollIn(tx: Db, ctx: MemberContext, input: EnrollInput): Promise<EnrollmentResponse> {
    const { evaluation, exceptionRequestId, refusal } = await this.admission(tx, ctx, input);
    if (refusal) {
      throw badRequest(refusal, { [input.field]: refusal });
    }
    const row = await repo
      .insertEnrollment(tx, {
        orgId: ctx.subject.orgId,
        clientId: input.client.id,
        programId: input.program.id,
        intakeId: input.intakeId,
        serviceTier: input.serviceTier,
        tierReason: input.tierReason,
        enrolledOn: input.enrolledOn,
        eligibility: evaluation,
        exceptionRequestId,
        createdBy: ctx.subject.userId,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) {
          throw badRequest('Already enrolled', { [input.field]: `${input.client.givenName} ${input.client.familyName} is already enrolled in ${input.program.name}` });
        }
        throw err;
      });
    const response = toEnrollment({ ...row, programName: input.program.name });
    await recordAudit(tx, {
      orgId: ctx.subject.orgId,
      actor: ctx.actor,
      action: 'enrollment.created',
      objectType: 'enrollment',
      objectId: row.id,
      after: { clientId: row.clientId, programId: row.programId, serviceTier: row.serviceTier, tierReason: row.tierReason, enrolledOn: row.enrolledOn, eligible: evaluation.eligible, exceptionRequestId },
    });
    return response;
  }

  async create(ctx: MemberContext, input: z.infer<typeof CreateEnrollmentRequest>): Promise<EnrollmentResponse> {
    requireAction(ctx, 'enrollment.manage');
    return this.tenant(ctx, async (tx) => {
      const client = await this.visibleClient(tx, ctx, input.clientId, 'clientId');
      const program = await this.activeProgram(tx, ctx.subject.orgId, input.programId, 'programId');
      return this.enrollIn(tx, ctx, {
        client,
        program,
        serviceTier: input.serviceTier,
        tierReason: input.tierReason,
        enrolledOn: input.enrolledOn ?? (await this.today(tx, ctx.subject.orgId)),
        intakeId: null,
        field: 'programId',
      });
    });
  }

  async list(ctx: MemberContext, query: z.infer<typeof EnrollmentQuery>) {
    requireAction(ctx, 'client.read');
    const after = query.cursor ? createdCursor(query.cursor) : undefined;
    const rows = await this.tenant(ctx, (tx) =>
      repo.listEnrollments(tx, this.scope(ctx), { clientId: query.clientId, programId: query.programId, status: query.status, after, limit: query.limit + 1 }),
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toEnrollment), nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.createdAt.toISOString(), page.at(-1)!.id]) : null };
  }

  async get(ctx: MemberContext, id: string): Promise<EnrollmentResponse> {
    requireAction(ctx, 'client.read');
    const row = await this.tenant(ctx, (tx) => repo.findEnrollment(tx, this.scope(ctx), id));
    if (!row) {
      throw notFound('Enrollment not found');
    }
    return toEnrollment(row);
  }

  async update(ctx: MemberContext, id: string, input: z.infer<typeof UpdateEnrollmentRequest>): Promise<EnrollmentResponse> {
    requireAction(ctx, 'enrollment.manage');
    const { version, ...changes } = input;
    if (Object.keys(changes).length === 0) {
      throw badRequest('Nothing to change');
    }
    if ((changes.exitedOn === undefined) !== (changes.exitReason === undefined)) {
      const field = changes.exitedOn === undefined ? 'exitedOn' : 'exitReason';
      throw badRequest('An exit needs its date and its reason', { [field]: 'An exit needs its date and its reason' });
    }
    return this.tenant(ctx, async (tx) => {
      const current = await repo.findEnrollment(tx, this.scope(ctx), id);
      if (!current) {
        throw notFound('Enrollment not found');
      }
      if (current.status === 'exited') {
        throw conflict('This enrollment has ended; enroll the client again instead');
      }
      if (changes.exitedOn && changes.exitedOn < current.enrolledOn) {
        throw badRequest('The exit is before the enrollment', { exitedOn: 'The exit is before the enrollment' });
      }
      const row = await repo.updateEnrollment(tx, ctx.subject.orgId, id, version, {
        ...changes,
        ...(changes.exitedOn ? { status: 'exited' as const } : {}),
      });
      if (!row) {
        throw conflict('Someone else changed this enrollment since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      const after = toEnrollment({ ...row, programName: current.programName });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'enrollment.updated',
        objectType: 'enrollment',
        objectId: id,
        before: { serviceTier: current.serviceTier, tierReason: current.tierReason, status: current.status },
        after: { serviceTier: row.serviceTier, tierReason: row.tierReason, status: row.status, exitedOn: row.exitedOn, exitReason: row.exitReason },
      });
      return after;
    });
  }

  async requestException(ctx: MemberContext, input: z.infer<typeof CreateExceptionRequest>) {
    requireAction(ctx, 'exception.request');
    return this.tenant(ctx, async (tx) => {
      const client = await this.visibleClient(tx, ctx, input.clientId, 'clientId');
      const program = await this.activeProgram(tx, ctx.subject.orgId, input.programId, 'programId');
      const open = (await this.exceptionsOf(tx, ctx.subject.orgId, client.id)).find(
        (e) => e.programId === program.id && (e.status === 'requested' || (e.status === 'approved' && !e.used)),
      );
      if (open) {
        throw badRequest('An exception is already on file', {
          programId: open.status === 'approved' ? 'An exception for this program is already approved' : 'An exception for this program is already waiting for a decision',
        });
      }
      const row = await repo.insertException(tx, {
        orgId: ctx.subject.orgId,
        kind: 'eligibility_override',
        clientId: client.id,
        programId: program.id,
        reason: input.reason,
        requestedBy: ctx.subject.userId,
      });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'exception.requested',
        objectType: 'exception_request',
        objectId: row.id,
        after: { clientId: client.id, programId: program.id, reason: input.reason },
      });
      return toException({ ...row, givenName: client.givenName, familyName: client.familyName, programName: program.name });
    });
  }

  /** Deciders see every request; others see the ones they made. */
  async listExceptions(ctx: MemberContext, query: z.infer<typeof ExceptionRequestQuery>) {
    const decider = roleCan(ctx.subject.role, 'exception.decide');
    if (!decider) {
      requireAction(ctx, 'exception.request');
    }
    const after = query.cursor ? createdCursor(query.cursor) : undefined;
    const rows = await this.tenant(ctx, (tx) =>
      repo.listExceptions(tx, this.scope(ctx), {
        status: query.status,
        clientId: query.clientId,
        requestedBy: decider ? undefined : ctx.subject.userId,
        after,
        limit: query.limit + 1,
      }),
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toException), nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.createdAt.toISOString(), page.at(-1)!.id]) : null };
  }

  async decideException(ctx: MemberContext, id: string, input: z.infer<typeof DecideExceptionRequest>) {
    requireAction(ctx, 'exception.decide');
    return this.tenant(ctx, async (tx) => {
      const current = await repo.findException(tx, this.scope(ctx), id);
      if (!current) {
        throw notFound('Exception request not found');
      }
      // Separation of duties: nobody approves their own exception.
      if (current.requestedBy === ctx.subject.userId) {
        throw forbidden('Someone else must decide on an exception you requested');
      }
      const row = await repo.decideException(tx, ctx.subject.orgId, id, { status: input.decision, decidedBy: ctx.subject.userId, decisionNote: input.note });
      if (!row) {
        throw conflict('This request has already been decided');
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'exception.decided',
        objectType: 'exception_request',
        objectId: id,
        before: { status: current.status },
        after: { status: row.status, note: input.note },
      });
      return toException({ ...row, givenName: current.givenName, familyName: current.familyName, programName: current.programName });
    });
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function createdCursor(cursor: string): repo.CreatedCursor {
  const { at, id } = decodeTimeCursor(cursor);
  return { createdAt: at, id };
}
