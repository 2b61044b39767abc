import { sql } from 'kysely';
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

interface EventRow {
  global_position: string | number | bigint;
  transaction_id: string;
  stream_id: string;
  revision: string | number | bigint;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  hash: Uint8Array;
}

interface AppendRow {
  status: 'ok' | 'duplicate' | 'conflict' | 'duplicate_id';
  last_revision: string | number | bigint | null;
  last_transaction_id: string | null;
  last_position: string | number | bigint | null;
}

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

  constructor(
    private readonly database: Database,
    options: { clock?: () => Date } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const encoded = encodeEvents(streamId, events, this.clock());
    const expectedText = expectedToText(expected);
    const result = await this.run(streamId, () =>
      sql<AppendRow>`SELECT * FROM kim_append(
        ${streamId},
        ${expectedText},
        ${encoded.map((e) => e.id)}::uuid[],
        ${encoded.map((e) => e.type)}::text[],
        ${encoded.map((e) => e.schemaVersion)}::integer[],
        ${encoded.map((e) => e.dataJson)}::text[],
        ${encoded.map((e) => e.metadataJson)}::text[],
        ${encoded.map((e) => e.digest.toString('hex'))}::text[]
      )`.execute(this.database.db),
    );
    const row = result.rows[0];
    switch (row.status) {
      case 'ok':
      case 'duplicate':
        return {
          nextExpectedRevision: Number(row.last_revision),
          checkpoint: encodeCheckpoint(row.last_transaction_id as string, row.last_position as string),
          written: row.status === 'ok',
        };
      case 'conflict':
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          row.last_revision === null ? 'no_stream' : Number(row.last_revision),
        );
      case 'duplicate_id':
        throw new DuplicateEventIdError(streamId, encoded[0].id);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(limit) || limit < 0) throw new InvalidEventError(-1, 'maxCount must be a whole number >= 0');
    if (limit === 0) return [];
    const from = options.fromRevision;
    const query = this.database.db
      .selectFrom('kim_events')
      .selectAll()
      .where('stream_id', '=', streamId)
      .$if(from !== undefined, (q) => q.where('revision', backwards ? '<=' : '>=', String(from) as never))
      .orderBy('revision', backwards ? 'desc' : 'asc')
      .$if(limit < Number.MAX_SAFE_INTEGER, (q) => q.limit(limit));
    const rows = await this.run(streamId, () => query.execute());
    return (rows as unknown as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = decodeCheckpoint(options.after);
    const result = await this.run(null, () =>
      sql<EventRow>`SELECT * FROM kim_events
        WHERE (transaction_id, global_position) > (${after.transactionId}::xid8, ${after.position}::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position
        LIMIT ${options.limit}`.execute(this.database.db),
    );
    const events = result.rows.map(toRecordedEvent);
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

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    checkpoint: encodeCheckpoint(row.transaction_id, row.global_position),
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    metadata: (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as EventMetadata,
    hash: Buffer.from(row.hash).toString('hex'),
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
