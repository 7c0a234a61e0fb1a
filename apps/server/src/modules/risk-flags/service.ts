import {
  RISK_FLAG_MESSAGES,
  type RaiseRiskFlagRequest,
  type ResolveRiskFlagRequest,
  riskFlagRequirements,
  type RiskFlagList,
  type RiskFlagResponse,
  todayIn,
  type UpdateRiskFlagRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditCase, caseForRead, caseForWork, type CaseRow, isProtectedClient, recordCaseEvent } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { mailLocale, riskFlagMail, riskFlagTaskTitle } from '../tasks/mail-text.js';
import * as taskRepo from '../tasks/repository.js';
import * as repo from './repository.js';

const MESSAGE_FOR = {
  safetyPlan: RISK_FLAG_MESSAGES.safetyPlanRequired,
  mandatoryReport: RISK_FLAG_MESSAGES.mandatoryReportRequired,
} as const;

/**
 * Safety: a risk flag (suicidal ideation, family violence, child abuse or neglect) tells the
 * case's supervisor at once (a task and an email), and stays open until a safety plan is on
 * record and, for child abuse or neglect, the mandatory report (who, when, agency, reference).
 * The description stays in the record: audit events and mail carry the kind and ids only.
 */
export class RiskFlagService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async views(tx: Db, rows: repo.RiskFlagRow[]): Promise<RiskFlagResponse[]> {
    const names = await repo.displayNames(
      tx,
      rows.flatMap((r) => [r.raisedBy, r.resolvedBy, r.safetyPlan?.recordedBy].filter((id): id is string => Boolean(id))),
    );
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    return rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      kind: row.kind,
      raisedOn: row.raisedOn,
      description: row.description,
      status: row.status,
      safetyPlan: row.safetyPlan ? { summary: row.safetyPlan.summary, recordedOn: row.safetyPlan.recordedOn, recordedBy: person(row.safetyPlan.recordedBy) } : null,
      mandatoryReport: row.mandatoryReport ?? null,
      raisedBy: person(row.raisedBy),
      resolvedBy: row.resolvedBy ? person(row.resolvedBy) : null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      resolutionNote: row.resolutionNote,
      required: row.status === 'open' ? riskFlagRequirements(row) : [],
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    }));
  }

  private async view(tx: Db, row: repo.RiskFlagRow): Promise<RiskFlagResponse> {
    return (await this.views(tx, [row]))[0]!;
  }

  async list(ctx: MemberContext, caseId: string): Promise<RiskFlagList> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      await caseForRead(tx, ctx, caseId);
      return { items: await this.views(tx, await repo.listRiskFlags(tx, ctx.subject.orgId, caseId)) };
    });
  }

  async raise(ctx: MemberContext, caseId: string, input: RaiseRiskFlagRequest): Promise<RiskFlagResponse> {
    requireAction(ctx, 'case.manage');
    const flag = await this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      if (input.raisedOn > today) {
        throw badRequest('This date is in the future', { raisedOn: 'This date is in the future' });
      }
      const flag = await repo.insertRiskFlag(tx, {
        orgId: ctx.subject.orgId,
        caseId,
        kind: input.kind,
        raisedOn: input.raisedOn,
        description: input.description,
        raisedBy: ctx.subject.userId,
      });
      await recordCaseEvent(tx, ctx, caseId, 'risk_flag_raised', { flagId: flag.id, kind: flag.kind });
      await auditCase(tx, ctx, 'risk_flag.raised', { type: 'risk_flag', id: flag.id }, { after: { caseId, kind: flag.kind, raisedOn: flag.raisedOn } });
      await this.notifySupervisor(tx, ctx, kase, flag, today);
      return this.view(tx, flag);
    });
    this.deps.mailer.kick();
    return flag;
  }

  /** The supervisor hears at once: a task due today and an email in their language (caseAlertRecipients). */
  private async notifySupervisor(tx: Db, ctx: MemberContext, kase: CaseRow, flag: repo.RiskFlagRow, today: string): Promise<void> {
    const { recipients, shared } = await taskRepo.caseAlertRecipients(tx, ctx.subject.orgId, {
      supervisorId: kase.supervisorId,
      clientId: kase.clientId,
      clientProtected: await isProtectedClient(tx, ctx.subject.orgId, kase.clientId),
    });
    for (const supervisor of recipients) {
      const task = await taskRepo.insertTask(tx, {
        orgId: ctx.subject.orgId,
        caseId: kase.id,
        title: riskFlagTaskTitle(kase.reference),
        dueOn: today,
        assignedTo: supervisor.userId,
        assignedBy: ctx.subject.userId,
        source: 'risk_flag',
        sourceKey: shared ? `risk_flag:${flag.id}:${supervisor.userId}` : `risk_flag:${flag.id}`,
      });
      await auditCase(tx, ctx, 'task.created', { type: 'task', id: task.id }, {
        after: { caseId: kase.id, assignedTo: supervisor.userId, dueOn: today, source: 'risk_flag', sourceKey: task.sourceKey },
      });
      const mail = riskFlagMail(mailLocale(supervisor.locale), kase.reference, flag.kind, this.deps.config.publicUrl, kase.id);
      await this.deps.mailer.enqueue(tx, { orgId: ctx.subject.orgId, to: supervisor.email, subject: mail.subject, text: mail.text });
    }
  }

  private async openFlag(tx: Db, ctx: MemberContext, caseId: string, flagId: string): Promise<repo.RiskFlagRow> {
    const flag = await repo.findRiskFlag(tx, ctx.subject.orgId, caseId, flagId);
    if (!flag) {
      throw notFound('Risk flag not found');
    }
    if (flag.status === 'resolved') {
      throw conflict(RISK_FLAG_MESSAGES.resolved);
    }
    return flag;
  }

  async update(ctx: MemberContext, caseId: string, flagId: string, input: UpdateRiskFlagRequest): Promise<RiskFlagResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      const flag = await this.openFlag(tx, ctx, caseId, flagId);
      const stale = () => conflict('This risk flag was changed by someone else; reload it', { version: 'This risk flag was changed by someone else; reload it' });
      if (flag.version !== input.version) {
        throw stale();
      }
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      const changes: Partial<repo.RiskFlagRow> = {};
      if (input.safetyPlan) {
        if (input.safetyPlan.recordedOn > today) {
          throw badRequest('This date is in the future', { 'safetyPlan.recordedOn': 'This date is in the future' });
        }
        changes.safetyPlan = { ...input.safetyPlan, recordedBy: ctx.subject.userId };
      }
      if (input.mandatoryReport) {
        if (input.mandatoryReport.reportedOn > today) {
          throw badRequest('This date is in the future', { 'mandatoryReport.reportedOn': 'This date is in the future' });
        }
        changes.mandatoryReport = input.mandatoryReport;
      }
      if (Object.keys(changes).length === 0) {
        throw badRequest('Record the safety plan or the mandatory report', { safetyPlan: 'Record the safety plan or the mandatory report' });
      }
      const updated = await repo.updateRiskFlag(tx, flag, input.version, changes);
      if (!updated) {
        throw stale();
      }
      const facts = (row: repo.RiskFlagRow) => ({
        safetyPlanRecordedOn: row.safetyPlan?.recordedOn ?? null,
        mandatoryReportedOn: row.mandatoryReport?.reportedOn ?? null,
      });
      await auditCase(tx, ctx, 'risk_flag.updated', { type: 'risk_flag', id: flag.id }, { before: facts(flag), after: { caseId, ...facts(updated) } });
      return this.view(tx, updated);
    });
  }

  async resolve(ctx: MemberContext, caseId: string, flagId: string, input: ResolveRiskFlagRequest): Promise<RiskFlagResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      const flag = await this.openFlag(tx, ctx, caseId, flagId);
      const missing = riskFlagRequirements(flag);
      if (missing.length > 0) {
        throw badRequest(MESSAGE_FOR[missing[0]!], Object.fromEntries(missing.map((m) => [m, MESSAGE_FOR[m]])));
      }
      const resolved = await repo.updateRiskFlag(tx, flag, flag.version, {
        status: 'resolved',
        resolvedBy: ctx.subject.userId,
        resolvedAt: new Date(),
        resolutionNote: input.note,
      });
      if (!resolved) {
        throw conflict('This risk flag was changed by someone else; reload it');
      }
      await recordCaseEvent(tx, ctx, caseId, 'risk_flag_resolved', { flagId: flag.id, kind: flag.kind });
      await auditCase(tx, ctx, 'risk_flag.resolved', { type: 'risk_flag', id: flag.id }, { before: { status: 'open' }, after: { caseId, status: 'resolved' } });
      return this.view(tx, resolved);
    });
  }
}
