import { type Kysely, sql } from 'kysely';

/**
 * `kim_append_batch` runs several appends, each to its own or the same stream, in one transaction: the store
 * sends appends that queue behind the ones in flight this way (postgres.append-batcher.ts, decision 0012). Each
 * append is exactly one `kim_append` call, with that function's checks and answers, one row per append in the
 * order given. Every stream's lock is taken first, in the order of the lock keys: two batches, or a batch and
 * a single append, then never wait for each other in a cycle, and no event is written before its stream is
 * locked, so the global order still agrees with each stream's revisions (decision 0002).
 *
 * An append that must fail with an answer of `kim_append` (conflict, retry, first event id stored elsewhere when
 * the stream does not end at the expected revision) answers with its status and the others go on. An error (an
 * event id already stored that `kim_append` did not look up, failing the insert) aborts the whole batch; the
 * store then sends each append of it alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION kim_append_batch(
      p_streams text[], p_expected text[], p_counts integer[],
      p_ids uuid[], p_types text[], p_versions integer[], p_data text[], p_metadata text[], p_digests text[]
    ) RETURNS TABLE (status text, last_revision bigint, last_transaction_id xid8, last_position bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_key bigint;
      v_from integer := 1;
      v_to integer;
    BEGIN
      FOR v_key IN SELECT DISTINCT hashtextextended(s, 0) FROM unnest(p_streams) AS s ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(v_key);
      END LOOP;
      FOR i IN 1..cardinality(p_streams) LOOP
        v_to := v_from + p_counts[i] - 1;
        RETURN QUERY SELECT a.status, a.last_revision, a.last_transaction_id, a.last_position
          FROM kim_append(p_streams[i], p_expected[i], p_ids[v_from:v_to], p_types[v_from:v_to],
            p_versions[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], p_digests[v_from:v_to]) AS a;
        v_from := v_to + 1;
      END LOOP;
    END
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kim_append_batch(text[], text[], integer[], uuid[], text[], integer[], text[], text[], text[])`.execute(db);
}
