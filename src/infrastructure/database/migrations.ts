import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { SchemaVersionMismatchError } from '../../application/ports/event-store.errors';
import type { Database } from './database';
import * as eventStore from './migrations/0001-event-store.migration';
import * as clientKeys from './migrations/0002-client-keys.migration';
import * as identity from './migrations/0003-identity.migration';
import * as idempotency from './migrations/0004-idempotency.migration';
import * as projections from './migrations/0005-projections.migration';
import * as cheaperAppend from './migrations/0006-cheaper-append.migration';
import * as appendBatch from './migrations/0007-append-batch.migration';

/** Every schema change, in order. Names are never changed once released. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-event-store': eventStore,
  '0002-client-keys': clientKeys,
  '0003-identity': identity,
  '0004-idempotency': idempotency,
  '0005-projections': projections,
  '0006-cheaper-append': cheaperAppend,
  '0007-append-batch': appendBatch,
};

export const CODE_SCHEMA_VERSION = Object.keys(MIGRATIONS).sort().at(-1) as string;

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider,
    migrationTableSchema: database.schema,
  });
}

/** Applies what is missing; refuses a database that a newer version of the code has migrated. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const applied = await appliedMigrations(database);
  rejectUnknown(applied);
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator(database).migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt >= CONCURRENT_DROP_ATTEMPTS || !isConcurrentDrop(error)) throw error;
    // Dropping a schema of many tables takes a moment, and the listing fails as long as it lasts: five attempts in
    // a row failed within it once (CI, a test's schema dropped by another's cleanup), so each waits longer.
    await new Promise((resolve) => setTimeout(resolve, attempt * CONCURRENT_DROP_BACKOFF_MS));
  }
}

/** Up to 2.25 s of pauses in all, against the moment a drop took in CI (all five immediate attempts). */
const CONCURRENT_DROP_ATTEMPTS = 10;
const CONCURRENT_DROP_BACKOFF_MS = 50;

/**
 * Kysely's migrator first lists every table of every schema in the database; a schema or table dropped at that
 * moment (a projection switching generations, another installation's cleanup) fails the listing, not a migration.
 */
function isConcurrentDrop(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '3F000' || code === '42P01' || (error instanceof Error && /cache lookup failed|could not open relation/.test(error.message));
}

/** For installations that migrate from the CLI only: the schema must be exactly what the code expects. */
export async function assertSchemaCurrent(database: Database): Promise<void> {
  const applied = await appliedMigrations(database);
  rejectUnknown(applied);
  const missing = Object.keys(MIGRATIONS).filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new SchemaVersionMismatchError(
      applied.sort().at(-1) ?? null,
      CODE_SCHEMA_VERSION,
      'the database is older than this code: run `npm run cli -- migrate`',
    );
  }
}

function rejectUnknown(applied: string[]): void {
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new SchemaVersionMismatchError(
      applied.sort().at(-1) ?? null,
      CODE_SCHEMA_VERSION,
      'the database was migrated by a newer version of this software: run that version or restore a backup',
    );
  }
}

async function appliedMigrations(database: Database): Promise<string[]> {
  const exists = await sql<{ exists: boolean }>`
    SELECT to_regclass(${`${database.schema}.kysely_migration`}) IS NOT NULL AS exists`.execute(database.db);
  if (!exists.rows[0]?.exists) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${database.schema}.kysely_migration`)}`.execute(
    database.db,
  );
  return rows.rows.map((r) => r.name);
}
