import type { EventStore, RecordedEvent } from '../../src/application/ports/event-store.port';
import {
  DuplicateEventIdError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '../../src/application/ports/event-store.errors';
import { verifyChain } from '../../src/infrastructure/event-store/integrity';
import { newEvent, uniqueStream } from '../support/events';
import { type OpenedStore, eventStoreBackends } from './event-store.backends';
import { waitFor } from '../support/wait-for';

const backends = eventStoreBackends();

test('the run names the backends it covers', () => {
  // Printed so the output says which backends ran; PGlite is always among them.
  console.error(`event store contract runs on: ${backends.map((b) => b.name).join(', ')}`);
  expect(backends.map((b) => b.name)).toContain('PostgreSQL on PGlite');
});

describe.each(backends)('event store contract on $name', (backend) => {
  let opened: OpenedStore;
  let store: EventStore;
  const now = new Date('2026-11-26T10:00:00.000Z');

  beforeAll(async () => {
    opened = await backend.open({ clock: () => now });
    store = opened.store;
  });
  afterAll(async () => opened?.dispose());

  async function expectConflict(promise: Promise<unknown>, actual: number | 'no_stream'): Promise<void> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).actual).toBe(actual);
  }

  describe('expected revision', () => {
    it('no_stream creates a stream at revision 0 and refuses an existing one', async () => {
      const stream = uniqueStream();
      const result = await store.append(stream, [newEvent()], 'no_stream');
      expect(result).toMatchObject({ nextExpectedRevision: 0, written: true });
      await expectConflict(store.append(stream, [newEvent()], 'no_stream'), 0);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('stream_exists refuses a missing stream and accepts an existing one', async () => {
      const stream = uniqueStream();
      await expectConflict(store.append(stream, [newEvent()], 'stream_exists'), 'no_stream');
      expect(await store.readStream(stream)).toEqual([]);
      await store.append(stream, [newEvent()], 'any');
      expect(await store.append(stream, [newEvent()], 'stream_exists')).toMatchObject({ nextExpectedRevision: 1 });
    });

    it('an exact revision must match the last revision', async () => {
      const stream = uniqueStream();
      await expectConflict(store.append(stream, [newEvent()], 0), 'no_stream');
      await store.append(stream, [newEvent(), newEvent()], 'no_stream');
      await expectConflict(store.append(stream, [newEvent()], 0), 1);
      await expectConflict(store.append(stream, [newEvent()], 2), 1);
      expect(await store.append(stream, [newEvent()], 1)).toMatchObject({ nextExpectedRevision: 2, written: true });
    });

    it('any appends whatever the stream holds', async () => {
      const stream = uniqueStream();
      expect(await store.append(stream, [newEvent()], 'any')).toMatchObject({ nextExpectedRevision: 0 });
      expect(await store.append(stream, [newEvent()], 'any')).toMatchObject({ nextExpectedRevision: 1 });
    });

    it('of concurrent writers expecting the same revision exactly one wins', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent()], 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append(stream, [newEvent()], 0)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(stream)).toHaveLength(2);
    });
  });

  describe('atomic appends', () => {
    it('stores all events of an append with consecutive revisions and the full envelope', async () => {
      const stream = uniqueStream();
      const events = [newEvent('A', { i: 1 }), newEvent('B', { i: 2 }), newEvent('C', { i: 3 })];
      const result = await store.append(stream, events, 'no_stream');
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.revision, e.type, e.data, e.id])).toEqual(
        events.map((e, i) => [i, e.type, e.data, e.id]),
      );
      expect(read[2].checkpoint).toBe(result.checkpoint);
      expect(read[0]).toMatchObject({
        streamId: stream,
        schemaVersion: 1,
        metadata: { ...events[0].metadata, recordedAt: now.toISOString() },
      });
      expect(read[0].hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('writes nothing when one event of the append is invalid', async () => {
      const stream = uniqueStream();
      const bad = { ...newEvent(), type: '' };
      await expect(store.append(stream, [newEvent(), bad], 'any')).rejects.toThrow(InvalidEventError);
      expect(await store.readStream(stream)).toEqual([]);
    });

    if (backend.uniqueEventIdsAcrossStreams) it('writes nothing when a later event of the append reuses a stored id', async () => {
      const taken = newEvent();
      await store.append(uniqueStream(), [taken], 'no_stream');
      const stream = uniqueStream();
      await expect(store.append(stream, [newEvent(), { ...newEvent(), id: taken.id }], 'no_stream')).rejects.toThrow(
        DuplicateEventIdError,
      );
      expect(await store.readStream(stream)).toEqual([]);
    });
  });

  describe('malformed events are rejected before anything is written', () => {
    const cases: Array<[string, () => unknown]> = [
      ['no type', () => ({ ...newEvent(), type: undefined })],
      ['a bigint in data', () => newEvent('X', { n: BigInt(1) })],
      ['a function in data', () => newEvent('X', { f: () => 1 })],
      ['NaN in data', () => newEvent('X', { n: Number.NaN })],
      ['a Date in data', () => newEvent('X', { at: new Date() })],
      ['a cycle in data', () => {
        const data: Record<string, unknown> = {};
        data.self = data;
        return newEvent('X', data);
      }],
      ['data over 1 MiB', () => newEvent('X', { blob: 'x'.repeat(1024 * 1024) })],
      ['an id that is not a UUID', () => ({ ...newEvent(), id: 'not-a-uuid' })],
      ['no occurredAt', () => ({ ...newEvent(), metadata: { ...newEvent().metadata, occurredAt: 'yesterday' } })],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const stream = uniqueStream();
      await expect(store.append(stream, [make() as never], 'any')).rejects.toThrow(InvalidEventError);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('an empty append', async () => {
      await expect(store.append(uniqueStream(), [], 'any')).rejects.toThrow(InvalidEventError);
    });
  });

  describe('idempotent retries', () => {
    it('a retry with the same ids and expected revision succeeds and writes nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent()], 'no_stream');
      const events = [newEvent(), newEvent()];
      const first = await store.append(stream, events, 0);
      const retry = await store.append(stream, events, 0);
      expect(retry).toEqual({ ...first, written: false });
      const again = await store.append(stream, events, 'any');
      expect(again).toEqual({ ...first, written: false });
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('a retry is recognised even after others appended to the stream', async () => {
      const stream = uniqueStream();
      const events = [newEvent()];
      const first = await store.append(stream, events, 'no_stream');
      await store.append(stream, [newEvent()], 0);
      expect(await store.append(stream, events, 'no_stream')).toEqual({ ...first, written: false });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    if (backend.uniqueEventIdsAcrossStreams) it('the same ids on another stream are a duplicate, not a retry', async () => {
      const events = [newEvent()];
      await store.append(uniqueStream(), events, 'no_stream');
      const other = uniqueStream();
      await expect(store.append(other, events, 'no_stream')).rejects.toThrow(DuplicateEventIdError);
      expect(await store.readStream(other)).toEqual([]);
    });
  });

  describe('reading a stream', () => {
    let stream: string;
    beforeAll(async () => {
      stream = uniqueStream();
      await store.append(stream, Array.from({ length: 10 }, (_, i) => newEvent('N', { i })), 'no_stream');
    });
    const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

    it('forwards from a revision with a maximum count', async () => {
      expect(revisions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(revisions(await store.readStream(stream, { fromRevision: 4, maxCount: 3 }))).toEqual([4, 5, 6]);
      expect(revisions(await store.readStream(stream, { fromRevision: 10 }))).toEqual([]);
    });

    it('backwards from the end or from a revision', async () => {
      expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([9, 8]);
      expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3 }))).toEqual([3, 2, 1, 0]);
    });

    it('a missing stream reads as empty, in both directions', async () => {
      expect(await store.readStream(uniqueStream())).toEqual([]);
      expect(await store.readStream(uniqueStream(), { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('the global log', () => {
    it('reads every committed event once, in pages, after a checkpoint', async () => {
      const start = await head(store);
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append(a, [newEvent(), newEvent()], 'no_stream');
      await store.append(b, [newEvent()], 'no_stream');
      await store.append(a, [newEvent()], 1);
      // Another session's open transaction may hold the visibility horizon back for a moment: page until all 4
      // committed events have come, each exactly once. Events of earlier tests held back by it may come too.
      const seen: RecordedEvent[] = [];
      let checkpoint = start;
      await waitFor(async () => {
        const page = await store.readAll({ after: checkpoint, limit: 2 });
        seen.push(...page.events.filter((e) => e.streamId === a || e.streamId === b));
        checkpoint = page.checkpoint;
        return seen.length >= 4 && page.events.length === 0;
      });
      expect(seen.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2']);
      expect(new Set(seen.map((e) => e.checkpoint)).size).toBe(4);
      expect((await store.readAll({ after: checkpoint, limit: 10 })).events).toEqual([]);
    });

    it('orders checkpoints as the log orders events, an append answer included', async () => {
      const start = await head(store);
      const a = uniqueStream();
      const b = uniqueStream();
      const first = await store.append(a, [newEvent(), newEvent()], 'no_stream');
      const second = await store.append(b, [newEvent()], 'no_stream');
      // Another session's open transaction may hold the visibility horizon back for a moment.
      let read: string[] = [];
      await waitFor(async () => {
        const page = await store.readAll({ after: start, limit: 1000 });
        read = page.events.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.checkpoint);
        return read.length === 3;
      });
      const sign = (x: string, y: string) => Math.sign(store.compareCheckpoints(x, y));
      expect([sign(read[0], read[1]), sign(read[1], read[2]), sign(read[0], read[2])]).toEqual([-1, -1, -1]);
      expect([sign(read[2], read[0]), sign(read[1], read[1])]).toEqual([1, 0]);
      expect(sign(first.checkpoint, read[1])).toBe(0);
      expect(sign(first.checkpoint, second.checkpoint)).toBe(-1);
    });
  });

  describe('subscriptions', () => {
    it('catch up, go live, and resume after the last handled checkpoint', async () => {
      const stream = uniqueStream('sub');
      await store.append(stream, [newEvent('Before')], 'no_stream');
      const ownEvents = (events: RecordedEvent[]) => events.filter((e) => e.streamId === stream);

      const received: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store.subscribe({
        onBatch: async (events) => {
          received.push(...ownEvents(events));
        },
        onCaughtUp: () => {
          caughtUp = true;
        },
      });
      await waitFor(() => caughtUp && received.length === 1);
      await store.append(stream, [newEvent('Live1'), newEvent('Live2')], 0);
      await waitFor(() => received.length === 3);
      await subscription.stop();
      await subscription.done;

      await store.append(stream, [newEvent('WhileAway')], 2);
      const resumed: RecordedEvent[] = [];
      const again = store.subscribe({
        after: received[received.length - 1].checkpoint,
        onBatch: async (events) => {
          resumed.push(...ownEvents(events));
        },
      });
      await waitFor(() => resumed.length === 1);
      await store.append(stream, [newEvent('Live3')], 3);
      await waitFor(() => resumed.length === 2);
      await again.stop();
      expect(received.map((e) => e.type)).toEqual(['Before', 'Live1', 'Live2']);
      expect(resumed.map((e) => e.type)).toEqual(['WhileAway', 'Live3']);
    });

    it('end when the handler throws; a resumed subscriber gets the failed batch again', async () => {
      const start = await head(store);
      const stream = uniqueStream('sub');
      await store.append(stream, [newEvent('One'), newEvent('Two')], 'no_stream');
      let calls = 0;
      const failing = store.subscribe({
        after: start,
        batchSize: 1,
        onBatch: async () => {
          calls += 1;
          throw new Error('projection failed');
        },
      });
      await expect(failing.done).rejects.toThrow('projection failed');
      expect(calls).toBe(1);

      const delivered: string[] = [];
      const resumed = store.subscribe({
        after: start,
        onBatch: async (events) => {
          delivered.push(...events.filter((e) => e.streamId === stream).map((e) => e.type));
        },
      });
      await waitFor(() => delivered.length === 2);
      await resumed.stop();
      expect(delivered).toEqual(['One', 'Two']);
    });
  });

  describe('integrity', () => {
    it('chains every event of a stream to its predecessor, verifiably', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent(), newEvent()], 'no_stream');
      await store.append(stream, [newEvent('Later', { nested: { b: 2, a: [1, 'ü', null] } })], 1);
      const events = await store.readStream(stream);
      expect(verifyChain(stream, events)).toEqual({ streamId: stream, eventsChecked: 3, ok: true, firstBroken: null });
      expect(new Set(events.map((e) => e.hash)).size).toBe(3);
    });

    it('a reordered or missing event breaks the chain', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent(), newEvent(), newEvent()], 'no_stream');
      const events = await store.readStream(stream);
      expect(verifyChain(stream, [events[0], events[2]]).firstBroken).toMatchObject({ revision: 2, problem: 'revision_gap' });
      const swapped = [events[0], { ...events[2], revision: 1 }, { ...events[1], revision: 2 }];
      expect(verifyChain(stream, swapped).firstBroken).toMatchObject({ revision: 1, problem: 'hash_mismatch' });
    });
  });
});

/** The checkpoint of the last event in the log now: what a test reads after to see only its own events. */
async function head(store: EventStore): Promise<string | null> {
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit: 1000 });
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}
