import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { mkdirSync } from 'node:fs';
import { Pool } from 'pg';
import { enableCopyFromStdin, withCopyFromStdin } from './copy-from-stdin';
import type { DatabaseSchema } from './database.schema';

export type DatabaseConfig =
  /** `schema` isolates one installation (or one test) inside a shared database. */
  | { kind: 'postgres'; url: string; poolSize: number; schema?: string }
  /** `dataDir: null` keeps everything in memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

export interface Database {
  db: Kysely<DatabaseSchema>;
  kind: 'postgres' | 'pglite';
  /** The schema holding our tables; `public` unless configured. */
  schema: string;
  /** The pg pool under `db` (server only), for the event store's hot statements (postgres.statement-runner.ts). */
  pool?: Pool;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config) : openPglite(config.dataDir);
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Promise<Database> {
  const schema = config.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name ${JSON.stringify(schema)}`);
  const pool = new Pool({
    connectionString: config.url,
    max: config.poolSize,
    options: `-c search_path=${schema}`,
    // A dead server must surface as an error, not as a caller waiting forever for a connection.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection (server restart) emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection.
  pool.on('error', () => undefined);
  // The pool listens only while a client is idle. A connection that dies while checked out but between two
  // statements of a transaction (a projection batch) would emit an unhandled 'error' and crash the process;
  // the transaction's next statement fails anyway, and the pool discards the client on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    enableCopyFromStdin(client);
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== 'public') await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    else await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: 'postgres', schema, pool, close: () => db.destroy() };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(withCopyFromStdin(pglite)) });
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
