import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  TransactionMaxSizeExceededError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  type CurrentRevision,
  DuplicateEventIdError,
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '../../application/ports/event-store.errors';
import type {
  AppendResult,
  Checkpoint,
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
import { assertValidStreamId, type EncodedEvent, encodeEvents } from './event-encoding';
import { chainHash, GENESIS_HASH } from './integrity';
import { comparePositions, decodeCheckpoint } from './kurrentdb.checkpoint';
import { toStoreError } from './kurrentdb.error-mapping';
import { toEventData, toRecordedEvent } from './kurrentdb.event-mapping';
import { KurrentDbSubscription } from './kurrentdb.subscription';

/** Under 'any' or 'stream_exists' a busy stream can move between our read and our write; after this, the caller retries. */
const MAX_APPEND_ATTEMPTS = 8;
const DEFAULT_BATCH_SIZE = 500;

export interface KurrentDbEventStoreOptions {
  /** The source of `recordedAt`. */
  clock?: () => Date;
}

/**
 * The event store on KurrentDB (EventStoreDB 22.6 or newer). KurrentDB cannot compute the hash chain, so an
 * append reads the stream's head, chains onto it, and writes with the head's exact revision: nobody can
 * slip in between. See docs/decisions/0003-kurrentdb-adapter.md.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly clock: () => Date,
  ) {}

  /** `connectionString` as `kurrentdb://host:2113?tls=false`; the client connects on first use. */
  static connect(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options.clock ?? (() => new Date()));
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const encoded = encodeEvents(streamId, events, this.clock());
    assertExpectedRevision(expected);
    for (let attempt = 1; ; attempt += 1) {
      // Reads that decide a write go to the leader: a lagging follower would show an old head.
      const tail = (await this.read(streamId, { direction: 'backwards', maxCount: encoded.length }, true)).reverse();
      const head = tail.length > 0 ? tail[tail.length - 1] : null;
      const actual: CurrentRevision = head ? head.revision : 'no_stream';
      if (!expectationHolds(expected, actual)) return this.resolveConflict(streamId, encoded, expected, actual);
      const earlier = await this.findEarlierAppend(streamId, encoded, expected, tail);
      if (earlier) return earlier;
      try {
        return await this.write(streamId, encoded, head);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt === MAX_APPEND_ATTEMPTS) {
          throw new EventStoreUnavailableError(
            `Stream ${streamId} kept changing during ${MAX_APPEND_ATTEMPTS} append attempts`,
            { cause: error },
          );
        }
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidStreamId(streamId);
    const { maxCount } = options;
    if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
      throw new InvalidEventError(-1, 'maxCount must be a whole number >= 0');
    }
    return this.read(streamId, options, false);
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<ReadAllResult> {
    let lowerBound = after ? decodeCheckpoint(after) : null;
    const events: RecordedEvent[] = [];
    while (events.length < limit) {
      // A read from a position includes the event at it, hence one more than still wanted.
      const wanted = limit - events.length + (lowerBound ? 1 : 0);
      let received = 0;
      try {
        for await (const resolved of this.client.readAll({
          fromPosition: lowerBound ?? START,
          maxCount: wanted,
          filter: excludeSystemEvents(),
        })) {
          received += 1;
          const stored = resolved.event;
          if (!stored || (lowerBound && comparePositions(stored.position, lowerBound) <= 0)) continue;
          lowerBound = stored.position;
          // The filter drops system event types only; ours never live in a system stream.
          if (stored.streamId.startsWith('$')) continue;
          events.push(toRecordedEvent(stored));
          if (events.length === limit) break;
        }
      } catch (error) {
        throw toStoreError(error, 'a read of all events');
      }
      if (received < wanted) break;
    }
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].checkpoint : (after ?? null) };
  }

  subscribe(options: SubscribeOptions): Subscription {
    const after = options.after ? decodeCheckpoint(options.after) : null;
    const subscription = new KurrentDbSubscription(
      this.client.subscribeToAll({ fromPosition: after ?? START, filter: excludeSystemEvents() }),
      {
        after,
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        onBatch: options.onBatch,
        onCaughtUp: options.onCaughtUp,
      },
    );
    this.subscriptions.add(subscription);
    const forget = (): void => {
      this.subscriptions.delete(subscription);
    };
    subscription.done.then(forget, forget);
    return subscription;
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return comparePositions(decodeCheckpoint(a), decodeCheckpoint(b));
  }

  async close(): Promise<void> {
    // Disposing the client cancels its streams silently, so running subscriptions are stopped first.
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private async read(streamId: string, options: ReadStreamOptions, requiresLeader: boolean): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
        maxCount: options.maxCount,
        requiresLeader,
      })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      const mapped = toStoreError(error, 'a stream read');
      if (mapped instanceof StreamNotFoundError) return [];
      throw mapped;
    }
    return events;
  }

  private async write(streamId: string, encoded: EncodedEvent[], head: RecordedEvent | null): Promise<AppendResult> {
    const first = head ? head.revision + 1 : 0;
    let previous: Buffer = head ? Buffer.from(head.hash, 'hex') : GENESIS_HASH;
    const data = encoded.map((event, index) => {
      const hash = chainHash(previous, first + index, event.digest);
      previous = hash;
      return toEventData(event, hash);
    });
    let last: number;
    try {
      const result = await this.client.appendToStream(streamId, data, {
        streamState: head ? BigInt(head.revision) : NO_STREAM,
      });
      last = Number(result.nextExpectedRevision);
    } catch (error) {
      const mapped = toStoreError(error, 'an append');
      if (mapped instanceof MaxAppendSizeExceededError || mapped instanceof TransactionMaxSizeExceededError) {
        throw new InvalidEventError(-1, 'the append is larger than the server accepts');
      }
      throw mapped;
    }
    // The append reports the write's log position, not reliably the $all position of its last event, which
    // is what a reader compares checkpoints against: read that event back.
    const [stored] = await this.read(streamId, { fromRevision: last, maxCount: 1 }, true);
    if (!stored) throw new EventStoreUnavailableError(`Stream ${streamId}: the append could not be read back`);
    return { nextExpectedRevision: last, checkpoint: stored.checkpoint, written: true };
  }

  /** The stream is not where the caller expected: either this is a retry of a stored append, or a conflict. */
  private async resolveConflict(
    streamId: string,
    encoded: EncodedEvent[],
    expected: ExpectedRevision,
    actual: CurrentRevision,
  ): Promise<AppendResult> {
    const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : null;
    if (start !== null) {
      const window = await this.read(streamId, { fromRevision: start, maxCount: encoded.length }, true);
      const earlier = await this.findEarlierAppend(streamId, encoded, expected, window);
      if (earlier) return earlier;
    }
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }

  /**
   * Looks for our event ids among `window` (stored events that a retry would have written). KurrentDB's own
   * id check is a best-effort cache, so it is done here: the same events at the position the caller's
   * expectation allows are an earlier success; any other reuse of an id is a bug in id derivation.
   */
  private async findEarlierAppend(
    streamId: string,
    encoded: EncodedEvent[],
    expected: ExpectedRevision,
    window: RecordedEvent[],
  ): Promise<AppendResult | null> {
    const indexById = new Map(encoded.map((event, index) => [event.id, index]));
    const hit = window.find((stored) => indexById.has(stored.id));
    if (!hit) return null;
    const start = hit.revision - (indexById.get(hit.id) ?? 0);
    if (start >= 0 && fitsExpected(expected, start)) {
      const stored = await this.read(streamId, { fromRevision: start, maxCount: encoded.length }, true);
      if (isSameAppend(stored, encoded)) {
        const last = stored[stored.length - 1];
        return { nextExpectedRevision: last.revision, checkpoint: last.checkpoint, written: false };
      }
    }
    throw new DuplicateEventIdError(streamId, hit.id);
  }
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidEventError(-1, 'expected revision must be any, no_stream, stream_exists or an integer >= 0');
}

function expectationHolds(expected: ExpectedRevision, actual: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/** Whether an append whose first event landed at revision `start` could have been made with `expected`. */
function fitsExpected(expected: ExpectedRevision, start: number): boolean {
  switch (expected) {
    case 'any':
    case 'stream_exists':
      return true;
    case 'no_stream':
      return start === 0;
    default:
      return start === expected + 1;
  }
}

/** A retry is recognised by its ids in order at consecutive revisions, as the PostgreSQL adapter does. */
function isSameAppend(stored: RecordedEvent[], encoded: EncodedEvent[]): boolean {
  return stored.length === encoded.length && encoded.every((event, index) => stored[index].id === event.id);
}
