import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  ERASED,
  type Erased,
  type PersonalDataVault,
  type SealedValue,
} from '../../application/ports/personal-data-vault.port';
import type { Database } from '../database/database';
import { decrypt, encrypt } from './aes-gcm';
import { ClientKeyCache, KEY_REVERIFY_AFTER_MS } from './client-key.cache';
import { MasterKeyError } from './master-key';

/** A sealed value could not be opened although its key exists: it or its context was altered. */
export class SealedValueTamperedError extends Error {
  override readonly name = 'SealedValueTamperedError';
  constructor(readonly clientId: string) {
    super(`A sealed value of client ${clientId} does not match its key or its context`);
  }
}

/**
 * Client data keys in PostgreSQL (`kim_client_keys`), wrapped with AES-256-GCM under the master key, the client
 * id bound in as context. Unwrapped keys are cached in memory (every event of a case needs its client's key),
 * but only briefly: an erasure in another process must stop this one from decrypting within KEY_CACHE_TTL_MS.
 * Keys in use are confirmed together in the background before that, so a command rarely waits for its key.
 */
export class PostgresPersonalDataVault implements PersonalDataVault {
  private readonly keys = new ClientKeyCache();
  private lastReverification = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly database: Database,
    private readonly masterKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async seal(clientId: string, context: string, value: unknown): Promise<SealedValue> {
    const key = await this.keyFor(clientId, true);
    if (key === null) throw new ClientErasedError(clientId);
    const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
    return { $sealed: 'v1', c: clientId, d: encrypt(key, plaintext, aad(clientId, context)).toString('base64url') };
  }

  async open(sealed: SealedValue, context: string): Promise<unknown | Erased> {
    const key = await this.keyFor(sealed.c, false);
    if (key === null) return ERASED;
    try {
      return JSON.parse(decrypt(key, Buffer.from(sealed.d, 'base64url'), aad(sealed.c, context)).toString('utf8'));
    } catch {
      throw new SealedValueTamperedError(sealed.c);
    }
  }

  async erase(clientId: string, erasure: { erasedAt: Date; erasedBy: string; legalBasis: string }): Promise<void> {
    this.keys.delete(clientId);
    await this.database.db
      .insertInto('kim_client_keys')
      .values({
        client_id: clientId,
        wrapped_key: null,
        created_at: erasure.erasedAt,
        erased_at: erasure.erasedAt,
        erased_by: erasure.erasedBy,
        legal_basis: erasure.legalBasis,
      })
      .onConflict((oc) =>
        oc.column('client_id').doUpdateSet({
          wrapped_key: null,
          erased_at: sql`coalesce(kim_client_keys.erased_at, excluded.erased_at)`,
          erased_by: sql`coalesce(kim_client_keys.erased_by, excluded.erased_by)`,
          legal_basis: sql`coalesce(kim_client_keys.legal_basis, excluded.legal_basis)`,
        }),
      )
      .execute();
  }

  private now(): number {
    return this.clock().getTime();
  }

  async isErased(clientId: string): Promise<boolean> {
    const row = await this.database.db
      .selectFrom('kim_client_keys')
      .select('erased_at')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row?.erased_at != null;
  }

  /** The client's data key; null when erased. Creates one when asked to and none exists. */
  private async keyFor(clientId: string, create: boolean): Promise<Buffer | null> {
    const askedAt = this.now();
    const cached = this.keys.get(clientId, askedAt);
    this.reverifyInBackground(askedAt);
    if (cached !== undefined) return cached;
    let row = await this.database.db
      .selectFrom('kim_client_keys')
      .select(['wrapped_key', 'erased_at'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row && create) {
      const wrapped = encrypt(this.masterKey, randomBytes(32), aad(clientId, 'data-key'));
      await this.database.db
        .insertInto('kim_client_keys')
        .values({ client_id: clientId, wrapped_key: wrapped, created_at: this.clock() })
        .onConflict((oc) => oc.column('client_id').doNothing())
        .execute();
      row = await this.database.db
        .selectFrom('kim_client_keys')
        .select(['wrapped_key', 'erased_at'])
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow();
    }
    if (!row || row.wrapped_key === null) return null;
    const key = this.unwrap(clientId, Buffer.from(row.wrapped_key));
    this.keys.set(clientId, key, askedAt);
    return key;
  }

  /**
   * One query confirms every key in use that is due, at most every KEY_REVERIFY_AFTER_MS; a key the query does
   * not find was erased and is dropped at once. A failed query only lets the keys expire and be read singly.
   */
  private reverifyInBackground(now: number): void {
    if (now - this.lastReverification < KEY_REVERIFY_AFTER_MS) return;
    this.lastReverification = now;
    const due = this.keys.dueForReverification(now);
    if (due.length === 0) return;
    this.database.db
      .selectFrom('kim_client_keys')
      .select('client_id')
      .where('client_id', 'in', due)
      .where('wrapped_key', 'is not', null)
      .execute()
      .then(
        (rows) => this.keys.confirmed(due, new Set(rows.map((row) => row.client_id)), now),
        () => undefined,
      );
  }

  private unwrap(clientId: string, wrapped: Buffer): Buffer {
    try {
      return decrypt(this.masterKey, wrapped, aad(clientId, 'data-key'));
    } catch {
      throw new MasterKeyError('The master key does not open the stored client keys: is KIM_MASTER_KEY the one this database was set up with?');
    }
  }
}

/** New personal data for an erased client is refused: erasure is final. */
export class ClientErasedError extends Error {
  override readonly name = 'ClientErasedError';
  constructor(readonly clientId: string) {
    super(`The data of client ${clientId} was erased; no new personal data can be recorded for this client`);
  }
}

function aad(clientId: string, context: string): string {
  return `${clientId}\u0000${context}`;
}
