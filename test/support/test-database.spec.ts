import { type Kysely, sql } from 'kysely';
import { ProjectionRegistry } from '../../src/projections/registry/projection-registry.repository';
import { availableDatabaseKinds, openTestDatabase } from './test-database';

// Only the server keeps schemas after a test: PGlite's database ends with the test. CI always has the server.
if (availableDatabaseKinds().includes('postgres')) describe('the test database on the PostgreSQL server', () => {
  it('drops its schema and the read-model generations named after it, and nothing of other tests', async () => {
    const test = await openTestDatabase('postgres');
    const neighbour = await openTestDatabase('postgres');
    const schema = test.database.schema;
    const projection = { name: 'helper_counts', version: 1, setup: async () => undefined, apply: async () => undefined };
    try {
      await ProjectionRegistry.on(test.database.db, schema).openBuild(projection);
      await ProjectionRegistry.on(neighbour.database.db, neighbour.database.schema).openBuild(projection);
      expect(await schemasOf(neighbour.database.db, schema)).toEqual([schema, `${schema}_rm_helper_counts_v1_g1`]);

      await test.dispose();

      expect(await schemasOf(neighbour.database.db, schema)).toEqual([]);
      expect(await schemasOf(neighbour.database.db, neighbour.database.schema)).toEqual([
        neighbour.database.schema,
        `${neighbour.database.schema}_rm_helper_counts_v1_g1`,
      ]);
    } finally {
      await neighbour.dispose();
    }
  });
});

async function schemasOf<DB>(db: Kysely<DB>, prefix: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, ${prefix}) ORDER BY nspname`.execute(db);
  return rows.map((row) => row.name);
}
