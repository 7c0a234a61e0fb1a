import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { S3Storage } from './s3-storage.js';

/**
 * Where file bytes live (signed consent forms, later case documents). Rows in `documents` hold
 * the key, size and SHA-256; the bytes go through this interface: the local disk by default, an
 * S3-compatible object store by configuration (s3-storage.ts).
 */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

/**
 * Keys are made here, never from a file name or anything else a caller sends, so no request can
 * reach outside the storage root or overwrite another file.
 */
export function newStorageKey(prefix: 'documents'): string {
  return `${prefix}/${randomUUID()}`;
}

const KEY_SHAPE = /^[a-z]+\/[0-9a-f-]{36}$/;

/** Files under one folder (by default `<HAVEN_DATA_DIR>/files`), one file per key. */
export class LocalDiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_SHAPE.test(key)) {
      throw new Error('Invalid storage key');
    }
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // Written aside then renamed: a crash never leaves half a file under the key.
    const partial = `${target}.${randomUUID()}.partial`;
    await writeFile(partial, bytes, { mode: 0o600, flag: 'wx' });
    await rename(partial, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The configured storage: an S3-compatible bucket when HAVEN_S3_BUCKET is set, else the local disk. */
export function defaultStorage(config: Pick<Config, 'dataDir' | 's3'>): FileStorage {
  return config.s3 ? new S3Storage(config.s3) : new LocalDiskStorage(path.join(config.dataDir, 'files'));
}
