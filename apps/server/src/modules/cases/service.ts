import {
  addDays,
  CASE_MESSAGES,
  CASE_STAGES,
  type CaseClosure,
  type CaseListItem,
  type CaseListQuery,
  type CasePage,
  type CaseResponse,
  type CaseStaffResponse,
  type CaseTimelineEntry,
  type CaseTimelinePage,
  type CreateCaseRequest,
  type DecideCaseClosureRequest,
  dayOfWeek,
  daysBetween,
  effectiveCaseSettings,
  type MoveCaseStageRequest,
  type ReopenCaseRequest,
  type RequestCaseClosureRequest,
  roleCan,
  ROLES,
  STAGE_MOVE_MESSAGES,
  stageMoveProblem,
  todayIn,
  type TransferCaseRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { CaseClosureJson } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, decodeTimeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { findEnrollment, organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { auditCase, auditSensitiveCaseRead, caseForWork, type CaseRow, findReadableCase, isProtectedClient, recordCaseEvent } from './access.js';
import * as repo from './repository.js';

const stale = () => conflict(CASE_MESSAGES.stale, { version: CASE_MESSAGES.stale });

/**
 * Cases: opening one from an enrollment, the caseload, stage moves under the guard, transfer with
 * a hand-off note, closure (with a supervisor's approval where the program requires it) and
 * reopening. Every change writes a case event (the case's own chronology) and an audit event in
 * the same transaction; audit payloads hold ids and codes only.
 */
export class CaseService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async today(tx: Db, orgId: string): Promise<string> {
    return todayIn(await organizationTimeZone(tx, orgId));
  }

  /** An active member whose role holds `action`, else 400 naming `field`. */
  private async memberWho(tx: Db, orgId: string, userId: string, action: 'case.manage' | 'case.supervise', field: string, message: string) {
    const member = await repo.findMember(tx, orgId, userId);
    if (!member || member.status !== 'active' || !roleCan(member.role as Parameters<typeof roleCan>[0], action)) {
      throw badRequest(message, { [field]: message });
    }
    return member;
  }

  async open(ctx: MemberContext, input: CreateCaseRequest): Promise<CaseResponse> {
    requireAction(ctx, 'case.manage');
    const { orgId, userId } = ctx.subject;
    const id = await this.tenant(ctx, async (tx) => {
      const enrollment = await findEnrollment(tx, { orgId, userId }, input.enrollmentId);
      if (!enrollment || enrollment.status !== 'active') {
        throw badRequest(CASE_MESSAGES.enrollmentNotFound, { enrollmentId: CASE_MESSAGES.enrollmentNotFound });
      }
      if (await repo.caseOfEnrollment(tx, orgId, enrollment.id)) {
        throw conflict(CASE_MESSAGES.enrollmentHasCase, { enrollmentId: CASE_MESSAGES.enrollmentHasCase });
      }
      const caseManagerId = input.primaryCaseManagerId ?? userId;
      await this.memberWho(tx, orgId, caseManagerId, 'case.manage', 'primaryCaseManagerId', CASE_MESSAGES.caseManager);
      if (input.supervisorId) {
        await this.memberWho(tx, orgId, input.supervisorId, 'case.supervise', 'supervisorId', CASE_MESSAGES.supervisor);
      }
      if (input.householdId && !(await repo.isHouseholdMember(tx, orgId, input.householdId, enrollment.clientId))) {
        throw badRequest(CASE_MESSAGES.householdNotClients, { householdId: CASE_MESSAGES.householdNotClients });
      }
      const today = await this.today(tx, orgId);
      const openedOn = input.openedOn ?? today;
      if (openedOn > today) {
        throw badRequest(CASE_MESSAGES.openedInFuture, { openedOn: CASE_MESSAGES.openedInFuture });
      }
      const reference = await repo.nextReference(tx, orgId, openedOn.slice(0, 4));
      const kase = await repo.insertCase(tx, {
        orgId,
        reference,
        clientId: enrollment.clientId,
        householdId: input.householdId ?? null,
        enrollmentId: enrollment.id,
        programId: enrollment.programId,
        primaryCaseManagerId: caseManagerId,
        supervisorId: input.supervisorId ?? null,
        stage: 'engagement',
        status: 'open',
        openedOn,
      });
      await recordCaseEvent(tx, ctx, kase.id, 'opened', { stage: 'engagement', primaryCaseManagerId: caseManagerId });
      await auditCase(tx, ctx, 'case.opened', { type: 'case', id: kase.id }, {
        after: { reference, enrollmentId: enrollment.id, programId: enrollment.programId, primaryCaseManagerId: caseManagerId, supervisorId: kase.supervisorId, openedOn },
      });
      return kase.id;
    });
    return this.get(ctx, id, { audited: false });
  }

  /** Who can take a case and who can supervise one: the pickers of the transfer and opening forms. */
  async staff(ctx: MemberContext): Promise<CaseStaffResponse> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const rolesWith = (action: 'case.manage' | 'case.supervise') => ROLES.filter((role) => roleCan(role, action));
      const managers = await repo.activeMembersWithRoles(tx, ctx.subject.orgId, rolesWith('case.manage'));
      const supervisors = await repo.activeMembersWithRoles(tx, ctx.subject.orgId, rolesWith('case.supervise'));
      return {
        caseManagers: managers.map(({ id, name }) => ({ id, name })),
        supervisors: supervisors.map(({ id, name }) => ({ id, name })),
      };
    });
  }

  async list(ctx: MemberContext, query: CaseListQuery): Promise<CasePage> {
    requireAction(ctx, 'case.read');
    const { userId, role } = ctx.subject;
    const readsAll = roleCan(role, 'case.read_all');
    if ((query.caseManagerId && query.caseManagerId !== userId && !readsAll) || (query.scope === 'all' && !readsAll)) {
      throw forbidden(CASE_MESSAGES.caseManagerFilter);
    }
    const scope = query.scope ?? (query.caseManagerId || query.clientId ? 'all' : 'mine');
    const status = query.status ?? 'open';
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    return this.tenant(ctx, async (tx) => {
      const today = await this.today(tx, ctx.subject.orgId);
      const rows = await repo.listCaseload(tx, ctx, {
        caseManagerId: query.caseManagerId ?? (scope === 'mine' ? userId : undefined),
        supervisorId: scope === 'supervised' ? userId : undefined,
        programId: query.programId,
        clientId: query.clientId,
        statuses: status === 'all' ? undefined : status === 'open' ? ['open', 'closure_pending'] : [status],
        stage: query.stage,
        after: after ? { contactOn: after[0]!, id: after[1]! } : undefined,
        limit: query.limit,
        monthStart: `${today.slice(0, 8)}01`,
        // Weeks start on Monday (ISO 8601).
        weekStart: addDays(today, -((dayOfWeek(today) + 6) % 7)),
      });
      const items: CaseListItem[] = rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        client: { id: r.clientId, name: r.clientName },
        program: { id: r.programId, name: r.programName },
        stage: r.stage,
        status: r.status,
        primaryCaseManager: { id: r.caseManagerId, name: r.caseManagerName },
        supervisor: r.supervisorId ? { id: r.supervisorId, name: r.supervisorName ?? '' } : null,
        openedOn: r.openedOn,
        closedOn: r.closedOn,
        lastMeaningfulContactOn: r.lastMeaningfulContactOn,
        daysSinceContact: Math.max(0, daysBetween(r.contactOn, r.closedOn ?? today)),
        nextDue: r.nextTitle && r.nextDueOn ? { title: r.nextTitle, dueOn: r.nextDueOn } : null,
        contactDue: r.contactDue,
      }));
      const last = rows.at(-1);
      return { items, nextCursor: rows.length === query.limit && last ? encodeCursor([last.contactOn, last.id]) : null };
    });
  }

  async get(ctx: MemberContext, id: string, options: { audited?: boolean } = {}): Promise<CaseResponse> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const detail = await repo.findCaseDetail(tx, ctx, id);
      if (!detail) {
        throw notFound('Case not found');
      }
      if (detail.clientProtected && options.audited !== false) {
        // Reading a protected client's case file is itself a record (STYLE.md 7; VAWA confidentiality).
        await auditCase(tx, ctx, 'case.read_sensitive', { type: 'case', id });
      }
      return this.toResponse(tx, ctx, detail);
    });
  }

  private async toResponse(tx: Db, ctx: MemberContext, detail: repo.CaseDetailRow): Promise<CaseResponse> {
    const { kase } = detail;
    const settings = effectiveCaseSettings(detail.caseSettings);
    const facts = await repo.fileFacts(tx, kase, settings.planApprovalRequired);
    const today = await this.today(tx, ctx.subject.orgId);
    const closure = kase.closure ? await this.toClosure(tx, kase.closure) : null;
    const { userId, role } = ctx.subject;
    const canSupervise = roleCan(role, 'case.supervise');
    const canManage = roleCan(role, 'case.manage') && kase.status !== 'closed';
    const guardFacts = { status: kase.status, assessmentCount: facts.assessmentCount, hasPlanInForce: facts.planInForce };
    return {
      id: kase.id,
      reference: kase.reference,
      client: { id: kase.clientId, name: detail.clientName, preferredLanguage: detail.clientPreferredLanguage },
      program: { id: kase.programId, name: detail.programName },
      enrollmentId: kase.enrollmentId,
      householdId: kase.householdId,
      stage: kase.stage,
      status: kase.status,
      primaryCaseManager: { id: kase.primaryCaseManagerId, name: detail.caseManagerName },
      supervisor: kase.supervisorId ? { id: kase.supervisorId, name: detail.supervisorName ?? '' } : null,
      openedOn: kase.openedOn,
      closedOn: kase.closedOn,
      closure,
      lastMeaningfulContactOn: kase.lastMeaningfulContactOn,
      daysSinceContact: Math.max(0, daysBetween(kase.lastMeaningfulContactOn ?? kase.openedOn, kase.closedOn ?? today)),
      facts,
      allowedMoves: canManage ? CASE_STAGES.filter((stage) => stageMoveProblem(kase.stage, stage, guardFacts) === null) : [],
      capabilities: {
        canManage,
        canSupervise,
        canTransfer: kase.status === 'open' && (canSupervise || (roleCan(role, 'case.manage') && kase.primaryCaseManagerId === userId)),
        canDecideClosure: canSupervise && kase.status === 'closure_pending' && kase.closure?.requestedBy !== userId,
      },
      version: kase.version,
      createdAt: kase.createdAt.toISOString(),
    };
  }

  private async toClosure(tx: Db, closure: CaseClosureJson): Promise<CaseClosure> {
    const names = await repo.userNames(tx, [closure.requestedBy, ...(closure.decidedBy ? [closure.decidedBy] : [])]);
    const person = (id: string | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);
    return {
      reason: closure.reason,
      reasonDetail: closure.reasonDetail ?? null,
      checklist: closure.checklist,
      summary: closure.summary,
      closedOn: closure.closedOn,
      requestedBy: person(closure.requestedBy),
      requestedAt: closure.requestedAt,
      decidedBy: person(closure.decidedBy),
      decidedAt: closure.decidedAt ?? null,
      decisionNote: closure.decisionNote ?? null,
    };
  }

  /** The case after a change, read in the same transaction (no second sensitive-read audit). */
  private async reread(tx: Db, ctx: MemberContext, id: string): Promise<CaseResponse> {
    const detail = await repo.findCaseDetail(tx, ctx, id);
    if (!detail) {
      throw notFound('Case not found');
    }
    return this.toResponse(tx, ctx, detail);
  }

  private checkVersion(kase: CaseRow, version: number): void {
    if (kase.version !== version) {
      throw stale();
    }
  }

  private async save(tx: Db, kase: CaseRow, version: number, values: Partial<CaseRow>): Promise<CaseRow> {
    const updated = await repo.updateCase(tx, kase, version, values);
    if (!updated) {
      throw stale();
    }
    return updated;
  }

  async moveStage(ctx: MemberContext, id: string, input: MoveCaseStageRequest): Promise<CaseResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, id);
      this.checkVersion(kase, input.version);
      const settings = effectiveCaseSettings(await repo.programSettings(tx, kase.orgId, kase.programId));
      const facts = await repo.fileFacts(tx, kase, settings.planApprovalRequired);
      const problem = stageMoveProblem(kase.stage, input.stage, { status: kase.status, assessmentCount: facts.assessmentCount, hasPlanInForce: facts.planInForce });
      if (problem === 'case_closed') {
        throw conflict(STAGE_MOVE_MESSAGES[problem], { stage: STAGE_MOVE_MESSAGES[problem] });
      }
      if (problem) {
        throw badRequest(STAGE_MOVE_MESSAGES[problem], { stage: STAGE_MOVE_MESSAGES[problem] });
      }
      await this.save(tx, kase, input.version, { stage: input.stage });
      await recordCaseEvent(tx, ctx, id, 'stage_changed', { from: kase.stage, to: input.stage });
      await auditCase(tx, ctx, 'case.stage_changed', { type: 'case', id }, { before: { stage: kase.stage }, after: { stage: input.stage } });
      return this.reread(tx, ctx, id);
    });
  }

  async transfer(ctx: MemberContext, id: string, input: TransferCaseRequest): Promise<CaseResponse> {
    const { orgId, userId, role } = ctx.subject;
    const supervises = roleCan(role, 'case.supervise');
    if (!supervises) {
      requireAction(ctx, 'case.manage');
    }
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, id);
      if (!supervises && kase.primaryCaseManagerId !== userId) {
        throw forbidden(CASE_MESSAGES.transferNotAllowed);
      }
      this.checkVersion(kase, input.version);
      if (input.toCaseManagerId === kase.primaryCaseManagerId) {
        throw badRequest(CASE_MESSAGES.transferSame, { toCaseManagerId: CASE_MESSAGES.transferSame });
      }
      const target = await this.memberWho(tx, orgId, input.toCaseManagerId, 'case.manage', 'toCaseManagerId', CASE_MESSAGES.transferTarget);
      // Read before the change: a case manager who hands a case on may no longer see it afterwards.
      const detail = await repo.findCaseDetail(tx, ctx, id);
      if ((await isProtectedClient(tx, orgId, kase.clientId)) && !(await repo.isAssignedToClient(tx, orgId, kase.clientId, input.toCaseManagerId))) {
        // A protected client exists only for assigned staff: the new case manager must be assigned
        // or could not see the case handed to them. Giving someone that access is a supervisor's
        // decision (client.assign), recorded as such. The previous case manager stays assigned —
        // removing access is a separate, deliberate decision on the client record, not a side
        // effect of a transfer (they may still hold documents or a safety plan to hand over).
        if (!roleCan(role, 'client.assign')) {
          throw forbidden(CASE_MESSAGES.transferProtected);
        }
        await repo.assignToClient(tx, orgId, kase.clientId, input.toCaseManagerId);
        await auditCase(tx, ctx, 'client.assigned', { type: 'client', id: kase.clientId }, { after: { userId: input.toCaseManagerId, reason: 'case_transferred' } });
      }
      const updated = await this.save(tx, kase, input.version, { primaryCaseManagerId: input.toCaseManagerId });
      await recordCaseEvent(tx, ctx, id, 'transferred', { from: kase.primaryCaseManagerId, to: input.toCaseManagerId, handOffNote: input.handOffNote });
      await auditCase(tx, ctx, 'case.transferred', { type: 'case', id }, {
        before: { primaryCaseManagerId: kase.primaryCaseManagerId },
        after: { primaryCaseManagerId: input.toCaseManagerId },
      });
      return this.toResponse(tx, ctx, { ...detail!, kase: updated, caseManagerName: target.name });
    });
  }

  async requestClosure(ctx: MemberContext, id: string, input: RequestCaseClosureRequest): Promise<CaseResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, id);
      this.checkVersion(kase, input.version);
      if (kase.status !== 'open') {
        throw conflict(CASE_MESSAGES.alreadyPending, { reason: CASE_MESSAGES.alreadyPending });
      }
      const today = await this.today(tx, ctx.subject.orgId);
      if (input.closedOn > today) {
        throw badRequest(CASE_MESSAGES.closedInFuture, { closedOn: CASE_MESSAGES.closedInFuture });
      }
      if (input.closedOn < kase.openedOn) {
        throw badRequest(CASE_MESSAGES.closedBeforeOpened, { closedOn: CASE_MESSAGES.closedBeforeOpened });
      }
      const settings = effectiveCaseSettings(await repo.programSettings(tx, kase.orgId, kase.programId));
      const now = new Date().toISOString();
      const closure: CaseClosureJson = {
        reason: input.reason,
        ...(input.reasonDetail ? { reasonDetail: input.reasonDetail } : {}),
        checklist: input.checklist,
        summary: input.summary,
        closedOn: input.closedOn,
        requestedBy: ctx.subject.userId,
        requestedAt: now,
      };
      if (settings.closureApprovalRequired) {
        await this.save(tx, kase, input.version, { status: 'closure_pending', stage: 'closure', closure });
        await recordCaseEvent(tx, ctx, id, 'closure_requested', { reason: input.reason, closedOn: input.closedOn, fromStage: kase.stage });
        await auditCase(tx, ctx, 'case.closure_requested', { type: 'case', id }, {
          before: { status: kase.status, stage: kase.stage },
          after: { status: 'closure_pending', reason: input.reason, closedOn: input.closedOn },
        });
      } else {
        await this.save(tx, kase, input.version, { status: 'closed', stage: 'closure', closedOn: input.closedOn, closure: { ...closure, decidedBy: ctx.subject.userId, decidedAt: now } });
        await repo.exitEnrollment(tx, kase.orgId, kase.enrollmentId, input.closedOn, `case_closed:${input.reason}`);
        await recordCaseEvent(tx, ctx, id, 'closed', { reason: input.reason, closedOn: input.closedOn, approvalRequired: false, fromStage: kase.stage });
        await auditCase(tx, ctx, 'case.closure_decided', { type: 'case', id }, {
          before: { status: kase.status, stage: kase.stage },
          after: { status: 'closed', reason: input.reason, closedOn: input.closedOn, approvalRequired: false },
        });
      }
      return this.reread(tx, ctx, id);
    });
  }

  async decideClosure(ctx: MemberContext, id: string, input: DecideCaseClosureRequest): Promise<CaseResponse> {
    requireAction(ctx, 'case.supervise');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, id);
      if (kase.status !== 'closure_pending' || !kase.closure) {
        throw conflict(CASE_MESSAGES.notPending, { decision: CASE_MESSAGES.notPending });
      }
      if (kase.closure.requestedBy === ctx.subject.userId) {
        // Four eyes: the person who asked to close a case cannot also approve it.
        throw badRequest(CASE_MESSAGES.ownClosure, { decision: CASE_MESSAGES.ownClosure });
      }
      this.checkVersion(kase, input.version);
      const decided = { ...kase.closure, decidedBy: ctx.subject.userId, decidedAt: new Date().toISOString(), ...(input.note ? { decisionNote: input.note } : {}) };
      if (input.decision === 'approve') {
        await this.save(tx, kase, input.version, { status: 'closed', closedOn: kase.closure.closedOn, closure: decided });
        await repo.exitEnrollment(tx, kase.orgId, kase.enrollmentId, kase.closure.closedOn, `case_closed:${kase.closure.reason}`);
        await recordCaseEvent(tx, ctx, id, 'closure_approved', { reason: kase.closure.reason, closedOn: kase.closure.closedOn, ...(input.note ? { note: input.note } : {}) });
      } else {
        await this.save(tx, kase, input.version, { status: 'open', stage: 'monitoring', closure: null });
        await recordCaseEvent(tx, ctx, id, 'closure_returned', { note: input.note, reason: kase.closure.reason });
      }
      await auditCase(tx, ctx, 'case.closure_decided', { type: 'case', id }, {
        before: { status: kase.status },
        after: { status: input.decision === 'approve' ? 'closed' : 'open', decision: input.decision },
      });
      return this.reread(tx, ctx, id);
    });
  }

  async reopen(ctx: MemberContext, id: string, input: ReopenCaseRequest): Promise<CaseResponse> {
    requireAction(ctx, 'case.supervise');
    return this.tenant(ctx, async (tx) => {
      const kase = await findReadableCase(tx, ctx, id, { lock: true });
      if (!kase) {
        throw notFound('Case not found');
      }
      if (kase.status !== 'closed') {
        throw conflict(CASE_MESSAGES.notClosed, { reason: CASE_MESSAGES.notClosed });
      }
      this.checkVersion(kase, input.version);
      // Reassess on return: the client's situation has changed since the closure. The closure
      // itself stays in the case's chronology (the closed and reopened events).
      await this.save(tx, kase, input.version, { status: 'open', stage: 'assessment', closedOn: null, closure: null });
      const enrollmentReactivated = await repo.reactivateEnrollment(tx, kase.orgId, kase.enrollmentId);
      await recordCaseEvent(tx, ctx, id, 'reopened', {
        reason: input.reason,
        previousClosure: kase.closure ? { reason: kase.closure.reason, closedOn: kase.closure.closedOn } : null,
        enrollmentReactivated,
      });
      await auditCase(tx, ctx, 'case.reopened', { type: 'case', id }, {
        before: { status: kase.status, closedOn: kase.closedOn },
        after: { status: 'open', stage: 'assessment', enrollmentReactivated },
      });
      return this.reread(tx, ctx, id);
    });
  }

  async timeline(ctx: MemberContext, id: string, query: { limit: number; cursor?: string }): Promise<CaseTimelinePage> {
    requireAction(ctx, 'case.read');
    const before = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
    return this.tenant(ctx, async (tx) => {
      const kase = await findReadableCase(tx, ctx, id);
      if (!kase) {
        throw notFound('Case not found');
      }
      await auditSensitiveCaseRead(tx, ctx, kase, 'timeline');
      const rows = await repo.listTimeline(tx, ctx, kase, { before, limit: query.limit });
      const noteIds = rows.flatMap((r) => (r.noteId ? [r.noteId] : []));
      const { notes, addenda } = await repo.notesWithAddenda(tx, kase.orgId, noteIds);
      const names = await repo.userNames(tx, [
        ...rows.flatMap((r) => (r.actorId ? [r.actorId] : [])),
        ...addenda.map((a) => a.createdBy),
        ...rows.flatMap((r) => (r.kind === 'transferred' ? [r.data?.from, r.data?.to].filter((v): v is string => typeof v === 'string') : [])),
      ]);
      const person = (userId: string | null | undefined) => (userId ? { id: userId, name: names.get(userId) ?? '' } : null);
      const notesById = new Map(notes.map((n) => [n.id, n]));
      const items: CaseTimelineEntry[] = rows.map((row) => {
        const note = row.noteId ? notesById.get(row.noteId) : undefined;
        const data = row.kind === 'transferred' && row.data ? { ...row.data, fromName: names.get(String(row.data.from)) ?? null, toName: names.get(String(row.data.to)) ?? null } : row.data;
        return {
          id: row.id,
          kind: row.kind,
          at: row.at.toISOString(),
          actor: person(row.actorId),
          data: note ? null : (data ?? {}),
          note: note
            ? {
                id: note.id,
                contactOn: note.contactOn,
                contactType: note.contactType,
                meaningful: note.meaningful,
                narrative: note.narrative,
                status: note.status,
                signedBy: person(note.signedBy),
                signedAt: note.signedAt?.toISOString() ?? null,
                addenda: addenda
                  .filter((a) => a.noteId === note.id)
                  .map((a) => ({ id: a.id, text: a.text, author: person(a.createdBy), createdAt: a.createdAt.toISOString() })),
              }
            : null,
        };
      });
      const last = rows.at(-1);
      return { items, nextCursor: rows.length === query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null };
    });
  }
}
