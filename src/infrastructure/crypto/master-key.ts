import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

/** The master key wraps every client's data key. It is 32 bytes, given as base64. */
export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) {
    throw new MasterKeyError('KIM_MASTER_KEY must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)');
  }
  return key;
}

/**
 * For the embedded zero-setup installation only: a key file beside the data, created on first start with
 * owner-only permissions. Real installations pass KIM_MASTER_KEY from their secret store.
 */
export function loadOrCreateMasterKeyFile(path: string): Buffer {
  if (existsSync(path)) return parseMasterKey(readFileSync(path, 'utf8').trim());
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
