import { type Kysely, type RawBuilder, sql } from 'kysely';
import { copyFromStdin } from '../infrastructure/database/copy-from-stdin';
import { columnNames } from './array-columns.parameter';
import { BinaryCopyWriter } from './binary-copy.writer';

/**
 * A column's value as COPY's binary format carries it, by the column's type: `date` in days and `timestamptz` in
 * microseconds since the epoch (1970), `json` as its text, `int4` and `int8` as whole numbers.
 */
export interface CopyValues {
  text: string;
  json: string;
  uuid: string;
  int4: number;
  int8: number;
  bool: boolean;
  date: number;
  timestamptz: number;
}

export type CopyType = keyof CopyValues;

/** Each column's name, its type in the table, and its value in a row (null: NULL). */
export type CopyColumns<Row> = ReadonlyArray<
  { [T in CopyType]: readonly [name: string, type: T, value: (row: Row) => CopyValues[T] | null] }[CopyType]
>;

/**
 * Appends `rows` to `table` in the order given, through COPY in its binary format (`BinaryCopyWriter`): for
 * insert-only tables, where nothing stored is compared or updated. Columns left out take their defaults, an
 * identity included, in the order of the rows. A value that does not fit its column's type (not a whole number,
 * not a UUID) fails the statement before anything is sent.
 */
export async function copyRows<Row>(db: Kysely<unknown>, table: RawBuilder<unknown>, rows: readonly Row[], columns: CopyColumns<Row>): Promise<void> {
  if (rows.length === 0) return;
  const writer = new BinaryCopyWriter(rows.length * columns.length * 16);
  const writes = columns.map(columnWriter);
  let c = 0;
  try {
    for (let i = 0; i < rows.length; i++) {
      writer.row(writes.length);
      for (c = 0; c < writes.length; c++) writes[c](writer, rows[i]);
    }
  } catch (error) {
    throw new TypeError(`column ${columns[c][0]} (${columns[c][1]}): ${(error as Error).message}`, { cause: error });
  }
  await copyFromStdin(db, sql`${table} (${columnNames(columns)})`, writer.finish());
}

type ColumnWriter<Row> = (writer: BinaryCopyWriter, row: Row) => void;

/** The column's value written by its type's method, chosen once per statement rather than once per value. */
function columnWriter<Row>(column: CopyColumns<Row>[number]): ColumnWriter<Row> {
  const value = column[2] as (row: Row) => unknown;
  const typed = (write: (writer: BinaryCopyWriter, v: never) => void): ColumnWriter<Row> => (writer, row) => {
    const v = value(row);
    if (v === null) writer.null();
    else write(writer, v as never);
  };
  switch (column[1]) {
    case 'text':
    case 'json':
      // A row altered by hand may hold anything where a string belongs: as JSON, as `arrayColumns` sends it.
      return typed((writer, v: unknown) => writer.text(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)));
    case 'uuid':
      return typed((writer, v: unknown) => writer.uuid(String(v)));
    case 'int4':
      return typed((writer, v: number) => writer.int4(v));
    case 'int8':
      return typed((writer, v: number) => writer.int8(v));
    case 'bool':
      return typed((writer, v: unknown) => writer.bool(v === true));
    case 'date':
      return typed((writer, v: number) => writer.date(v));
    case 'timestamptz':
      return typed((writer, v: number) => writer.timestamptz(v));
  }
}
