import { sql } from 'drizzle-orm';
import type { EligibilityEvaluation, ImmigrationStatus, IntakeData, ProgramEligibilityRules } from '@haven/domain';
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
