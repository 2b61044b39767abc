import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { arrayColumns, type ColumnValue } from '../../src/projections/array-columns.parameter';
import { copyRows, type CopyColumns } from '../../src/projections/copy-rows.statement';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database';

/** Values a row of a read model may carry, the awkward ones above all. */
const VALUES: ReadonlyArray<{ text: string | null; number: number; flag: boolean }> = [
  { text: '', number: 0, flag: false },
  { text: null, number: -1, flag: true },
  { text: 'NULL', number: 2 ** 40, flag: false },
  { text: 'Sie sagte: "nein" \\ {a,b} \'x\'', number: 3, flag: true },
  { text: 'Zeile 1\nZeile 2\tTab, Komma; „Anführung“ – ü ß 😀', number: 4, flag: false },
  { text: ' leading and trailing ', number: 5, flag: true },
];

type Row = (typeof VALUES)[number];

const COLUMNS: ReadonlyArray<readonly [string, string, (row: Row) => ColumnValue]> = [
  ['text', 'text', (row) => row.text],
  ['number', 'bigint', (row) => row.number],
  ['flag', 'boolean', (row) => row.flag],
];

const COPY_COLUMNS: CopyColumns<Row> = COLUMNS.map(([name, , value]) => [name, value]);

/** PostgreSQL text holds any character but NUL. */
const ANY_ROW = fc.record({
  text: fc.option(
    fc
      .oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' }), fc.constantFrom('NULL', 'null', '', '\\', '"', '{,}', '\\N', '\\.', '\t'))
      .filter((t) => !t.includes('\u0000')),
    { nil: null },
  ),
  number: fc.integer(),
  flag: fc.boolean(),
});

describe.each(availableDatabaseKinds())('rows sent to the server (%s)', (kind) => {
  let test: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.database.db as unknown as Kysely<unknown>;
  });
  afterAll(async () => test?.dispose());

  /** The rows as the server takes them apart again, in the order sent. */
  async function roundTrip(rows: readonly Row[]): Promise<Row[]> {
    const result = await sql<{ text: string | null; number: string; flag: boolean }>`
      SELECT text, number, flag FROM unnest(${arrayColumns(rows, COLUMNS)}) WITH ORDINALITY AS r(text, number, flag, n) ORDER BY n`.execute(db);
    return result.rows.map((row) => ({ ...row, number: Number(row.number) }));
  }

  it('arrive as they were sent as one array per column, in order', async () => {
    const rows = [...VALUES, ...VALUES.map((value, index) => ({ ...value, number: index + 100 }))];
    expect(await roundTrip(rows)).toEqual(rows);
  });

  it('property: any text, number and flag arrive as sent, control characters and quotes included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ANY_ROW, { maxLength: 20 }), async (rows) => expect(await roundTrip(rows)).toEqual(rows)),
      { numRuns: 150 },
    );
  });

  describe('through COPY', () => {
    const copied = () => sql.id(test.database.schema, 'copied_rows');

    beforeAll(async () => {
      await sql`CREATE TABLE ${copied()} (n bigint GENERATED ALWAYS AS IDENTITY, text text, number bigint, flag boolean)`.execute(db);
    });

    /** The rows as stored, in the order the identity numbered them. */
    async function copyRoundTrip(rows: readonly Row[]): Promise<Row[]> {
      await sql`TRUNCATE ${copied()}`.execute(db);
      await copyRows(db, copied(), rows, COPY_COLUMNS);
      const result = await sql<{ text: string | null; number: string; flag: boolean }>`SELECT text, number, flag FROM ${copied()} ORDER BY n`.execute(db);
      return result.rows.map((row) => ({ ...row, number: Number(row.number) }));
    }

    it('arrive as they were sent, in order, inside a transaction that rolls back whole', async () => {
      const rows = [...VALUES, ...VALUES.map((value, index) => ({ ...value, number: index + 100 }))];
      expect(await copyRoundTrip(rows)).toEqual(rows);
      await expect(
        db.transaction().execute(async (trx) => {
          await copyRows(trx, copied(), rows, COPY_COLUMNS);
          await copyRows(trx, copied(), [{ text: 'x', number: Number.NaN, flag: true }], COPY_COLUMNS);
        }),
      ).rejects.toThrow(/bigint/);
      const stored = await sql<{ count: string }>`SELECT count(*) AS count FROM ${copied()}`.execute(db);
      expect(Number(stored.rows[0].count)).toBe(rows.length);
    });

    it('property: any text, number and flag arrive as sent, backslashes, tabs and line breaks included', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(ANY_ROW, { maxLength: 20 }), async (rows) => expect(await copyRoundTrip(rows)).toEqual(rows)),
        { numRuns: 150 },
      );
    });
  });
});
