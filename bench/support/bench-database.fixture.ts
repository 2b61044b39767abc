import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import { type Database, openDatabase } from '../../src/infrastructure/database/database';
import { migrateToLatest } from '../../src/infrastructure/database/migrations';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The server under test. Benchmarks send load, so they refuse anything but this machine's loopback: a typo in
 * an environment variable must not point a load test at someone else's server.
 */
export function benchDatabaseUrl(): string {
  const url = process.env.KIM_BENCH_DATABASE_URL ?? DEFAULT_URL;
  const host = new URL(url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) {
    throw new Error(`KIM_BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${host}`);
  }
  return url;
}

export function runTag(): string {
  return randomBytes(4).toString('hex');
}

/** Our event store in a fresh schema of its own, migrated; `dispose` drops the schema. */
export interface BenchSchema {
  database: Database;
  schema: string;
  dispose(): Promise<void>;
}

export async function openBenchSchema(url: string, poolSize: number, tag: string): Promise<BenchSchema> {
  const schema = `bench_${tag}`;
  const database = await openDatabase({ kind: 'postgres', url, poolSize, schema });
  await migrateToLatest(database);
  return {
    database,
    schema,
    dispose: async () => {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
      await database.close();
    },
  };
}

/**
 * A fresh database for Emmett. Not a schema: Emmett creates its functions only when no function of that name
 * exists in any schema (`pg_proc` by name), so a second Emmett schema in the shared database would silently
 * reuse the first one's functions.
 */
export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(url: string, tag: string): Promise<ScratchDatabase> {
  const name = `kim_bench_emmett_${tag}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    name,
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
