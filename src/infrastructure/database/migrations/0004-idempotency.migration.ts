import { type Kysely, sql } from 'kysely';

/** Answers to requests that carried an Idempotency-Key, per account, so a repeat gets the same answer. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kim_idempotency_keys (
      principal_id text NOT NULL,
      idempotency_key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer NOT NULL,
      response_body json NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (principal_id, idempotency_key)
    )`.execute(db);
  await sql`CREATE INDEX kim_idempotency_keys_created ON kim_idempotency_keys (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kim_idempotency_keys`.execute(db);
}
