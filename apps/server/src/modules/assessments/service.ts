import {
  ASSESSMENT_MESSAGES,
  type AssessmentHistoryResponse,
  type AssessmentList,
  type AssessmentListQuery,
  type AssessmentResponse,
  type CreateAssessmentRequest,
  type CreateInstrumentRequest,
  DEFAULT_INSTRUMENT_DOMAINS,
  DEFAULT_INSTRUMENT_NAME,
  type InstrumentList,
  type InstrumentResponse,
  isDefaultDomain,
  roleCan,
  todayIn,
  type UpdateInstrumentRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditCase, caseForRead, caseForWork, readableCases, recordCaseEvent, auditSensitiveCaseRead } from '../cases/access.js';
import { findVisibleClient } from '../clients/repository.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import * as repo from './repository.js';

/** Scores shown in a client's chart: the newest this many assessments. */
const HISTORY_LIMIT = 200;

export function instrumentView(row: repo.InstrumentRow): InstrumentResponse {
  return {
    id: row.id,
    familyId: row.familyId,
    name: row.name,
    version: row.version,
    domains: row.domains.map((d) => ({ key: d.key, label: d.label })),
    current: row.current,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

function assessmentView(assessment: repo.AssessmentRow, instrument: repo.InstrumentRow): AssessmentResponse {
  return {
    id: assessment.id,
    caseId: assessment.caseId,
    clientId: assessment.clientId,
    instrument: instrumentView(instrument),
    assessedOn: assessment.assessedOn,
    scores: assessment.scores.map((s) => ({
      domain: s.domain,
      score: s.score,
      ...(s.strengths ? { strengths: s.strengths } : {}),
      ...(s.barriers ? { barriers: s.barriers } : {}),
    })),
    summary: assessment.summary,
    createdBy: assessment.createdBy,
    createdAt: assessment.createdAt.toISOString(),
  };
}

/** What the audit trail keeps of an instrument: its shape, never anything about a client. */
function instrumentAudit(row: repo.InstrumentRow) {
  return { familyId: row.familyId, name: row.name, version: row.version, active: row.active, domains: row.domains.map((d) => d.key) };
}

/**
 * Assessment instruments (versioned: a change is a new row, the old one stays for the assessments
 * made with it) and the assessments of a case, scored per domain of one instrument version.
 */
export class AssessmentService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  /** Case workers read instruments to assess; instrument managers to configure them. */
  private requireInstrumentRead(ctx: MemberContext): void {
    if (!roleCan(ctx.subject.role, 'case.read') && !roleCan(ctx.subject.role, 'instrument.manage')) {
      throw forbidden();
    }
  }

  async listInstruments(ctx: MemberContext): Promise<InstrumentList> {
    this.requireInstrumentRead(ctx);
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      let rows = await repo.listCurrentInstruments(tx, orgId);
      if (rows.length === 0) {
        // An organization starts with the default instrument, made the first time anyone asks.
        await repo.lockInstrumentsOf(tx, orgId);
        if ((await repo.countInstruments(tx, orgId)) === 0) {
          const created = await repo.insertInstrument(tx, { orgId, name: DEFAULT_INSTRUMENT_NAME, domains: DEFAULT_INSTRUMENT_DOMAINS, createdBy: userId });
          await recordAudit(tx, { orgId, actor: ctx.actor, action: 'instrument.created', objectType: 'assessment_instrument', objectId: created.id, after: instrumentAudit(created) });
        }
        rows = await repo.listCurrentInstruments(tx, orgId);
      }
      return { items: rows.map(instrumentView) };
    });
  }

  async getInstrument(ctx: MemberContext, id: string): Promise<InstrumentResponse> {
    this.requireInstrumentRead(ctx);
    return this.tenant(ctx, async (tx) => {
      const row = await repo.findInstrument(tx, ctx.subject.orgId, id);
      if (!row) {
        throw notFound('Instrument not found');
      }
      return instrumentView(row);
    });
  }

  async createInstrument(ctx: MemberContext, input: CreateInstrumentRequest): Promise<InstrumentResponse> {
    requireAction(ctx, 'instrument.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const created = await repo.insertInstrument(tx, { orgId, name: input.name, domains: input.domains, createdBy: userId });
      await recordAudit(tx, { orgId, actor: ctx.actor, action: 'instrument.created', objectType: 'assessment_instrument', objectId: created.id, after: instrumentAudit(created) });
      return instrumentView(created);
    });
  }

  /** A change is a new version (same family, version + 1); the old row stays for its assessments. */
  async updateInstrument(ctx: MemberContext, id: string, input: UpdateInstrumentRequest): Promise<InstrumentResponse> {
    requireAction(ctx, 'instrument.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const old = await repo.findInstrument(tx, orgId, id, { lock: true });
      if (!old) {
        throw notFound('Instrument not found');
      }
      if (!old.current || old.version !== input.version) {
        throw conflict(ASSESSMENT_MESSAGES.instrumentChanged, { version: ASSESSMENT_MESSAGES.instrumentChanged });
      }
      await repo.retireInstrumentVersion(tx, orgId, old.id);
      const created = await repo.insertInstrument(tx, {
        orgId,
        familyId: old.familyId,
        name: input.name,
        version: old.version + 1,
        domains: input.domains,
        active: input.active,
        createdBy: userId,
      });
      await recordAudit(tx, {
        orgId,
        actor: ctx.actor,
        action: 'instrument.updated',
        objectType: 'assessment_instrument',
        objectId: created.id,
        before: { id: old.id, ...instrumentAudit(old) },
        after: instrumentAudit(created),
      });
      return instrumentView(created);
    });
  }

  async record(ctx: MemberContext, caseId: string, input: CreateAssessmentRequest): Promise<AssessmentResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const { orgId, userId } = ctx.subject;
      const kase = await caseForWork(tx, ctx, caseId);
      const instrument = await repo.findInstrument(tx, orgId, input.instrumentId);
      if (!instrument || !instrument.current || !instrument.active) {
        throw badRequest(ASSESSMENT_MESSAGES.instrumentNotCurrent, { instrumentId: ASSESSMENT_MESSAGES.instrumentNotCurrent });
      }
      const today = todayIn(await organizationTimeZone(tx, orgId));
      if (input.assessedOn > today) {
        throw badRequest('This date is in the future', { assessedOn: 'This date is in the future' });
      }
      if (input.assessedOn < kase.openedOn) {
        throw badRequest(ASSESSMENT_MESSAGES.beforeCaseOpened, { assessedOn: ASSESSMENT_MESSAGES.beforeCaseOpened });
      }
      const keys = new Set(instrument.domains.map((d) => d.key));
      input.scores.forEach((score, index) => {
        if (!keys.has(score.domain)) {
          throw badRequest(ASSESSMENT_MESSAGES.scoreUnknownDomain, { [`scores.${index}.domain`]: ASSESSMENT_MESSAGES.scoreUnknownDomain });
        }
      });
      // Every domain once (duplicates are refused by the schema): an unscored domain is missing.
      if (input.scores.length !== keys.size) {
        throw badRequest(ASSESSMENT_MESSAGES.scoresMissing, { scores: ASSESSMENT_MESSAGES.scoresMissing });
      }
      const order = new Map(instrument.domains.map((d, i) => [d.key, i]));
      const scores = [...input.scores]
        .sort((a, b) => order.get(a.domain)! - order.get(b.domain)!)
        .map((s) => ({ domain: s.domain, score: s.score, ...(s.strengths ? { strengths: s.strengths } : {}), ...(s.barriers ? { barriers: s.barriers } : {}) }));
      const assessment = await repo.insertAssessment(tx, {
        orgId,
        caseId: kase.id,
        clientId: kase.clientId,
        instrumentId: instrument.id,
        assessedOn: input.assessedOn,
        scores,
        summary: input.summary ? input.summary : null,
        createdBy: userId,
      });
      await recordCaseEvent(tx, ctx, kase.id, 'assessment_recorded', { assessmentId: assessment.id, instrumentId: instrument.id, version: instrument.version });
      // Scores and narrative stay out of the audit trail: it names the record, the day and the instrument.
      await auditCase(tx, ctx, 'assessment.recorded', { type: 'assessment', id: assessment.id }, {
        after: { caseId: kase.id, instrumentId: instrument.id, instrumentVersion: instrument.version, assessedOn: assessment.assessedOn },
      });
      return assessmentView(assessment, instrument);
    });
  }

  async list(ctx: MemberContext, caseId: string, query: AssessmentListQuery): Promise<AssessmentList> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForRead(tx, ctx, caseId);
      await auditSensitiveCaseRead(tx, ctx, kase, 'assessments');
      let after: repo.AssessmentCursor | undefined;
      if (query.cursor) {
        const [assessedOn, id] = decodeCursor(query.cursor, 2) as [string, string];
        after = { assessedOn, id };
      }
      const rows = await repo.listCaseAssessments(tx, ctx.subject.orgId, kase.id, { after, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => assessmentView(r.assessment, r.instrument)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.assessment.assessedOn, last.assessment.id]) : null,
      };
    });
  }

  /**
   * A visible client's scores over time, across the cases the caller may read, per domain: the
   * points of a chart. Domains keep the label of the newest instrument version that has them.
   */
  async history(ctx: MemberContext, clientId: string): Promise<AssessmentHistoryResponse> {
    requireAction(ctx, 'case.read');
    return this.tenant(ctx, async (tx) => {
      const client = await findVisibleClient(tx, { orgId: ctx.subject.orgId, userId: ctx.subject.userId }, clientId);
      if (!client) {
        throw notFound('Client not found');
      }
      const rows = (await repo.listClientAssessments(tx, ctx.subject.orgId, client.id, readableCases(ctx), HISTORY_LIMIT)).reverse();
      const labels = new Map<string, { label: string; at: number; isDefault: boolean }>();
      const points = new Map<string, { assessedOn: string; score: number }[]>();
      for (const { assessment, instrument } of rows) {
        for (const domain of instrument.domains) {
          const known = labels.get(domain.key);
          if (!known || instrument.createdAt.getTime() >= known.at) {
            labels.set(domain.key, { label: domain.label, at: instrument.createdAt.getTime(), isDefault: isDefaultDomain(domain) });
          }
        }
        for (const score of assessment.scores) {
          const list = points.get(score.domain) ?? [];
          list.push({ assessedOn: assessment.assessedOn, score: score.score });
          points.set(score.domain, list);
        }
      }
      return {
        clientId: client.id,
        assessedOn: rows.map((r) => r.assessment.assessedOn),
        domains: [...points.entries()].map(([key, list]) => ({
          key,
          label: labels.get(key)?.label ?? key,
          isDefault: labels.get(key)?.isDefault ?? false,
          points: list,
        })),
      };
    });
  }
}
