import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { parseInstant } from '../../../src/domain/time/instant.value';
import { storedMicros } from '../../../src/projections/audit-trail/audit-trail.table';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';

/** An instant with an offset as an event may record it: 0 to 9 digits of a second's fraction, `Z` or an offset. */
const ANY_INSTANT = fc
  .record({
    date: fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2999, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 19)),
    fraction: fc.oneof(
      fc.constant(''),
      fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 9 }),
      // Ties at the microsecond, and fractions that round up into the next second.
      fc.constantFrom('0000005', '0000015', '9999995', '9999996', '999999', '1234565', '12345650'),
    ),
    offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)),
  })
  .map(({ date, fraction, offset }) => `${date}${fraction === '' ? '' : `.${fraction}`}${offset}`);

describe.each(availableDatabaseKinds())('an audit-trail row stores the instant an event recorded as PostgreSQL reads its text (%s)', (kind) => {
  let test: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.database.db as unknown as Kysely<unknown>;
  });
  afterAll(async () => test?.dispose());

  async function serverMicros(text: string): Promise<number> {
    const result = await sql<{ micros: string }>`SELECT (extract(epoch FROM ${text}::timestamptz) * 1000000)::bigint::text AS micros`.execute(db);
    return Number(result.rows[0].micros);
  }

  it('property: to the microsecond, the fraction rounded half to even as the server rounds it', async () => {
    await fc.assert(
      fc.asyncProperty(ANY_INSTANT, async (text) => {
        const ms = parseInstant(text);
        expect(ms).not.toBeNull();
        expect(storedMicros(text, ms as number)).toBe(await serverMicros(text));
      }),
      { numRuns: 300 },
    );
  });
});
