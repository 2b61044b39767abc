import { type Kysely, sql } from 'kysely';
import { arrayColumns, type ColumnValue } from '../../src/projections/array-columns.parameter';
import { jsonRows } from '../../src/projections/json-rows.parameter';
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

describe.each(availableDatabaseKinds())('rows sent to the server (%s)', (kind) => {
  let test: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.database.db as unknown as Kysely<unknown>;
  });
  afterAll(async () => test?.dispose());

  it('arrive as they were sent as one array per column, in order', async () => {
    const rows = [...VALUES, ...VALUES.map((value, index) => ({ ...value, number: index + 100 }))];
    const columns: ReadonlyArray<readonly [string, string, (row: (typeof rows)[number]) => ColumnValue]> = [
      ['text', 'text', (row) => row.text],
      ['number', 'bigint', (row) => row.number],
      ['flag', 'boolean', (row) => row.flag],
    ];
    const result = await sql<{ text: string | null; number: string; flag: boolean }>`
      SELECT text, number, flag FROM unnest(${arrayColumns(rows, columns)}) WITH ORDINALITY AS r(text, number, flag, n) ORDER BY n`.execute(db);
    expect(result.rows.map((row) => ({ ...row, number: Number(row.number) }))).toEqual(rows);
  });

  it('arrive as they were sent as JSON, however many fragments the rows take', async () => {
    // Large rows: one fragment each, more fragments than a function takes arguments.
    const padding = 'x'.repeat(70_000);
    for (const [count, pad] of [[0, ''], [1, ''], [3_000, ''], [150, padding]] as const) {
      const rows = Array.from({ length: count }, (_, index) => ({ ...VALUES[index % VALUES.length], number: index, pad }));
      const result = await sql<{ text: string | null; number: number; flag: boolean; pad: string }>`
        SELECT text, number, flag, pad FROM json_to_recordset(${jsonRows(rows)}) AS r(text text, number bigint, flag boolean, pad text)`.execute(db);
      expect(result.rows.map((row) => ({ ...row, number: Number(row.number) }))).toEqual(rows);
    }
  });
});
