import { type Kysely, sql } from 'kysely';
import { skipStatisticsOf } from '../../src/projections/unsearched-columns.statistics';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database';

describe.each(availableDatabaseKinds())('columns without statistics on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
  });
  afterAll(async () => test?.dispose());

  it('ANALYZE samples the other columns of the table but not the ones named', async () => {
    const db = test.database.db as unknown as Kysely<unknown>;
    const table = sql.id(test.database.schema, 'statistics_probe');
    await sql`CREATE TABLE ${table} (id integer PRIMARY KEY, district text NOT NULL, shown jsonb NOT NULL, summary text NOT NULL)`.execute(db);
    await skipStatisticsOf(db, table, ['shown', 'summary']);
    await sql`
      INSERT INTO ${table} SELECT i, 'district-' || (i % 3), jsonb_build_object('n', i), 'Beratung ' || i FROM generate_series(1, 500) AS i`.execute(db);
    await sql`ANALYZE ${table}`.execute(db);

    const { rows } = await sql<{ column: string }>`
      SELECT attname AS column FROM pg_stats WHERE schemaname = ${test.database.schema} AND tablename = 'statistics_probe' ORDER BY attname`.execute(db);
    expect(rows.map((row) => row.column)).toEqual(['district', 'id']);
  });
});
