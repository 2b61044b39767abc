import * as argon2 from 'argon2';
import { ARGON2ID_PARAMETERS, PasswordHasher } from '../../../src/infrastructure/identity/password.hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and the OWASP parameters (19 MiB, 2 passes, 1 lane)', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    const [, variant, version, parameters] = hash.split('$');
    expect(variant).toBe('argon2id');
    expect(version).toBe('v=19');
    expect(Object.fromEntries(parameters.split(',').map((pair) => pair.split('=')))).toEqual({ m: '19456', t: '2', p: '1' });
    expect(hash).not.toContain('correct horse');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hasher.hash('same password here')).not.toBe(await hasher.hash('same password here'));
  });

  it('treats a stored value that is no argon2 hash as a mismatch instead of throwing', async () => {
    expect(await hasher.verify('not-a-hash', 'anything at all')).toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters or another variant, not of its own', async () => {
    const own = await hasher.hash('a password of some length');
    const weaker = await argon2.hash('a password of some length', { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    const argon2i = await argon2.hash('a password of some length', { type: argon2.argon2i, ...ARGON2ID_PARAMETERS });
    expect(hasher.needsRehash(own)).toBe(false);
    expect(hasher.needsRehash(weaker)).toBe(true);
    expect(hasher.needsRehash(argon2i)).toBe(true);
  });
});
