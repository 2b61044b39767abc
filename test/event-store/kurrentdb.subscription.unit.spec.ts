import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { UnavailableError, type AllStreamResolvedEvent, type AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../src/application/ports/event-store.errors';
import type { Checkpoint, RecordedEvent } from '../../src/application/ports/event-store.port';
import { encodeEvents } from '../../src/infrastructure/event-store/event-encoding';
import { chainHash, GENESIS_HASH } from '../../src/infrastructure/event-store/integrity';
import { toEventData, UnrecognisedStoredEventError } from '../../src/infrastructure/event-store/kurrentdb.event-mapping';
import { KurrentDbSubscription, type KurrentDbSubscriptionOptions } from '../../src/infrastructure/event-store/kurrentdb.subscription';

/** Stands in for the client's subscription: a readable of resolved events that also emits `caughtUp`. */
class FakeSource extends Readable {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true, read: () => undefined });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  caughtUp(): void {
    this.emit('caughtUp', {});
  }
}

/** An event as the client delivers it from `$all`, at position n/n. */
function stored(n: number, streamId = `case-${n}`): AllStreamResolvedEvent {
  const [encoded] = encodeEvents(
    streamId,
    [
      {
        id: randomUUID(),
        type: 'SessionHeld',
        schemaVersion: 1,
        data: { n },
        metadata: {
          occurredAt: '2025-03-01T09:00:00.000Z',
          actor: { userId: 'u-1', role: 'case_manager', organisationUnitId: null },
          correlationId: 'c-1',
          causationId: null,
        },
      },
    ],
    new Date('2025-03-01T09:00:01.000Z'),
  );
  const written = toEventData(encoded, chainHash(GENESIS_HASH, 0, encoded.digest));
  const position = { commit: BigInt(n), prepare: BigInt(n) };
  return {
    event: {
      streamId,
      id: written.id,
      isJson: false,
      revision: 0n,
      type: written.type,
      created: new Date(),
      data: written.data as Uint8Array,
      metadata: JSON.parse(Buffer.from(written.metadata as Uint8Array).toString('utf8')),
      position,
    },
    commitPosition: position.commit,
  } as AllStreamResolvedEvent;
}

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function subscribe(source: FakeSource, options: Partial<KurrentDbSubscriptionOptions> = {}): KurrentDbSubscription {
  return new KurrentDbSubscription(source as unknown as AllStreamSubscription, {
    after: null,
    batchSize: 100,
    onBatch: async () => undefined,
    ...options,
  });
}

/**
 * The client's own subscription transform, fed by a fake gRPC stream. Internal to the client, but it is what
 * decides when `caughtUp` fires relative to the events before it, which the reader depends on.
 */
function clientTransform(grpc: PassThrough): AllStreamSubscription {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Subscription } = require('@kurrent/kurrentdb-client/dist/streams/utils/Subscription');
  const source = new Subscription(() => Promise.resolve(grpc), (n: number) => stored(n), {}, undefined);
  source.unsubscribe = async () => undefined;
  return source;
}

function grpcMessage(kind: 'event' | 'caughtUp', n = 0): object {
  return {
    hasConfirmation: () => false,
    hasCaughtUp: () => kind === 'caughtUp',
    getCaughtUp: () => ({ hasTimestamp: () => false }),
    hasFellBehind: () => false,
    hasCheckpoint: () => false,
    hasEvent: () => kind === 'event',
    getEvent: () => n,
  };
}

const ns = (events: RecordedEvent[]): number[] => events.map((e) => (e.data as { n: number }).n);

describe('KurrentDbSubscription', () => {
  it('delivers each event once, in order, in batches no larger than batchSize, one batch at a time', async () => {
    const source = new FakeSource();
    const batches: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const allDelivered = deferred();
    const subscription = subscribe(source, {
      batchSize: 3,
      onBatch: async (events) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setImmediate(r));
        batches.push(ns(events));
        inFlight -= 1;
        if (batches.flat().length === 10) allDelivered.resolve();
      },
    });
    for (let n = 1; n <= 10; n++) source.push(stored(n));

    await allDelivered.promise;
    await subscription.stop();

    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBe(1);
  });

  it('reports caught up only after delivering every event that preceded the signal', async () => {
    const source = new FakeSource();
    const delivered: number[] = [];
    const caughtUp = deferred<{ checkpoint: Checkpoint | null; deliveredSoFar: number[] }>();
    const live = deferred();
    const subscription = subscribe(source, {
      batchSize: 2,
      onBatch: async (events) => {
        delivered.push(...ns(events));
        if (delivered.length === 7) live.resolve();
      },
      onCaughtUp: (checkpoint) => caughtUp.resolve({ checkpoint, deliveredSoFar: [...delivered] }),
    });
    // As in the client: the signal is emitted while the events before it still sit in the stream's buffer.
    for (let n = 1; n <= 5; n++) source.push(stored(n));
    source.caughtUp();

    expect(await caughtUp.promise).toEqual({ checkpoint: '5/5', deliveredSoFar: [1, 2, 3, 4, 5] });
    source.push(stored(6));
    source.push(stored(7));
    await live.promise;
    await subscription.stop();
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("places the client transform's caughtUp after the events it has buffered under backpressure", async () => {
    const grpc = new PassThrough({ objectMode: true });
    const delivered: number[] = [];
    let deliveredAtCaughtUp: number[] = [];
    const all = deferred();
    const subscription = new KurrentDbSubscription(clientTransform(grpc), {
      after: null,
      batchSize: 7,
      onBatch: async (events) => {
        await new Promise((r) => setImmediate(r));
        delivered.push(...ns(events));
        if (delivered.length === 250) all.resolve();
      },
      onCaughtUp: () => {
        deliveredAtCaughtUp = [...delivered];
      },
    });
    for (let n = 1; n <= 200; n++) grpc.write(grpcMessage('event', n));
    grpc.write(grpcMessage('caughtUp'));
    for (let n = 201; n <= 250; n++) grpc.write(grpcMessage('event', n));

    await all.promise;
    await subscription.stop();
    const upTo = (last: number): number[] => Array.from({ length: last }, (_, i) => i + 1);
    expect(deliveredAtCaughtUp).toEqual(upTo(200));
    expect(delivered).toEqual(upTo(250));
  });

  it('reports caught up with the starting checkpoint when there was nothing to catch up on', async () => {
    const source = new FakeSource();
    const caughtUp = deferred<Checkpoint | null>();
    const subscription = subscribe(source, {
      after: { commit: 40n, prepare: 40n },
      onCaughtUp: (checkpoint) => caughtUp.resolve(checkpoint),
    });
    source.caughtUp();
    expect(await caughtUp.promise).toBe('40/40');
    await subscription.stop();
  });

  it('treats `after` as exclusive and drops resent events and system streams', async () => {
    const source = new FakeSource();
    const delivered: number[] = [];
    const caughtUp = deferred();
    const subscription = subscribe(source, {
      after: { commit: 5n, prepare: 5n },
      onBatch: async (events) => {
        delivered.push(...ns(events));
      },
      onCaughtUp: () => caughtUp.resolve(),
    });
    for (const event of [stored(4), stored(5), stored(6), stored(6), stored(7, '$stats-node'), stored(8), stored(7)]) {
      source.push(event);
    }
    source.caughtUp();
    await caughtUp.promise;
    await subscription.stop();
    expect(delivered).toEqual([6, 8]);
  });

  it('stops while waiting for events: done resolves and the server subscription is cancelled', async () => {
    const source = new FakeSource();
    const subscription = subscribe(source);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(source.unsubscribed).toBe(true);
  });

  it('ends with a retryable error when the connection drops', async () => {
    const source = new FakeSource();
    const subscription = subscribe(source);
    source.emit('error', new UnavailableError());
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(source.unsubscribed).toBe(true);
  });

  it('ends with a retryable error when the server ends the stream', async () => {
    const source = new FakeSource();
    const subscription = subscribe(source);
    source.push(null);
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('ends with the error onBatch threw, unchanged', async () => {
    const source = new FakeSource();
    const failure = Object.assign(new Error('projection failed'), { code: 23505 });
    const subscription = subscribe(source, {
      onBatch: async () => {
        throw failure;
      },
    });
    source.push(stored(1));
    await expect(subscription.done).rejects.toBe(failure);
    expect(source.unsubscribed).toBe(true);
  });

  it('ends with a typed error on an event it cannot read', async () => {
    const source = new FakeSource();
    const subscription = subscribe(source);
    const foreign = stored(1);
    (foreign.event as { metadata: unknown }).metadata = { note: 'not ours' };
    source.push(foreign);
    await expect(subscription.done).rejects.toBeInstanceOf(UnrecognisedStoredEventError);
  });
});
