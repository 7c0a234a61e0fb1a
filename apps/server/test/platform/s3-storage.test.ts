import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@haven/domain';
import { loadConfig } from '../../src/platform/config.js';
import { S3Storage, type S3Settings, signatureV4 } from '../../src/platform/s3-storage.js';
import { newStorageKey } from '../../src/platform/storage.js';
import { createClientRecord, createTestApp, memberSession } from '../support/app.js';

/**
 * File bytes in an S3-compatible bucket, against a real S3 protocol server on this machine
 * (s3rver). s3rver does not verify Signature Version 4, so the signing is checked against the
 * worked example in AWS's own documentation ("Signature Calculations for the Authorization
 * Header", GET Object).
 */
const directory = await mkdtemp(path.join(tmpdir(), 'haven-s3-'));
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'haven-files', configs: [] }] });
const address = await server.run();
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const settings: S3Settings = {
  endpoint: `http://127.0.0.1:${address.port}`,
  bucket: 'haven-files',
  region: 'us-east-1',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  prefix: 'haven-test/',
};

describe('S3-compatible file storage', () => {
  it('stores, reads back and deletes bytes exactly; a missing key reads as nothing', async () => {
    const storage = new S3Storage(settings);
    const key = newStorageKey('documents');
    const bytes = randomBytes(200_000);
    await storage.put(key, bytes);
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.get(newStorageKey('documents'))).toBeNull();
  });

  it('signs requests exactly as AWS documents it (the GET Object example)', () => {
    const emptyPayload = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(
      signatureV4({
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        headers: { range: 'bytes=0-9', 'x-amz-content-sha256': emptyPayload, 'x-amz-date': '20130524T000000Z' },
        payloadHash: emptyPayload,
        amzDate: '20130524T000000Z',
        region: 'us-east-1',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
    ).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('reports a refusal by the store with its error code, without the file', async () => {
    const storage = new S3Storage({ ...settings, bucket: 'no-such-bucket' });
    await expect(storage.put(newStorageKey('documents'), Buffer.from('%PDF-1.7'))).rejects.toThrow(/Object storage upload failed: 404 NoSuchBucket/);
  });

  it('is chosen by HAVEN_S3_BUCKET, which then needs its credentials', () => {
    expect(loadConfig({ HAVEN_DATA_DIR: directory }).s3).toBeNull();
    expect(
      loadConfig({ HAVEN_DATA_DIR: directory, HAVEN_S3_BUCKET: 'files', HAVEN_S3_REGION: 'eu-central-1', HAVEN_S3_ACCESS_KEY_ID: 'a', HAVEN_S3_SECRET_ACCESS_KEY: 'b', HAVEN_S3_PREFIX: 'agency' }).s3,
    ).toEqual({ endpoint: 'https://s3.eu-central-1.amazonaws.com', bucket: 'files', region: 'eu-central-1', accessKeyId: 'a', secretAccessKey: 'b', prefix: 'agency/' });
    expect(() => loadConfig({ HAVEN_DATA_DIR: directory, HAVEN_S3_BUCKET: 'files' })).toThrow(/HAVEN_S3_ACCESS_KEY_ID/);
  });
});

describe('a signed consent form kept in an S3 bucket', async () => {
  const t = await createTestApp({}, { fileStorage: new S3Storage(settings) });

  it('uploads through the API into the bucket and downloads the same bytes', async () => {
    const karim = await memberSession(t, 'case_manager');
    const client = await createClientRecord(t, karim.orgId);
    const consent = await karim.session.post(`/api/clients/${client.id}/consents`, {
      recipientKind: 'organization',
      recipientName: 'Riverside Community Health Center',
      purpose: 'Coordinate primary care after arrival',
      dataCategories: ['contact'],
      signedBy: 'client',
      signerName: 'Amina Haddad',
      signedOn: addDays(todayIn('America/New_York'), -1),
      formLanguage: 'en',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const consentId = consent.json<{ id: string }>().id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096), Buffer.from('\n%%EOF')]);
    const uploaded = await karim.session.request('PUT', `/api/clients/${client.id}/consents/${consentId}/document?filename=signed.pdf`, pdf, { 'content-type': 'application/pdf' });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    // The bytes are in the bucket, not on the local disk.
    expect(await t.storage.get(newStorageKey('documents'))).toBeNull();
    const download = await karim.session.get(`/api/clients/${client.id}/consents/${consentId}/document`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});
