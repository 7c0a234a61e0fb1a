import { and, asc, desc, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, schema } from '../../platform/db/index.js';

const { caseNotes, caseNoteAddenda, cases, plans, users } = schema;
export type CaseNoteRow = typeof caseNotes.$inferSelect;
export type CaseNoteInsert = typeof caseNotes.$inferInsert;
export type NoteAddendumRow = typeof caseNoteAddenda.$inferSelect;

/*
 * Every query names the organization and the case: callers have already found the case readable
 * (cases/access.ts), and row-level security holds the organization boundary a second time.
 */

/**
 * The notes one reader sees: signed notes, and their own drafts — a draft is the author's work in
 * progress, not yet part of the record. Newest contact first, keyset on (contact_on, id).
 */
export async function listNotes(
  tx: Db,
  orgId: string,
  caseId: string,
  readerId: string,
  page: { limit: number; after?: { contactOn: string; id: string } },
): Promise<CaseNoteRow[]> {
  const conditions: SQL[] = [
    eq(caseNotes.orgId, orgId),
    eq(caseNotes.caseId, caseId),
    or(eq(caseNotes.status, 'signed'), eq(caseNotes.createdBy, readerId))!,
  ];
  if (page.after) {
    conditions.push(sql`(${caseNotes.contactOn}, ${caseNotes.id}) < (${page.after.contactOn}::date, ${page.after.id}::uuid)`);
  }
  return tx
    .select()
    .from(caseNotes)
    .where(and(...conditions))
    .orderBy(desc(caseNotes.contactOn), desc(caseNotes.id))
    .limit(page.limit);
}

/** One note of the case as this reader may see it (another member's draft is not found). */
export async function findNote(tx: Db, orgId: string, caseId: string, noteId: string, readerId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select()
    .from(caseNotes)
    .where(
      and(
        eq(caseNotes.orgId, orgId),
        eq(caseNotes.caseId, caseId),
        eq(caseNotes.id, noteId),
        or(eq(caseNotes.status, 'signed'), eq(caseNotes.createdBy, readerId)),
      ),
    )
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function insertNote(tx: Db, values: CaseNoteInsert): Promise<CaseNoteRow> {
  const [row] = await tx.insert(caseNotes).values(values).returning();
  return row!;
}

/** Changes a draft at the version read; undefined when it moved on or is no longer a draft. */
export async function updateDraft(
  tx: Db,
  orgId: string,
  noteId: string,
  version: number,
  values: Partial<Pick<CaseNoteInsert, 'contactOn' | 'contactType' | 'meaningful' | 'interpreterLanguage' | 'interpreterName' | 'durationMinutes' | 'goalIds' | 'narrative' | 'status' | 'signedBy' | 'signedAt'>>,
): Promise<CaseNoteRow | undefined> {
  const [row] = await tx
    .update(caseNotes)
    .set({ ...values, version: sql`${caseNotes.version} + 1`, updatedAt: new Date() })
    .where(and(eq(caseNotes.orgId, orgId), eq(caseNotes.id, noteId), eq(caseNotes.version, version), eq(caseNotes.status, 'draft')))
    .returning();
  return row;
}

export async function deleteDraft(tx: Db, orgId: string, noteId: string): Promise<boolean> {
  const rows = await tx
    .delete(caseNotes)
    .where(and(eq(caseNotes.orgId, orgId), eq(caseNotes.id, noteId), eq(caseNotes.status, 'draft')))
    .returning({ id: caseNotes.id });
  return rows.length > 0;
}

/** Addenda read for one page of notes (at most 200 notes): far more than corrections ever run to. */
export const ADDENDA_PER_PAGE_MAX = 5000;

export async function addendaOf(tx: Db, orgId: string, noteIds: string[]): Promise<NoteAddendumRow[]> {
  if (noteIds.length === 0) {
    return [];
  }
  return tx
    .select()
    .from(caseNoteAddenda)
    .where(and(eq(caseNoteAddenda.orgId, orgId), inArray(caseNoteAddenda.noteId, noteIds)))
    .orderBy(asc(caseNoteAddenda.createdAt), asc(caseNoteAddenda.id))
    .limit(ADDENDA_PER_PAGE_MAX);
}

export async function insertAddendum(tx: Db, values: typeof caseNoteAddenda.$inferInsert): Promise<NoteAddendumRow> {
  const [row] = await tx.insert(caseNoteAddenda).values(values).returning();
  return row!;
}

/** Every goal id of the case's plans (plans.goals[].id), whatever the plan's status. */
export async function goalIdsOfCase(tx: Db, orgId: string, caseId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ goals: plans.goals })
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.caseId, caseId)))
    .limit(500);
  return new Set(rows.flatMap((row) => (row.goals ?? []).map((goal) => goal.id)));
}

/**
 * Keeps cases.last_meaningful_contact_on equal to the newest contact date of the case's signed,
 * meaningful notes (the caseload and the contact rule read it). Not a user edit: the case's
 * version stays, so nobody editing the case is told it changed.
 */
export async function refreshLastMeaningfulContact(tx: Db, orgId: string, caseId: string): Promise<string | null> {
  const [row] = await tx
    .select({ newest: sql<string | null>`max(${caseNotes.contactOn})::text` })
    .from(caseNotes)
    .where(and(eq(caseNotes.orgId, orgId), eq(caseNotes.caseId, caseId), eq(caseNotes.status, 'signed'), eq(caseNotes.meaningful, true)));
  const newest = row?.newest ?? null;
  await tx
    .update(cases)
    .set({ lastMeaningfulContactOn: newest })
    .where(and(eq(cases.orgId, orgId), eq(cases.id, caseId)));
  return newest;
}

/** Display names of members named in records (authors, signers, deciders). */
export async function staffNames(tx: Db, userIds: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const ids = [...new Set([...userIds].filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(and(inArray(users.id, ids), isNotNull(users.displayName)));
  return new Map(rows.map((row) => [row.id, row.name]));
}
