import { createHash, createHmac } from 'node:crypto';
import type { FileStorage } from './storage.js';

export interface S3Settings {
  /** e.g. https://s3.eu-central-1.amazonaws.com, or a MinIO / Ceph / Garage address. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Prepended to every key, so one bucket can hold several installations. */
  prefix: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as Signature Version 4 wants it (slashes kept in paths). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export interface SignedRequest {
  method: string;
  host: string;
  /** Already URI-encoded; no query string (Haven sends none). */
  path: string;
  /** Headers to sign besides host, lower-case names. */
  headers: Record<string, string>;
  payloadHash: string;
  /** YYYYMMDD'T'HHMMSS'Z' */
  amzDate: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The Authorization header of AWS Signature Version 4 for S3 (header form). */
export function signatureV4(request: SignedRequest): string {
  const headers: Record<string, string> = { host: request.host, ...request.headers };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim()}\n`).join('');
  const canonicalRequest = [request.method, request.path, '', canonicalHeaders, signedHeaders, request.payloadHash].join('\n');
  const day = request.amzDate.slice(0, 8);
  const scope = `${day}/${request.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${request.secretAccessKey}`, day), request.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/**
 * File bytes in an S3-compatible object store (AWS S3, MinIO, Ceph, Garage…), addressed
 * path-style (`<endpoint>/<bucket>/<key>`), each request signed with AWS Signature Version 4
 * (header form, payload hash signed). No SDK: three requests are all Haven needs.
 */
export class S3Storage implements FileStorage {
  private readonly base: URL;

  constructor(private readonly settings: S3Settings) {
    this.base = new URL(settings.endpoint.replace(/\/+$/, '') + '/');
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const path = `${this.base.pathname}${encodePath(this.settings.bucket)}/${encodePath(this.settings.prefix + key)}`;
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const payloadHash = sha256Hex(body ?? '');
    const headers = { 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
    const authorization = signatureV4({ ...this.settings, method, host: this.base.host, path, headers, payloadHash, amzDate });
    return fetch(new URL(path, this.base), {
      method,
      headers: {
        ...headers,
        authorization,
        ...(body ? { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } : {}),
      },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(60_000),
    });
  }

  private async fail(action: string, response: Response): Promise<never> {
    // The body is S3's XML error (a code and message), never file content.
    const detail = (await response.text()).match(/<Code>([^<]+)<\/Code>/)?.[1] ?? '';
    throw new Error(`Object storage ${action} failed: ${response.status} ${detail}`.trim());
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const response = await this.send('PUT', key, bytes);
    if (!response.ok) {
      await this.fail('upload', response);
    }
    await response.arrayBuffer();
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) {
      await response.arrayBuffer();
      return null;
    }
    if (!response.ok) {
      await this.fail('download', response);
    }
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (!response.ok && response.status !== 404) {
      await this.fail('delete', response);
    }
    await response.arrayBuffer();
  }
}
