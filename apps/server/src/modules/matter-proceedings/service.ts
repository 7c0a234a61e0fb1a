import {
  type CheckinList,
  type CheckinResponse,
  type CreateCheckinRequest,
  type CreateDecisionRequest,
  type CreateFilingRequest,
  type CreateHearingRequest,
  type DeadlineChange,
  type DecisionList,
  type DecisionResponse,
  type DecisionSaved,
  FILING_FORMS,
  type FiledWith,
  type FilingForm,
  type FilingList,
  type FilingResponse,
  type FilingSaved,
  type HearingList,
  type HearingResponse,
  immigrationCourtTimeZone,
  instantInZone,
  type MatterType,
  maskReceiptLast4,
  normalizeFilingReceipt,
  PROCEEDINGS_MESSAGES,
  type ProceedingsListQuery,
  type ReceiptNumberResponse,
  receiptProblem,
  REPRESENTATION_FORMS,
  type RepresentationForum,
  type RepresentationResponse,
  todayIn,
  type UpdateCheckinRequest,
  type UpdateFilingRequest,
  type UpdateHearingRequest,
  zonedDateTimeToInstant,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { REPRESENTATION_PROBLEM_MESSAGES, representationProblem } from '../credentials/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { auditMatter, auditSensitiveMatterRead, matterForRead, matterForWork, type MatterRow, recordMatterEvent } from '../legal-matters/access.js';
import { recomputeMatterDeadlines } from '../legal-matters/deadlines.js';
import { notifyInApp } from '../notifications/in-app.js';
import { requireAction } from '../organizations/service.js';
import { findActiveMember } from '../tasks/repository.js';
import { memberMayReadMatter } from '../tickler/repository.js';
import * as repo from './repository.js';

/**
 * A matter's proceedings: filings (with the notices of appearance that are the representation
 * record), immigration court hearings, ICE/ISAP check-ins and decisions. Filings and decisions
 * are facts: each save recomputes the matter's deadlines in the same transaction, and the answer
 * says which deadlines moved or were met. A contradiction (a grant before the application) is
 * refused with nothing saved. Receipt numbers are sealed; lists show the last four only.
 */

/** The matter type whose rules a forum applies to the representation gate (8 CFR 1292.12: partial accreditation reaches DHS only). */
const FORUM_MATTER_TYPE: Record<RepresentationForum, MatterType> = {
  dhs: 'affirmative_asylum',
  eoir: 'removal_defense',
  bia: 'appeal',
};

const stale = () => conflict(PROCEEDINGS_MESSAGES.stale, { version: PROCEEDINGS_MESSAGES.stale });

function page<T extends { id: string }>(rows: T[], limit: number, key: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([key(last), last.id]) : null };
}

function isKnownForm(form: string): form is FilingForm {
  return (FILING_FORMS as readonly string[]).includes(form) && form !== 'other';
}

/** What a hearing's and a check-in's views share: when (in the zone it was scheduled in), outcome, who answers for it. */
function scheduledFields(row: repo.HearingRow | repo.CheckinRow, names: Map<string, string>) {
  const local = instantInZone(row.startsAt, row.timeZone);
  return {
    startsAt: row.startsAt.toISOString(),
    date: local.date,
    time: local.time,
    timeZone: row.timeZone,
    outcome: row.outcome,
    responsible: { id: row.responsibleId, name: names.get(row.responsibleId) ?? '' },
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export class MatterProceedingsService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private recompute(tx: Db, ctx: MemberContext, matter: MatterRow, cause: string): Promise<DeadlineChange[]> {
    return recomputeMatterDeadlines(tx, { orgId: ctx.subject.orgId, actorId: ctx.subject.userId }, matter, cause);
  }

  /**
   * The person responsible for a hearing or check-in must be an active member whose role works
   * matters and who can see this one (a protected client only for assigned staff).
   */
  private async requireResponsible(tx: Db, ctx: MemberContext, matter: MatterRow, userId: string): Promise<void> {
    const member = await findActiveMember(tx, ctx.subject.orgId, userId);
    const problem = () => badRequest(PROCEEDINGS_MESSAGES.responsible, { responsibleId: PROCEEDINGS_MESSAGES.responsible });
    if (!member || !(await memberMayReadMatter(tx, ctx.subject.orgId, member, matter.id))) {
      throw problem();
    }
  }

  // ——— Filings ———

  private filingViews(rows: repo.FilingRow[], names: Map<string, string>): FilingResponse[] {
    return rows.map((row) => {
      const known = isKnownForm(row.form);
      const form: FilingForm = known ? (row.form as FilingForm) : 'other';
      return {
        id: row.id,
        matterId: row.matterId,
        form,
        formOther: known ? null : row.form,
        filedWith: row.filedWith as FiledWith,
        filedOn: row.filedOn,
        receivedOn: row.receivedOn,
        receiptNumberMasked: maskReceiptLast4(row.receiptNumberLast4),
        feeCents: row.feeCents,
        status: row.status,
        note: row.note,
        representationForum: REPRESENTATION_FORMS[form]?.forum ?? null,
        createdBy: { id: row.createdBy, name: names.get(row.createdBy) ?? '' },
        createdAt: row.createdAt.toISOString(),
        version: row.version,
      };
    });
  }

  private async filingView(tx: Db, row: repo.FilingRow): Promise<FilingResponse> {
    return this.filingViews([row], await repo.userNames(tx, [row.createdBy]))[0]!;
  }

  private async representationOf(tx: Db, matter: MatterRow): Promise<RepresentationResponse> {
    const forms = Object.keys(REPRESENTATION_FORMS);
    const appearances = await repo.latestAppearances(tx, matter.orgId, matter.id, forms);
    const names = await repo.userNames(tx, [matter.representativeId]);
    const appearance = (forum: RepresentationForum) => {
      const filing = appearances.filter((row) => REPRESENTATION_FORMS[row.form as FilingForm]?.forum === forum).sort((a, b) => (a.filedOn < b.filedOn ? 1 : -1))[0];
      return filing ? { filingId: filing.id, form: filing.form, filedOn: filing.filedOn } : null;
    };
    const today = todayIn(await organizationTimeZone(tx, matter.orgId));
    const problem = async (forum: RepresentationForum) =>
      matter.representativeId ? await representationProblem(tx, matter.orgId, matter.representativeId, FORUM_MATTER_TYPE[forum], today) : 'no_representative';
    return {
      representative: matter.representativeId ? { id: matter.representativeId, name: names.get(matter.representativeId) ?? '' } : null,
      dhs: appearance('dhs'),
      eoir: appearance('eoir'),
      bia: appearance('bia'),
      problems: { dhs: await problem('dhs'), eoir: await problem('eoir'), bia: await problem('bia') },
    };
  }

  async listFilings(ctx: MemberContext, matterId: string, query: ProceedingsListQuery): Promise<FilingList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'filings');
      const rows = await repo.listFilings(tx, ctx.subject.orgId, matterId, query.limit, query.cursor);
      const { items, nextCursor } = page(rows, query.limit, (row) => row.filedOn);
      const names = await repo.userNames(tx, items.map((row) => row.createdBy));
      return { items: this.filingViews(items, names), nextCursor, representation: await this.representationOf(tx, matter) };
    });
  }

  async representation(ctx: MemberContext, matterId: string): Promise<RepresentationResponse> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'representation');
      return this.representationOf(tx, matter);
    });
  }

  /**
   * A notice of appearance (G-28, EOIR-28, EOIR-27) is filed for the matter's representative,
   * who must be allowed in that forum on the filing date: an attorney in good standing, or an
   * accredited representative — fully accredited before the court and the BIA.
   */
  private async checkRepresentation(tx: Db, matter: MatterRow, form: FilingForm, filedOn: string): Promise<void> {
    const representation = REPRESENTATION_FORMS[form];
    if (!representation) {
      return;
    }
    if (!matter.representativeId) {
      throw badRequest(PROCEEDINGS_MESSAGES.noRepresentative, { form: PROCEEDINGS_MESSAGES.noRepresentative });
    }
    const problem = await representationProblem(tx, matter.orgId, matter.representativeId, FORUM_MATTER_TYPE[representation.forum], filedOn);
    if (problem) {
      throw badRequest(REPRESENTATION_PROBLEM_MESSAGES[problem], { form: REPRESENTATION_PROBLEM_MESSAGES[problem] });
    }
  }

  async createFiling(ctx: MemberContext, matterId: string, input: CreateFilingRequest): Promise<FilingSaved> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      for (const field of ['filedOn', 'receivedOn'] as const) {
        const value = input[field];
        if (value && value > today) {
          throw badRequest('This date is in the future', { [field]: 'This date is in the future' });
        }
      }
      await this.checkRepresentation(tx, matter, input.form, input.filedOn);
      const receipt = input.receiptNumber ? normalizeFilingReceipt(input.filedWith, input.receiptNumber) : undefined;
      const filing = await repo.insertFiling(tx, {
        orgId: ctx.subject.orgId,
        matterId,
        // A form not on the list is stored by its name ("I-601A"), so every reader sees what was filed.
        form: input.form === 'other' ? input.formOther! : input.form,
        filedWith: input.filedWith,
        filedOn: input.filedOn,
        receivedOn: input.receivedOn ?? null,
        receiptNumberSealed: receipt ? this.deps.secrets.seal(receipt) : null,
        receiptNumberLast4: receipt ? receipt.slice(-4) : null,
        feeCents: input.feeCents,
        status: input.receivedOn ? 'received' : 'filed',
        note: input.note || null,
        createdBy: ctx.subject.userId,
      });
      const facts = filingFacts(filing);
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matterId, 'filing_recorded', { filingId: filing.id, ...facts });
      await auditMatter(tx, ctx, 'filing.recorded', { type: 'matter_filing', id: filing.id }, { after: { matterId, ...facts } });
      const deadlineChanges = await this.recompute(tx, ctx, matter, 'filing_recorded');
      return { filing: await this.filingView(tx, filing), deadlineChanges };
    });
  }

  /** The filing and its matter, for a change: 404 unless the caller may see the matter; 409 when it is closed. */
  private async filingForWork(tx: Db, ctx: MemberContext, filingId: string): Promise<{ filing: repo.FilingRow; matter: MatterRow }> {
    const found = await repo.findFiling(tx, ctx.subject.orgId, filingId);
    if (!found) {
      throw notFound('Filing not found');
    }
    const matter = await matterForWork(tx, ctx, found.matterId);
    const filing = await repo.findFiling(tx, ctx.subject.orgId, filingId, { lock: true });
    return { filing: filing!, matter };
  }

  async updateFiling(ctx: MemberContext, filingId: string, input: UpdateFilingRequest): Promise<FilingSaved> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const { filing, matter } = await this.filingForWork(tx, ctx, filingId);
      if (filing.version !== input.version) {
        throw stale();
      }
      const changes: Partial<repo.FilingRow> = {};
      const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
      if (input.receivedOn !== undefined) {
        if (input.receivedOn !== null && input.receivedOn > today) {
          throw badRequest('This date is in the future', { receivedOn: 'This date is in the future' });
        }
        if (input.receivedOn !== null && input.receivedOn < filing.filedOn) {
          throw badRequest(PROCEEDINGS_MESSAGES.receivedBeforeFiled, { receivedOn: PROCEEDINGS_MESSAGES.receivedBeforeFiled });
        }
        changes.receivedOn = input.receivedOn;
      }
      if (input.receiptNumber !== undefined) {
        if (input.receiptNumber === null || input.receiptNumber === '') {
          changes.receiptNumberSealed = null;
          changes.receiptNumberLast4 = null;
        } else {
          const receipt = normalizeFilingReceipt(filing.filedWith as FiledWith, input.receiptNumber);
          if (!receipt) {
            const message = receiptProblem(filing.filedWith as FiledWith);
            throw badRequest(message, { receiptNumber: message });
          }
          changes.receiptNumberSealed = this.deps.secrets.seal(receipt);
          changes.receiptNumberLast4 = receipt.slice(-4);
        }
      }
      if (input.note !== undefined) {
        changes.note = input.note || null;
      }
      // Recording the receipt date of a filed form marks it received, unless a status is given.
      const receivedOn = changes.receivedOn !== undefined ? changes.receivedOn : filing.receivedOn;
      const status = input.status ?? (filing.status === 'filed' && receivedOn ? 'received' : filing.status);
      if (status === 'received' && !receivedOn) {
        throw badRequest('Enter the date it was received', { receivedOn: 'Enter the date it was received' });
      }
      if (status !== filing.status) {
        changes.status = status;
      }
      if (Object.keys(changes).length === 0) {
        throw badRequest(PROCEEDINGS_MESSAGES.nothingToChange, { version: PROCEEDINGS_MESSAGES.nothingToChange });
      }
      const updated = await repo.updateFiling(tx, filing, input.version, changes);
      if (!updated) {
        throw stale();
      }
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matter.id, 'filing_updated', { filingId, ...filingFacts(updated) });
      await auditMatter(tx, ctx, 'filing.updated', { type: 'matter_filing', id: filingId }, { before: filingFacts(filing), after: { matterId: matter.id, ...filingFacts(updated) } });
      const deadlineChanges = await this.recompute(tx, ctx, matter, 'filing_updated');
      return { filing: await this.filingView(tx, updated), deadlineChanges };
    });
  }

  /** The whole receipt number, for the people who work the matter: each read is audited. */
  async receiptNumber(ctx: MemberContext, filingId: string): Promise<ReceiptNumberResponse> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const filing = await repo.findFiling(tx, ctx.subject.orgId, filingId);
      if (!filing) {
        throw notFound('Filing not found');
      }
      const matter = await matterForRead(tx, ctx, filing.matterId);
      await auditMatter(tx, ctx, 'matter.read_sensitive', { type: 'legal_matter', id: matter.id }, { after: { view: 'filing_receipt_number', filingId } });
      return { receiptNumber: filing.receiptNumberSealed ? this.deps.secrets.open(filing.receiptNumberSealed) : null };
    });
  }

  // ——— Hearings ———

  private async hearingViews(tx: Db, rows: repo.HearingRow[]): Promise<HearingResponse[]> {
    const names = await repo.userNames(
      tx,
      rows.map((row) => row.responsibleId),
    );
    return rows.map((row) => ({
      id: row.id,
      matterId: row.matterId,
      court: row.court,
      judge: row.judge,
      hearingType: row.hearingType,
      status: row.status,
      ...scheduledFields(row, names),
    }));
  }

  async listHearings(ctx: MemberContext, matterId: string, query: ProceedingsListQuery): Promise<HearingList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'hearings');
      const rows = await repo.listHearings(tx, ctx.subject.orgId, matterId, query.limit, query.cursor);
      const { items, nextCursor } = page(rows, query.limit, (row) => row.startsAt.toISOString());
      return { items: await this.hearingViews(tx, items), nextCursor };
    });
  }

  async createHearing(ctx: MemberContext, matterId: string, input: CreateHearingRequest): Promise<HearingResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      const timeZone = input.timeZone ?? immigrationCourtTimeZone(input.court) ?? (await organizationTimeZone(tx, ctx.subject.orgId));
      const responsibleId = input.responsibleId ?? matter.representativeId ?? ctx.subject.userId;
      await this.requireResponsible(tx, ctx, matter, responsibleId);
      const hearing = await repo.insertHearing(tx, {
        orgId: ctx.subject.orgId,
        matterId,
        court: input.court,
        judge: input.judge || null,
        hearingType: input.hearingType,
        startsAt: zonedDateTimeToInstant(input.date, input.time, timeZone),
        timeZone,
        responsibleId,
        createdBy: ctx.subject.userId,
      });
      const facts = hearingFacts(hearing);
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matterId, 'hearing_scheduled', { hearingId: hearing.id, ...facts });
      await auditMatter(tx, ctx, 'hearing.scheduled', { type: 'matter_hearing', id: hearing.id }, { after: { matterId, ...facts } });
      return (await this.hearingViews(tx, [hearing]))[0]!;
    });
  }

  async updateHearing(ctx: MemberContext, hearingId: string, input: UpdateHearingRequest): Promise<HearingResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const found = await repo.findHearing(tx, ctx.subject.orgId, hearingId);
      if (!found) {
        throw notFound('Hearing not found');
      }
      const matter = await matterForWork(tx, ctx, found.matterId);
      const hearing = (await repo.findHearing(tx, ctx.subject.orgId, hearingId, { lock: true }))!;
      if (hearing.version !== input.version) {
        throw stale();
      }
      const current = instantInZone(hearing.startsAt, hearing.timeZone);
      // A new court brings its zone (unless one is given); the date and time stay as the notice wrote them.
      const timeZone = input.timeZone ?? (input.court !== undefined && input.court !== hearing.court ? immigrationCourtTimeZone(input.court) : undefined) ?? hearing.timeZone;
      const startsAt = zonedDateTimeToInstant(input.date ?? current.date, input.time ?? current.time, timeZone);
      const changes: Partial<repo.HearingRow> = {};
      if (timeZone !== hearing.timeZone) {
        changes.timeZone = timeZone;
      }
      if (startsAt.getTime() !== hearing.startsAt.getTime()) {
        changes.startsAt = startsAt;
      }
      if (input.court !== undefined && input.court !== hearing.court) {
        changes.court = input.court;
      }
      if (input.hearingType !== undefined && input.hearingType !== hearing.hearingType) {
        changes.hearingType = input.hearingType;
      }
      if (input.judge !== undefined) {
        changes.judge = input.judge || null;
      }
      if (input.outcome !== undefined) {
        changes.outcome = input.outcome || null;
      }
      if (input.responsibleId !== undefined && input.responsibleId !== hearing.responsibleId) {
        await this.requireResponsible(tx, ctx, matter, input.responsibleId);
        changes.responsibleId = input.responsibleId;
      }
      if (input.status !== undefined && input.status !== hearing.status) {
        changes.status = input.status;
      }
      const status = changes.status ?? hearing.status;
      if (status === 'held') {
        const outcome = changes.outcome !== undefined ? changes.outcome : hearing.outcome;
        if (!outcome) {
          throw badRequest(PROCEEDINGS_MESSAGES.heldNeedsOutcome, { outcome: PROCEEDINGS_MESSAGES.heldNeedsOutcome });
        }
        if ((changes.startsAt ?? hearing.startsAt).getTime() > Date.now()) {
          throw badRequest(PROCEEDINGS_MESSAGES.heldInFuture, { status: PROCEEDINGS_MESSAGES.heldInFuture });
        }
      }
      if (Object.keys(changes).length === 0) {
        throw badRequest(PROCEEDINGS_MESSAGES.nothingToChange, { version: PROCEEDINGS_MESSAGES.nothingToChange });
      }
      // A new date or a new person starts the tickler over: unacknowledged, reminded again.
      if (changes.startsAt || changes.responsibleId) {
        Object.assign(changes, { acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null });
        await repo.forgetReminders(tx, ctx.subject.orgId, 'hearing', hearingId);
      }
      const updated = await repo.updateHearing(tx, hearing, input.version, changes);
      if (!updated) {
        throw stale();
      }
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matter.id, 'hearing_updated', { hearingId, ...hearingFacts(updated) });
      await auditMatter(tx, ctx, 'hearing.updated', { type: 'matter_hearing', id: hearingId }, { before: hearingFacts(hearing), after: { matterId: matter.id, ...hearingFacts(updated) } });
      return (await this.hearingViews(tx, [updated]))[0]!;
    });
  }

  // ——— Check-ins ———

  private async checkinViews(tx: Db, rows: repo.CheckinRow[]): Promise<CheckinResponse[]> {
    const names = await repo.userNames(
      tx,
      rows.map((row) => row.responsibleId),
    );
    return rows.map((row) => ({
      id: row.id,
      matterId: row.matterId,
      agency: row.agency,
      location: row.location,
      status: row.status,
      ...scheduledFields(row, names),
    }));
  }

  async listCheckins(ctx: MemberContext, matterId: string, query: ProceedingsListQuery): Promise<CheckinList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'checkins');
      const rows = await repo.listCheckins(tx, ctx.subject.orgId, matterId, query.limit, query.cursor);
      const { items, nextCursor } = page(rows, query.limit, (row) => row.startsAt.toISOString());
      return { items: await this.checkinViews(tx, items), nextCursor };
    });
  }

  async createCheckin(ctx: MemberContext, matterId: string, input: CreateCheckinRequest): Promise<CheckinResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      const timeZone = input.timeZone ?? (await organizationTimeZone(tx, ctx.subject.orgId));
      const responsibleId = input.responsibleId ?? matter.representativeId ?? ctx.subject.userId;
      await this.requireResponsible(tx, ctx, matter, responsibleId);
      const checkin = await repo.insertCheckin(tx, {
        orgId: ctx.subject.orgId,
        matterId,
        agency: input.agency,
        location: input.location,
        startsAt: zonedDateTimeToInstant(input.date, input.time, timeZone),
        timeZone,
        responsibleId,
        createdBy: ctx.subject.userId,
      });
      const facts = checkinFacts(checkin);
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matterId, 'checkin_scheduled', { checkinId: checkin.id, ...facts });
      await auditMatter(tx, ctx, 'checkin.scheduled', { type: 'matter_checkin', id: checkin.id }, { after: { matterId, ...facts } });
      return (await this.checkinViews(tx, [checkin]))[0]!;
    });
  }

  async updateCheckin(ctx: MemberContext, checkinId: string, input: UpdateCheckinRequest): Promise<CheckinResponse> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const found = await repo.findCheckin(tx, ctx.subject.orgId, checkinId);
      if (!found) {
        throw notFound('Check-in not found');
      }
      const matter = await matterForWork(tx, ctx, found.matterId);
      const checkin = (await repo.findCheckin(tx, ctx.subject.orgId, checkinId, { lock: true }))!;
      if (checkin.version !== input.version) {
        throw stale();
      }
      const current = instantInZone(checkin.startsAt, checkin.timeZone);
      const timeZone = input.timeZone ?? checkin.timeZone;
      const startsAt = zonedDateTimeToInstant(input.date ?? current.date, input.time ?? current.time, timeZone);
      const changes: Partial<repo.CheckinRow> = {};
      if (timeZone !== checkin.timeZone) {
        changes.timeZone = timeZone;
      }
      if (startsAt.getTime() !== checkin.startsAt.getTime()) {
        changes.startsAt = startsAt;
      }
      if (input.location !== undefined && input.location !== checkin.location) {
        changes.location = input.location;
      }
      if (input.outcome !== undefined) {
        changes.outcome = input.outcome || null;
      }
      if (input.responsibleId !== undefined && input.responsibleId !== checkin.responsibleId) {
        await this.requireResponsible(tx, ctx, matter, input.responsibleId);
        changes.responsibleId = input.responsibleId;
      }
      if (input.status !== undefined && input.status !== checkin.status) {
        changes.status = input.status;
      }
      const status = changes.status ?? checkin.status;
      if ((status === 'attended' || status === 'missed') && (changes.startsAt ?? checkin.startsAt).getTime() > Date.now()) {
        throw badRequest(PROCEEDINGS_MESSAGES.checkinNotYet, { status: PROCEEDINGS_MESSAGES.checkinNotYet });
      }
      if (Object.keys(changes).length === 0) {
        throw badRequest(PROCEEDINGS_MESSAGES.nothingToChange, { version: PROCEEDINGS_MESSAGES.nothingToChange });
      }
      if (changes.startsAt || changes.responsibleId) {
        Object.assign(changes, { acknowledgedAt: null, acknowledgedBy: null, escalatedAt: null });
        await repo.forgetReminders(tx, ctx.subject.orgId, 'checkin', checkinId);
      }
      const updated = await repo.updateCheckin(tx, checkin, input.version, changes);
      if (!updated) {
        throw stale();
      }
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matter.id, 'checkin_updated', { checkinId, ...checkinFacts(updated) });
      await auditMatter(tx, ctx, 'checkin.updated', { type: 'matter_checkin', id: checkinId }, { before: checkinFacts(checkin), after: { matterId: matter.id, ...checkinFacts(updated) } });
      if (changes.status === 'missed') {
        await this.alertMissedCheckin(tx, ctx, matter, updated);
      }
      return (await this.checkinViews(tx, [updated]))[0]!;
    });
  }

  /**
   * A missed ICE or ISAP check-in can lead to re-detention: the representative and the
   * supervising attorney hear of it at once in Haven (codes and the matter reference, never the matter's
   * type), as long as they may still read the matter.
   */
  private async alertMissedCheckin(tx: Db, ctx: MemberContext, matter: MatterRow, checkin: repo.CheckinRow): Promise<void> {
    const candidates = [...new Set([matter.representativeId, matter.supervisingAttorneyId, checkin.responsibleId])].filter(
      (id): id is string => Boolean(id) && id !== ctx.subject.userId,
    );
    // Only people who may read the matter now: active, a role with matter access, and (for a protected client) assigned.
    const recipients: string[] = [];
    for (const userId of candidates) {
      const member = await findActiveMember(tx, matter.orgId, userId);
      if (member && (await memberMayReadMatter(tx, matter.orgId, member, matter.id))) {
        recipients.push(userId);
      }
    }
    await notifyInApp(
      tx,
      recipients.map((userId) => ({
        orgId: matter.orgId,
        userId,
        kind: 'checkin_missed',
        data: { matterId: matter.id, reference: matter.reference, agency: checkin.agency, date: instantInZone(checkin.startsAt, checkin.timeZone).date },
        link: `/matters/${matter.id}`,
      })),
    );
  }

  // ——— Decisions ———

  private async decisionViews(tx: Db, rows: repo.DecisionRow[]): Promise<DecisionResponse[]> {
    const names = await repo.userNames(
      tx,
      rows.map((row) => row.createdBy),
    );
    return rows.map((row) => ({
      id: row.id,
      matterId: row.matterId,
      body: row.body,
      outcome: row.outcome,
      decidedOn: row.decidedOn,
      finalOn: row.finalOn,
      relief: row.relief,
      note: row.note,
      createdBy: { id: row.createdBy, name: names.get(row.createdBy) ?? '' },
      createdAt: row.createdAt.toISOString(),
    }));
  }

  async listDecisions(ctx: MemberContext, matterId: string, query: ProceedingsListQuery): Promise<DecisionList> {
    requireAction(ctx, 'matter.read');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForRead(tx, ctx, matterId);
      await auditSensitiveMatterRead(tx, ctx, matter, 'decisions');
      const rows = await repo.listDecisions(tx, ctx.subject.orgId, matterId, query.limit, query.cursor);
      const { items, nextCursor } = page(rows, query.limit, (row) => row.decidedOn);
      return { items: await this.decisionViews(tx, items), nextCursor };
    });
  }

  async createDecision(ctx: MemberContext, matterId: string, input: CreateDecisionRequest): Promise<DecisionSaved> {
    requireAction(ctx, 'matter.manage');
    return this.tenant(ctx, async (tx) => {
      const matter = await matterForWork(tx, ctx, matterId);
      const orgZone = await organizationTimeZone(tx, ctx.subject.orgId);
      const today = todayIn(orgZone);
      for (const field of ['decidedOn', 'finalOn'] as const) {
        const value = input[field];
        if (value && value > today) {
          throw badRequest('This date is in the future', { [field]: 'This date is in the future' });
        }
      }
      if (input.body === 'immigration_judge') {
        const first = await repo.firstHearing(tx, ctx.subject.orgId, matterId);
        if (first) {
          if (input.decidedOn < instantInZone(first.startsAt, first.timeZone).date) {
            throw badRequest(PROCEEDINGS_MESSAGES.decisionBeforeHearing, { decidedOn: PROCEEDINGS_MESSAGES.decisionBeforeHearing });
          }
        }
      }
      const grantsAsylum = input.outcome === 'granted' && (input.relief === 'asylum' || (input.relief === undefined && (matter.type === 'affirmative_asylum' || matter.type === 'defensive_asylum')));
      if (grantsAsylum) {
        const application = await repo.earliestAsylumApplication(tx, ctx.subject.orgId, matterId);
        if (application && input.decidedOn < (application.receivedOn ?? application.filedOn)) {
          throw badRequest(PROCEEDINGS_MESSAGES.grantBeforeFiling, { decidedOn: PROCEEDINGS_MESSAGES.grantBeforeFiling });
        }
      }
      const decision = await repo.insertDecision(tx, {
        orgId: ctx.subject.orgId,
        matterId,
        body: input.body,
        outcome: input.outcome,
        decidedOn: input.decidedOn,
        finalOn: input.finalOn ?? null,
        relief: input.relief ?? null,
        note: input.note || null,
        createdBy: ctx.subject.userId,
      });
      const facts = { body: decision.body, outcome: decision.outcome, decidedOn: decision.decidedOn, finalOn: decision.finalOn, relief: decision.relief };
      await recordMatterEvent(tx, ctx.subject.orgId, ctx.subject.userId, matterId, 'decision_recorded', { decisionId: decision.id, ...facts });
      await auditMatter(tx, ctx, 'decision.recorded', { type: 'matter_decision', id: decision.id }, { after: { matterId, ...facts } });
      const deadlineChanges = await this.recompute(tx, ctx, matter, 'decision_recorded');
      return { decision: (await this.decisionViews(tx, [decision]))[0]!, deadlineChanges };
    });
  }
}

/** What a filing's events and audit entries carry: codes and dates, the receipt masked. */
function filingFacts(row: repo.FilingRow) {
  return {
    form: row.form,
    filedWith: row.filedWith,
    filedOn: row.filedOn,
    receivedOn: row.receivedOn,
    status: row.status,
    feeCents: row.feeCents,
    receiptNumber: maskReceiptLast4(row.receiptNumberLast4),
  };
}

function hearingFacts(row: repo.HearingRow) {
  return { hearingType: row.hearingType, startsAt: row.startsAt.toISOString(), timeZone: row.timeZone, status: row.status, responsibleId: row.responsibleId };
}

function checkinFacts(row: repo.CheckinRow) {
  return { agency: row.agency, startsAt: row.startsAt.toISOString(), timeZone: row.timeZone, status: row.status, responsibleId: row.responsibleId };
}
