import { z } from 'zod';
import { Cursor, IsoDateTime, Limit, Uuid } from './common.js';
import { PastDate } from './client.js';

/** Each member's relationship to the head of household (who is 'head'). */
export const RELATIONSHIPS = [
  'head',
  'spouse',
  'partner',
  'child',
  'stepchild',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other_relative',
  'non_relative',
] as const;
export const Relationship = z.enum(RELATIONSHIPS);
export type Relationship = z.infer<typeof Relationship>;

const HouseholdName = z
  .string()
  .trim()
  .min(1, { error: 'Enter a household name' })
  .max(120, { error: 'Use at most 120 characters' });

export const NewHouseholdMember = z.strictObject({
  clientId: Uuid,
  relationship: Relationship,
  joinedOn: PastDate,
});

export const CreateHouseholdRequest = z.strictObject({
  name: HouseholdName,
  members: z.array(NewHouseholdMember).min(1, { error: 'Add at least one person' }).max(30),
});
export type CreateHouseholdRequest = z.infer<typeof CreateHouseholdRequest>;

export const UpdateHouseholdRequest = z.strictObject({
  name: HouseholdName,
  version: z.number().int().min(1),
});

export const AddHouseholdMemberRequest = NewHouseholdMember;

/** Change a membership: the relationship, or the day the person left (null: they are back). */
export const UpdateHouseholdMemberRequest = z.strictObject({
  relationship: Relationship.optional(),
  leftOn: PastDate.nullable().optional(),
});

export const HouseholdMemberParams = z.strictObject({ id: Uuid, memberId: Uuid });

export const HouseholdMemberResponse = z.object({
  id: Uuid,
  clientId: Uuid,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string().nullable(),
  relationship: Relationship,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  /** Living in the household now (has not left). */
  isCurrent: z.boolean(),
});

export const HouseholdResponse = z.object({
  id: Uuid,
  name: z.string(),
  version: z.number().int(),
  /** Everyone the caller may see, current members first; protected people they may not see are left out. */
  members: z.array(HouseholdMemberResponse),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type HouseholdResponse = z.infer<typeof HouseholdResponse>;

export const HouseholdSummary = z.object({
  id: Uuid,
  name: z.string(),
  currentMembers: z.number().int(),
  createdAt: IsoDateTime,
});

export const HouseholdQuery = z.strictObject({
  /** Households this client belongs or belonged to. */
  clientId: Uuid.optional(),
  q: z.string().trim().max(120).optional(),
  limit: Limit,
  cursor: Cursor,
});

export const HouseholdPage = z.object({ items: z.array(HouseholdSummary), nextCursor: z.string().nullable() });
