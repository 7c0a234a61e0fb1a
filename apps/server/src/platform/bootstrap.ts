import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { SecretBox } from './crypto.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { type Database, openPglite, openPostgres } from './db/index.js';

export interface OpenedRuntime {
  database: Database;
  secrets: SecretBox;
  release(): Promise<void>;
}

/**
 * The secret key for data at rest: HAVEN_SECRET_KEY in production; otherwise a key generated
 * once into the data directory (readable by the owner only) so `npm start` needs no set-up.
 */
export function loadSecretBox(config: Config): SecretBox {
  if (config.secretKey) {
    return SecretBox.fromString(config.secretKey);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return SecretBox.fromString(readFileSync(file, 'utf8').trim());
}

/** Opens the configured database (locking the embedded one) and the secret key. */
export async function openRuntime(config: Config, purpose: string): Promise<OpenedRuntime> {
  const secrets = loadSecretBox(config);
  if (config.databaseUrl) {
    const database = openPostgres(config.databaseUrl);
    return { database, secrets, release: () => database.close() };
  }
  const unlock = acquireDataDirLock(config.dataDir, purpose);
  try {
    const database = await openPglite(config.dataDir);
    return {
      database,
      secrets,
      release: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
