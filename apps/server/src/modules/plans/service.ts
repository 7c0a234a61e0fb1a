import { randomUUID } from 'node:crypto';
import {
  type CreatePlanRequest,
  effectiveCaseSettings,
  type Locale,
  PLAN_MESSAGES,
  type PlanDecisionRequest,
  type PlanList,
  type PlanListQuery,
  type PlanPrintContext,
  type PlanResponse,
  type SubmitPlanRequest,
  SUPPORTED_LOCALES,
  todayIn,
  type UpdatePlanRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { newestCaseAssessment } from '../assessments/repository.js';
import { auditCase, caseForRead, caseForWork, type CaseRow, recordCaseEvent, auditSensitiveCaseRead } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

const stale = () => conflict(PLAN_MESSAGES.stale, { version: PLAN_MESSAGES.stale });

function planView(row: repo.PlanRow, returnNote: string | null = null): PlanResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    status: row.status,
    startsOn: row.startsOn,
    reviewOn: row.reviewOn,
    goals: row.goals,
    barriers: row.barriers,
    strengths: row.strengths,
    budget: row.budget,
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    returnNote: row.status === 'draft' ? returnNote : null,
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a plan: its state and the size of its parts, never its text. */
function planAudit(row: repo.PlanRow) {
  return {
    caseId: row.caseId,
    status: row.status,
    version: row.version,
    startsOn: row.startsOn,
    reviewOn: row.reviewOn,
    goals: row.goals.length,
    steps: row.goals.reduce((n, g) => n + g.steps.length, 0),
    barriers: row.barriers.length,
    strengths: row.strengths.length,
    budgetCents: row.budget.reduce((n, b) => n + b.amountCents, 0),
  };
}

/**
 * The self-sufficiency / service plan of a case: drafted from an assessment, edited as one record
 * under optimistic concurrency, submitted, and approved by a supervisor other than the submitter
 * where the program requires it. A newly approved plan supersedes the one before.
 */
export class PlanService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async requirePlan(tx: Db, ctx: MemberContext, kase: CaseRow, planId: string, lock = false): Promise<repo.PlanRow> {
    const plan = await repo.findPlan(tx, ctx.subject.orgId, kase.id, planId, { lock });
    if (!plan) {
      throw notFound('Plan not found');
    }
    return plan;
  }

  async list(ctx: MemberContext, caseId: string, query: PlanListQuery): Promise<PlanList> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, caseId);
      await auditSensitiveCaseRead(tx, ctx, kase, 'plans');
      const after = query.cursor ? (({ at, id }) => ({ createdAt: at, id }))(decodeTimeCursor(query.cursor)) : undefined;
      const rows = await repo.listPlans(tx, ctx.subject.orgId, kase.id, { after, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      const notes = await repo.returnNotes(tx, ctx.subject.orgId, kase.id);
      const last = items.at(-1);
      return {
        items: items.map((row) => planView(row, notes.get(row.id) ?? null)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    });
  }

  async get(ctx: MemberContext, caseId: string, planId: string): Promise<PlanResponse> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, caseId);
      const plan = await this.requirePlan(tx, ctx, kase, planId);
      const notes = await repo.returnNotes(tx, ctx.subject.orgId, kase.id);
      return planView(plan, notes.get(plan.id) ?? null);
    });
  }

  /** A new draft: planning needs an assessment; a replan starts from the newest plan. */
  async create(ctx: MemberContext, caseId: string, input: CreatePlanRequest): Promise<PlanResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const kase = await caseForWork(tx, ctx, caseId);
      if (!(await newestCaseAssessment(tx, orgId, kase.id))) {
        throw badRequest(PLAN_MESSAGES.assessmentRequired, { assessment: PLAN_MESSAGES.assessmentRequired });
      }
      const open = await repo.findOpenPlan(tx, orgId, kase.id);
      if (open) {
        const message = `This case already has a ${open.status} plan; finish it first`;
        throw conflict(message, { status: message });
      }
      const newest = await repo.newestPlan(tx, orgId, kase.id);
      const startsOn = input.startsOn ?? newest?.startsOn ?? todayIn(await organizationTimeZone(tx, orgId));
      const plan = await repo.insertPlan(tx, {
        orgId,
        caseId: kase.id,
        status: 'draft',
        startsOn,
        reviewOn: newest?.reviewOn ?? null,
        goals: newest?.goals ?? [],
        barriers: newest?.barriers ?? [],
        strengths: newest?.strengths ?? [],
        budget: newest?.budget ?? [],
        createdBy: userId,
      });
      await auditCase(tx, ctx, 'plan.created', { type: 'plan', id: plan.id }, { after: { ...planAudit(plan), copiedFrom: newest?.id ?? null } });
      return planView(plan);
    });
  }

  async update(ctx: MemberContext, caseId: string, planId: string, input: UpdatePlanRequest): Promise<PlanResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId } = ctx.subject;
      const kase = await caseForWork(tx, ctx, caseId);
      const plan = await this.requirePlan(tx, ctx, kase, planId, true);
      if (plan.version !== input.version) {
        throw stale();
      }
      if (plan.status !== 'draft') {
        const message = `This plan is ${plan.status}; ${PLAN_MESSAGES.notDraft.toLowerCase()}`;
        throw conflict(message, { status: message });
      }
      // Goals work on what was assessed: each names a domain of the newest assessment's instrument.
      const newest = await newestCaseAssessment(tx, orgId, kase.id);
      const domains = new Set(newest?.instrument.domains.map((d) => d.key) ?? []);
      const fields: Record<string, string> = {};
      input.goals.forEach((goal, g) => {
        if (!domains.has(goal.domain)) {
          fields[`goals.${g}.domain`] = PLAN_MESSAGES.unknownDomain;
        }
      });
      input.barriers.forEach((barrier, b) => {
        if (barrier.domain !== undefined && !domains.has(barrier.domain)) {
          fields[`barriers.${b}.domain`] = PLAN_MESSAGES.unknownDomain;
        }
      });
      input.strengths.forEach((strength, s) => {
        if (strength.domain !== undefined && !domains.has(strength.domain)) {
          fields[`strengths.${s}.domain`] = PLAN_MESSAGES.unknownDomain;
        }
      });
      if (Object.keys(fields).length > 0) {
        throw badRequest(PLAN_MESSAGES.unknownDomain, fields);
      }
      const goals = input.goals.map((goal) => ({
        ...goal,
        id: goal.id ?? randomUUID(),
        steps: goal.steps.map((step) => ({ ...step, id: step.id ?? randomUUID() })),
      }));
      const updated = await repo.updatePlan(tx, orgId, plan.id, input.version, {
        startsOn: input.startsOn,
        reviewOn: input.reviewOn ?? null,
        goals,
        barriers: input.barriers,
        strengths: input.strengths,
        budget: input.budget,
      });
      if (!updated) {
        throw stale();
      }
      await auditCase(tx, ctx, 'plan.updated', { type: 'plan', id: plan.id }, { before: planAudit(plan), after: planAudit(updated) });
      return planView(updated);
    });
  }

  /** Submitted for approval; where the program needs none, in force at once. */
  async submit(ctx: MemberContext, caseId: string, planId: string, input: SubmitPlanRequest): Promise<PlanResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const kase = await caseForWork(tx, ctx, caseId);
      const plan = await this.requirePlan(tx, ctx, kase, planId, true);
      if (plan.version !== input.version) {
        throw stale();
      }
      if (plan.status !== 'draft') {
        const message = `This plan is already ${plan.status}`;
        throw conflict(message, { status: message });
      }
      if (plan.goals.length === 0) {
        throw badRequest(PLAN_MESSAGES.noGoals, { goals: PLAN_MESSAGES.noGoals });
      }
      const settings = effectiveCaseSettings(await repo.programCaseSettings(tx, orgId, kase.programId));
      const now = new Date();
      let updated: repo.PlanRow | undefined;
      if (settings.planApprovalRequired) {
        updated = await repo.updatePlan(tx, orgId, plan.id, input.version, { status: 'submitted', submittedBy: userId, submittedAt: now });
      } else {
        const superseded = await repo.supersedeApproved(tx, orgId, kase.id);
        updated = await repo.updatePlan(tx, orgId, plan.id, input.version, {
          status: 'approved',
          submittedBy: userId,
          submittedAt: now,
          approvedBy: userId,
          approvedAt: now,
        });
        await recordCaseEvent(tx, ctx, kase.id, 'plan_submitted', { planId: plan.id });
        await recordCaseEvent(tx, ctx, kase.id, 'plan_approved', { planId: plan.id, approvalRequired: false, superseded });
      }
      if (!updated) {
        throw stale();
      }
      if (settings.planApprovalRequired) {
        await recordCaseEvent(tx, ctx, kase.id, 'plan_submitted', { planId: plan.id });
      }
      await auditCase(tx, ctx, 'plan.submitted', { type: 'plan', id: plan.id }, {
        before: { status: plan.status, version: plan.version },
        after: { caseId: kase.id, status: updated.status, version: updated.version, approvalRequired: settings.planApprovalRequired },
      });
      return planView(updated);
    });
  }

  /** A supervisor approves (the plan in force gives way) or returns it to draft with a note. */
  async decide(ctx: MemberContext, caseId: string, planId: string, input: PlanDecisionRequest): Promise<PlanResponse> {
    requireAction(ctx, 'case.supervise');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const kase = await caseForWork(tx, ctx, caseId);
      const plan = await this.requirePlan(tx, ctx, kase, planId, true);
      if (plan.version !== input.version) {
        throw stale();
      }
      if (plan.status !== 'submitted') {
        const message = `This plan is ${plan.status}; ${PLAN_MESSAGES.notSubmitted.toLowerCase()}`;
        throw conflict(message, { status: message });
      }
      // Separation of duties: nobody approves or returns a plan they submitted.
      if (plan.submittedBy === userId) {
        throw forbidden(PLAN_MESSAGES.ownDecision);
      }
      let updated: repo.PlanRow | undefined;
      let superseded: string[] = [];
      if (input.decision === 'approve') {
        superseded = await repo.supersedeApproved(tx, orgId, kase.id);
        updated = await repo.updatePlan(tx, orgId, plan.id, input.version, { status: 'approved', approvedBy: userId, approvedAt: new Date() });
        await recordCaseEvent(tx, ctx, kase.id, 'plan_approved', { planId: plan.id, superseded });
      } else {
        updated = await repo.updatePlan(tx, orgId, plan.id, input.version, { status: 'draft', submittedBy: null, submittedAt: null });
        // The note is for the case manager, in the case's own chronology; the audit trail never has it.
        await recordCaseEvent(tx, ctx, kase.id, 'plan_returned', { planId: plan.id, note: input.note });
      }
      if (!updated) {
        throw stale();
      }
      await auditCase(tx, ctx, 'plan.decided', { type: 'plan', id: plan.id }, {
        before: { status: plan.status, version: plan.version },
        after: { caseId: kase.id, decision: input.decision, status: updated.status, version: updated.version, superseded },
      });
      return planView(updated, input.decision === 'return' ? (input.note ?? null) : null);
    });
  }

  async printContext(ctx: MemberContext, caseId: string, planId: string): Promise<PlanPrintContext> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const { orgId } = ctx.subject;
      const kase = await caseForRead(tx, ctx, caseId);
      await this.requirePlan(tx, ctx, kase, planId);
      const names = await repo.printNames(tx, orgId, { clientId: kase.clientId, programId: kase.programId, caseManagerId: kase.primaryCaseManagerId });
      const newest = await newestCaseAssessment(tx, orgId, kase.id);
      const language = (SUPPORTED_LOCALES as readonly string[]).includes(names.preferredLanguage ?? '') ? (names.preferredLanguage as Locale) : null;
      return {
        organizationName: names.organizationName,
        programName: names.programName,
        caseReference: kase.reference,
        clientName: names.clientName,
        caseManagerName: names.caseManagerName,
        clientLanguage: language,
        domains: newest?.instrument.domains.map((d) => ({ key: d.key, label: d.label })) ?? [],
      };
    });
  }
}
