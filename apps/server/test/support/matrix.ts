import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type Action, ROLES, type Role } from '@haven/domain';
import { sha256Hex } from '../../src/platform/crypto.js';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { anonymous, createClientRecord, createOrg, createUser, login, Session, sessionCookieOf, type TestApp, uniqueEmail } from './app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who makes a request: a signed-in browser session, or nobody (no cookie at all). */
export type Caller = Session | null;

/** An action, or a list of actions of which any one lets a role through. */
export type Needs = Action | readonly Action[] | 'member' | 'platform' | 'session';

export interface RouteCase {
  route: string;
  needs: Needs;
  /** What a signed-in user with no active organization gets (defaults follow from `needs`). */
  withoutOrganization?: string;
  /**
   * What a caller who passes access control gets (default 'allowed', any 2xx). Some routes then
   * refuse on the state of the account, which still proves the caller got past the gate.
   */
  passes?: string;
  /** Sends the request as `caller` in organization `orgId`, against a fresh target when the route has one. */
  call: (caller: Caller, orgId: string) => Promise<LightMyRequestResponse>;
}

/** A bad request and the field its 400 must name. */
export interface BadInput {
  route: string;
  story: string;
  as: 'org_admin' | 'platform_admin' | 'no_org';
  send: (caller: Caller, orgId: string) => Promise<LightMyRequestResponse>;
  field: string;
}

/** The matrix cases of one area of the API, kept next to each other in test/security/cases/. */
export interface ModuleCases {
  routes: (t: TestApp) => RouteCase[];
  badInputs: (t: TestApp) => BadInput[];
}


export function send(t: TestApp, caller: Caller, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  if (caller === null) {
    return anonymous(t, method, url, payload);
  }
  return caller.request(method, url, payload);
}

type SignedInUser = { user: Awaited<ReturnType<typeof createUser>>; session: Session };

/** One organization with one signed-in member per role: the cast of a role-matrix story. */
export async function createCrew(t: TestApp, name?: string) {
  const org = await createOrg(t, name);
  const members = {} as Record<Role, SignedInUser>;
  for (const role of ROLES) {
    const user = await createUser(t, { orgId: org.id, role, name: `${role} of ${org.name}` });
    members[role] = { user, session: await login(t, user.email) };
  }
  return { org, orgId: org.id, members };
}
export type Crew = Awaited<ReturnType<typeof createCrew>>;

/** A person with an account but no organization (yet): signed in, nothing to act in. */
export async function signedInWithoutOrganization(t: TestApp): Promise<SignedInUser> {
  const user = await createUser(t);
  return { user, session: await login(t, user.email) };
}

/**
 * What a caller experienced, in one comparable string: 'allowed' for any 2xx, otherwise
 * "status code" (e.g. "403 forbidden"). Matrices compare whole maps of these so a failure shows
 * every role's outcome at once.
 */
export function outcome(response: LightMyRequestResponse): string {
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return 'allowed';
  }
  let code = 'no-json-body';
  try {
    code = (response.json() as { error?: { code?: string } }).error?.code ?? 'no-error-code';
  } catch {
    // keep the marker: an error without the API's error shape is itself a finding
  }
  return `${response.statusCode} ${code}`;
}

/** A household with one ordinary (unprotected) client as its head. */
export async function createHouseholdRecord(t: TestApp, orgId: string, name = `Household ${randomBytes(3).toString('hex')}`) {
  const head = await createClientRecord(t, orgId);
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [household] = await tx.insert(schema.households).values({ orgId, name }).returning();
    const [member] = await tx
      .insert(schema.householdMembers)
      .values({ orgId, householdId: household!.id, clientId: head.id, relationship: 'head', joinedOn: '2025-01-01' })
      .returning();
    return { household: household!, head, member: member! };
  });
}

/** A program open to everyone and an active enrollment of a new client in it. */
export async function createEnrollmentRecord(t: TestApp, orgId: string) {
  const client = await createClientRecord(t, orgId);
  const program = await createProgramRecord(t, orgId);
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [enrollment] = await tx
      .insert(schema.enrollments)
      .values({
        orgId,
        clientId: client.id,
        programId: program.id,
        serviceTier: 'orientation_referrals',
        tierReason: 'Orientation for everyone',
        enrolledOn: '2026-01-05',
        eligibility: {
          asOf: '2026-01-05',
          outcome: 'eligible',
          eligible: true,
          needsReview: false,
          results: [],
          orr: { outcome: 'unknown', code: 'orr.missing.status_history', params: {}, reason: 'No immigration status is recorded yet.', citation: '45 CFR 400.43' },
        },
        createdBy: client.id,
      })
      .returning();
    return { client, program, enrollment: enrollment! };
  });
}

/** An open eligibility exception request, made by someone outside the matrix's crew. */
export async function createExceptionRecord(t: TestApp, orgId: string) {
  const client = await createClientRecord(t, orgId);
  const program = await createProgramRecord(t, orgId);
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [exception] = await tx
      .insert(schema.exceptionRequests)
      .values({ orgId, kind: 'eligibility_override', clientId: client.id, programId: program.id, reason: 'Arrived 40 days ago after a hospital stay', requestedBy: client.id })
      .returning();
    return { client, program, exception: exception! };
  });
}

/**
 * An intake started by someone outside the matrix's crew, with no protected people in it so every
 * colleague may open it; `complete` fills every answer so it can be finished (a program for everyone).
 */
export async function createIntakeRecord(t: TestApp, orgId: string, options: { complete?: boolean } = {}) {
  const data: Record<string, unknown> = { needs: ['housing_unstable'] };
  if (options.complete) {
    const client = await createClientRecord(t, orgId);
    const program = await createProgramRecord(t, orgId);
    Object.assign(data, { clientIds: [client.id], programId: program.id, serviceTier: 'orientation_referrals', tierReason: 'Orientation for everyone' });
  }
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [intake] = await tx.insert(schema.intakes).values({ orgId, createdBy: randomUUID(), data }).returning();
    return intake!;
  });
}

export async function readHousehold(t: TestApp, id: string) {
  return systemTransaction(t.database.db, async (tx) => {
    const [household] = await tx.select().from(schema.households).where(eq(schema.households.id, id));
    const members = await tx.select().from(schema.householdMembers).where(eq(schema.householdMembers.householdId, id));
    return { household, members };
  });
}

export async function createProgramRecord(
  t: TestApp,
  orgId: string,
  values: { name?: string; code?: string | null; description?: string | null; active?: boolean } = {},
) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(schema.programs)
      .values({ orgId, name: values.name ?? `Program ${randomBytes(3).toString('hex')}`, ...values })
      .returning();
    return row!;
  });
}

export async function createOfficeRecord(
  t: TestApp,
  orgId: string,
  values: { name?: string; address?: string | null; phone?: string | null; active?: boolean } = {},
) {
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(schema.offices)
      .values({ orgId, name: values.name ?? `Office ${randomBytes(3).toString('hex')}`, ...values })
      .returning();
    return row!;
  });
}

/** A pending invitation written straight to the database; its token is returned for the link. */
export async function createInvitationRecord(t: TestApp, orgId: string, values: { email?: string; role?: Role } = {}) {
  const token = randomBytes(24).toString('base64url');
  const invitation = await tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(schema.invitations)
      .values({
        orgId,
        email: values.email ?? uniqueEmail('invitee'),
        role: values.role ?? 'case_manager',
        tokenHash: sha256Hex(token),
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      })
      .returning();
    return row!;
  });
  return { invitation, token };
}

/* Read-backs that bypass the API, to prove a refused request changed nothing. */

export async function readProgram(t: TestApp, id: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.programs).where(eq(schema.programs.id, id)));
  return row;
}

export async function readOffice(t: TestApp, id: string) {
  const [row] = await systemTransaction(t.database.db, (tx) => tx.select().from(schema.offices).where(eq(schema.offices.id, id)));
  return row;
}

export async function readInvitation(t: TestApp, id: string) {
  const [row] = await systemTransaction(t.database.db, (tx) =>
    tx.select().from(schema.invitations).where(eq(schema.invitations.id, id)),
  );
  return row;
}

export async function readMembership(t: TestApp, orgId: string, userId: string) {
  const [row] = await systemTransaction(t.database.db, (tx) =>
    tx
      .select()
      .from(schema.memberships)
      .where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, userId))),
  );
  return row;
}

export async function readOutbox(t: TestApp, orgId: string) {
  return systemTransaction(t.database.db, (tx) => tx.select().from(schema.outbox).where(eq(schema.outbox.orgId, orgId)));
}

/** The token of the `/invite?token=…` link in an invitation mail. */
export function invitationTokenFrom(mailBody: string): string {
  const match = /\/invite\?token=([^\s]+)/.exec(mailBody);
  if (!match) {
    throw new Error(`no invitation link in mail:\n${mailBody}`);
  }
  return decodeURIComponent(match[1]!);
}

/** The browser session a response signed someone into (invitation acceptance sets the cookie). */
export function sessionFromResponse(t: TestApp, response: LightMyRequestResponse): Session {
  const cookie = sessionCookieOf(response);
  if (!cookie) {
    throw new Error(`no session cookie in response ${response.statusCode} ${response.body}`);
  }
  const body = response.json<{ csrfToken: string } & Record<string, unknown>>();
  return new Session(t.app, cookie, body.csrfToken, body);
}
