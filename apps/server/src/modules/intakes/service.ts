import type { z } from 'zod';
import {
  type CompleteIntakeRequest,
  type CreateIntakeRequest,
  type IntakeData,
  type IntakeQuery,
  type IntakeResponse,
  suggestedServiceTier,
  type UpdateIntakeRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { EnrollmentService } from '../enrollments/service.js';
import * as householdRepo from '../households/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

type Scope = { orgId: string; userId: string };

function toIntake(row: repo.IntakeRow, enrollmentIds: string[]): IntakeResponse {
  return {
    id: row.id,
    status: row.status,
    step: row.step as IntakeResponse['step'],
    data: row.data,
    suggestedTier: suggestedServiceTier(row.data.needs ?? []),
    version: row.version,
    createdBy: row.createdBy,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    enrollmentIds,
  };
}

/**
 * The guided intake: people, needs (the service tier and why), program and eligibility, review.
 * Progress is saved at every step; completing it enrolls everyone in one transaction, so an
 * intake is never half-enrolled.
 */
export class IntakeService {
  private readonly enrollments: EnrollmentService;

  constructor(private readonly deps: AppDeps) {
    this.enrollments = new EnrollmentService(deps);
  }

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private scope(ctx: MemberContext): Scope {
    return { orgId: ctx.subject.orgId, userId: ctx.subject.userId };
  }

  /**
   * An intake is there for those who may see every person in it: an intake for a protected client
   * stays as hidden as the client, even from whoever started it (they may have been unassigned, or
   * the person marked protected since), because its answers are that person's matter (8 USC 1367).
   */
  private async visibleIntake(tx: Db, ctx: MemberContext, id: string): Promise<repo.IntakeRow> {
    const row = await repo.findIntake(tx, ctx.subject.orgId, id);
    if (!row || !(await this.visibility(tx, ctx, [row])).visible.has(row.id)) {
      throw notFound('Intake not found');
    }
    return row;
  }

  /** Which of these intakes the caller may see, and the names of the people in them they may see. */
  private async visibility(tx: Db, ctx: MemberContext, rows: readonly repo.IntakeRow[]) {
    const names = await repo.visibleNames(tx, this.scope(ctx), rows.flatMap((r) => r.data.clientIds ?? []));
    const visible = new Set(rows.filter((r) => (r.data.clientIds ?? []).every((id) => names.has(id))).map((r) => r.id));
    return { visible, names };
  }

  /** The people, household and program an intake names must exist and be visible to the caller. */
  private async checkReferences(tx: Db, ctx: MemberContext, data: IntakeData): Promise<void> {
    const ids = data.clientIds ?? [];
    if (new Set(ids).size !== ids.length) {
      throw badRequest('A person is listed twice', { 'data.clientIds': 'A person is listed twice' });
    }
    const names = await repo.visibleNames(tx, this.scope(ctx), ids);
    const missing = ids.findIndex((id) => !names.has(id));
    if (missing >= 0) {
      throw badRequest('Client not found', { [`data.clientIds.${missing}`]: 'Client not found' });
    }
    if (data.householdId && !(await householdRepo.findHousehold(tx, this.scope(ctx), data.householdId))) {
      throw badRequest('Household not found', { 'data.householdId': 'Household not found' });
    }
    if (data.programId) {
      await this.enrollments.activeProgram(tx, ctx.subject.orgId, data.programId, 'data.programId');
    }
  }

  async list(ctx: MemberContext, query: z.infer<typeof IntakeQuery>) {
    requireAction(ctx, 'intake.manage');
    const after = query.cursor ? intakeCursor(query.cursor) : undefined;
    return this.tenant(ctx, async (tx) => {
      const rows = await repo.listIntakes(tx, ctx.subject.orgId, {
        status: query.status,
        createdBy: query.mine === 'true' ? ctx.subject.userId : undefined,
        after,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const { visible, names } = await this.visibility(tx, ctx, page);
      return {
        items: page
          .filter((r) => visible.has(r.id))
          .map((r) => ({
            id: r.id,
            status: r.status,
            step: r.step as IntakeResponse['step'],
            people: (r.data.clientIds ?? []).flatMap((id) => (names.has(id) ? [names.get(id)!] : [])),
            createdBy: r.createdBy,
            updatedAt: r.updatedAt.toISOString(),
          })),
        nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.updatedAt.toISOString(), page.at(-1)!.id]) : null,
      };
    });
  }

  async get(ctx: MemberContext, id: string): Promise<IntakeResponse> {
    requireAction(ctx, 'intake.manage');
    return this.tenant(ctx, async (tx) => {
      const row = await this.visibleIntake(tx, ctx, id);
      return toIntake(row, (await repo.enrollmentIdsOf(tx, ctx.subject.orgId, [row.id])).get(row.id) ?? []);
    });
  }

  async create(ctx: MemberContext, input: z.infer<typeof CreateIntakeRequest>): Promise<IntakeResponse> {
    requireAction(ctx, 'intake.manage');
    const data = input.data ?? {};
    return this.tenant(ctx, async (tx) => {
      await this.checkReferences(tx, ctx, data);
      const row = await repo.insertIntake(tx, { orgId: ctx.subject.orgId, data, createdBy: ctx.subject.userId });
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'intake.created',
        objectType: 'intake',
        objectId: row.id,
        after: { clientIds: data.clientIds ?? [] },
      });
      return toIntake(row, []);
    });
  }

  async update(ctx: MemberContext, id: string, input: z.infer<typeof UpdateIntakeRequest>): Promise<IntakeResponse> {
    requireAction(ctx, 'intake.manage');
    if (input.step === undefined && input.data === undefined && !input.abandon) {
      throw badRequest('Nothing to change');
    }
    return this.tenant(ctx, async (tx) => {
      const current = await this.visibleIntake(tx, ctx, id);
      if (current.status !== 'in_progress') {
        throw conflict(`This intake is ${current.status.replace('_', ' ')}; it can no longer change`);
      }
      const data: IntakeData = { ...current.data, ...(input.data ?? {}) };
      await this.checkReferences(tx, ctx, data);
      const row = await repo.updateIntake(tx, ctx.subject.orgId, id, input.version, {
        data,
        ...(input.step ? { step: input.step } : {}),
        ...(input.abandon ? { status: 'abandoned' as const } : {}),
      });
      if (!row) {
        throw conflict('Someone else changed this intake since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'intake.updated',
        objectType: 'intake',
        objectId: id,
        before: { step: current.step, status: current.status },
        after: { step: row.step, status: row.status, changed: Object.keys(input.data ?? {}) },
      });
      return toIntake(row, []);
    });
  }

  /** Enrolls every person of the intake in its program, or no one. */
  async complete(ctx: MemberContext, id: string, input: z.infer<typeof CompleteIntakeRequest>): Promise<IntakeResponse> {
    requireAction(ctx, 'intake.manage');
    requireAction(ctx, 'enrollment.manage');
    return this.tenant(ctx, async (tx) => {
      const current = await this.visibleIntake(tx, ctx, id);
      if (current.status !== 'in_progress') {
        throw conflict(`This intake is ${current.status.replace('_', ' ')}; it can no longer change`);
      }
      if (current.version !== input.version) {
        throw conflict('Someone else changed this intake since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      const { data } = current;
      const missing: Record<string, string> = {};
      if (!data.clientIds?.length) {
        missing['data.clientIds'] = 'Add at least one person';
      }
      if (!data.serviceTier) {
        missing['data.serviceTier'] = 'Choose the service tier';
      }
      if (!data.tierReason) {
        missing['data.tierReason'] = 'Write the reason';
      }
      if (!data.programId) {
        missing['data.programId'] = 'Choose a program';
      }
      if (Object.keys(missing).length > 0) {
        throw badRequest('The intake is not finished', missing);
      }
      await this.checkReferences(tx, ctx, data);
      const program = await this.enrollments.activeProgram(tx, ctx.subject.orgId, data.programId!, 'data.programId');
      const enrolledOn = input.enrolledOn ?? (await this.enrollments.today(tx, ctx.subject.orgId));
      // Everyone is checked before anyone is enrolled, so one answer names every person who
      // cannot be enrolled yet.
      const people = [];
      const refusals: Record<string, string> = {};
      for (const [index, clientId] of data.clientIds!.entries()) {
        const client = await this.enrollments.visibleClient(tx, ctx, clientId, `data.clientIds.${index}`);
        const { refusal } = await this.enrollments.admission(tx, ctx, { client, program, enrolledOn, extraFacts: data.extraFacts });
        if (refusal) {
          refusals[`data.clientIds.${index}`] = refusal;
        }
        people.push(client);
      }
      if (Object.keys(refusals).length > 0) {
        throw badRequest(Object.values(refusals).join(' '), refusals);
      }
      const enrollmentIds: string[] = [];
      for (const [index, client] of people.entries()) {
        const enrollment = await this.enrollments.enrollIn(tx, ctx, {
          client,
          program,
          serviceTier: data.serviceTier!,
          tierReason: data.tierReason!,
          enrolledOn,
          intakeId: id,
          extraFacts: data.extraFacts,
          field: `data.clientIds.${index}`,
        });
        enrollmentIds.push(enrollment.id);
      }
      const row = await repo.updateIntake(tx, ctx.subject.orgId, id, input.version, { status: 'completed', step: 'review', completedAt: new Date() });
      if (!row) {
        throw conflict('Someone else changed this intake since you opened it. Reload to see their changes.', { version: 'The record has changed' });
      }
      await recordAudit(tx, {
        orgId: ctx.subject.orgId,
        actor: ctx.actor,
        action: 'intake.completed',
        objectType: 'intake',
        objectId: id,
        after: { programId: program.id, serviceTier: data.serviceTier, tierReason: data.tierReason, enrollmentIds },
      });
      return toIntake(row, enrollmentIds);
    });
  }
}

function intakeCursor(cursor: string): repo.UpdatedCursor {
  const { at, id } = decodeTimeCursor(cursor);
  return { updatedAt: at, id };
}
