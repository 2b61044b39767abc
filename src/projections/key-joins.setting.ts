import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * For the rest of a batch's transaction: join the batch's rows to the stored ones by key (nested loops over an
 * index), never by hashing or sorting every stored row. A batch touches a few hundred or thousand rows, but a
 * generation being built has no statistics (nothing analyses it before the switch), and with the exact row
 * count of an `unnest` the planner hashes the whole table instead: 15-20 ms a statement late in a rebuild,
 * against 2-4 by key. Only the projection's own statements and the checkpoint's update follow in the transaction.
 */
export async function joinBatchRowsByKey(db: Kysely<unknown>): Promise<void> {
  await sql`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(db);
}

/**
 * The stored rows of `table` whose `key` is one of `keys`, for a FROM clause as `alias`: looked up by the key's
 * index one key after the other (`LATERAL ... LIMIT 1` cannot become a join or a scan). Asked as
 * `key = ANY (keys)`, the planner of a generation never analysed read every stored row for each batch instead,
 * and for the funding report's cases started a parallel worker to do so (25,000 rows for a batch's few hundred
 * keys: 0.6 s of a rebuild's statements). A key given twice finds its row twice: callers pass distinct keys.
 */
export function storedRowsByKey(table: RawBuilder<unknown>, alias: string, key: string, keys: readonly string[]): RawBuilder<unknown> {
  return sql`unnest(${[...keys]}::text[]) AS wanted(key)
    CROSS JOIN LATERAL (SELECT * FROM ${table} AS stored WHERE ${sql.ref(`stored.${key}`)} = wanted.key LIMIT 1) AS ${sql.id(alias)}`;
}
