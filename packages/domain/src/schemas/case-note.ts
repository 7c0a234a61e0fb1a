import { z } from 'zod';
import { CalendarDate } from './client.js';
import { Cursor, IsoDateTime, Limit, page, Uuid } from './common.js';

/** How the case manager and the client were in touch (seed 004: intensive case management contacts). */
export const CONTACT_TYPES = ['in_person', 'home_visit', 'phone', 'video', 'message'] as const;
export const ContactType = z.enum(CONTACT_TYPES);
export type ContactType = z.infer<typeof ContactType>;

export const CASE_NOTE_STATUSES = ['draft', 'signed'] as const;
export type CaseNoteStatus = (typeof CASE_NOTE_STATUSES)[number];

/** Messages the notes service answers with; the web app translates them (forms.ts KNOWN_MESSAGES). */
export const CASE_NOTE_MESSAGES = {
  futureContact: "A note can't be dated in the future",
  beforeOpened: "A note can't be dated before the case was opened",
  unknownGoal: "Link only goals of this case's plans",
  signedImmutable: "A signed note can't be changed; add an addendum instead",
  authorOnly: 'Only the author can change or sign a draft note',
  addendumOnSigned: 'Sign the note first; a draft can still be edited',
  narrative: 'Write what happened',
  addendum: 'Write the addendum',
  interpreterLanguage: 'Enter the interpreted language',
  goalTwice: 'A goal is listed twice',
} as const;

const Name = (max: number, empty: string) =>
  z
    .string()
    .trim()
    .min(1, { error: empty })
    .max(max, { error: `Use at most ${max} characters` });

export const NoteInterpreter = z.strictObject({
  /** As staff say it ("Dari", "prs"): the language interpreted, not the client's record. */
  language: Name(60, CASE_NOTE_MESSAGES.interpreterLanguage),
  /** Who interpreted (a staff interpreter, a phone line). Leave out when unknown. */
  name: Name(200, 'Enter who interpreted').optional(),
});
export type NoteInterpreter = z.infer<typeof NoteInterpreter>;

const noteFields = {
  contactOn: CalendarDate,
  contactType: ContactType,
  /** A meaningful interaction counts toward the program's contact rule (settings.ts contactRule). */
  meaningful: z.boolean(),
  interpreter: NoteInterpreter.optional(),
  durationMinutes: z.int().min(1).max(1440).optional(),
  /** Goal ids of this case's plans (plans.goals[].id). */
  goalIds: z
    .array(z.string().trim().min(1).max(100))
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, { error: CASE_NOTE_MESSAGES.goalTwice })
    .optional(),
  narrative: Name(20_000, CASE_NOTE_MESSAGES.narrative),
};

export const CreateCaseNoteRequest = z.strictObject({
  ...noteFields,
  /** Sign at once: the note can never be edited afterwards. */
  sign: z.boolean().optional(),
});
export type CreateCaseNoteRequest = z.infer<typeof CreateCaseNoteRequest>;

/** A draft's whole content again, with the version that was read. */
export const UpdateCaseNoteRequest = z.strictObject({ ...noteFields, version: z.int().min(1) });
export type UpdateCaseNoteRequest = z.infer<typeof UpdateCaseNoteRequest>;

export const SignCaseNoteRequest = z.strictObject({ version: z.int().min(1) });
export type SignCaseNoteRequest = z.infer<typeof SignCaseNoteRequest>;

export const CreateNoteAddendumRequest = z.strictObject({ text: Name(4000, CASE_NOTE_MESSAGES.addendum) });
export type CreateNoteAddendumRequest = z.infer<typeof CreateNoteAddendumRequest>;

export const CaseNoteParams = z.strictObject({ id: Uuid, noteId: Uuid });
export const CaseNoteQuery = z.strictObject({ limit: Limit, cursor: Cursor });
export type CaseNoteQuery = z.infer<typeof CaseNoteQuery>;

/** A member named in a record: their id and display name. */
export const CaseWorkerRef = z.object({ id: Uuid, name: z.string() });
export type CaseWorkerRef = z.infer<typeof CaseWorkerRef>;

export const NoteAddendumResponse = z.object({
  id: Uuid,
  text: z.string(),
  author: CaseWorkerRef,
  createdAt: IsoDateTime,
});
export type NoteAddendumResponse = z.infer<typeof NoteAddendumResponse>;

export const CaseNoteResponse = z.object({
  id: Uuid,
  caseId: Uuid,
  contactOn: z.string(),
  contactType: ContactType,
  meaningful: z.boolean(),
  interpreter: z.object({ language: z.string(), name: z.string().nullable() }).nullable(),
  durationMinutes: z.number().int().nullable(),
  goalIds: z.array(z.string()),
  narrative: z.string(),
  status: z.enum(CASE_NOTE_STATUSES),
  author: CaseWorkerRef,
  signedBy: CaseWorkerRef.nullable(),
  signedAt: IsoDateTime.nullable(),
  /** Corrections and additions after signing, oldest first. */
  addenda: z.array(NoteAddendumResponse),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CaseNoteResponse = z.infer<typeof CaseNoteResponse>;

export const CaseNotePage = page(CaseNoteResponse);
export type CaseNotePage = z.infer<typeof CaseNotePage>;
