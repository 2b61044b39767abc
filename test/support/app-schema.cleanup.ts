import { Client } from 'pg';
import { generationSchemaPrefix } from '../../src/projections/registry/generation-schema';

/**
 * Drops a test's or benchmark's schema and its read-model generations (`<schema>_rm_...`, see
 * generation-schema.ts) on a connection of its own. Call it after the app or database is closed: dropping them
 * under running projection runners deadlocks with a runner's batch or makes it fail loudly.
 */
export async function dropAppSchemas(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const generations = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)', [generationSchemaPrefix(schema)]);
    for (const name of [...generations.rows.map((row) => row.name), schema]) {
      await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(name)} CASCADE`);
    }
  } finally {
    await client.end();
  }
}
