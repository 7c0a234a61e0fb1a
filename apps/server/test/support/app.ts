import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { clientSearchName, type Role } from '@haven/domain';
import { buildApp } from '../../src/app.js';
import { recordAudit } from '../../src/platform/audit.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import { SecretBox } from '../../src/platform/crypto.js';
import { type FileStorage, LocalDiskStorage } from '../../src/platform/storage.js';
import { schema, systemTransaction, tenantTransaction } from '../../src/platform/db/index.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const PASSWORD = 'correct horse battery staple';
export const PUBLIC_URL = 'http://haven.test';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  secrets: SecretBox;
  /** Uploaded files, in a temporary folder removed on close. */
  storage: LocalDiskStorage;
  /** Everything the server logged, for the no-personal-data checks. */
  logs: () => string;
  close(): Promise<void>;
}

/** A Haven instance on a private database; closed automatically after the file's tests. */
/** `options.fileStorage` replaces the local folder as where the app keeps file bytes (e.g. an S3 bucket). */
export async function createTestApp(env: Record<string, string> = {}, options: { fileStorage?: FileStorage } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    HAVEN_DATA_DIR: '/nonexistent-test-data-dir',
    HAVEN_PUBLIC_URL: PUBLIC_URL,
    HAVEN_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'info',
    ...env,
  } as NodeJS.ProcessEnv);
  const secrets = new SecretBox(randomBytes(32));
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), 'haven-files-')));
  const app = await buildApp({ database, config, secrets, logStream, serveWeb: false, storage: options.fileStorage ?? storage });
  await app.ready();
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await app.close();
      await database.destroy();
      await rm(storage.root, { recursive: true, force: true });
    }
  };
  afterAll(close);
  return { app, database, config, secrets, storage, logs: () => chunks.join(''), close };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function createOrg(t: TestApp, name = `Org ${randomUUID().slice(0, 6)}`, settings: { mfaRequired?: boolean } = {}) {
  const [org] = await systemTransaction(t.database.db, (tx) =>
    tx.insert(schema.organizations).values({ name, ...settings }).returning(),
  );
  return org!;
}

const passwordHash = hashPassword(PASSWORD);

export async function createUser(
  t: TestApp,
  options: { email?: string; name?: string; platformAdmin?: boolean; orgId?: string; role?: Role } = {},
) {
  const email = options.email ?? uniqueEmail();
  const [user] = await systemTransaction(t.database.db, async (tx) =>
    tx
      .insert(schema.users)
      .values({
        email,
        displayName: options.name ?? `Test ${email.split('@')[0]}`,
        passwordHash: await passwordHash,
        isPlatformAdmin: options.platformAdmin ?? false,
      })
      .returning(),
  );
  if (options.orgId && options.role) {
    await addMembership(t, options.orgId, user!.id, options.role);
  }
  return user!;
}

export async function addMembership(t: TestApp, orgId: string, userId: string, role: Role, status = 'active') {
  await tenantTransaction(t.database.db, { orgId, userId: null }, (tx) =>
    tx.insert(schema.memberships).values({ orgId, userId, role, status }),
  );
}

export async function createClientRecord(
  t: TestApp,
  orgId: string,
  values: { givenName?: string; familyName?: string; isProtected?: boolean; assignedTo?: string[] } = {},
) {
  const givenName = values.givenName ?? 'Test';
  const familyName = values.familyName ?? `Client${randomUUID().slice(0, 4)}`;
  return tenantTransaction(t.database.db, { orgId, userId: null }, async (tx) => {
    const [client] = await tx
      .insert(schema.clients)
      .values({
        orgId,
        givenName,
        familyName,
        searchName: clientSearchName({ givenName, familyName }),
        isProtected: values.isProtected ?? false,
      })
      .returning();
    for (const userId of values.assignedTo ?? []) {
      await tx.insert(schema.clientAssignments).values({ orgId, clientId: client!.id, userId });
    }
    await recordAudit(tx, {
      orgId,
      actor: { userId: null, ip: null, userAgent: 'test' },
      action: 'client.created',
      objectType: 'client',
      objectId: client!.id,
    });
    return client!;
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An HTTP client holding one signed-in session, as a browser would (cookie + CSRF header). */
export class Session {
  constructor(
    private readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly body: Record<string, unknown>,
  ) {}

  request(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: {
        cookie: `haven_session=${this.cookie}`,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, payload?: unknown) {
    return this.request('POST', url, payload ?? {});
  }
  put(url: string, payload?: unknown) {
    return this.request('PUT', url, payload ?? {});
  }
  patch(url: string, payload?: unknown) {
    return this.request('PATCH', url, payload ?? {});
  }
  delete(url: string, payload?: unknown) {
    return this.request('DELETE', url, payload);
  }
}

export function sessionCookieOf(response: LightMyRequestResponse): string | null {
  const cookie = response.cookies.find((c) => c.name === 'haven_session');
  return cookie?.value ?? null;
}

export async function login(t: TestApp, email: string, password = PASSWORD, totp?: string): Promise<Session> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: totp ? { email, password, totp } : { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login failed for ${email}: ${response.statusCode} ${response.body}`);
  }
  const cookie = sessionCookieOf(response);
  const body = response.json<{ csrfToken: string } & Record<string, unknown>>();
  return new Session(t.app, cookie!, body.csrfToken, body);
}

/** A member of a fresh organization with the given role, signed in. */
export async function memberSession(t: TestApp, role: Role, orgId?: string) {
  const org = orgId ? { id: orgId } : await createOrg(t);
  const user = await createUser(t, { orgId: org.id, role });
  return { orgId: org.id, user, session: await login(t, user.email) };
}

export function anonymous(t: TestApp, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}
