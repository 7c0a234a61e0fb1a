import path from 'node:path';
import type { S3Settings } from './s3-storage.js';

export interface Config {
  port: number;
  host: string;
  /** Where the embedded database, the lock file and the secret key live. */
  dataDir: string;
  /** postgres://… switches from the embedded PGlite to a real PostgreSQL. */
  databaseUrl: string | null;
  demo: boolean;
  /** The address people use to reach Haven; links in mail and the allowed Origin derive from it. */
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** 32-byte key (hex or base64) for secrets at rest; generated into dataDir when unset. */
  secretKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  /** Sign-in and reset attempts per client IP per minute. */
  loginRateLimitPerMinute: number;
  logLevel: string;
  webDistDir: string;
  /** Where file bytes go: null = local disk under dataDir/files; else an S3-compatible bucket. */
  s3: S3Settings | null;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

/** HAVEN_S3_BUCKET switches file storage to an S3-compatible object store; the rest is then required. */
function s3From(env: NodeJS.ProcessEnv): S3Settings | null {
  const bucket = env.HAVEN_S3_BUCKET?.trim();
  if (!bucket) {
    return null;
  }
  const region = env.HAVEN_S3_REGION?.trim() || 'us-east-1';
  const endpoint = env.HAVEN_S3_ENDPOINT?.trim() || `https://s3.${region}.amazonaws.com`;
  if (!/^https?:\/\//.test(endpoint)) {
    throw new Error('HAVEN_S3_ENDPOINT must start with http:// or https://');
  }
  const accessKeyId = env.HAVEN_S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.HAVEN_S3_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('HAVEN_S3_BUCKET needs HAVEN_S3_ACCESS_KEY_ID and HAVEN_S3_SECRET_ACCESS_KEY');
  }
  const prefix = env.HAVEN_S3_PREFIX?.trim().replace(/^\/+/, '') ?? '';
  return { endpoint, bucket, region, accessKeyId, secretAccessKey, prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const repoRoot = path.resolve(import.meta.dirname, '../../../..');
  return {
    port,
    host: env.HOST?.trim() || 'localhost',
    dataDir: path.resolve(env.HAVEN_DATA_DIR?.trim() || path.join(process.cwd(), 'data')),
    databaseUrl,
    demo: env.HAVEN_DEMO !== '0' && env.HAVEN_DEMO !== 'false',
    publicUrl: (env.HAVEN_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: env.HAVEN_SMTP_URL?.trim() || null,
    mailFrom: env.HAVEN_MAIL_FROM?.trim() || 'Haven <no-reply@haven.local>',
    secretKey: env.HAVEN_SECRET_KEY?.trim() || null,
    sessionIdleMinutes: intFrom(env, 'HAVEN_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: intFrom(env, 'HAVEN_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginRateLimitPerMinute: intFrom(env, 'HAVEN_LOGIN_RATE_LIMIT', 10, 1, 100_000),
    trustProxy: env.HAVEN_TRUST_PROXY === '1' || env.HAVEN_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    webDistDir: path.join(repoRoot, 'apps/web/dist'),
    s3: s3From(env),
  };
}
