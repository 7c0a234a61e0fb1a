import {
  CASE_NOTE_MESSAGES,
  type CaseNotePage,
  type CaseNoteQuery,
  type CaseNoteResponse,
  type CreateCaseNoteRequest,
  type CreateNoteAddendumRequest,
  isIsoDate,
  type NoteAddendumResponse,
  type SignCaseNoteRequest,
  todayIn,
  type UpdateCaseNoteRequest,
} from '@haven/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { inTenant, type MemberContext } from '../../platform/http/request-context.js';
import { auditCase, type CaseRow, caseForRead, caseForWork, auditSensitiveCaseRead } from '../cases/access.js';
import { organizationTimeZone } from '../enrollments/repository.js';
import { requireAction } from '../organizations/service.js';
import { closeMetContactTasks } from '../tasks/monitoring.js';
import * as repo from './repository.js';

type NoteContent = Omit<CreateCaseNoteRequest, 'sign'>;

const recordChanged = () =>
  conflict('Someone else changed this note since you opened it. Reload to see their changes.', { version: 'The record has changed' });
const signedImmutable = () => conflict(CASE_NOTE_MESSAGES.signedImmutable, { noteId: CASE_NOTE_MESSAGES.signedImmutable });

export function staffRef(names: Map<string, string>, id: string): { id: string; name: string } {
  return { id, name: names.get(id) ?? '' };
}

/**
 * Case notes: one chronological record of contacts with the client. A draft is the author's
 * alone; a signed note is never changed (the database refuses it too, migrations/0014) and
 * corrections are addenda shown with it. The newest signed meaningful contact is kept on the
 * case for the caseload and the program's contact rule. Audit events carry ids and codes only —
 * never the narrative, which is the client's story.
 */
export class CaseNoteService {
  constructor(private readonly deps: AppDeps) {}

  private tenant<T>(ctx: MemberContext, work: (tx: Db) => Promise<T>): Promise<T> {
    return inTenant(this.deps.database.db, ctx, work);
  }

  private async views(tx: Db, ctx: MemberContext, notes: repo.CaseNoteRow[]): Promise<CaseNoteResponse[]> {
    const addenda = await repo.addendaOf(
      tx,
      ctx.subject.orgId,
      notes.map((note) => note.id),
    );
    const names = await repo.staffNames(tx, [...notes.flatMap((note) => [note.createdBy, note.signedBy]), ...addenda.map((a) => a.createdBy)]);
    return notes.map((note) => ({
      id: note.id,
      caseId: note.caseId,
      contactOn: note.contactOn,
      contactType: note.contactType,
      meaningful: note.meaningful,
      interpreter: note.interpreterLanguage ? { language: note.interpreterLanguage, name: note.interpreterName } : null,
      durationMinutes: note.durationMinutes,
      goalIds: note.goalIds,
      narrative: note.narrative,
      status: note.status,
      author: staffRef(names, note.createdBy),
      signedBy: note.signedBy ? staffRef(names, note.signedBy) : null,
      signedAt: note.signedAt?.toISOString() ?? null,
      addenda: addenda
        .filter((addendum) => addendum.noteId === note.id)
        .map(
          (addendum): NoteAddendumResponse => ({
            id: addendum.id,
            text: addendum.text,
            author: staffRef(names, addendum.createdBy),
            createdAt: addendum.createdAt.toISOString(),
          }),
        ),
      version: note.version,
      createdAt: note.createdAt.toISOString(),
      updatedAt: note.updatedAt.toISOString(),
    }));
  }

  private async view(tx: Db, ctx: MemberContext, note: repo.CaseNoteRow): Promise<CaseNoteResponse> {
    return (await this.views(tx, ctx, [note]))[0]!;
  }

  /** Dates and goals checked against the case; a refusal names the field and saves nothing. */
  private async checkContent(tx: Db, ctx: MemberContext, kase: CaseRow, input: NoteContent): Promise<void> {
    const today = todayIn(await organizationTimeZone(tx, ctx.subject.orgId));
    if (input.contactOn > today) {
      throw badRequest(CASE_NOTE_MESSAGES.futureContact, { contactOn: CASE_NOTE_MESSAGES.futureContact });
    }
    if (input.contactOn < kase.openedOn) {
      throw badRequest(CASE_NOTE_MESSAGES.beforeOpened, { contactOn: CASE_NOTE_MESSAGES.beforeOpened });
    }
    if (input.goalIds && input.goalIds.length > 0) {
      const known = await repo.goalIdsOfCase(tx, ctx.subject.orgId, kase.id);
      if (input.goalIds.some((id) => !known.has(id))) {
        throw badRequest(CASE_NOTE_MESSAGES.unknownGoal, { goalIds: CASE_NOTE_MESSAGES.unknownGoal });
      }
    }
  }

  private columns(input: NoteContent) {
    return {
      contactOn: input.contactOn,
      contactType: input.contactType,
      meaningful: input.meaningful,
      interpreterLanguage: input.interpreter?.language ?? null,
      interpreterName: input.interpreter?.name ?? null,
      durationMinutes: input.durationMinutes ?? null,
      goalIds: input.goalIds ?? [],
      narrative: input.narrative,
    };
  }

  /** What the audit trail keeps of a note: its shape, never its words or the interpreter's name. */
  private auditShape(note: repo.CaseNoteRow) {
    return {
      caseId: note.caseId,
      contactOn: note.contactOn,
      contactType: note.contactType,
      meaningful: note.meaningful,
      interpreterLanguage: note.interpreterLanguage,
      durationMinutes: note.durationMinutes,
      goalIds: note.goalIds,
      status: note.status,
      narrativeLength: note.narrative.length,
    };
  }

  async list(ctx: MemberContext, caseId: string, query: CaseNoteQuery): Promise<CaseNotePage> {
    requireAction(ctx, 'case.read');
    let after: { contactOn: string; id: string } | undefined;
    if (query.cursor) {
      const [contactOn, id] = decodeCursor(query.cursor, 2) as [string, string];
      if (!isIsoDate(contactOn)) {
        throw badRequest('Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
      }
      after = { contactOn, id };
    }
    return this.tenant(ctx, async (tx) => {
      await auditSensitiveCaseRead(tx, ctx, await caseForRead(tx, ctx, caseId), 'notes');
      const rows = await repo.listNotes(tx, ctx.subject.orgId, caseId, ctx.subject.userId, { limit: query.limit + 1, after });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: await this.views(tx, ctx, items),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.contactOn, last.id]) : null,
      };
    });
  }

  async create(ctx: MemberContext, caseId: string, input: CreateCaseNoteRequest): Promise<CaseNoteResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      await this.checkContent(tx, ctx, kase, input);
      const signed = input.sign === true;
      const note = await repo.insertNote(tx, {
        orgId: ctx.subject.orgId,
        caseId,
        clientId: kase.clientId,
        ...this.columns(input),
        status: signed ? 'signed' : 'draft',
        signedBy: signed ? ctx.subject.userId : null,
        signedAt: signed ? new Date() : null,
        createdBy: ctx.subject.userId,
      });
      await auditCase(tx, ctx, 'note.created', { type: 'case_note', id: note.id }, { after: this.auditShape(note) });
      if (signed) {
        await auditCase(tx, ctx, 'note.signed', { type: 'case_note', id: note.id }, { after: { caseId, status: 'signed' } });
        await this.afterSigning(tx, ctx, caseId, note);
      }
      return this.view(tx, ctx, note);
    });
  }

  /** A signed meaningful note moves the case's last contact and may close its contact task. */
  private async afterSigning(tx: Db, ctx: MemberContext, caseId: string, note: repo.CaseNoteRow): Promise<void> {
    await repo.refreshLastMeaningfulContact(tx, ctx.subject.orgId, caseId);
    if (note.meaningful) {
      await closeMetContactTasks(tx, ctx.subject.orgId, caseId, ctx.actor);
    }
  }

  /** The note to change: the caller's own draft at the version they read. */
  private async draftForChange(tx: Db, ctx: MemberContext, caseId: string, noteId: string, version: number): Promise<repo.CaseNoteRow> {
    const note = await repo.findNote(tx, ctx.subject.orgId, caseId, noteId, ctx.subject.userId, { lock: true });
    if (!note) {
      throw notFound('Note not found');
    }
    if (note.status === 'signed') {
      throw signedImmutable();
    }
    if (note.createdBy !== ctx.subject.userId) {
      // Unreachable while drafts are visible to their author only; kept as the rule itself.
      throw conflict(CASE_NOTE_MESSAGES.authorOnly, { noteId: CASE_NOTE_MESSAGES.authorOnly });
    }
    if (note.version !== version) {
      throw recordChanged();
    }
    return note;
  }

  async update(ctx: MemberContext, caseId: string, noteId: string, input: UpdateCaseNoteRequest): Promise<CaseNoteResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      const kase = await caseForWork(tx, ctx, caseId);
      const before = await this.draftForChange(tx, ctx, caseId, noteId, input.version);
      await this.checkContent(tx, ctx, kase, input);
      const note = await repo.updateDraft(tx, ctx.subject.orgId, noteId, input.version, this.columns(input));
      if (!note) {
        throw recordChanged();
      }
      await auditCase(tx, ctx, 'note.updated', { type: 'case_note', id: noteId }, { before: this.auditShape(before), after: this.auditShape(note) });
      return this.view(tx, ctx, note);
    });
  }

  async sign(ctx: MemberContext, caseId: string, noteId: string, input: SignCaseNoteRequest): Promise<CaseNoteResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      await this.draftForChange(tx, ctx, caseId, noteId, input.version);
      const note = await repo.updateDraft(tx, ctx.subject.orgId, noteId, input.version, { status: 'signed', signedBy: ctx.subject.userId, signedAt: new Date() });
      if (!note) {
        throw recordChanged();
      }
      await auditCase(tx, ctx, 'note.signed', { type: 'case_note', id: noteId }, { before: { status: 'draft' }, after: { caseId, status: 'signed' } });
      await this.afterSigning(tx, ctx, caseId, note);
      return this.view(tx, ctx, note);
    });
  }

  async remove(ctx: MemberContext, caseId: string, noteId: string): Promise<void> {
    requireAction(ctx, 'case.manage');
    await this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      const note = await repo.findNote(tx, ctx.subject.orgId, caseId, noteId, ctx.subject.userId, { lock: true });
      if (!note) {
        throw notFound('Note not found');
      }
      if (note.status === 'signed') {
        throw signedImmutable();
      }
      if (note.createdBy !== ctx.subject.userId) {
        throw conflict(CASE_NOTE_MESSAGES.authorOnly, { noteId: CASE_NOTE_MESSAGES.authorOnly });
      }
      await repo.deleteDraft(tx, ctx.subject.orgId, noteId);
      await auditCase(tx, ctx, 'note.deleted', { type: 'case_note', id: noteId }, { before: this.auditShape(note) });
    });
  }

  async addAddendum(ctx: MemberContext, caseId: string, noteId: string, input: CreateNoteAddendumRequest): Promise<CaseNoteResponse> {
    requireAction(ctx, 'case.manage');
    return this.tenant(ctx, async (tx) => {
      await caseForWork(tx, ctx, caseId);
      const note = await repo.findNote(tx, ctx.subject.orgId, caseId, noteId, ctx.subject.userId);
      if (!note) {
        throw notFound('Note not found');
      }
      if (note.status !== 'signed') {
        throw conflict(CASE_NOTE_MESSAGES.addendumOnSigned, { noteId: CASE_NOTE_MESSAGES.addendumOnSigned });
      }
      const addendum = await repo.insertAddendum(tx, { orgId: ctx.subject.orgId, noteId, caseId, text: input.text, createdBy: ctx.subject.userId });
      await auditCase(tx, ctx, 'note.addendum_added', { type: 'case_note', id: noteId }, { after: { caseId, addendumId: addendum.id, textLength: input.text.length } });
      return this.view(tx, ctx, note);
    });
  }
}
