import { createHash, randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import type { ExpectedRevision } from '../../src/application/ports/event-store.port';
import { openDatabase } from '../../src/infrastructure/database/database';
import { canonicalJson } from '../../src/infrastructure/event-store/canonical-json';
import { APPEND_ONE_EVENT, PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { type BenchSchema, createScratchDatabase, openBenchSchema } from './bench-database.fixture';
import { EVENT_TYPE, eventData, eventMetadata, newBenchEvent, newEmmettBenchEvent } from './bench-events.factory';
import { type ClosedLoopResult, runClosedLoop } from './closed-loop.runner';
import { runPgbenchAppend } from './pgbench.runner';

/** Opens the pool's connections and warms the JIT before the clock starts; its events are not counted. */
const WARM_UP_SECONDS = 1;

export interface AppendRound {
  events: number;
  seconds: number;
  latenciesMicros: number[];
  clientCpuSeconds: number;
}

/**
 * One round's worth of connections: opened for the round and closed after it, so that only one store holds
 * connections at a time (the server allows 100, and four stores at 32 writers would take 128).
 */
export interface AppendSession {
  /** Each writer appends to the stream `<prefix><writer number>`; every counted append is checked as stored. */
  run(seconds: number, prefix: string): Promise<AppendRound>;
  close(): Promise<void>;
}

export interface AppendTarget {
  name: string;
  open(writers: number): Promise<AppendSession>;
  /** The exact command, for targets that run one. */
  command(): string | null;
  dispose(): Promise<void>;
}

/**
 * Our adapter, in a fresh schema. With a number of statements in flight, as the service runs it: appends that
 * queue behind them leave together (decision 0012). With one statement per writer, every append is its own
 * statement and transaction, as pgbench runs them.
 */
export function ourAppendTarget(appendConcurrency: number | 'per writer') {
  return async (url: string, tag: string): Promise<AppendTarget> => {
    const perWriter = appendConcurrency === 'per writer';
    const schema = await openBenchSchema(url, 1, `${tag}_ours${perWriter ? '_single' : ''}`);
    return ourTarget(url, schema, appendConcurrency);
  };
}

function ourTarget(url: string, schema: BenchSchema, appendConcurrency: number | 'per writer'): AppendTarget {
  return {
    name: appendConcurrency === 'per writer' ? 'ours, one transaction per append' : `ours, ${appendConcurrency} in flight`,
    open: async (writers) => {
      const database = await openDatabase({ kind: 'postgres', url, poolSize: writers, schema: schema.schema });
      const store = new PostgresEventStore(database, { appendConcurrency: appendConcurrency === 'per writer' ? writers : appendConcurrency });
      const run = async (seconds: number, prefix: string) => {
        const round = toRound(
          await runClosedLoop(writers, seconds, (writer) => {
            const stream = `${prefix}${writer}`;
            let expected: ExpectedRevision = 'no_stream';
            let sequence = 0;
            return async () => {
              expected = (await store.append(stream, [newBenchEvent(sequence++)], expected)).nextExpectedRevision;
            };
          }),
        );
        await assertStored(countRows(url, schema.schema, 'kim_events'), prefix, round.events);
        return round;
      };
      await run(WARM_UP_SECONDS, `warm-${randomUUID()}-`);
      return { run, close: () => database.close() };
    },
    command: () => null,
    dispose: () => schema.dispose(),
  };
}

/**
 * The floor under our adapter in Node: the same prepared statement through a bare pg pool, parameters encoded
 * once up front. Its gap to pgbench is Node and node-postgres; our gap to it is the adapter's own work
 * (validation, canonical JSON, the body digest).
 */
export async function nodePostgresAppendTarget(url: string, tag: string): Promise<AppendTarget> {
  const schema = await openBenchSchema(url, 1, `${tag}_pg`);
  const payload = appendPayload();
  return {
    name: 'node-postgres, same call',
    open: async (writers) => {
      const pool = new Pool({ connectionString: url, max: writers, options: `-c search_path=${schema.schema}` });
      const run = async (seconds: number, prefix: string) => {
        const round = toRound(
          await runClosedLoop(writers, seconds, (writer) => {
            const stream = `${prefix}${writer}`;
            let expected = 'no_stream';
            return async () => {
              const { rows } = await pool.query<{ last_revision: string }>({
                ...APPEND_ONE_EVENT,
                values: [stream, expected, randomUUID(), EVENT_TYPE, 1, payload.dataJson, payload.metadataJson, payload.digestHex],
              });
              expected = String(rows[0].last_revision);
            };
          }),
        );
        await assertStored(countRows(url, schema.schema, 'kim_events'), prefix, round.events);
        return round;
      };
      await run(WARM_UP_SECONDS, `warm-${randomUUID()}-`);
      return { run, close: () => pool.end() };
    },
    command: () => null,
    dispose: () => schema.dispose(),
  };
}

/**
 * pgbench calling `kim_append` with the same payload: the server's ceiling for this transaction. `prepared` is
 * the protocol our adapter uses and the row the ratios refer to; `extended` (a parse per call) is the protocol
 * the earlier measurements used.
 */
export function pgbenchAppendTarget(protocol: 'prepared' | 'extended'): (url: string, tag: string) => Promise<AppendTarget> {
  return async (url, tag) => {
    const schema = await openBenchSchema(url, 1, `${tag}_pgbench_${protocol}`);
    const payload = appendPayload();
    let lastCommand: string | null = null;
    return {
      name: `pgbench kim_append, ${protocol}`,
      open: async (writers) => ({
        run: async (seconds, prefix) => {
          const result = await runPgbenchAppend({ url, protocol, schema: schema.schema, clients: writers, seconds, streamPrefix: prefix, ...payload });
          lastCommand = result.command;
          if (result.failed > 0) throw new Error(`pgbench: ${result.failed} failed transactions`);
          await assertStored(countRows(url, schema.schema, 'kim_events'), prefix, result.transactions);
          return { events: result.transactions, seconds, latenciesMicros: result.latenciesMicros, clientCpuSeconds: result.clientCpuSeconds };
        },
        close: async () => undefined,
      }),
      command: () => lastCommand,
      dispose: () => schema.dispose(),
    };
  };
}

/** Emmett 0.42's PostgreSQL event store in a fresh database, appending with `expectedStreamVersion`. */
export async function emmettAppendTarget(url: string, tag: string): Promise<AppendTarget> {
  const database = await createScratchDatabase(url, tag);
  const migrationPool = new Pool({ connectionString: database.url, max: 1 });
  await getPostgreSQLEventStore(database.url, { connectionOptions: { pool: migrationPool } }).schema.migrate();
  await migrationPool.end();
  return {
    name: 'Emmett 0.42 PostgreSQL',
    open: async (writers) => {
      const pool = new Pool({ connectionString: database.url, max: writers });
      // Its schema exists already: without this, every new store instance would run Emmett's migrations again.
      const store = getPostgreSQLEventStore(database.url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });
      const run = async (seconds: number, prefix: string) => {
        const round = toRound(
          await runClosedLoop(writers, seconds, (writer) => {
            const stream = `${prefix}${writer}`;
            // Emmett counts versions from 1; 0 means "the stream must not exist yet".
            let expectedStreamVersion = 0n;
            let sequence = 0;
            return async () => {
              const appended = await store.appendToStream(stream, [newEmmettBenchEvent(sequence++)], { expectedStreamVersion });
              expectedStreamVersion = appended.nextExpectedStreamVersion;
            };
          }),
        );
        await assertStored(countRows(database.url, 'public', 'emt_messages'), prefix, round.events);
        return round;
      };
      await run(WARM_UP_SECONDS, `warm-${randomUUID()}-`);
      return {
        run,
        close: async () => {
          await store.close();
          await pool.end();
        },
      };
    },
    command: () => null,
    dispose: () => database.drop(),
  };
}

/** The bytes our adapter sends for one event (canonical JSON, metadata with `recordedAt`, a body digest). */
function appendPayload(): { dataJson: string; metadataJson: string; digestHex: string } {
  const dataJson = canonicalJson(eventData(0));
  const metadataJson = canonicalJson({ ...eventMetadata(), recordedAt: new Date().toISOString() });
  const digestHex = createHash('sha256').update(dataJson + metadataJson).digest('hex');
  return { dataJson, metadataJson, digestHex };
}

function toRound({ operations, ...rest }: ClosedLoopResult): AppendRound {
  return { events: operations, ...rest };
}

/** Rows of a table whose stream id starts with a prefix, counted on a connection of its own. */
function countRows(url: string, schema: string, table: string): (prefix: string) => Promise<number> {
  return async (prefix) => {
    const pool = new Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    try {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE stream_id LIKE $1`, [`${prefix}%`]);
      return Number(rows[0].n);
    } finally {
      await pool.end();
    }
  };
}

/** Every counted append must have written exactly one row, or the rates compare different work. */
async function assertStored(count: (prefix: string) => Promise<number>, prefix: string, expected: number): Promise<void> {
  const stored = await count(prefix);
  if (stored !== expected) throw new Error(`${prefix}: ${stored} rows stored, ${expected} appends counted`);
}
