import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ERASED, isSealedValue } from '../../../src/application/ports/personal-data-vault.port';
import { KEY_CACHE_TTL_MS, KEY_REVERIFY_AFTER_MS } from '../../../src/infrastructure/crypto/client-key.cache';
import {
  ClientErasedError,
  PostgresPersonalDataVault,
  SealedValueTamperedError,
} from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { MasterKeyError } from '../../../src/infrastructure/crypto/master-key';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

describe('personal data vault (AES-256-GCM, one key per client, wrapped by the master key)', () => {
  let test: TestDatabase;
  let vault: PostgresPersonalDataVault;
  const masterKey = randomBytes(32);

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    vault = new PostgresPersonalDataVault(test.database, masterKey);
  });
  afterAll(async () => test?.dispose());

  it('seals a value so that neither it nor the data key appears in plaintext', async () => {
    const name = { given: 'Amina', family: 'Haddad' };
    const sealed = await vault.seal('client-1', 'CaseOpened.client.personal', name);
    expect(isSealedValue(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/Amina|Haddad/);
    expect(await vault.open(sealed, 'CaseOpened.client.personal')).toEqual(name);

    const rows = await sql<{ wrapped_key: Uint8Array }>`SELECT wrapped_key FROM kim_client_keys`.execute(test.database.db);
    expect(rows.rows).toHaveLength(1);
    expect(Buffer.from(rows.rows[0].wrapped_key).length).toBe(12 + 32 + 16);
  });

  it('uses a different key for each client', async () => {
    const a = await vault.seal('client-a', 'note', 'Termin beim Jobcenter');
    const forged = { ...a, c: 'client-b' };
    await vault.seal('client-b', 'note', 'anything');
    await expect(vault.open(forged, 'note')).rejects.toThrow(SealedValueTamperedError);
  });

  it('refuses a value moved to another context or altered', async () => {
    const sealed = await vault.seal('client-2', 'CounsellingSessionHeld.note', 'vertraulich');
    await expect(vault.open(sealed, 'CaseClosed.summary')).rejects.toThrow(SealedValueTamperedError);
    const bytes = Buffer.from(sealed.d, 'base64url');
    bytes[14] ^= 1;
    await expect(vault.open({ ...sealed, d: bytes.toString('base64url') }, 'CounsellingSessionHeld.note')).rejects.toThrow(
      SealedValueTamperedError,
    );
  });

  it('erasure destroys the key: old values open as ERASED, new ones are refused', async () => {
    const sealed = await vault.seal('client-3', 'note', 'Adresse: Hauptstraße 1');
    await vault.erase('client-3', { erasedAt: new Date('2026-11-26T10:00:00Z'), erasedBy: 'coord-1', legalBasis: 'Art. 17 DSGVO' });
    expect(await vault.isErased('client-3')).toBe(true);
    expect(await vault.open(sealed, 'note')).toBe(ERASED);
    await expect(vault.seal('client-3', 'note', 'neu')).rejects.toThrow(ClientErasedError);

    // A second vault (another process) sees the erasure too: nothing survives in a cache that outlives the key.
    const other = new PostgresPersonalDataVault(test.database, masterKey);
    expect(await other.open(sealed, 'note')).toBe(ERASED);
  });

  it('another process stops decrypting an erased client within the key cache lifetime', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const clock = () => new Date(now);
    const reader = new PostgresPersonalDataVault(test.database, masterKey, clock);
    const sealed = await vault.seal('client-5', 'note', 'Telefon');
    expect(await reader.open(sealed, 'note')).toBe('Telefon');
    await vault.erase('client-5', { erasedAt: new Date(now), erasedBy: 'coord-1', legalBasis: 'Art. 17 DSGVO' });
    now += KEY_CACHE_TTL_MS;
    expect(await reader.open(sealed, 'note')).toBe(ERASED);
  });

  it('a key in use is confirmed again in the background: an erasure elsewhere ends its use before the cache lifetime', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const reader = new PostgresPersonalDataVault(test.database, masterKey, () => new Date(now));
    const sealed = await vault.seal('client-6', 'note', 'Telefon');
    expect(await reader.open(sealed, 'note')).toBe('Telefon');
    await vault.erase('client-6', { erasedAt: new Date(now), erasedBy: 'coord-1', legalBasis: 'Art. 17 DSGVO' });
    // Still within the cache lifetime, so still opened; being due, this use has the key confirmed, which fails.
    now += KEY_REVERIFY_AFTER_MS + 1;
    expect(await reader.open(sealed, 'note')).toBe('Telefon');
    await waitFor(async () => (await reader.open(sealed, 'note')) === ERASED);
    expect(now - Date.parse('2026-11-26T10:00:00Z')).toBeLessThan(KEY_CACHE_TTL_MS);
  });

  it('a wrong master key cannot unwrap client keys', async () => {
    const sealed = await vault.seal('client-4', 'note', 'x');
    const wrong = new PostgresPersonalDataVault(test.database, randomBytes(32));
    await expect(wrong.open(sealed, 'note')).rejects.toThrow(MasterKeyError);
  });
});
