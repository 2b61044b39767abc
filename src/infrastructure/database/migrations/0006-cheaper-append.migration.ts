import { type Kysely, sql } from 'kysely';

/**
 * `kim_append` does less per call, with the same arguments and answers (docs/BENCHMARKS.md, section 1):
 * - one row through OUT parameters instead of `RETURNS TABLE`, which built a result set with a query per call;
 * - the expected revision is parsed once;
 * - when the stream ends exactly at the expected revision the append cannot be a retry (a retry's events sit
 *   right after the revision it expected), so the lookup of its first event id is skipped; an id stored in
 *   another stream then fails the insert on `kim_events_event_id`, which the adapter reports as before.
 * What it locks, checks, hashes and writes is unchanged (decision 0002 and 0004).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kim_append(text, text, uuid[], text[], integer[], text[], text[], text[])`.execute(db);
  await sql`
    CREATE FUNCTION kim_append(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_versions integer[],
      p_data text[], p_metadata text[], p_digests text[],
      OUT status text, OUT last_revision bigint, OUT last_transaction_id xid8, OUT last_position bigint
    ) LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := cardinality(p_ids);
      -- The revision the stream must end at (-1: no stream); null for any and stream_exists.
      v_exact bigint := CASE p_expected WHEN 'any' THEN NULL WHEN 'stream_exists' THEN NULL WHEN 'no_stream' THEN -1
                          ELSE p_expected::bigint END;
      v_head bigint;
      v_hash bytea;
      v_stream text;
      v_first bigint;
      v_matching integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
      SELECT e.revision, e.hash INTO v_head, v_hash FROM kim_events e
        WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;

      IF v_exact IS NULL OR v_exact <> coalesce(v_head, -1) THEN
        SELECT e.stream_id, e.revision INTO v_stream, v_first FROM kim_events e WHERE e.event_id = p_ids[1];
        IF FOUND THEN
          SELECT count(*) INTO v_matching FROM kim_events e
            WHERE e.stream_id = p_stream AND e.event_id = ANY (p_ids)
              AND e.revision = v_first + array_position(p_ids, e.event_id) - 1;
          IF v_stream = p_stream AND v_matching = n AND (v_exact IS NULL OR v_exact = v_first - 1) THEN
            status := 'duplicate';
            SELECT e.revision, e.transaction_id, e.global_position INTO last_revision, last_transaction_id, last_position
              FROM kim_events e WHERE e.stream_id = p_stream AND e.revision = v_first + n - 1;
          ELSE
            status := 'duplicate_id';
          END IF;
          RETURN;
        END IF;
        IF v_exact IS NOT NULL OR (p_expected = 'stream_exists' AND v_head IS NULL) THEN
          status := 'conflict';
          last_revision := v_head;
          RETURN;
        END IF;
      END IF;

      v_head := coalesce(v_head, -1);
      v_hash := coalesce(v_hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
      FOR i IN 1..n LOOP
        v_head := v_head + 1;
        v_hash := sha256(v_hash || int8send(v_head) || decode(p_digests[i], 'hex'));
        INSERT INTO kim_events (stream_id, revision, event_id, event_type, schema_version, data, metadata, hash)
          VALUES (p_stream, v_head, p_ids[i], p_types[i], p_versions[i], p_data[i]::json, p_metadata[i]::json, v_hash)
          RETURNING transaction_id, global_position INTO last_transaction_id, last_position;
      END LOOP;
      status := 'ok';
      last_revision := v_head;
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kim_append(text, text, uuid[], text[], integer[], text[], text[], text[])`.execute(db);
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
