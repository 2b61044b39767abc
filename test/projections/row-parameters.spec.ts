import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { arrayColumns, type ColumnValue } from '../../src/projections/array-columns.parameter';
import { copyRows, type RowWriter } from '../../src/projections/copy-rows.statement';
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

const COPY_COLUMNS = ['text', 'number', 'flag'];
const writeRow: RowWriter<Row> = (writer, row) => {
  writer.text(row.text);
  writer.int8(row.number);
  writer.bool(row.flag);
};

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
      await copyRows(db, copied(), COPY_COLUMNS, rows, writeRow);
      const result = await sql<{ text: string | null; number: string; flag: boolean }>`SELECT text, number, flag FROM ${copied()} ORDER BY n`.execute(db);
      return result.rows.map((row) => ({ ...row, number: Number(row.number) }));
    }

    it('arrive as they were sent, in order, inside a transaction that rolls back whole', async () => {
      const rows = [...VALUES, ...VALUES.map((value, index) => ({ ...value, number: index + 100 }))];
      expect(await copyRoundTrip(rows)).toEqual(rows);
      await expect(
        db.transaction().execute(async (trx) => {
          await copyRows(trx, copied(), COPY_COLUMNS, rows, writeRow);
          await copyRows(trx, copied(), COPY_COLUMNS, [{ text: 'x', number: Number.NaN, flag: true }], writeRow);
        }),
      ).rejects.toThrow(/column number: NaN/);
      const stored = await sql<{ count: string }>`SELECT count(*) AS count FROM ${copied()}`.execute(db);
      expect(Number(stored.rows[0].count)).toBe(rows.length);
    });

    it('property: any text, number and flag arrive as sent, backslashes, tabs and line breaks included', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(ANY_ROW, { maxLength: 20 }), async (rows) => expect(await copyRoundTrip(rows)).toEqual(rows)),
        { numRuns: 150 },
      );
    });

    it('writes what a row altered by hand holds where text belongs: other values as JSON, nothing as NULL', async () => {
      await sql`TRUNCATE ${copied()}`.execute(db);
      const odd: unknown[] = [{ a: 1 }, [1, 'x'], 42, true, undefined, null, 'plain'];
      await copyRows(db, copied(), COPY_COLUMNS, odd, (writer, value) => {
        writer.anyText(value);
        writer.int8(1);
        writer.bool(false);
      });
      const result = await sql<{ text: string | null }>`SELECT text FROM ${copied()} ORDER BY n`.execute(db);
      expect(result.rows.map((row) => row.text)).toEqual(['{"a":1}', '[1,"x"]', '42', 'true', null, null, 'plain']);
    });

    it('refuses a row written with fewer values than columns, before sending anything', async () => {
      await sql`TRUNCATE ${copied()}`.execute(db);
      await expect(copyRows(db, copied(), COPY_COLUMNS, VALUES, (writer, row) => writer.text(row.text))).rejects.toThrow(/with 1 of its 3 columns/);
      const stored = await sql<{ count: string }>`SELECT count(*) AS count FROM ${copied()}`.execute(db);
      expect(Number(stored.rows[0].count)).toBe(0);
    });

    describe('every type COPY writes', () => {
      const typed = () => sql.id(test.database.schema, 'typed_rows');

      beforeAll(async () => {
        await sql`CREATE TABLE ${typed()} (n bigint GENERATED ALWAYS AS IDENTITY, t text, j json, u uuid, i4 integer, i8 bigint, b boolean, d date, ts timestamptz)`.execute(db);
      });

      /** Each value as sent, or null; the UUID in any of the forms the writer takes. */
      const ANY_TYPED_ROW = fc.record({
        t: fc.option(fc.string({ unit: 'grapheme' }).filter((t) => !t.includes('\u0000')), { nil: null }),
        j: fc.option(fc.jsonValue().map((value) => JSON.stringify(value)), { nil: null }),
        u: fc.option(
          fc.tuple(fc.uuid(), fc.constantFrom('as is', 'upper', 'bare')).map(([uuid, form]) =>
            form === 'upper' ? uuid.toUpperCase() : form === 'bare' ? uuid.replaceAll('-', '') : uuid,
          ),
          { nil: null },
        ),
        i4: fc.option(fc.integer(), { nil: null }),
        i8: fc.option(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), { nil: null }),
        b: fc.option(fc.boolean(), { nil: null }),
        // Days and microseconds since 1970, before and after PostgreSQL's epoch (2000) and 1970 itself.
        d: fc.option(fc.integer({ min: -800_000, max: 800_000 }), { nil: null }),
        // Every time whose distance from PostgreSQL's epoch a double holds exactly (years 1685 to 2255).
        ts: fc.option(fc.integer({ min: -Number.MAX_SAFE_INTEGER + 946_684_800_000_000, max: Number.MAX_SAFE_INTEGER }), { nil: null }),
      });
      type TypedRow = typeof ANY_TYPED_ROW extends fc.Arbitrary<infer T> ? T : never;

      const TYPED_COLUMNS = ['t', 'j', 'u', 'i4', 'i8', 'b', 'd', 'ts'];
      const writeTypedRow: RowWriter<TypedRow> = (writer, row) => {
        writer.text(row.t);
        writer.text(row.j);
        writer.uuid(row.u);
        writer.int4(row.i4);
        writer.int8(row.i8);
        writer.bool(row.b);
        writer.date(row.d);
        writer.timestamptz(row.ts);
      };

      /** The rows as the server stores them, each value read back as text or a number that shows it exactly. */
      async function typedRoundTrip(rows: readonly TypedRow[]): Promise<TypedRow[]> {
        await sql`TRUNCATE ${typed()}`.execute(db);
        await copyRows(db, typed(), TYPED_COLUMNS, rows, writeTypedRow);
        const result = await sql<{ t: string | null; j: string | null; u: string | null; i4: number | null; i8: string | null; b: boolean | null; d: number | null; ts: string | null }>`
          SELECT t, j::text AS j, u::text AS u, i4, i8::text AS i8, b, d - DATE '1970-01-01' AS d,
                 (extract(epoch FROM ts) * 1000000)::bigint::text AS ts
          FROM ${typed()} ORDER BY n`.execute(db);
        return result.rows.map((row) => ({ ...row, i8: row.i8 === null ? null : Number(row.i8), ts: row.ts === null ? null : Number(row.ts) }));
      }

      /** What the server keeps of a UUID: its canonical form. */
      const canonical = (row: TypedRow): TypedRow => ({
        ...row,
        u: row.u === null ? null : row.u.toLowerCase().replace(/^(.{8})-?(.{4})-?(.{4})-?(.{4})-?(.{12})$/, '$1-$2-$3-$4-$5'),
      });

      it('property: any value of every type arrives as sent', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(ANY_TYPED_ROW, { maxLength: 20 }), async (rows) => expect(await typedRoundTrip(rows)).toEqual(rows.map(canonical))),
          { numRuns: 150 },
        );
      });

      it.each<[string, Partial<TypedRow>, RegExp]>([
        ['a UUID with a wrong digit', { u: '0000000g-0000-4000-8000-000000000000' }, /column u: .* is not a UUID/],
        ['a UUID with hyphens elsewhere', { u: '00000000000-0-4000-8000-000000000000' }, /column u: .* is not a UUID/],
        ['a UUID too short', { u: '00000000-0000-4000-8000-00000000000' }, /column u: .* is not a UUID/],
        ['an integer beyond 32 bits', { i4: 2 ** 31 }, /column i4: 2147483648 is not a whole number of 32 bits/],
        ['a fraction where an integer belongs', { i4: 0.5 }, /column i4: 0.5 is not a whole number/],
        ['a fraction where a bigint belongs', { i8: 1.5 }, /column i8: 1.5 is not a whole number/],
        ['a fraction of a day', { d: 0.5 }, /column d: 0.5 is not a day/],
        ['a time beyond 53 bits', { ts: 2 ** 60 }, /column ts: .* is not a whole number/],
      ])('refuses %s, names the column and writes nothing', async (_, wrong, message) => {
        await sql`TRUNCATE ${typed()}`.execute(db);
        const row: TypedRow = { t: 'x', j: null, u: null, i4: 1, i8: 1, b: true, d: 0, ts: 0 };
        await expect(copyRows(db, typed(), TYPED_COLUMNS, [row, { ...row, ...wrong }], writeTypedRow)).rejects.toThrow(message);
        const stored = await sql<{ count: string }>`SELECT count(*) AS count FROM ${typed()}`.execute(db);
        expect(Number(stored.rows[0].count)).toBe(0);
      });
    });
  });
});
