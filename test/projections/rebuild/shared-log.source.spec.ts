import type { Checkpoint, EventStore, RecordedEvent, Subscription } from '../../../src/application/ports/event-store.port';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { SharedLogSource } from '../../../src/projections/rebuild/shared-log.source';
import { uniqueStream } from '../../support/events';
import { openTestDatabase, type TestDatabase } from '../../support/test-database';
import { deferred } from '../../../src/projections/runner/deferred';
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
});
