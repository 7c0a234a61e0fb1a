import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/config.js';
import type { SecretBox } from './platform/crypto.js';
import { type Database, pingDatabase } from './platform/db/index.js';
import { installErrorHandling } from './platform/http/error-handler.js';
import { installSecurityHooks } from './platform/http/security-hooks.js';
import { Mailer } from './platform/mail.js';
import { defaultStorage, type FileStorage } from './platform/storage.js';
import { registerAssessmentRoutes } from './modules/assessments/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerCaseRoutes } from './modules/cases/routes.js';
import { registerLegalMatterRoutes } from './modules/legal-matters/routes.js';
import { registerClientTransferRoutes } from './modules/client-transfer/routes.js';
import { registerClientRoutes } from './modules/clients/routes.js';
import { registerCaseDocumentRoutes } from './modules/case-documents/routes.js';
import { registerCaseNoteRoutes } from './modules/case-notes/routes.js';
import { registerCaseServiceRoutes } from './modules/case-services/routes.js';
import { registerConsentRoutes } from './modules/consents/routes.js';
import { registerEnrollmentRoutes } from './modules/enrollments/routes.js';
import { registerHouseholdRoutes } from './modules/households/routes.js';
import { registerIntakeRoutes } from './modules/intakes/routes.js';
import { registerIdentityRoutes } from './modules/identity/routes.js';
import { registerNotificationRoutes } from './modules/notifications/routes.js';
import { registerOrganizationRoutes } from './modules/organizations/routes.js';
import { registerProgramRoutes } from './modules/programs/routes.js';
import { registerTaskRoutes } from './modules/tasks/routes.js';
import { registerTicklerRoutes } from './modules/tickler/routes.js';
import { registerInboxRoutes } from './modules/notifications/inbox-routes.js';
import { registerRiskFlagRoutes } from './modules/risk-flags/routes.js';
import { registerCredentialRoutes } from './modules/credentials/routes.js';
import { registerPlanRoutes } from './modules/plans/routes.js';
import { registerReportRoutes } from './modules/reports/routes.js';
import { registerReviewRoutes } from './modules/reviews/routes.js';
import { registerSupervisionRoutes } from './modules/supervision/routes.js';
import { registerFeeRoutes } from './modules/fees/routes.js';
import { registerCalendarRoutes } from './modules/calendar/routes.js';
import { registerMatterProceedingsRoutes } from './modules/matter-proceedings/routes.js';
import { registerMatterAcceptanceRoutes } from './modules/matter-acceptance/routes.js';

export interface AppDeps {
  database: Database;
  config: Config;
  secrets: SecretBox;
  mailer: Mailer;
  storage: FileStorage;
}

export interface BuildOptions {
  database: Database;
  config: Config;
  secrets: SecretBox;
  /** Where logs go (tests capture them to prove no personal data is written). */
  logStream?: Writable;
  /** Turn off the web app's static files (API-only tests). */
  serveWeb?: boolean;
  /** Where uploaded files go (default: `<HAVEN_DATA_DIR>/files`; tests pass a temporary folder). */
  storage?: FileStorage;
}

const BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Requests are logged by route pattern, never by raw URL: paths and query strings can carry
      // invitation tokens or a client's name typed into search.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.totp',
          '*.token',
          '*.email',
        ],
        censor: '[redacted]',
      },
    },
  });
  // JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const mailer = new Mailer(database.db, config.smtpUrl, config.mailFrom, app.log);
  const deps: AppDeps = { database, config, secrets: options.secrets, mailer, storage: options.storage ?? defaultStorage(config) };
  app.decorate('mailer', mailer);
  app.addHook('onClose', async () => {
    await mailer.idle();
    mailer.close();
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // The socket address (or, behind a trusted proxy, Fastify's resolved client IP): a header the
    // caller sends can never choose the bucket.
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.` },
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Haven API', version: '0.1.0', description: 'Case management for organizations serving refugees and immigrants.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'haven_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  installErrorHandling(app);
  installSecurityHooks(app, database.db, config);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(database.db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ error: { code: 'service_unavailable', message: 'The database does not answer' } });
    }
  });

  registerIdentityRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerProgramRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerClientRoutes(app, deps);
  await registerClientTransferRoutes(app, deps);
  registerHouseholdRoutes(app, deps);
  registerConsentRoutes(app, deps);
  registerCaseNoteRoutes(app, deps);
  registerCaseServiceRoutes(app, deps);
  registerCaseDocumentRoutes(app, deps);
  registerEnrollmentRoutes(app, deps);
  registerIntakeRoutes(app, deps);
  registerTaskRoutes(app, deps);
  registerTicklerRoutes(app, deps);
  registerInboxRoutes(app, deps);
  registerRiskFlagRoutes(app, deps);
  registerCredentialRoutes(app, deps);
  registerAssessmentRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerCaseRoutes(app, deps);
  registerLegalMatterRoutes(app, deps);
  registerSupervisionRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerFeeRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerMatterProceedingsRoutes(app, deps);
  registerMatterAcceptanceRoutes(app, deps);

  const serveWeb = options.serveWeb !== false && existsSync(path.join(config.webDistDir, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/login, /admin/users …) are client-side: answer them with the app.
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (serveWeb && wantsPage) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  return app;
}
