import { sql } from 'drizzle-orm';
import type {
  AccreditationLevel,
  BarStatus,
  CaseStage,
  CheckinAgency,
  CheckinStatus,
  CredentialKind,
  DeadlineKind,
  DecisionBody,
  DecisionOutcome,
  FilingStatus,
  HearingStatus,
  HearingType,
  MatterClosingReason,
  MatterDeadlineSource,
  MatterDeadlineStatus,
  MatterPartyRole,
  MatterStatus,
  MatterType,
  PaymentMethod,
  PovertyRegion,
  TicklerItemKind,
  WaiverStatus,
  CaseStatus,
  EligibilityEvaluation,
  ImmigrationStatus,
  InstrumentDomain,
  IntakeData,
  ProgramCaseSettings,
  ProgramEligibilityRules,
} from '@haven/domain';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/*
 * Platform tables (no org_id): identity and sessions. They are read and written only by the
 * auth layer running as the table owner, never inside a tenant transaction; the app role gets
 * no access to sessions or secrets (see migrations/0001_rls.sql).
 */

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  mfaRequired: boolean('mfa_required').notNull().default(false),
  languages: text('languages').array().notNull().default(sql`ARRAY['en','es','ar']::text[]`),
  defaultLocale: text('default_locale').notNull().default('en'),
  /** IANA time zone: "today" for eligibility and deadlines is the organization's calendar day. */
  timeZone: text('time_zone').notNull().default('America/New_York'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    /** AES-256-GCM ciphertext of the TOTP secret (never stored in clear). */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** Last accepted TOTP time step: a code from this step or earlier is a replay. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database leak yields no usable session. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activeOrgId: uuid('active_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    /** Absolute lifetime: activity never extends a session past this. */
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per normalized email, whether or not an account exists (no enumeration). */
export const loginThrottle = pgTable('login_throttle', {
  emailKey: text('email_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
});

export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
);

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/*
 * Tenant tables: org_id leads every key (so the schema can be distributed by organization), and
 * row-level security restricts every row to the transaction's app.org_id.
 */

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    status: text('status').notNull().default('active'),
    /** The daily email of due and overdue tasks; a member can turn it off. */
    taskDigest: boolean('task_digest').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_org_created_idx').on(t.orgId, t.createdAt.desc()),
  ],
);

export const programs = pgTable(
  'programs',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    code: text('code'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    /** ProgramEligibilityRules (packages/domain); null means the default for the code, else everyone. */
    eligibilityRules: jsonb('eligibility_rules').$type<ProgramEligibilityRules>(),
    /** ProgramCaseSettings (packages/domain/cases/settings.ts); missing fields take the defaults. */
    caseSettings: jsonb('case_settings').$type<Partial<ProgramCaseSettings>>(),
    /** ProgramLegalSettings (packages/domain/legal/settings.ts): reminder offsets, selection criteria, retention. */
    legalSettings: jsonb('legal_settings').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('programs_org_code_key').on(t.orgId, t.code)],
);

export const offices = pgTable(
  'offices',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export interface ClientLanguageJson {
  language: string;
  proficiency: 'native' | 'fluent' | 'conversational' | 'basic' | 'none';
}
export interface ClientPhoneJson {
  number: string;
  kind: 'mobile' | 'home' | 'work' | 'other';
  whatsapp: boolean;
  sms: boolean;
}
export interface ClientAddressJson {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
  movedIn?: string;
  movedOut?: string;
}
export interface ClientStatusJson {
  status: ImmigrationStatus;
  effectiveFrom: string;
  effectiveTo?: string;
  evidence?: string;
}

/**
 * The client record. Lists of values the record owns (phones, languages, address and status
 * history) are jsonb; identifiers live in client_identifiers (encrypted, with a blind index).
 * search_name and phone_keys are derived on every write; a trigger copies them into the
 * client_search table, whose trigram and phone indexes answer searches (migrations/0009).
 */
export const clients = pgTable(
  'clients',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    middleName: text('middle_name'),
    preferredName: text('preferred_name'),
    nativeName: text('native_name'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    dateOfBirthEstimated: boolean('date_of_birth_estimated').notNull().default(false),
    sex: text('sex').$type<'female' | 'male' | 'intersex' | 'unknown'>(),
    gender: text('gender'),
    countryOfBirth: text('country_of_birth'),
    nationalities: text('nationalities').array().notNull().default(sql`'{}'::text[]`),
    languages: jsonb('languages').$type<ClientLanguageJson[]>().notNull().default([]),
    preferredLanguage: text('preferred_language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    phones: jsonb('phones').$type<ClientPhoneJson[]>().notNull().default([]),
    email: text('email'),
    addresses: jsonb('addresses').$type<ClientAddressJson[]>().notNull().default([]),
    firstArrivalDate: date('first_arrival_date', { mode: 'string' }),
    lastArrivalDate: date('last_arrival_date', { mode: 'string' }),
    statuses: jsonb('statuses').$type<ClientStatusJson[]>().notNull().default([]),
    /** VAWA / T / U protection (8 USC 1367): invisible to everyone not assigned. */
    isProtected: boolean('is_protected').notNull().default(false),
    protectionBasis: text('protection_basis').$type<'vawa' | 't_visa' | 'u_visa' | 'safety'>(),
    suspectedAbuser: boolean('suspected_abuser').notNull().default(false),
    /** Lower-cased, accent- and diacritic-free names and aliases, for trigram search. */
    searchName: text('search_name').notNull().default(''),
    /** Phone digits (and the last ten digits) for exact phone lookup. */
    phoneKeys: text('phone_keys').array().notNull().default(sql`'{}'::text[]`),
    /** Set when this record was merged into another; it then no longer appears anywhere. */
    mergedInto: uuid('merged_into'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('clients_org_name_idx').on(t.orgId, t.familyName, t.givenName, t.id),
    index('clients_org_dob_idx').on(t.orgId, t.dateOfBirth),
  ],
);

export const IDENTIFIER_KINDS = ['a_number', 'receipt_number', 'i94', 'ssn'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * Identifiers, sealed with AES-256-GCM at rest. lookup_hash is an HMAC of kind and normalized
 * value (a blind index): exact lookup and the one-per-organization rule work without the
 * plaintext ever being stored or compared in SQL.
 */
export const clientIdentifiers = pgTable(
  'client_identifiers',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    kind: text('kind').$type<IdentifierKind>().notNull(),
    valueSealed: text('value_sealed').notNull(),
    lookupHash: text('lookup_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    uniqueIndex('client_identifiers_lookup_key').on(t.orgId, t.kind, t.lookupHash),
    index('client_identifiers_client_idx').on(t.orgId, t.clientId),
  ],
);

export const clientAssignments = pgTable(
  'client_assignments',
  {
    orgId: uuid('org_id').notNull(),
    clientId: uuid('client_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.userId] }),
    index('client_assignments_user_idx').on(t.orgId, t.userId),
  ],
);

/** A household: people who live together, grouped over time. */
export const households = pgTable(
  'households',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('households_org_name_idx').on(t.orgId, t.name, t.id)],
);

/**
 * A person's membership of a household, with dates: people join and leave, and one person can
 * belong to several households over time. left_on null means they are there now.
 */
export const householdMembers = pgTable(
  'household_members',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    householdId: uuid('household_id').notNull(),
    clientId: uuid('client_id').notNull(),
    /** Relationship to the head of household; the head is 'head'. */
    relationship: text('relationship').notNull(),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.householdId], foreignColumns: [households.orgId, households.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index('household_members_household_idx').on(t.orgId, t.householdId),
    index('household_members_client_idx').on(t.orgId, t.clientId),
  ],
);

/**
 * A guided intake, saved step by step: it may be left and resumed, and it ends in enrollment.
 * `data` holds the answers so far (IntakeData in packages/domain).
 */
export const intakes = pgTable(
  'intakes',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    status: text('status').$type<'in_progress' | 'completed' | 'abandoned'>().notNull().default('in_progress'),
    step: text('step').notNull().default('people'),
    data: jsonb('data').$type<IntakeData>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    completedAt: ts('completed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('intakes_org_status_idx').on(t.orgId, t.status, t.updatedAt.desc())],
);

/**
 * A request to make an exception to a rule (an eligibility override), decided by a supervisor
 * with a written reason.
 */
export const exceptionRequests = pgTable(
  'exception_requests',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<'eligibility_override'>().notNull(),
    clientId: uuid('client_id').notNull(),
    programId: uuid('program_id'),
    reason: text('reason').notNull(),
    status: text('status').$type<'requested' | 'approved' | 'denied'>().notNull().default('requested'),
    requestedBy: uuid('requested_by').notNull(),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index('exception_requests_org_status_idx').on(t.orgId, t.status, t.createdAt.desc()),
    index('exception_requests_client_idx').on(t.orgId, t.clientId),
  ],
);

/**
 * A client's enrollment in a program: the service tier and why (seed 001's two tiers), the
 * eligibility as computed on the day, and any exception that allowed it.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    programId: uuid('program_id').notNull(),
    intakeId: uuid('intake_id'),
    serviceTier: text('service_tier').$type<'orientation_referrals' | 'comprehensive'>().notNull(),
    tierReason: text('tier_reason').notNull(),
    enrolledOn: date('enrolled_on', { mode: 'string' }).notNull(),
    status: text('status').$type<'active' | 'exited'>().notNull().default('active'),
    exitedOn: date('exited_on', { mode: 'string' }),
    exitReason: text('exit_reason'),
    eligibility: jsonb('eligibility').$type<EligibilityEvaluation>().notNull(),
    exceptionRequestId: uuid('exception_request_id'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }),
    index('enrollments_client_idx').on(t.orgId, t.clientId),
    index('enrollments_program_idx').on(t.orgId, t.programId, t.status),
    // One active enrollment per client and program.
    uniqueIndex('enrollments_active_key').on(t.orgId, t.clientId, t.programId).where(sql`status = 'active'`),
  ],
);

/**
 * Files kept for a client (a signed consent form, later case documents). The bytes live in
 * storage (local disk by default) under storage_key; the row holds what is needed to serve and
 * check them.
 */
export const documents = pgTable(
  'documents',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    /** Set when the file belongs to a case (a receipt, a case document) rather than only the client. */
    caseId: uuid('case_id'),
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index('documents_client_idx').on(t.orgId, t.clientId, t.createdAt.desc()),
  ],
);

/**
 * A client's consent to share information: with whom, for what, which data, signed by whom,
 * until when; revocable. Whatever shares data later checks for a consent in force.
 */
export const consents = pgTable(
  'consents',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    clientId: uuid('client_id').notNull(),
    recipientKind: text('recipient_kind').$type<'organization' | 'program'>().notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientProgramId: uuid('recipient_program_id'),
    purpose: text('purpose').notNull(),
    dataCategories: text('data_categories').array().notNull(),
    signedBy: text('signed_by').$type<'client' | 'guardian'>().notNull(),
    signerName: text('signer_name').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    formLanguage: text('form_language').notNull(),
    documentId: uuid('document_id'),
    revokedOn: date('revoked_on', { mode: 'string' }),
    revocationReason: text('revocation_reason'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index('consents_client_idx').on(t.orgId, t.clientId, t.signedOn.desc()),
  ],
);

/**
 * A spreadsheet of clients on its way in: uploaded, mapped, checked (dry run), imported — all
 * rows in one transaction or none. The file is kept until the import ends.
 */
export const clientImports = pgTable(
  'client_imports',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    filename: text('filename').notNull(),
    format: text('format').$type<'csv' | 'xlsx'>().notNull(),
    /** The uploaded bytes, base64; cleared once the import has run. */
    content: text('content'),
    columns: text('columns').array().notNull(),
    /** Column header → client field. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    /** How the file writes dates that are not YYYY-MM-DD (ImportDateFormat). */
    dateFormat: text('date_format').$type<'iso' | 'month_first' | 'day_first'>().notNull().default('iso'),
    status: text('status').$type<'uploaded' | 'checked' | 'importing' | 'completed' | 'failed'>().notNull().default('uploaded'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows'),
    importedRows: integer('imported_rows'),
    /** The dry run's report: [{ row, field, message }], capped. */
    errors: jsonb('errors').$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('client_imports_org_idx').on(t.orgId, t.createdAt.desc())],
);

/*
 * Case management (issue 4): a case is a client's (or household's) enrollment worked by a case
 * manager through the six stages of seed 003, with its assessments, plan, notes, services and
 * money, monitored by tasks, reviewed by a supervisor, and closed with a reason.
 */

export interface CaseClosureJson {
  reason: 'goals_met' | 'self_sufficient' | 'moved' | 'declined' | 'lost_contact' | 'transferred' | 'deceased' | 'other';
  reasonDetail?: string;
  /** The closing checklist: item key → done. */
  checklist: Record<string, boolean>;
  summary: string;
  closedOn: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
}

export const cases = pgTable(
  'cases',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    /** A short per-organization reference staff say aloud ("C-2026-0042"). */
    reference: text('reference').notNull(),
    clientId: uuid('client_id').notNull(),
    householdId: uuid('household_id'),
    enrollmentId: uuid('enrollment_id').notNull(),
    programId: uuid('program_id').notNull(),
    primaryCaseManagerId: uuid('primary_case_manager_id').notNull(),
    supervisorId: uuid('supervisor_id'),
    stage: text('stage').$type<CaseStage>().notNull().default('engagement'),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    closure: jsonb('closure').$type<CaseClosureJson>(),
    /** Kept by the notes service: the newest signed meaningful contact, for caseload and monitoring. */
    lastMeaningfulContactOn: date('last_meaningful_contact_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ columns: [t.orgId, t.enrollmentId], foreignColumns: [enrollments.orgId, enrollments.id] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }),
    uniqueIndex('cases_org_reference_key').on(t.orgId, t.reference),
    // One case per enrollment (a household case hangs on the head of household's enrollment).
    uniqueIndex('cases_enrollment_key').on(t.orgId, t.enrollmentId),
    index('cases_caseload_idx').on(t.orgId, t.primaryCaseManagerId, t.status),
    index('cases_supervisor_idx').on(t.orgId, t.supervisorId, t.status),
    index('cases_client_idx').on(t.orgId, t.clientId),
    index('cases_program_idx').on(t.orgId, t.programId, t.status),
  ],
);

/** The case's own chain of events (opened, stage moves, transfers, closure, reopening, risk flags). */
export const caseEvents = pgTable(
  'case_events',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').notNull(),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    /** Kind-specific details: from/to stage, hand-off note, closure reason… Never identifiers. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('case_events_case_idx').on(t.orgId, t.caseId, t.occurredAt.desc()),
  ],
);

/** An assessment instrument: its domains, versioned (a change makes a new row with version + 1). */
export const assessmentInstruments = pgTable(
  'assessment_instruments',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    /** Shared by every version of one instrument. */
    familyId: uuid('family_id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    domains: jsonb('domains').$type<InstrumentDomain[]>().notNull(),
    /** The version offered for new assessments; older versions stay for the assessments made with them. */
    current: boolean('current').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('assessment_instruments_version_key').on(t.orgId, t.familyId, t.version),
  ],
);

export interface AssessmentScoreJson {
  domain: string;
  score: number;
  strengths?: string;
  barriers?: string;
}

export const assessments = pgTable(
  'assessments',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    clientId: uuid('client_id').notNull(),
    instrumentId: uuid('instrument_id').notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    scores: jsonb('scores').$type<AssessmentScoreJson[]>().notNull(),
    summary: text('summary'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.instrumentId], foreignColumns: [assessmentInstruments.orgId, assessmentInstruments.id] }),
    index('assessments_case_idx').on(t.orgId, t.caseId, t.assessedOn.desc()),
    index('assessments_client_idx').on(t.orgId, t.clientId, t.assessedOn),
  ],
);

export interface PlanStepJson {
  id: string;
  what: string;
  ownerKind: 'client' | 'case_manager' | 'other';
  ownerName?: string;
  dueOn: string;
  doneOn?: string;
}
export interface PlanGoalJson {
  id: string;
  what: string;
  measure: string;
  target: string;
  dueOn: string;
  domain: string;
  barrier?: string;
  status: 'open' | 'achieved' | 'dropped';
  steps: PlanStepJson[];
}
export interface PlanBarrierJson {
  barrier: string;
  strategy: string;
  domain?: string;
}
export interface PlanStrengthJson {
  strength: string;
  buildOn: string;
  domain?: string;
}
export interface PlanBudgetLineJson {
  item: string;
  fundingSource: string;
  amountCents: number;
}

/** A self-sufficiency / service plan. One row holds the whole plan so one version guards it all. */
export const plans = pgTable(
  'plans',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    status: text('status').$type<'draft' | 'submitted' | 'approved' | 'superseded'>().notNull().default('draft'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    reviewOn: date('review_on', { mode: 'string' }),
    goals: jsonb('goals').$type<PlanGoalJson[]>().notNull().default([]),
    barriers: jsonb('barriers').$type<PlanBarrierJson[]>().notNull().default([]),
    strengths: jsonb('strengths').$type<PlanStrengthJson[]>().notNull().default([]),
    budget: jsonb('budget').$type<PlanBudgetLineJson[]>().notNull().default([]),
    /** The earliest due date of an open goal, kept by a trigger from `goals` (migrations/0016): plans past due without reading JSON. */
    openGoalDueOn: date('open_goal_due_on', { mode: 'string' }),
    submittedBy: uuid('submitted_by'),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('plans_case_idx').on(t.orgId, t.caseId, t.createdAt.desc()),
    index('plans_status_idx').on(t.orgId, t.status),
  ],
);

/**
 * A case note. Drafts can be edited; once signed a note is never changed (a trigger refuses it,
 * migrations/0014) — corrections are addenda.
 */
export const caseNotes = pgTable(
  'case_notes',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    clientId: uuid('client_id').notNull(),
    contactOn: date('contact_on', { mode: 'string' }).notNull(),
    contactType: text('contact_type').$type<'in_person' | 'home_visit' | 'phone' | 'video' | 'message'>().notNull(),
    meaningful: boolean('meaningful').notNull(),
    interpreterLanguage: text('interpreter_language'),
    interpreterName: text('interpreter_name'),
    durationMinutes: integer('duration_minutes'),
    goalIds: text('goal_ids').array().notNull().default(sql`'{}'::text[]`),
    narrative: text('narrative').notNull(),
    status: text('status').$type<'draft' | 'signed'>().notNull().default('draft'),
    signedBy: uuid('signed_by'),
    signedAt: ts('signed_at'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('case_notes_case_idx').on(t.orgId, t.caseId, t.contactOn.desc(), t.id),
    // The monthly contact report reads signed meaningful notes by date.
    index('case_notes_contact_idx').on(t.orgId, t.contactOn).where(sql`status = 'signed' AND meaningful`),
  ],
);

export const caseNoteAddenda = pgTable(
  'case_note_addenda',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    noteId: uuid('note_id').notNull(),
    caseId: uuid('case_id').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.noteId], foreignColumns: [caseNotes.orgId, caseNotes.id] }),
    index('case_note_addenda_note_idx').on(t.orgId, t.noteId, t.createdAt),
  ],
);

/** A service given (type, date, units, funding source, provider). */
export const caseServices = pgTable(
  'case_services',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    clientId: uuid('client_id').notNull(),
    serviceType: text('service_type').notNull(),
    providedOn: date('provided_on', { mode: 'string' }).notNull(),
    units: integer('units').notNull().default(1),
    unitKind: text('unit_kind').notNull().default('session'),
    fundingSource: text('funding_source'),
    provider: text('provider'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('case_services_case_idx').on(t.orgId, t.caseId, t.providedOn.desc()),
    index('case_services_date_idx').on(t.orgId, t.providedOn),
  ],
);

/** What a case may spend from one funding source. */
export const caseBudgets = pgTable(
  'case_budgets',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    fundingSource: text('funding_source').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    uniqueIndex('case_budgets_source_key').on(t.orgId, t.caseId, t.fundingSource),
  ],
);

/** Money given to or for a client, against a budget; above the program threshold it waits for approval. */
export const disbursements = pgTable(
  'disbursements',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    budgetId: uuid('budget_id').notNull(),
    kind: text('kind').$type<'cash' | 'gift_card' | 'rent' | 'utility' | 'transport' | 'other'>().notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    payee: text('payee').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    purpose: text('purpose'),
    receiptDocumentId: uuid('receipt_document_id'),
    status: text('status').$type<'pending_approval' | 'approved' | 'denied'>().notNull(),
    requestedBy: uuid('requested_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.budgetId], foreignColumns: [caseBudgets.orgId, caseBudgets.id] }),
    index('disbursements_case_idx').on(t.orgId, t.caseId, t.paidOn.desc()),
    index('disbursements_status_idx').on(t.orgId, t.status),
  ],
);

/** A risk flag with the records it requires: a safety plan and, for child abuse, a mandatory report. */
export const riskFlags = pgTable(
  'risk_flags',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').$type<'suicidal_ideation' | 'family_violence' | 'child_abuse_neglect'>().notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    status: text('status').$type<'open' | 'resolved'>().notNull().default('open'),
    safetyPlan: jsonb('safety_plan').$type<{ summary: string; recordedOn: string; recordedBy: string }>(),
    mandatoryReport: jsonb('mandatory_report').$type<{ reportedBy: string; reportedOn: string; agency: string; reference: string }>(),
    raisedBy: uuid('raised_by').notNull(),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: ts('resolved_at'),
    resolutionNote: text('resolution_note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('risk_flags_case_idx').on(t.orgId, t.caseId),
    index('risk_flags_open_idx').on(t.orgId, t.status),
  ],
);

/** Work with a due date: made by hand, by the contact rule, by checkpoints, by review findings. */
export const tasks = pgTable(
  'tasks',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id'),
    title: text('title').notNull(),
    detail: text('detail'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assignedTo: uuid('assigned_to').notNull(),
    assignedBy: uuid('assigned_by'),
    source: text('source').$type<'manual' | 'contact_rule' | 'checkpoint' | 'review_finding' | 'risk_flag' | 'plan_step'>().notNull(),
    /** For generated tasks: what made it (e.g. "contact:2026-11"), so a job never makes it twice. */
    sourceKey: text('source_key'),
    status: text('status').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('tasks_assignee_idx').on(t.orgId, t.assignedTo, t.status, t.dueOn),
    index('tasks_case_idx').on(t.orgId, t.caseId, t.status, t.dueOn),
    uniqueIndex('tasks_source_key').on(t.orgId, t.caseId, t.sourceKey),
  ],
);

export interface ReviewItemJson {
  item: string;
  result: 'met' | 'not_met' | 'not_applicable';
  finding?: string;
  taskId?: string;
}

/** A supervisor's case file review against the program's checklist; findings become tasks. */
export const caseReviews = pgTable(
  'case_reviews',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    items: jsonb('items').$type<ReviewItemJson[]>().notNull(),
    summary: text('summary'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('case_reviews_case_idx').on(t.orgId, t.caseId, t.reviewedOn.desc()),
    index('case_reviews_reviewer_idx').on(t.orgId, t.reviewerId, t.reviewedOn.desc()),
  ],
);

/*
 * Legal matters (issue 5, seed 002): a client's piece of legal work with its representative,
 * acceptance (screening, conflict check, decision, agreement), the facts the deadline engine
 * reads, filings, hearings, check-ins and decisions, the deadlines they drive, fees, and the
 * staff credentials that allow representing at all.
 */

export interface MatterAcceptanceJson {
  screenedBy?: string;
  screenedAt?: string;
  screeningSummary?: string;
  conflictCheck?: {
    checkedBy: string;
    checkedAt: string;
    /** Matters whose parties matched a name on this one: ids and party roles only. */
    hits: { matterId: string; partyRole: string; matchedRole: string }[];
    cleared: boolean;
    note?: string;
  };
  decision?: {
    outcome: 'accepted' | 'declined';
    decidedBy: string;
    decidedAt: string;
    /** The program's case selection criteria the decision weighed (codes). */
    criteria: string[];
    reason?: string;
  };
}

export interface MatterAgreementJson {
  scope: string;
  feeCents: number;
  feeNote?: string;
  language: string;
  generatedAt: string;
  generatedBy: string;
  clientSignedOn?: string;
  orgSignedBy?: string;
  orgSignedOn?: string;
}

export interface MatterClosingJson {
  reason: MatterClosingReason;
  reasonDetail?: string;
  summary: string;
  closedOn: string;
  letterLanguage: string;
  retentionUntil: string;
  closedBy: string;
}

export const legalMatters = pgTable(
  'legal_matters',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    /** A short per-organization reference ("M-2026-0042"). */
    reference: text('reference').notNull(),
    clientId: uuid('client_id').notNull(),
    programId: uuid('program_id').notNull(),
    type: text('type').$type<MatterType>().notNull(),
    status: text('status').$type<MatterStatus>().notNull().default('screening'),
    /** The responsible attorney or DOJ-accredited representative (null while screening). */
    representativeId: uuid('representative_id'),
    supervisingAttorneyId: uuid('supervising_attorney_id'),
    /** The facts staff entered (RULES.md names); filings, decisions and the client add the rest. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    acceptance: jsonb('acceptance').$type<MatterAcceptanceJson>().notNull().default({}),
    agreement: jsonb('agreement').$type<MatterAgreementJson>(),
    closing: jsonb('closing').$type<MatterClosingJson>(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    /** When the closed file may be destroyed (closing procedures). */
    retentionUntil: date('retention_until', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ columns: [t.orgId, t.programId], foreignColumns: [programs.orgId, programs.id] }),
    uniqueIndex('legal_matters_org_reference_key').on(t.orgId, t.reference),
    index('legal_matters_client_idx').on(t.orgId, t.clientId),
    index('legal_matters_representative_idx').on(t.orgId, t.representativeId, t.status),
    index('legal_matters_program_idx').on(t.orgId, t.programId, t.status),
  ],
);

/** Everyone on a matter by name, adverse parties included: what the conflict check searches. */
export const matterParties = pgTable(
  'matter_parties',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    role: text('role').$type<MatterPartyRole>().notNull(),
    name: text('name').notNull(),
    /** Lower-cased, accent-free name, for the trigram conflict search. */
    searchName: text('search_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    relationship: text('relationship'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_parties_matter_idx').on(t.orgId, t.matterId),
  ],
);

/** The matter's own chronology: opened, accepted, facts changed, deadlines moved, closed… */
export const matterEvents = pgTable(
  'matter_events',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    /** Kind-specific codes, dates and staff notes; never identifiers. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_events_matter_idx').on(t.orgId, t.matterId, t.occurredAt.desc()),
  ],
);

/** A form filed for the matter (I-589, I-765, G-28, EOIR-28…) and what came back. */
export const matterFilings = pgTable(
  'matter_filings',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    form: text('form').notNull(),
    /** uscis, eoir (immigration court), bia, ice, other. */
    filedWith: text('filed_with').notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }),
    /** The receipt number, sealed like client identifiers; the last four are shown. */
    receiptNumberSealed: text('receipt_number_sealed'),
    receiptNumberLast4: text('receipt_number_last4'),
    feeCents: integer('fee_cents').notNull().default(0),
    status: text('status').$type<FilingStatus>().notNull().default('filed'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_filings_matter_idx').on(t.orgId, t.matterId, t.filedOn.desc()),
  ],
);

/** An immigration court (EOIR) hearing. */
export const matterHearings = pgTable(
  'matter_hearings',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    court: text('court').notNull(),
    judge: text('judge'),
    hearingType: text('hearing_type').$type<HearingType>().notNull(),
    startsAt: ts('starts_at').notNull(),
    /** The court's zone (IANA): the time is shown and reminded in it, wherever the reader is. */
    timeZone: text('time_zone').notNull(),
    status: text('status').$type<HearingStatus>().notNull().default('scheduled'),
    outcome: text('outcome'),
    responsibleId: uuid('responsible_id').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    escalatedAt: ts('escalated_at'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_hearings_matter_idx').on(t.orgId, t.matterId, t.startsAt),
    index('matter_hearings_responsible_idx').on(t.orgId, t.responsibleId, t.status, t.startsAt),
    index('matter_hearings_starts_idx').on(t.orgId, t.startsAt),
  ],
);

/** An ICE (ERO) or ISAP check-in: its own event type, never a hearing. */
export const matterCheckins = pgTable(
  'matter_checkins',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    agency: text('agency').$type<CheckinAgency>().notNull(),
    location: text('location').notNull(),
    startsAt: ts('starts_at').notNull(),
    /** The office's zone (IANA). */
    timeZone: text('time_zone').notNull(),
    status: text('status').$type<CheckinStatus>().notNull().default('scheduled'),
    outcome: text('outcome'),
    responsibleId: uuid('responsible_id').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    escalatedAt: ts('escalated_at'),
    createdBy: uuid('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_checkins_matter_idx').on(t.orgId, t.matterId, t.startsAt),
    index('matter_checkins_responsible_idx').on(t.orgId, t.responsibleId, t.status, t.startsAt),
    index('matter_checkins_starts_idx').on(t.orgId, t.startsAt),
  ],
);

/** A decision on the matter (USCIS, immigration judge, BIA…): some are facts the engine reads. */
export const matterDecisions = pgTable(
  'matter_decisions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    body: text('body').$type<DecisionBody>().notNull(),
    outcome: text('outcome').$type<DecisionOutcome>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** When the decision became final (an order final after the appeal period, for instance). */
    finalOn: date('final_on', { mode: 'string' }),
    relief: text('relief'),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_decisions_matter_idx').on(t.orgId, t.matterId, t.decidedOn.desc()),
  ],
);

export interface DeadlineNoteJson {
  type: string;
  text: string;
}

/**
 * The matter's deadlines: one row per engine rule that applies (kept when it stops applying, as
 * `withdrawn`), plus manual ones. Each has a responsible person for the tickler.
 */
export const matterDeadlines = pgTable(
  'matter_deadlines',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    source: text('source').$type<MatterDeadlineSource>().notNull(),
    /** The engine's rule id (source rule); null for manual deadlines. */
    ruleId: text('rule_id'),
    ruleVersion: text('rule_version'),
    kind: text('kind').$type<DeadlineKind>().notNull(),
    title: text('title').notNull(),
    citation: text('citation'),
    explanation: text('explanation'),
    notes: jsonb('notes').$type<DeadlineNoteJson[]>().notNull().default([]),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<MatterDeadlineStatus>().notNull().default('open'),
    /** The filing that met it, when one did. */
    metByFilingId: uuid('met_by_filing_id'),
    responsibleId: uuid('responsible_id').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    escalatedAt: ts('escalated_at'),
    completedAt: ts('completed_at'),
    completedBy: uuid('completed_by'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    uniqueIndex('matter_deadlines_rule_key').on(t.orgId, t.matterId, t.ruleId),
    index('matter_deadlines_matter_idx').on(t.orgId, t.matterId, t.dueOn),
    index('matter_deadlines_responsible_idx').on(t.orgId, t.responsibleId, t.status, t.dueOn),
    index('matter_deadlines_due_idx').on(t.orgId, t.status, t.dueOn),
  ],
);

/**
 * Each reminder the tickler sent (and each escalation), once: running the job again sends
 * nothing twice. `itemKind` is a TicklerItemKind; `step` is "30" for the 30-day reminder,
 * "escalation", "overdue"….
 */
export const ticklerReminders = pgTable(
  'tickler_reminders',
  {
    orgId: uuid('org_id').notNull(),
    itemKind: text('item_kind').$type<TicklerItemKind>().notNull(),
    itemId: uuid('item_id').notNull(),
    step: text('step').notNull(),
    userId: uuid('user_id').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.itemKind, t.itemId, t.step, t.userId] })],
);

/**
 * In-app notifications. Stored as a kind and its data (codes, dates, initials) so each reader
 * sees them in their own language; never a client's full name.
 */
export const notifications = pgTable(
  'notifications',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Where it leads in the app ("/matters/…"). */
    link: text('link'),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt.desc()),
  ],
);

/**
 * A member's iCalendar feed: the URL carries a random token, only its hash is stored; revoking
 * sets revoked_at and a new feed gets a new token.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Titles use initials and matter type unless the member chose full names. */
    showFullNames: boolean('show_full_names').notNull().default(false),
    createdAt: createdAt(),
    revokedAt: ts('revoked_at'),
    lastFetchedAt: ts('last_fetched_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.orgId, t.userId),
  ],
);

/** A service the legal program charges for, and its full fee. */
export const feeSchedules = pgTable(
  'fee_schedules',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    matterType: text('matter_type').$type<MatterType>(),
    amountCents: integer('amount_cents').notNull(),
    /** Whether the sliding scale applies to this service. */
    slidingScale: boolean('sliding_scale').notNull().default(true),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('fee_schedules_code_key').on(t.orgId, t.code)],
);

/** The HHS poverty guidelines as an admin enters them: the first person, then each additional one. */
export const povertyGuidelines = pgTable(
  'poverty_guidelines',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    year: integer('year').notNull(),
    region: text('region').$type<PovertyRegion>().notNull(),
    firstPersonCents: integer('first_person_cents').notNull(),
    additionalPersonCents: integer('additional_person_cents').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('poverty_guidelines_year_key').on(t.orgId, t.year, t.region)],
);

export interface SlidingBandJson {
  /** Household income up to this percent of the poverty guideline… */
  upToPercent: number;
  /** …pays this percent of the full fee. */
  feePercent: number;
}

/** The organization's fee policy: the sliding scale bands and which guideline region applies. */
export const feeSettings = pgTable('fee_settings', {
  orgId: uuid('org_id').primaryKey(),
  region: text('region').$type<PovertyRegion>().notNull().default('contiguous'),
  bands: jsonb('bands').$type<SlidingBandJson[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A fee charged on a matter, with the sliding scale's working when it applied. */
export const matterCharges = pgTable(
  'matter_charges',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    feeScheduleId: uuid('fee_schedule_id'),
    description: text('description').notNull(),
    fullCents: integer('full_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    householdSize: integer('household_size'),
    annualIncomeCents: bigint('annual_income_cents', { mode: 'number' }),
    povertyPercent: integer('poverty_percent'),
    feePercent: integer('fee_percent'),
    guidelineYear: integer('guideline_year'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    index('matter_charges_matter_idx').on(t.orgId, t.matterId),
  ],
);

/** A request to waive all or part of a charge; approved or denied by someone else. */
export const feeWaivers = pgTable(
  'fee_waivers',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    chargeId: uuid('charge_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<WaiverStatus>().notNull().default('requested'),
    requestedBy: uuid('requested_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.chargeId], foreignColumns: [matterCharges.orgId, matterCharges.id] }),
    index('fee_waivers_matter_idx').on(t.orgId, t.matterId),
    index('fee_waivers_status_idx').on(t.orgId, t.status),
  ],
);

/** A payment received on a matter, with its receipt number (R-2026-0001). Voided, never deleted. */
export const matterPayments = pgTable(
  'matter_payments',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    matterId: uuid('matter_id').notNull(),
    receiptNumber: text('receipt_number').notNull(),
    amountCents: integer('amount_cents').notNull(),
    method: text('method').$type<PaymentMethod>().notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    receivedBy: uuid('received_by').notNull(),
    note: text('note'),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.matterId], foreignColumns: [legalMatters.orgId, legalMatters.id] }),
    uniqueIndex('matter_payments_receipt_key').on(t.orgId, t.receiptNumber),
    index('matter_payments_matter_idx').on(t.orgId, t.matterId, t.receivedOn.desc()),
  ],
);

/** A staff member's licence to represent: an attorney's bar admission or a DOJ accreditation. */
export const staffCredentials = pgTable(
  'staff_credentials',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').$type<CredentialKind>().notNull(),
    barState: text('bar_state'),
    barNumber: text('bar_number'),
    barStatus: text('bar_status').$type<BarStatus>(),
    accreditationLevel: text('accreditation_level').$type<AccreditationLevel>(),
    /** Accreditation expiry (up to 3 years, 8 CFR 1292.16); attorneys' bar cards may have none. */
    expiresOn: date('expires_on', { mode: 'string' }),
    /**
     * When the renewal was filed with EOIR: a timely renewal keeps the accreditation in force
     * while EOIR decides (8 CFR 1292.16), so the representation gate accepts it past expiry.
     */
    renewalFiledOn: date('renewal_filed_on', { mode: 'string' }),
    /** May decide case acceptance and supervise other representatives. */
    supervisingAttorney: boolean('supervising_attorney').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('staff_credentials_user_kind_key').on(t.orgId, t.userId, t.kind),
    index('staff_credentials_expiry_idx').on(t.orgId, t.expiresOn),
  ],
);

/** The organization's (or an office's) DOJ recognition (up to 6 years, 8 CFR 1292.11). */
export const orgRecognitions = pgTable(
  'org_recognitions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    officeId: uuid('office_id'),
    recognizedOn: date('recognized_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('org_recognitions_expiry_idx').on(t.orgId, t.expiresOn)],
);

/**
 * Append-only, hash-chained per organization: each row's hash covers its content and the
 * previous row's hash, and audit_heads records the newest link so removing the tail shows too.
 * The platform chain (sign-in failures for unknown emails) uses the nil UUID as org_id.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull().defaultRandom(),
    at: ts('at').notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    index('audit_events_org_at_idx').on(t.orgId, t.at.desc(), t.seq.desc()),
    index('audit_events_org_actor_idx').on(t.orgId, t.actorUserId, t.seq.desc()),
    index('audit_events_org_object_idx').on(t.orgId, t.objectType, t.objectId, t.seq.desc()),
  ],
);

export const auditHeads = pgTable('audit_heads', {
  orgId: uuid('org_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** Every mail Haven sends, kept so an admin can read it when no SMTP server is configured. */
export const outbox = pgTable(
  'outbox',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('outbox_org_created_idx').on(t.orgId, t.createdAt.desc())],
);
