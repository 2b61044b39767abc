import type { Checkpoint, EventStore, RecordedEvent, Subscription } from '../../../src/application/ports/event-store.port';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { SharedLogSource } from '../../../src/projections/rebuild/shared-log.source';
import { uniqueStream } from '../../support/events';
import { openTestDatabase, type TestDatabase } from '../../support/test-database';
import { deferred } from '../../../src/projections/runner/deferred';
import { Gate } from '../support/gate';
import { appendSpread, waitUntil } from '../support/projection-test.kit';
import { readWholeLog } from '../support/stream-counts.projection';

/**
 * What a subscriber received, and what a runner would apply of it: only events after its own position. A page
 * that began after its position would show as events missing from `applied`.
 */
class Subscriber {
  readonly batches: RecordedEvent[][] = [];
  readonly applied: RecordedEvent[] = [];
  caughtUp = false;
  /** How many events it had applied when told it caught up. */
  appliedWhenCaughtUp: number | null = null;
  subscription!: Subscription;
  private position: Checkpoint | null;

  constructor(
    private readonly store: Pick<EventStore, 'compareCheckpoints'>,
    readonly after: Checkpoint | null,
    private readonly before: (events: RecordedEvent[]) => Promise<void> = async () => undefined,
  ) {
    this.position = after;
  }

  start(source: SharedLogSource): this {
    this.subscription = source.subscribe({
      after: this.after,
      onBatch: async (events) => {
        await this.before(events);
        this.batches.push(events);
        for (const event of events) {
          if (this.position !== null && this.store.compareCheckpoints(event.checkpoint, this.position) <= 0) continue;
          this.applied.push(event);
          this.position = event.checkpoint;
        }
      },
      onCaughtUp: () => {
        this.caughtUp = true;
        this.appliedWhenCaughtUp = this.applied.length;
      },
    });
    return this;
  }
}

describe('one read of the log for several subscribers', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let reads = 0;
  let pagesWithEvents = 0;
  let counted: EventStore;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    store = new PostgresEventStore(test.database);
    counted = Object.assign(Object.create(store) as EventStore, {
      readAll: async (options: Parameters<EventStore['readAll']>[0]) => {
        reads += 1;
        const page = await store.readAll(options);
        if (page.events.length > 0) pagesWithEvents += 1;
        return page;
      },
    });
  });
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
  });
  afterAll(async () => test?.dispose());

  function shared(batchSize: number): SharedLogSource {
    return new SharedLogSource(counted, batchSize);
  }

  /** Subscribers may run ahead of the slowest by two pages. */
  function runningAhead(batchSize: number): SharedLogSource {
    return new SharedLogSource(counted, batchSize, { maxPagesAhead: 2 });
  }

  function subscriber(source: SharedLogSource, after: Checkpoint | null, before?: (events: RecordedEvent[]) => Promise<void>): Subscriber {
    const started = new Subscriber(store, after, before).start(source);
    subscriptions.push(started.subscription);
    return started;
  }

  async function expectWholeLogAfter(subscriber: Subscriber): Promise<void> {
    const log = await readWholeLog(store);
    const from = subscriber.after === null ? 0 : log.findIndex((event) => event.checkpoint === subscriber.after) + 1;
    expect(subscriber.applied.map((event) => event.id)).toEqual(log.slice(from).map((event) => event.id));
  }

  /** Every event once, in order: nothing was delivered twice (no restart in between). */
  async function expectWholeLogOnce(subscriber: Subscriber): Promise<void> {
    const log = await readWholeLog(store);
    expect(subscriber.batches.flat().map((event) => event.id)).toEqual(log.map((event) => event.id));
  }

  it('hands each page to every subscriber from one read, and tells each when it has caught up', async () => {
    await appendSpread(store, [uniqueStream(), uniqueStream()], 23);
    const pages = Math.ceil(((await readWholeLog(store)).length + 1) / 5);
    const source = shared(5);
    reads = 0;
    let readsWhenCaughtUp = 0;
    const all = [subscriber(source, null), subscriber(source, null), subscriber(source, null)];
    await waitUntil(() => all.every((s) => s.caughtUp), 'all caught up');
    readsWhenCaughtUp = reads;
    // Three subscriptions of their own would read every page three times; an idle poll may follow the last.
    expect(readsWhenCaughtUp).toBeLessThanOrEqual(pages + 1);
    for (const s of all) await expectWholeLogAfter(s);

    const head = await appendSpread(store, [uniqueStream()], 7);
    await waitUntil(() => all.every((s) => s.applied.at(-1)?.checkpoint === head), 'new events delivered live');
    for (const s of all) await expectWholeLogAfter(s);
  });

  it('restarts from a subscriber behind the others, and none of them misses or repeats an event', async () => {
    await appendSpread(store, [uniqueStream(), uniqueStream()], 30);
    const log = await readWholeLog(store);
    const source = shared(4);
    const first = subscriber(source, null);
    await waitUntil(() => first.caughtUp, 'the first caught up');
    const middle = subscriber(source, log[Math.floor(log.length / 2)].checkpoint);
    const late = subscriber(source, log[3].checkpoint);
    await waitUntil(() => middle.caughtUp && late.caughtUp, 'the later ones caught up');
    const head = await appendSpread(store, [uniqueStream()], 9);
    await waitUntil(() => [first, middle, late].every((s) => s.applied.at(-1)?.checkpoint === head), 'new events delivered live');
    for (const s of [first, middle, late]) await expectWholeLogAfter(s);
  });

  it('ends only the subscription of a subscriber that throws', async () => {
    await appendSpread(store, [uniqueStream()], 12);
    const source = shared(5);
    const failing = subscriber(source, null, async () => {
      throw new Error('cannot apply');
    });
    const healthy = subscriber(source, null);
    await expect(failing.subscription.done).rejects.toThrow('cannot apply');
    await waitUntil(() => healthy.caughtUp, 'the healthy one caught up');
    await expectWholeLogAfter(healthy);
    expect(failing.applied).toEqual([]);
  });

  it('reads the next page while the subscribers apply this one', async () => {
    await appendSpread(store, [uniqueStream()], 12);
    const source = shared(5);
    const held = deferred<void>();
    reads = 0;
    let batches = 0;
    const slow = subscriber(source, null, async () => {
      batches += 1;
      if (batches === 1) await held.promise;
    });
    try {
      await waitUntil(() => batches === 1 && reads >= 2, 'the second page read while the first is applied');
    } finally {
      held.resolve();
    }
    await waitUntil(() => slow.caughtUp, 'caught up');
    await expectWholeLogAfter(slow);
  });

  it('tells a subscriber it caught up even when the next page arrived before it had applied the last one', async () => {
    await appendSpread(store, [uniqueStream()], 3);
    const source = shared(1000);
    const held = deferred<void>();
    pagesWithEvents = 0;
    let batches = 0;
    const slow = subscriber(source, null, async () => {
      batches += 1;
      if (batches === 1) await held.promise;
    });
    await waitUntil(() => batches === 1, 'the whole log in the first page, held');
    await appendSpread(store, [uniqueStream()], 3);
    try {
      await waitUntil(() => pagesWithEvents === 2, 'the new events read while the first page is held');
    } finally {
      held.resolve();
    }
    await waitUntil(() => slow.caughtUp, 'caught up');
    await expectWholeLogAfter(slow);
  });

  it('delivers nothing after a subscription has stopped', async () => {
    await appendSpread(store, [uniqueStream()], 12);
    const source = shared(5);
    const stopping = subscriber(source, null);
    await waitUntil(() => stopping.batches.length > 0, 'a first batch');
    await stopping.subscription.stop();
    await expect(stopping.subscription.done).resolves.toBeUndefined();
    const received = stopping.batches.length;
    const other = subscriber(source, null);
    await appendSpread(store, [uniqueStream()], 3);
    await waitUntil(() => other.caughtUp, 'another subscriber caught up');
    expect(stopping.batches).toHaveLength(received);
  });

  describe('running ahead of the slowest subscriber', () => {
    /** Holds the first page at `gate`, and lets the others through. */
    function holdingFirstPage(gate: Gate): () => Promise<void> {
      let first = true;
      return async () => {
        if (!first) return;
        first = false;
        await gate.pass();
      };
    }

    /** Time enough for anything still moving to show (a read of PGlite takes a few milliseconds). */
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

    it('applies up to maxPagesAhead pages beyond a held subscriber, and reads no further until it applies one', async () => {
      await appendSpread(store, [uniqueStream(), uniqueStream()], 40);
      const source = runningAhead(5);
      const gate = new Gate();
      reads = 0;
      const held = subscriber(source, null, holdingFirstPage(gate));
      const ahead = subscriber(source, null);
      try {
        await gate.reached;
        await waitUntil(() => ahead.batches.length === 3, 'the held page and two more applied by the other', 5_000);
        await settle();
        expect(ahead.batches).toHaveLength(3);
        expect(held.batches).toHaveLength(0);
        // The three pages handed on and the one the store read ahead: the held subscriber holds the store back.
        expect(reads).toBe(4);
      } finally {
        gate.open();
      }
      await waitUntil(() => held.caughtUp && ahead.caughtUp, 'both caught up');
      for (const s of [held, ahead]) await expectWholeLogOnce(s);
    });

    it('tells each subscriber it caught up only once it has applied the whole log, whoever is ahead', async () => {
      await appendSpread(store, [uniqueStream()], 12);
      const log = await readWholeLog(store);
      // Two pages, the second one short: the held subscriber has room for both, so the store reads to the end.
      const source = runningAhead(Math.ceil((log.length + 1) / 2));
      const gate = new Gate();
      const held = subscriber(source, null, holdingFirstPage(gate));
      const ahead = subscriber(source, null);
      try {
        await waitUntil(() => ahead.caughtUp, 'the one ahead caught up while the other is held', 5_000);
        await settle();
        expect(held.caughtUp).toBe(false);
      } finally {
        gate.open();
      }
      await waitUntil(() => held.caughtUp, 'the held one caught up');
      expect(ahead.appliedWhenCaughtUp).toBe(log.length);
      expect(held.appliedWhenCaughtUp).toBe(log.length);
      for (const s of [held, ahead]) await expectWholeLogOnce(s);
    });

    it('drops the pages of a subscriber that throws, and its queue holds no one back', async () => {
      await appendSpread(store, [uniqueStream()], 40);
      const source = runningAhead(5);
      const gate = new Gate();
      const failing = subscriber(source, null, async () => {
        await gate.pass();
        throw new Error('cannot apply');
      });
      const healthy = subscriber(source, null);
      try {
        await waitUntil(() => healthy.batches.length === 3, 'the healthy one ahead of the held one', 5_000);
      } finally {
        gate.open();
      }
      await expect(failing.subscription.done).rejects.toThrow('cannot apply');
      await waitUntil(() => healthy.caughtUp, 'the healthy one caught up');
      await expectWholeLogOnce(healthy);
      expect(failing.batches).toEqual([]);
    });

    it('lets a stopping subscriber finish its page in flight, drops the rest, and holds no one back after', async () => {
      await appendSpread(store, [uniqueStream()], 40);
      const source = runningAhead(5);
      const gate = new Gate();
      const stopping = subscriber(source, null, holdingFirstPage(gate));
      const other = subscriber(source, null);
      let stopped = false;
      try {
        await waitUntil(() => other.batches.length === 3, 'the other one ahead of the held one', 5_000);
        void stopping.subscription.stop().then(() => (stopped = true));
        await settle();
        expect(stopped).toBe(false);
      } finally {
        gate.open();
      }
      await waitUntil(() => stopped, 'stopped once its page in flight was applied');
      await expect(stopping.subscription.done).resolves.toBeUndefined();
      expect(stopping.batches).toHaveLength(1);
      await waitUntil(() => other.caughtUp, 'the other one caught up');
      await expectWholeLogOnce(other);
      expect(stopping.batches).toHaveLength(1);
    });

    it('restarts from a subscriber behind the others even while one of them holds a full queue', async () => {
      await appendSpread(store, [uniqueStream(), uniqueStream()], 40);
      const source = runningAhead(5);
      const gate = new Gate();
      const held = subscriber(source, null, holdingFirstPage(gate));
      const ahead = subscriber(source, null);
      let late: Subscriber;
      try {
        await waitUntil(() => ahead.batches.length === 3, 'the other one ahead of the held one', 5_000);
        late = subscriber(source, null);
        await waitUntil(() => late.batches.length > 0, 'the late one served while the held one waits', 5_000);
      } finally {
        gate.open();
      }
      await waitUntil(() => [held, ahead, late].every((s) => s.caughtUp), 'all caught up');
      const head = await appendSpread(store, [uniqueStream()], 7);
      await waitUntil(() => [held, ahead, late].every((s) => s.applied.at(-1)?.checkpoint === head), 'new events delivered live');
      for (const s of [held, ahead, late]) await expectWholeLogAfter(s);
    });
  });
});
