/**
 * Response types inferred from the shared zod schemas in @haven/domain, so the web app and the API
 * cannot drift apart silently.
 */
import type { z } from 'zod';
import type {
  AuditEventResponse,
  AuditPage,
  ClientPage,
  ClientResponse,
  DuplicateCandidates,
  HouseholdPage,
  HouseholdResponse,
  InvitationPreview,
  InvitationResponse,
  MemberResponse,
  MfaSetupResponse,
  OfficeResponse,
  OrganizationResponse,
  OutboxMessage,
  ProgramResponse,
  SessionResponse,
} from '@haven/domain';

export type Session = z.infer<typeof SessionResponse>;
export type Organization = z.infer<typeof OrganizationResponse>;
export type Member = z.infer<typeof MemberResponse>;
export type Invitation = z.infer<typeof InvitationResponse>;
export type InvitationPreviewData = z.infer<typeof InvitationPreview>;
export type Program = z.infer<typeof ProgramResponse>;
export type Office = z.infer<typeof OfficeResponse>;
export type AuditEvent = z.infer<typeof AuditEventResponse>;
export type AuditPageData = z.infer<typeof AuditPage>;
export type Client = z.infer<typeof ClientResponse>;
export type ClientPageData = z.infer<typeof ClientPage>;
export type ClientHit = ClientPageData['items'][number];
export type DuplicateCandidateList = z.infer<typeof DuplicateCandidates>;
export type DuplicateCandidateItem = DuplicateCandidateList['items'][number];
export type Household = z.infer<typeof HouseholdResponse>;
export type HouseholdMember = Household['members'][number];
export type HouseholdPageData = z.infer<typeof HouseholdPage>;
export type Outbox = z.infer<typeof OutboxMessage>;
export type MfaSetup = z.infer<typeof MfaSetupResponse>;

export interface ItemList<T> {
  items: T[];
}

export interface RoleActions {
  role: string;
  actions: string[];
}
