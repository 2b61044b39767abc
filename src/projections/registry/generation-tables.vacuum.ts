import { type Kysely, sql } from 'kysely';
import type { TableUpkeepExceptions } from '../projection';

/**
 * Vacuums and analyses every table of a generation, so that readers plan their first queries with statistics and
 * find its pages marked all-visible. A new generation has neither: no statistics for the planner to estimate with,
 * no visibility map for index-only scans, and every row a batch updated leaves its old versions behind. Until
 * autovacuum came by, searches after a switch took 5 to 15 times as long (1,000,000 events, p50: expiring permits
 * 60 against 4 ms, one minute of the audit trail 85 against 5 ms; docs/BENCHMARKS.md); and on PGlite, which runs
 * no autovacuum, and on a server where it is off, it never comes.
 *
 * Each statement commits on its own (VACUUM cannot run in a transaction), so this is given the database. Repeating
 * it is harmless: a resumed build may. `exceptions`: tables only analysed, or left as they are.
 */
export async function vacuumGenerationTables(db: Kysely<unknown>, schema: string, exceptions: TableUpkeepExceptions = {}): Promise<void> {
  const { rows } = await sql<{ table: string }>`
    SELECT tablename AS table FROM pg_tables WHERE schemaname = ${schema} ORDER BY tablename`.execute(db);
  for (const { table } of rows) {
    const upkeep = Object.hasOwn(exceptions, table) ? exceptions[table] : 'vacuum';
    if (upkeep === 'vacuum') await sql`VACUUM (ANALYZE) ${sql.id(schema, table)}`.execute(db);
    else if (upkeep === 'analyse') await sql`ANALYZE ${sql.id(schema, table)}`.execute(db);
  }
}
