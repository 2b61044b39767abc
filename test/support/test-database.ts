import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '../../src/infrastructure/database/database';
import { migrateToLatest } from '../../src/infrastructure/database/migrations';
import { dropAppSchemas } from './app-schema.cleanup';

/**
 * The real PostgreSQL server for tests that need one. In CI it must be there: a missing server fails the run
 * instead of silently skipping what only a server can prove.
 */
export function postgresTestUrl(): string | null {
  const url = process.env.KIM_TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI) throw new Error('KIM_TEST_DATABASE_URL must be set in CI: the PostgreSQL tests cannot be skipped there');
  return null;
}

export type TestDatabaseKind = 'pglite' | 'postgres';

export function availableDatabaseKinds(): TestDatabaseKind[] {
  return postgresTestUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** Drops the test's schema and the read-model generations named after it (server), and closes the connections. */
  dispose(): Promise<void>;
}

/** A migrated, empty database: in-memory PGlite, or a fresh schema of its own on the server. */
export async function openTestDatabase(kind: TestDatabaseKind, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(database);
    return { database, dispose: () => database.close() };
  }
  const url = postgresTestUrl();
  if (!url) throw new Error('KIM_TEST_DATABASE_URL is not set');
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const database = await openDatabase({ kind: 'postgres', url, poolSize: options.poolSize ?? 10, schema });
  await migrateToLatest(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      await dropAppSchemas(url, schema);
    },
  };
}
