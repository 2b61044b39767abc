import { type Kysely, sql } from 'kysely';

/**
 * The event log. Why it looks like this (docs/decisions/0002-global-order-without-gaps.md):
 * - `transaction_id` (xid8) with `global_position` is the total order. Readers see only rows of transactions
 *   older than every transaction still running, so a slow commit can never be skipped by a reader.
 * - `kim_append` takes a per-stream advisory lock before its first write, so the transaction id (assigned at the
 *   first write) grows with the stream revision, and the global order agrees with every stream's order.
 * - data and metadata are `json`, not `jsonb`: stored byte for byte as hashed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kim_events (
      global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      revision bigint NOT NULL CHECK (revision >= 0),
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      schema_version integer NOT NULL,
      data json NOT NULL,
      metadata json NOT NULL,
      hash bytea NOT NULL,
      CONSTRAINT kim_events_stream_revision UNIQUE (stream_id, revision),
      CONSTRAINT kim_events_event_id UNIQUE (event_id)
    )`.execute(db);
  await sql`CREATE INDEX kim_events_global_order ON kim_events (transaction_id, global_position)`.execute(db);

  // One round trip per append: lock the stream, check the expected revision, recognise a retry, chain the
  // hashes, insert. Statuses: ok | duplicate (a retry: nothing written) | conflict | duplicate_id.
  await sql`
    CREATE FUNCTION kim_append(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_versions integer[],
      p_data text[], p_metadata text[], p_digests text[]
    ) RETURNS TABLE (status text, last_revision bigint, last_transaction_id xid8, last_position bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := array_length(p_ids, 1);
      v_revision bigint;
      v_hash bytea;
      v_first bigint;
      v_stream text;
      v_matching integer;
      v_tx xid8;
      v_pos bigint;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));

      SELECT e.stream_id, e.revision INTO v_stream, v_first FROM kim_events e WHERE e.event_id = p_ids[1];
      IF FOUND THEN
        SELECT count(*) INTO v_matching FROM kim_events e
          WHERE e.stream_id = p_stream AND e.event_id = ANY (p_ids)
            AND e.revision = v_first + array_position(p_ids, e.event_id) - 1;
        IF v_stream = p_stream AND v_matching = n AND (
             p_expected IN ('any', 'stream_exists')
             OR (p_expected = 'no_stream' AND v_first = 0)
             OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = v_first - 1)) THEN
          RETURN QUERY SELECT 'duplicate'::text, e.revision, e.transaction_id, e.global_position
            FROM kim_events e WHERE e.stream_id = p_stream AND e.revision = v_first + n - 1;
        ELSE
          RETURN QUERY SELECT 'duplicate_id'::text, NULL::bigint, NULL::xid8, NULL::bigint;
        END IF;
        RETURN;
      END IF;

      SELECT e.revision, e.hash INTO v_revision, v_hash FROM kim_events e
        WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
      IF (p_expected = 'no_stream' AND v_revision IS NOT NULL)
         OR (p_expected = 'stream_exists' AND v_revision IS NULL)
         OR (p_expected ~ '^[0-9]+$' AND v_revision IS DISTINCT FROM p_expected::bigint) THEN
        RETURN QUERY SELECT 'conflict'::text, v_revision, NULL::xid8, NULL::bigint;
        RETURN;
      END IF;

      v_revision := coalesce(v_revision, -1);
      v_hash := coalesce(v_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
      FOR i IN 1..n LOOP
        v_revision := v_revision + 1;
        v_hash := sha256(v_hash || int8send(v_revision) || decode(p_digests[i], 'hex'));
        INSERT INTO kim_events (stream_id, revision, event_id, event_type, schema_version, data, metadata, hash)
          VALUES (p_stream, v_revision, p_ids[i], p_types[i], p_versions[i], p_data[i]::json, p_metadata[i]::json, v_hash)
          RETURNING transaction_id, global_position INTO v_tx, v_pos;
      END LOOP;
      RETURN QUERY SELECT 'ok'::text, v_revision, v_tx, v_pos;
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kim_append`.execute(db);
  await sql`DROP TABLE kim_events`.execute(db);
}
