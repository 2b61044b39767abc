import { type Kysely, type RawBuilder, sql } from 'kysely';
import { copyFromStdin } from '../infrastructure/database/copy-from-stdin';
import { BinaryCopyWriter } from './binary-copy.writer';

/**
 * Writes one row: a value for each column, in the columns' order, each through the writer method of the column's
 * type. One plain function per table, so each value is one direct call: through a function per column, the
 * calls of a million rows of 18 columns went to as many different functions from one place, which V8 cannot make
 * fast (1.3 s of a rebuild of all).
 */
export type RowWriter<Row> = (writer: BinaryCopyWriter, row: Row) => void;

/**
 * Appends `rows` to `table` in the order given, through COPY in its binary format (`BinaryCopyWriter`): for
 * insert-only tables, where nothing stored is compared or updated. Columns left out take their defaults, an
 * identity included, in the order of the rows. A value that does not fit its column's type (not a whole number,
 * not a UUID) fails the statement before anything is sent, naming the column.
 */
export async function copyRows<Row>(db: Kysely<unknown>, table: RawBuilder<unknown>, columns: readonly string[], rows: readonly Row[], writeRow: RowWriter<Row>): Promise<void> {
  if (rows.length === 0) return;
  const writer = new BinaryCopyWriter(rows.length * columns.length * 16);
  for (let i = 0; i < rows.length; i++) {
    writer.row(columns.length);
    try {
      writeRow(writer, rows[i]);
    } catch (error) {
      throw new TypeError(`column ${columns[writer.fieldIndex]}: ${(error as Error).message}`, { cause: error });
    }
    if (writer.fieldIndex !== columns.length) throw new Error(`a row of ${table.compile(db).sql} was written with ${writer.fieldIndex} of its ${columns.length} columns`);
  }
  await copyFromStdin(db, sql`${table} (${sql.raw(columns.join(', '))})`, writer.finish());
}
