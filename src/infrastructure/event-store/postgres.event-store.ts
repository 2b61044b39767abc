import type {
  AppendResult,
  Checkpoint,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../application/ports/event-store.port';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '../../application/ports/event-store.errors';
import type { Database } from '../database/database';
import { assertValidStreamId, encodeEvents } from './event-encoding';
import { PollingSubscription } from './polling.subscription';
import { AppendBatcher, type AppendRow, type AppendSender, type PendingAppend } from './postgres.append-batcher';
import { type Statement, type StatementRunner, statementRunner } from './postgres.statement-runner';

/**
 * What every read selects, in this order (`toRecordedEvent`): checkpoint and hash as the port hands them out.
 * Every column has its own name: kysely hands PGlite's rows over as objects, which keep one column per name.
 */
const EVENT_COLUMNS = `transaction_id::text || ':' || global_position AS checkpoint, stream_id, revision, event_id,
  event_type, schema_version, data, metadata, encode(hash, 'hex') AS hash`;

type EventRow = [
  checkpoint: string,
  streamId: string,
  revision: string | number | bigint,
  id: string,
  type: string,
  schemaVersion: number,
  data: unknown,
  metadata: unknown,
  hash: string,
];

const APPEND_COLUMNS = 'status, last_revision, last_transaction_id, last_position';

/** Nearly every append is one event: scalars spare node-postgres encoding (and escaping) six array literals. */
export const APPEND_ONE_EVENT: Statement = {
  name: 'kim_append_one',
  text: `SELECT ${APPEND_COLUMNS} FROM kim_append($1, $2, ARRAY[$3::uuid], ARRAY[$4::text], ARRAY[$5::integer],
    ARRAY[$6::text], ARRAY[$7::text], ARRAY[$8::text])`,
};

const APPEND_EVENTS: Statement = {
  name: 'kim_append_many',
  text: `SELECT ${APPEND_COLUMNS} FROM kim_append($1, $2, $3::uuid[], $4::text[], $5::integer[], $6::text[],
    $7::text[], $8::text[])`,
};

const APPEND_BATCH: Statement = {
  name: 'kim_append_batch',
  text: `SELECT ${APPEND_COLUMNS} FROM kim_append_batch($1::text[], $2::text[], $3::integer[], $4::uuid[], $5::text[],
    $6::integer[], $7::text[], $8::text[], $9::text[])`,
};

/** Append statements in flight at once on a server; appends arriving meanwhile leave together (decision 0012). */
export const DEFAULT_APPEND_CONCURRENCY = 4;

const READ_ALL: Statement = {
  name: 'kim_read_all',
  text: `SELECT ${EVENT_COLUMNS} FROM kim_events
    WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id, global_position
    LIMIT $3`,
};

/** `LIMIT NULL` reads to the end of the stream. */
const READ_STREAM_FORWARDS: Statement = {
  name: 'kim_read_stream_forwards',
  text: `SELECT ${EVENT_COLUMNS} FROM kim_events WHERE stream_id = $1 AND revision >= $2::bigint ORDER BY revision LIMIT $3`,
};

const READ_STREAM_BACKWARDS: Statement = {
  name: 'kim_read_stream_backwards',
  text: `SELECT ${EVENT_COLUMNS} FROM kim_events WHERE stream_id = $1 AND revision <= $2::bigint ORDER BY revision DESC LIMIT $3`,
};

const LAST_REVISION = '9223372036854775807';

/** Checkpoints are `<transaction id>:<global position>`, the key the log is ordered by. */
export function encodeCheckpoint(transactionId: string, position: string | number | bigint): Checkpoint {
  return `${transactionId}:${String(position)}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint | null | undefined): { transactionId: string; position: string } {
  if (checkpoint === null || checkpoint === undefined) return { transactionId: '0', position: '0' };
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(checkpoint);
  if (!match) throw new InvalidCheckpointError(checkpoint);
  return { transactionId: match[1], position: match[2] };
}

export class InvalidCheckpointError extends Error {
  override readonly name = 'InvalidCheckpointError';
  constructor(checkpoint: string) {
    super(`Not a checkpoint of the PostgreSQL event store: ${JSON.stringify(checkpoint.slice(0, 60))}`);
  }
}

/**
 * The PostgreSQL event store, on a server (pg pool) or embedded (PGlite), with the same SQL. The append is one
 * call of `kim_append` (see the migration); the global read is ordered by (transaction id, position) and only
 * shows transactions older than every running one, so no reader ever passes an event that commits later.
 */
export class PostgresEventStore implements EventStore {
  private readonly clock: () => Date;
  private readonly query: StatementRunner;
  private readonly sendAppend: (append: PendingAppend) => Promise<AppendRow>;

  /**
   * `appendConcurrency`: append statements in flight at once on a server's pool. PGlite has one connection, and
   * a store handed a transaction must write on it, so those send each append as it comes.
   */
  constructor(database: Database, options: { clock?: () => Date; appendConcurrency?: number } = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.query = statementRunner(database);
    const sender: AppendSender = {
      one: async (append) => (await this.query(...appendStatement(append)))[0] as AppendRow,
      batch: async (appends) => (await this.query(APPEND_BATCH, appendBatchValues(appends))) as AppendRow[],
    };
    if (database.pool && !database.db.isTransaction) {
      const batcher = new AppendBatcher(sender, options.appendConcurrency ?? DEFAULT_APPEND_CONCURRENCY);
      this.sendAppend = (append) => batcher.append(append);
    } else {
      this.sendAppend = sender.one;
    }
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const encoded = encodeEvents(streamId, events, this.clock());
    const expectedText = expectedToText(expected);
    const row = await this.run(streamId, () => this.sendAppend({ streamId, expected: expectedText, events: encoded }));
    const [status, lastRevision, lastTransactionId, lastPosition] = row;
    switch (status) {
      case 'ok':
      case 'duplicate':
        return {
          nextExpectedRevision: Number(lastRevision),
          checkpoint: encodeCheckpoint(lastTransactionId as string, lastPosition as string),
          written: status === 'ok',
        };
      case 'conflict':
        throw new WrongExpectedRevisionError(streamId, expected, lastRevision === null ? 'no_stream' : Number(lastRevision));
      case 'duplicate_id':
        throw new DuplicateEventIdError(streamId, encoded[0].id);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 0)) {
      throw new InvalidEventError(-1, 'maxCount must be a whole number >= 0');
    }
    if (limit === 0) return [];
    const from = options.fromRevision ?? (backwards ? LAST_REVISION : 0);
    const rows = await this.run(streamId, () =>
      this.query(backwards ? READ_STREAM_BACKWARDS : READ_STREAM_FORWARDS, [streamId, from, limit]),
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = decodeCheckpoint(options.after);
    const rows = await this.run(null, () => this.query(READ_ALL, [after.transactionId, after.position, options.limit]));
    const events = rows.map(toRecordedEvent);
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].checkpoint : (options.after ?? null) };
  }

  subscribe(options: SubscribeOptions): Subscription {
    return PollingSubscription.start(this, options);
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    const left = decodeCheckpoint(a);
    const right = decodeCheckpoint(b);
    return compareBigInts(left.transactionId, right.transactionId) || compareBigInts(left.position, right.position);
  }

  /** The database is shared with the read models and closed by whoever opened it. */
  async close(): Promise<void> {}

  private async run<T>(streamId: string | null, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateError(error, streamId);
    }
  }
}

/** Decimal strings of up to 20 digits: beyond what a double holds exactly, hence BigInt. */
function compareBigInts(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left === right ? 0 : left < right ? -1 : 1;
}

function expectedToText(expected: ExpectedRevision): string {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return String(expected);
  throw new InvalidEventError(-1, `expected revision must be any, no_stream, stream_exists or a revision >= 0`);
}

function appendStatement({ streamId, expected, events }: PendingAppend): [Statement, unknown[]] {
  if (events.length === 1) {
    const [e] = events;
    return [APPEND_ONE_EVENT, [streamId, expected, e.id, e.type, e.schemaVersion, e.dataJson, e.metadataJson, e.digest]];
  }
  return [
    APPEND_EVENTS,
    [
      streamId,
      expected,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.dataJson),
      events.map((e) => e.metadataJson),
      events.map((e) => e.digest),
    ],
  ];
}

/** The appends one after the other, their events in flat arrays: `p_counts` says how many belong to each. */
function appendBatchValues(appends: PendingAppend[]): unknown[] {
  const columns: [string[], string[], number[], string[], string[], number[], string[], string[], string[]] = [[], [], [], [], [], [], [], [], []];
  const [streams, expected, counts, ids, types, versions, data, metadata, digests] = columns;
  for (const append of appends) {
    streams.push(append.streamId);
    expected.push(append.expected);
    counts.push(append.events.length);
    for (const e of append.events) {
      ids.push(e.id);
      types.push(e.type);
      versions.push(e.schemaVersion);
      data.push(e.dataJson);
      metadata.push(e.metadataJson);
      digests.push(e.digest);
    }
  }
  return columns;
}

function toRecordedEvent(row: unknown[]): RecordedEvent {
  const [checkpoint, streamId, revision, id, type, schemaVersion, data, metadata, hash] = row as EventRow;
  return {
    id,
    streamId,
    revision: Number(revision),
    checkpoint,
    type,
    schemaVersion,
    data: typeof data === 'string' ? JSON.parse(data) : data,
    metadata: (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as EventMetadata,
    hash,
  };
}

/** SQLSTATE classes that mean "the server or the connection went away": the operation may be retried. */
const RETRYABLE_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01)/;
const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

function translateError(error: unknown, streamId: string | null): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (RETRYABLE_SQLSTATE.test(code) || RETRYABLE_NODE_CODES.has(code))) {
    return new EventStoreUnavailableError(`Event store unavailable (${code}): retry the operation`, { cause: error });
  }
  if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(error.message)) {
    return new EventStoreUnavailableError('Event store unavailable (connection lost): retry the operation', { cause: error });
  }
  if (code === '23505' && /kim_events_event_id/.test(String((error as { constraint?: unknown }).constraint ?? error.message))) {
    // An id of this append other than the first is stored elsewhere (the first is checked inside kim_append).
    return new DuplicateEventIdError(streamId ?? '(unknown)', String((error as { detail?: unknown }).detail ?? '').replace(/^.*=\((.*)\).*$/, '$1'));
  }
  return error;
}
