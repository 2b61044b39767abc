import { type Kysely, type RawBuilder, sql } from 'kysely';

/**
 * Columns a read model only shows (JSON, summaries, sealed values): no query selects, joins, groups or sorts by
 * them, so the planner never asks for their statistics. `ANALYZE`, which the runner runs on every new generation
 * before its switch, then leaves them out; sampling them was most of its cost, JSON above all, which it sorts
 * value by value (1,000,000 events: the timeline's entries 200 against 60 ms, the caseload's clients 120
 * against 52, the audit trail 390 against 190).
 */
export async function skipStatisticsOf(db: Kysely<unknown>, table: RawBuilder<unknown>, columns: readonly string[]): Promise<void> {
  const statistics = columns.map((column) => sql`ALTER COLUMN ${sql.id(column)} SET STATISTICS 0`);
  await sql`ALTER TABLE ${table} ${sql.join(statistics, sql`, `)}`.execute(db);
}
