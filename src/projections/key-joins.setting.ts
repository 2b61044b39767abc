import { type Kysely, sql } from 'kysely';

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
