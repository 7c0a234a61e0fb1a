import { z } from 'zod';
import { DEADLINE_KINDS } from '../deadlines/rule-table.js';
import { DECISION_BODIES, DECISION_OUTCOMES, MATTER_DEADLINE_SOURCES, MATTER_DEADLINE_STATUSES, MATTER_PARTY_ROLES, MATTER_STATUSES, MATTER_TYPES } from '../legal/matter.js';
import { CalendarDate, PastDate } from './client.js';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';

/**
 * Legal matters (issue 5): opening a matter, its list and page, the facts the deadline engine
 * reads and where each came from, its parties, and its deadlines with the history of what moved.
 */

export const MatterTypeField = z.enum(MATTER_TYPES, { error: 'Choose a matter type' });
export const MatterStatusField = z.enum(MATTER_STATUSES);
export const MatterPartyRoleField = z.enum(MATTER_PARTY_ROLES, { error: 'Choose a role' });

const Text = (max: number, emptyMessage: string) =>
  z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: `Use at most ${max} characters` });

/**
 * Facts as sent: an object checked by the deadline engine's own parser in the service, so every
 * error names `facts.<name>` exactly as RULES.md does.
 */
export const MatterFactsInput = z.record(z.string(), z.unknown(), { error: 'facts must be an object' });

export const MATTER_MESSAGES = {
  clientNotFound: 'Choose a client you can see',
  programNotFound: 'Choose a program',
  representativeNotMember: 'Choose an active member who works legal matters',
  stale: 'This matter was changed by someone else; reload it and try again',
  deadlineStale: 'This deadline was changed by someone else; reload it and try again',
  asOfNotStored: "A matter's deadlines are always computed as of today in the organization's time zone",
  notSupervisingAttorney: 'Choose a supervising attorney (an active attorney marked as supervising attorney)',
  clientPartyKept: "The client's own party entry cannot be removed",
  clientPartyAdded: 'The client is already a party to this matter',
  manualOnly: 'Only a deadline added by staff can be completed; a computed one is met by its filing',
  deadlineClosed: 'This deadline is no longer open',
  responsibleCannotRead: 'Choose an active member who can see this matter',
  representativeOfOthers: "Seeing someone else's matters needs access to every matter",
  representativeNotAssigned: 'This client is protected: a supervisor must first assign the representative to the client',
  supervisingAttorneyNotAssigned: 'This client is protected: a supervisor must first assign the supervising attorney to the client',
} as const;

export const MatterPartyInput = z.strictObject({
  role: MatterPartyRoleField,
  name: Text(200, 'Enter the name'),
  dateOfBirth: PastDate.optional(),
  relationship: z.string().trim().max(120, { error: 'Use at most 120 characters' }).optional(),
});
export type MatterPartyInput = z.infer<typeof MatterPartyInput>;

export const CreateMatterRequest = z.strictObject({
  clientId: Uuid,
  programId: Uuid,
  type: MatterTypeField,
  representativeId: Uuid.optional(),
  supervisingAttorneyId: Uuid.optional(),
  facts: MatterFactsInput.optional(),
  parties: z.array(MatterPartyInput).max(50, { error: 'At most 50 parties at once' }).optional(),
});
export type CreateMatterRequest = z.infer<typeof CreateMatterRequest>;

export const UpdateMatterRequest = z.strictObject({
  type: MatterTypeField.optional(),
  representativeId: Uuid.nullable().optional(),
  supervisingAttorneyId: Uuid.nullable().optional(),
  version: z.int().min(1),
});
export type UpdateMatterRequest = z.infer<typeof UpdateMatterRequest>;

export const PutMatterFactsRequest = z.strictObject({
  facts: MatterFactsInput,
  version: z.int().min(1),
});
export type PutMatterFactsRequest = z.infer<typeof PutMatterFactsRequest>;

export const MATTER_LIST_SCOPES = ['mine', 'readable'] as const;

export const MatterListQuery = z.strictObject({
  /** mine (default): matters I represent, or opened and still screening; readable: every matter I may see. */
  scope: z.enum(MATTER_LIST_SCOPES).optional(),
  status: MatterStatusField.optional(),
  type: MatterTypeField.optional(),
  programId: Uuid.optional(),
  clientId: Uuid.optional(),
  representativeId: Uuid.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type MatterListQuery = z.infer<typeof MatterListQuery>;

/** Where a fact the engine read came from. */
export const FactSource = z.discriminatedUnion('kind', [
  /** Entered on the matter by staff. */
  z.object({ kind: z.literal('matter') }),
  /** The client record (date of birth, last arrival). */
  z.object({ kind: z.literal('client') }),
  /** A filing: the I-589's received date, or its filed date while no receipt is recorded. */
  z.object({ kind: z.literal('filing'), filingId: Uuid, form: z.string(), field: z.enum(['receivedOn', 'filedOn']) }),
  /** A decision: its date, or the date it became final. */
  z.object({
    kind: z.literal('decision'),
    decisionId: Uuid,
    body: z.enum(DECISION_BODIES),
    outcome: z.enum(DECISION_OUTCOMES),
    field: z.enum(['decidedOn', 'finalOn']),
  }),
  /** Implied by the matter type (a defensive asylum matter is in removal proceedings). */
  z.object({ kind: z.literal('matter_type') }),
]);
export type FactSource = z.infer<typeof FactSource>;

export const DeadlineChange = z.object({
  ruleId: z.string(),
  title: z.string(),
  fromDueOn: z.string().nullable(),
  toDueOn: z.string().nullable(),
  fromStatus: z.enum(MATTER_DEADLINE_STATUSES).nullable(),
  toStatus: z.enum(MATTER_DEADLINE_STATUSES),
});
export type DeadlineChange = z.infer<typeof DeadlineChange>;

const PersonRef = z.object({ id: Uuid, name: z.string() });

export const MatterSummary = z.object({
  id: Uuid,
  reference: z.string(),
  type: MatterTypeField,
  status: MatterStatusField,
  clientId: Uuid,
  clientName: z.string(),
  programId: Uuid,
  programName: z.string(),
  representative: PersonRef.nullable(),
  openedOn: z.string(),
  /** `ruleId` null for a manual deadline (its title is what staff typed); otherwise the app translates the rule's title. */
  nextDeadline: z.object({ id: Uuid, dueOn: z.string(), title: z.string(), ruleId: z.string().nullable() }).nullable(),
});
export type MatterSummary = z.infer<typeof MatterSummary>;

export const MatterPage = z.object({ items: z.array(MatterSummary), nextCursor: z.string().nullable() });
export type MatterPage = z.infer<typeof MatterPage>;

export const MatterDetail = MatterSummary.extend({
  client: z.object({
    id: Uuid,
    name: z.string(),
    initials: z.string(),
    preferredLanguage: z.string().nullable(),
    isProtected: z.boolean(),
  }),
  supervisingAttorney: PersonRef.nullable(),
  createdBy: Uuid,
  closedOn: z.string().nullable(),
  /** The facts entered on the matter. */
  facts: z.record(z.string(), z.unknown()),
  /** What the engine reads: the matter's facts with those from the client, filings and decisions. */
  effectiveFacts: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), FactSource),
  /** Today in the organization's time zone: the day deadlines are judged on. */
  asOf: z.string(),
  capabilities: z.object({ canManage: z.boolean(), canDecide: z.boolean() }),
  version: z.int(),
});
export type MatterDetail = z.infer<typeof MatterDetail>;

export const MatterFactsResponse = z.object({ matter: MatterDetail, changes: z.array(DeadlineChange) });
export type MatterFactsResponse = z.infer<typeof MatterFactsResponse>;

export const CredentialSummary = z.object({
  kind: z.enum(['attorney', 'accredited_representative']),
  barState: z.string().nullable(),
  barStatus: z.string().nullable(),
  accreditationLevel: z.string().nullable(),
  expiresOn: z.string().nullable(),
  supervisingAttorney: z.boolean(),
});

export const MatterRepresentative = z.object({
  id: Uuid,
  name: z.string(),
  role: z.string(),
  credentials: z.array(CredentialSummary),
});
export type MatterRepresentative = z.infer<typeof MatterRepresentative>;
export const MatterRepresentativeList = z.object({ items: z.array(MatterRepresentative) });

export const MatterParty = z.object({
  id: Uuid,
  role: MatterPartyRoleField,
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  relationship: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type MatterParty = z.infer<typeof MatterParty>;
export const MatterPartyList = z.object({ items: z.array(MatterParty) });

export const DeadlineNoteOut = z.object({ type: z.string(), text: z.string() });

export const MatterDeadline = z.object({
  id: Uuid,
  matterId: Uuid,
  source: z.enum(MATTER_DEADLINE_SOURCES),
  ruleId: z.string().nullable(),
  ruleVersion: z.string().nullable(),
  kind: z.enum(DEADLINE_KINDS),
  title: z.string(),
  citation: z.string().nullable(),
  explanation: z.string().nullable(),
  notes: z.array(DeadlineNoteOut),
  attorneyReview: z.boolean(),
  dueOn: z.string(),
  status: z.enum(MATTER_DEADLINE_STATUSES),
  metByFilingId: Uuid.nullable(),
  responsible: PersonRef,
  acknowledgedAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  version: z.int(),
});
export type MatterDeadline = z.infer<typeof MatterDeadline>;

export const DeadlineHistoryEntry = z.object({
  id: Uuid,
  occurredAt: IsoDateTime,
  /** Null when Haven itself moved it (the hourly recompute as days pass). */
  actor: PersonRef.nullable(),
  cause: z.string(),
  changes: z.array(DeadlineChange),
});
export type DeadlineHistoryEntry = z.infer<typeof DeadlineHistoryEntry>;

export const MatterDeadlinesResponse = z.object({
  items: z.array(MatterDeadline),
  history: z.array(DeadlineHistoryEntry),
});
export type MatterDeadlinesResponse = z.infer<typeof MatterDeadlinesResponse>;

export const CreateManualDeadlineRequest = z.strictObject({
  title: Text(200, 'Say what is due'),
  dueOn: CalendarDate,
  responsibleId: Uuid,
  note: z.string().trim().max(2000, { error: 'Use at most 2000 characters' }).optional(),
});
export type CreateManualDeadlineRequest = z.infer<typeof CreateManualDeadlineRequest>;

export const CompleteDeadlineRequest = z.strictObject({ version: z.int().min(1) });
export type CompleteDeadlineRequest = z.infer<typeof CompleteDeadlineRequest>;

export const AssignDeadlineRequest = z.strictObject({ responsibleId: Uuid, version: z.int().min(1) });
export type AssignDeadlineRequest = z.infer<typeof AssignDeadlineRequest>;
