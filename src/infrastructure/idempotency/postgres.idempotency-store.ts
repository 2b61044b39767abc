import { sql } from 'kysely';
import type { IdempotencyStore, StoredAnswer } from '../../application/ports/idempotency.port';
import type { Database } from '../database/database';

/** Keys are expired in batches of this many, so no single statement holds its locks for long. */
const EXPIRY_BATCH = 5_000;

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly database: Database) {}

  async find(principalId: string, key: string): Promise<StoredAnswer | null> {
    const row = await this.database.db
      .selectFrom('kim_idempotency_keys')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('principal_id', '=', principalId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? storedAnswerOf(row) : null;
  }

  async save(principalId: string, key: string, answer: StoredAnswer, at: Date): Promise<StoredAnswer> {
    const inserted = await this.database.db
      .insertInto('kim_idempotency_keys')
      .values({
        principal_id: principalId,
        idempotency_key: key,
        request_hash: answer.requestHash,
        status_code: answer.statusCode,
        response_body: JSON.stringify(answer.body),
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['principal_id', 'idempotency_key']).doNothing())
      .returning(['request_hash', 'status_code', 'response_body'])
      .executeTakeFirst();
    // Nothing returned: a concurrent request with the same key stored its answer first, and that one stays.
    return inserted ? storedAnswerOf(inserted) : ((await this.find(principalId, key)) as StoredAnswer);
  }

  /** Forgets every answer stored before `cutoff`; returns how many. */
  async expireBefore(cutoff: Date): Promise<number> {
    let expired = 0;
    for (;;) {
      const result = await sql`
        DELETE FROM kim_idempotency_keys WHERE (principal_id, idempotency_key) IN (
          SELECT principal_id, idempotency_key FROM kim_idempotency_keys WHERE created_at < ${cutoff} LIMIT ${EXPIRY_BATCH})`.execute(
        this.database.db,
      );
      const deleted = Number(result.numAffectedRows ?? 0);
      expired += deleted;
      if (deleted < EXPIRY_BATCH) return expired;
    }
  }
}

function storedAnswerOf(row: { request_hash: string; status_code: number; response_body: unknown }): StoredAnswer {
  return {
    requestHash: row.request_hash,
    statusCode: row.status_code,
    body: typeof row.response_body === 'string' ? JSON.parse(row.response_body) : row.response_body,
  };
}
