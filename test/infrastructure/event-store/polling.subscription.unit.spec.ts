import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import type { ReadAllOptions, ReadAllResult, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { PollingSubscription } from '../../../src/infrastructure/event-store/polling.subscription';

/** A log of `size` events whose checkpoints are their positions, with hooks on every read. */
function fakeLog(size: number) {
  const eventAt = (i: number): RecordedEvent => ({
    id: `e${i + 1}`,
    streamId: `s${i % 7}`,
    revision: Math.floor(i / 7),
    checkpoint: String(i + 1),
    type: 'T',
    schemaVersion: 1,
    data: {},
    metadata: { occurredAt: '', actor: { userId: 'u', role: 'r', organisationUnitId: null }, correlationId: 'c', causationId: null, recordedAt: '' },
    hash: '',
  });
  const events = Array.from({ length: size }, (_, i) => eventAt(i));
  const reads: Array<{ after: string | null; limit: number }> = [];
  const log = {
    failNextRead: false,
    reads,
    append(count: number) {
      for (let n = 0; n < count; n++) events.push(eventAt(events.length));
    },
    /** Reads and handled batches, in the order they happened. */
    timeline: [] as string[],
    readAll: async ({ after, limit }: ReadAllOptions): Promise<ReadAllResult> => {
      reads.push({ after: after ?? null, limit });
      log.timeline.push(`read after ${after ?? null}`);
      await new Promise((resolve) => setImmediate(resolve));
      if (log.failNextRead) {
        log.failNextRead = false;
        throw new EventStoreUnavailableError('connection lost');
      }
      const from = after === null || after === undefined ? 0 : Number(after);
      const page = events.slice(from, from + limit);
      return { events: page, checkpoint: page.length > 0 ? page[page.length - 1].checkpoint : (after ?? null) };
    },
  };
  return log;
}

function untilCaughtUp(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PollingSubscription', () => {
  it('reads the next batch while one is handled, and still hands batches over one at a time, in order', async () => {
    const log = fakeLog(2_500);
    const batches: string[][] = [];
    let concurrentHandlers = 0;
    const caughtUp = untilCaughtUp();
    const subscription = PollingSubscription.start(log, {
      batchSize: 300,
      onBatch: async (events) => {
        concurrentHandlers += 1;
        expect(concurrentHandlers).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        batches.push(events.map((e) => e.id));
        log.timeline.push(`handled up to ${events[events.length - 1].id}`);
        concurrentHandlers -= 1;
      },
      onCaughtUp: caughtUp.resolve,
    });
    await caughtUp.promise;
    await subscription.stop();

    expect(batches.flat()).toEqual(Array.from({ length: 2_500 }, (_, i) => `e${i + 1}`));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(300);
    // Each read continues where the previous batch ended, and the batch after a full one is read before the full
    // one has been handled.
    expect(log.reads.slice(0, 3)).toEqual([
      { after: null, limit: 300 },
      { after: '300', limit: 300 },
      { after: '600', limit: 300 },
    ]);
    expect(log.timeline.indexOf('read after 300')).toBeLessThan(log.timeline.indexOf('handled up to e300'));
    expect(log.timeline.indexOf('read after 600')).toBeLessThan(log.timeline.indexOf('handled up to e600'));
  });

  it('after an outage of the read ahead, continues from the last batch handled', async () => {
    const log = fakeLog(1_500);
    const delivered: string[] = [];
    const caughtUp = untilCaughtUp();
    const subscription = PollingSubscription.start(log, {
      batchSize: 1_000,
      onBatch: async (events) => {
        log.failNextRead = delivered.length === 0; // the read ahead of page 2 fails
        delivered.push(...events.map((e) => e.id));
      },
      onCaughtUp: caughtUp.resolve,
    });
    await caughtUp.promise;
    await subscription.stop();
    expect(delivered).toEqual(Array.from({ length: 1_500 }, (_, i) => `e${i + 1}`));
  });

  it('a failing handler ends it; no batch after the failed one, and no read left running', async () => {
    const log = fakeLog(3_000);
    let calls = 0;
    const subscription = PollingSubscription.start(log, {
      batchSize: 100,
      onBatch: async () => {
        calls += 1;
        throw new Error('projection failed');
      },
    });
    await expect(subscription.done).rejects.toThrow('projection failed');
    const readsWhenDone = log.reads.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
    expect(log.reads.length).toBe(readsWhenDone);
  });

  it('stops after the batch in flight, with the next batch already read', async () => {
    const log = fakeLog(1_000);
    const delivered: string[] = [];
    const subscription: PollingSubscription = PollingSubscription.start(log, {
      batchSize: 100,
      onBatch: async (events) => {
        delivered.push(...events.map((e) => e.id));
        if (delivered.length === 200) void subscription.stop();
      },
    });
    await subscription.done;
    expect(delivered).toHaveLength(200);
  });

  it('once caught up, pauses before the next read even after a page with events, so that the next batch gathers', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const log = fakeLog(5);
      const batches: number[] = [];
      const subscription = PollingSubscription.start(log, { batchSize: 100, onBatch: async (events) => void batches.push(events.length) });
      const settle = () => new Promise((resolve) => setImmediate(resolve));
      await settle();
      await settle();
      expect(batches).toEqual([5]);
      log.append(3);
      await settle();
      await settle();
      expect(log.reads).toHaveLength(1);
      log.append(4);

      await jest.advanceTimersByTimeAsync(50);
      await settle();
      expect(log.reads).toHaveLength(2);
      expect(batches).toEqual([5, 7]);
      const stopped = subscription.stop();
      await jest.advanceTimersByTimeAsync(50);
      await stopped;
    } finally {
      jest.useRealTimers();
    }
  });
});
