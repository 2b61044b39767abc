import { CompiledQuery } from 'kysely';
import type { Database } from '../database/database';

/** One SQL text with `$n` parameters, the same for both drivers; a name makes it a prepared statement on a server. */
export interface Statement {
  name?: string;
  text: string;
}

/** Rows as arrays of column values, in the order the statement selects them. */
export type StatementRunner = (statement: Statement, values: unknown[]) => Promise<unknown[][]>;

/**
 * Runs the event store's hot statements. On a pg pool they go straight to node-postgres, named statements
 * prepared once per connection: that skips kysely's compile and the server's parse and plan of every append
 * (docs/BENCHMARKS.md, section 1). Rows come as arrays: node-postgres builds a keyed object per row at several
 * times the cost, which is a third of reading the log. PGlite, and a store handed a transaction, run the same
 * text through kysely, on the transaction's own connection.
 */
export function statementRunner(database: Database): StatementRunner {
  const { pool, db } = database;
  if (pool && !db.isTransaction) {
    return async (statement, values) =>
      (await pool.query<unknown[]>({ name: statement.name, text: statement.text, values, rowMode: 'array' })).rows;
  }
  return async (statement, values) =>
    (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(statement.text, values))).rows.map((row) => Object.values(row));
}
