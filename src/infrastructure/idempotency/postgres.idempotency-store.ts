import type { IdempotencyStore, StoredAnswer } from '../../application/ports/idempotency.port';
import type { Database } from '../database/database';

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly database: Database) {}

  async find(principalId: string, key: string): Promise<StoredAnswer | null> {
    const row = await this.database.db
      .selectFrom('kim_idempotency_keys')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('principal_id', '=', principalId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row) return null;
    return {
      requestHash: row.request_hash,
      statusCode: row.status_code,
      body: typeof row.response_body === 'string' ? JSON.parse(row.response_body) : row.response_body,
    };
  }

  async save(principalId: string, key: string, answer: StoredAnswer, at: Date): Promise<StoredAnswer> {
    await this.database.db
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
      .execute();
    return (await this.find(principalId, key)) as StoredAnswer;
  }
}
