import {
  CASE_SERVICE_MESSAGES,
  type CaseBudgetLine,
  type CaseBudgetSummary,
  type CaseServicePage,
  type CaseServiceQuery,
  type CaseServiceResponse,
  type CreateCaseServiceRequest,
  type CreateDisbursementRequest,
  type DisbursementDecisionRequest,
  type DisbursementPage,
  type DisbursementQuery,
  type DisbursementResponse,
  effectiveCaseSettings,
  isIsoDate,
  type ServiceType,
  type SetCaseBudgetRequest,
  todayIn,
  type UnitKind,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditCase, caseForRead, caseForWork, recordCaseEvent } from '../cases/access.js';
import { staffNames } from '../case-notes/repository.js';
import { staffRef } from '../case-notes/service.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** A (date, id) keyset cursor; anything else is a 400 naming `cursor`. */
function decodeDateCursor(cursor: string | undefined): { on: string; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [on, id] = decodeCursor(cursor, 2) as [string, string];
  if (!isIsoDate(on)) {
    throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
  }
  return { on, id };
}

function pageOf<R extends { id: string }, V>(rows: R[], limit: number, dateOf: (row: R) => string, items: V[]): { items: V[]; nextCursor: string | null } {
  const last = rows[Math.min(rows.length, limit) - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([dateOf(last), last.id]) : null };
}

/**
 * Services given to a client and the money spent for them: per-case budgets by funding source,
 * disbursements against them (a program's threshold and the remaining budget decide whether a
 * supervisor must approve), and budget vs. actual. Payees and notes stay out of the audit trail.
 */
export class CaseServicesService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async today(tx: Db, ctx: MemberContext): Promise<string> {
    return todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
  }

  /* Services */

  async listServices(ctx: MemberContext, caseId: string, query: CaseServiceQuery): Promise<CaseServicePage> {
    requireAction(ctx, 'case.read');
    const after = decodeDateCursor(query.cursor);
    return this.tenant(ctx, async (tx) => {
      await caseForRead(tx, ctx, caseId);
      const rows = await repo.listServices(tx, ctx.subject.orgId, caseId, { limit: query.limit + 1, after });
      const shown = rows.slice(0, query.limit);
      const names = await staffNames(
        tx,
        shown.map((row) => row.createdBy),
      );
      return pageOf(
        rows,
        query.limit,
        (row) => row.providedOn,
        shown.map((row) => this.serviceView(row, names)),
      );
    });
  }

  private serviceView(row: repo.CaseServiceRow, names: Map<string, string>): CaseServiceResponse {
    return {
      id: row.id,
      caseId: row.caseId,
      serviceType: row.serviceType as ServiceType,
      providedOn: row.providedOn,
      units: row.units,
      unitKind: row.unitKind as UnitKind,
      fundingSource: row.fundingSource,
      provider: row.provider,
      note: row.note,
      recordedBy: staffRef(names, row.createdBy),
      createdAt: row.createdAt.toISOString(),
    };
  }

  async recordService(ctx: MemberContext, caseId: string, input: CreateCaseServiceRequest): Promise<CaseServiceResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      if (input.providedOn > (await this.today(tx, ctx))) {
        throw badRequest(CASE_SERVICE_MESSAGES.futureService, { providedOn: CASE_SERVICE_MESSAGES.futureService });
      }
      const row = await repo.insertService(tx, {
        orgId: ctx.subject.orgId,
        caseId,
        clientId: kase.clientId,
        serviceType: input.serviceType,
        providedOn: input.providedOn,
        units: input.units,
        unitKind: input.unitKind,
        fundingSource: input.fundingSource ?? null,
        provider: input.provider ?? null,
        note: input.note ?? null,
        createdBy: ctx.subject.userId,
      });
      const shape = { serviceId: row.id, serviceType: row.serviceType, providedOn: row.providedOn, units: row.units, unitKind: row.unitKind };
      await recordCaseEvent(tx, ctx, caseId, 'service_recorded', shape);
      await auditCase(tx, ctx, 'service.recorded', { type: 'case_service', id: row.id }, { after: { caseId, ...shape, fundingSource: row.fundingSource } });
      return this.serviceView(row, await staffNames(tx, [row.createdBy]));
    });
  }

  /* Budgets */

  async budgets(ctx: MemberContext, caseId: string): Promise<CaseBudgetSummary> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, caseId);
      return this.summary(tx, ctx, caseId, kase.programId);
    });
  }

  private async summary(tx: Db, ctx: MemberContext, caseId: string, programId: string): Promise<CaseBudgetSummary> {
    const budgets = await repo.listBudgets(tx, ctx.subject.orgId, caseId);
    const spent = await repo.spentByBudget(tx, ctx.subject.orgId, caseId);
    const items: CaseBudgetLine[] = budgets.map((budget) => {
      const { approved, pending } = spent.get(budget.id) ?? { approved: 0, pending: 0 };
      return {
        id: budget.id,
        fundingSource: budget.fundingSource,
        amountCents: budget.amountCents,
        approvedCents: approved,
        pendingCents: pending,
        remainingCents: budget.amountCents - approved - pending,
        version: budget.version,
        updatedAt: budget.updatedAt.toISOString(),
      };
    });
    const sum = (pick: (line: CaseBudgetLine) => number) => items.reduce((total, line) => total + pick(line), 0);
    const settings = effectiveCaseSettings(await repo.programCaseSettings(tx, ctx.subject.orgId, programId));
    return {
      items,
      totals: {
        amountCents: sum((l) => l.amountCents),
        approvedCents: sum((l) => l.approvedCents),
        pendingCents: sum((l) => l.pendingCents),
        remainingCents: sum((l) => l.remainingCents),
      },
      approvalThresholdCents: settings.disbursementApprovalThresholdCents,
    };
  }

  /**
   * Budget lines are a supervisor's call (case.supervise): they are what a case manager's payments
   * are approved against without further review, so a case manager never sets their own limit.
   * Changing an existing line needs the version read.
   */
  async setBudget(ctx: MemberContext, caseId: string, input: SetCaseBudgetRequest): Promise<CaseBudgetSummary> {
    requireAction(ctx, 'case.supervise');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      const existing = await repo.findBudgetBySource(tx, ctx.subject.orgId, caseId, input.fundingSource);
      if (!existing) {
        const created = await repo.insertBudget(tx, {
          orgId: ctx.subject.orgId,
          caseId,
          fundingSource: input.fundingSource,
          amountCents: input.amountCents,
          createdBy: ctx.subject.userId,
        });
        await auditCase(tx, ctx, 'budget.set', { type: 'case_budget', id: created.id }, { after: { caseId, fundingSource: created.fundingSource, amountCents: created.amountCents } });
      } else {
        if (input.version === undefined) {
          throw badRequest(CASE_SERVICE_MESSAGES.budgetVersion, { version: CASE_SERVICE_MESSAGES.budgetVersion });
        }
        const updated = await repo.updateBudgetAmount(tx, ctx.subject.orgId, existing.id, input.version, input.amountCents);
        if (!updated) {
          throw conflict('Someone else changed this budget since you opened it. Reload to see their changes.', { version: 'The record has changed' });
        }
        await auditCase(
          tx,
          ctx,
          'budget.set',
          { type: 'case_budget', id: existing.id },
          { before: { amountCents: existing.amountCents }, after: { caseId, fundingSource: existing.fundingSource, amountCents: updated.amountCents } },
        );
      }
      return this.summary(tx, ctx, caseId, kase.programId);
    });
  }

  /* Disbursements */

  private async disbursementViews(tx: Db, ctx: MemberContext, caseId: string, rows: repo.DisbursementRow[]): Promise<DisbursementResponse[]> {
    const sources = await repo.budgetSources(tx, ctx.subject.orgId, caseId);
    const receipts = await repo.caseDocumentNames(
      tx,
      ctx.subject.orgId,
      caseId,
      rows.flatMap((row) => (row.receiptDocumentId ? [row.receiptDocumentId] : [])),
    );
    const names = await staffNames(
      tx,
      rows.flatMap((row) => [row.requestedBy, row.decidedBy]),
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      budgetId: row.budgetId,
      fundingSource: sources.get(row.budgetId) ?? '',
      kind: row.kind,
      amountCents: row.amountCents,
      payee: row.payee,
      paidOn: row.paidOn,
      purpose: row.purpose,
      receipt: row.receiptDocumentId ? { id: row.receiptDocumentId, filename: receipts.get(row.receiptDocumentId) ?? '' } : null,
      status: row.status,
      requestedBy: staffRef(names, row.requestedBy),
      decidedBy: row.decidedBy ? staffRef(names, row.decidedBy) : null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionNote: row.decisionNote,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async listDisbursements(ctx: MemberContext, caseId: string, query: DisbursementQuery): Promise<DisbursementPage> {
    requireAction(ctx, 'case.read');
    const after = decodeDateCursor(query.cursor);
    return this.tenant(ctx, async (tx) => {
      await caseForRead(tx, ctx, caseId);
      const rows = await repo.listDisbursements(tx, ctx.subject.orgId, caseId, { limit: query.limit + 1, after, status: query.status });
      const shown = rows.slice(0, query.limit);
      return pageOf(rows, query.limit, (row) => row.paidOn, await this.disbursementViews(tx, ctx, caseId, shown));
    });
  }

  /**
   * Within the remaining budget and at most the program's threshold: approved at once. Above the
   * threshold: waits for a supervisor. Over the remaining budget: refused, unless the case
   * manager asks for approval — then it waits too. Pending requests count against the remainder,
   * so two requests cannot both spend the same dollars.
   */
  async recordDisbursement(ctx: MemberContext, caseId: string, input: CreateDisbursementRequest): Promise<DisbursementResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      const budget = await repo.findBudget(tx, ctx.subject.orgId, caseId, input.budgetId);
      if (!budget) {
        throw badRequest(CASE_SERVICE_MESSAGES.budgetNotFound, { budgetId: CASE_SERVICE_MESSAGES.budgetNotFound });
      }
      if (input.paidOn > (await this.today(tx, ctx))) {
        throw badRequest(CASE_SERVICE_MESSAGES.futurePayment, { paidOn: CASE_SERVICE_MESSAGES.futurePayment });
      }
      if (input.receiptDocumentId && !(await repo.caseDocument(tx, ctx.subject.orgId, caseId, input.receiptDocumentId))) {
        throw badRequest(CASE_SERVICE_MESSAGES.receiptNotFound, { receiptDocumentId: CASE_SERVICE_MESSAGES.receiptNotFound });
      }
      const spent = (await repo.spentByBudget(tx, ctx.subject.orgId, caseId)).get(budget.id) ?? { approved: 0, pending: 0 };
      const remaining = budget.amountCents - spent.approved - spent.pending;
      const overBudget = input.amountCents > remaining;
      if (overBudget && input.requestApproval !== true) {
        throw badRequest(CASE_SERVICE_MESSAGES.overBudget, { amountCents: CASE_SERVICE_MESSAGES.overBudget });
      }
      const threshold = effectiveCaseSettings(await repo.programCaseSettings(tx, ctx.subject.orgId, kase.programId)).disbursementApprovalThresholdCents;
      const status = overBudget || input.amountCents > threshold ? 'pending_approval' : 'approved';
      const row = await repo.insertDisbursement(tx, {
        orgId: ctx.subject.orgId,
        caseId,
        budgetId: budget.id,
        kind: input.kind,
        amountCents: input.amountCents,
        payee: input.payee,
        paidOn: input.paidOn,
        purpose: input.purpose ?? null,
        receiptDocumentId: input.receiptDocumentId ?? null,
        status,
        requestedBy: ctx.subject.userId,
      });
      const shape = { disbursementId: row.id, budgetId: budget.id, kind: row.kind, amountCents: row.amountCents, status, overBudget };
      await recordCaseEvent(tx, ctx, caseId, 'disbursement_recorded', shape);
      await auditCase(
        tx,
        ctx,
        'disbursement.recorded',
        { type: 'disbursement', id: row.id },
        { after: { caseId, ...shape, paidOn: row.paidOn, receiptDocumentId: row.receiptDocumentId, thresholdCents: threshold } },
      );
      return (await this.disbursementViews(tx, ctx, caseId, [row]))[0]!;
    });
  }

  async decide(ctx: MemberContext, caseId: string, disbursementId: string, input: DisbursementDecisionRequest): Promise<DisbursementResponse> {
    requireAction(ctx, 'case.supervise');
    return this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      const current = await repo.findDisbursement(tx, ctx.subject.orgId, caseId, disbursementId);
      if (!current) {
        throw notFound('Payment not found');
      }
      // Separation of duties: nobody approves money they asked for.
      if (current.requestedBy === ctx.subject.userId) {
        throw forbidden(CASE_SERVICE_MESSAGES.ownRequest);
      }
      const status = input.decision === 'approve' ? 'approved' : 'denied';
      const row = await repo.decideDisbursement(tx, ctx.subject.orgId, disbursementId, { status, decidedBy: ctx.subject.userId, decisionNote: input.note ?? null });
      if (!row) {
        throw conflict(CASE_SERVICE_MESSAGES.alreadyDecided, { decision: CASE_SERVICE_MESSAGES.alreadyDecided });
      }
      await recordCaseEvent(tx, ctx, caseId, 'disbursement_decided', { disbursementId, status, amountCents: row.amountCents });
      await auditCase(
        tx,
        ctx,
        'disbursement.decided',
        { type: 'disbursement', id: disbursementId },
        { before: { status: current.status }, after: { caseId, status, amountCents: row.amountCents, withNote: row.decisionNote !== null } },
      );
      return (await this.disbursementViews(tx, ctx, caseId, [row]))[0]!;
    });
  }
}
