import { type Kysely, sql } from 'kysely';

/**
 * One data key per client, wrapped by the master key. Erasure sets `wrapped_key` to NULL and keeps the row, so
 * "erased" stays distinguishable from "never had data". The old row version can linger on disk, in WAL and in
 * backups, still wrapped by the master key (docs/decisions/0005-personal-data-encryption.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kim_client_keys (
      client_id text PRIMARY KEY,
      wrapped_key bytea,
      created_at timestamptz NOT NULL,
      erased_at timestamptz,
      erased_by text,
      legal_basis text,
      CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE kim_client_keys`.execute(db);
}
