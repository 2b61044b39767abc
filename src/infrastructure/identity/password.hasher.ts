import * as argon2 from 'argon2';

/**
 * argon2id with the first of OWASP's equivalent settings (Password Storage Cheat Sheet): 19 MiB, 2 passes,
 * 1 lane. About 20-60 ms per hash on a server core, so a stolen hash costs an attacker as much per guess.
 */
export const ARGON2ID_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...ARGON2ID_PARAMETERS });
  }

  /** False for a wrong password and for a stored value that is not an argon2 hash at all. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /** True for hashes made with other parameters (or another variant), so they are upgraded at the next sign-in. */
  needsRehash(storedHash: string): boolean {
    return !storedHash.startsWith('$argon2id$') || argon2.needsRehash(storedHash, ARGON2ID_PARAMETERS);
  }
}
