import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { openBenchSchema } from './bench-database.fixture';
import { newBenchEvent } from './bench-events.factory';
import type { CatchUpTarget, ReadMode, RunningReader } from './catch-up.target';
import type { Delivery } from './delivery.audit';
import { nowMicros } from './latency.stats';

export const OUR_READ_BATCH = 500;

/** Our store in a fresh schema; read through `subscribe`, the catch-up-then-live subscription projections use. */
export async function openOurTarget(url: string, writers: number, tag: string): Promise<CatchUpTarget> {
  // One connection per writer and one for the reader, so nobody waits for the pool.
  const schema = await openBenchSchema(url, writers + 1, tag);
  const store = new PostgresEventStore(schema.database);
  return {
    store: 'ours',
    append: async (stream, eventsBefore, count, firstSequence) => {
      const events = Array.from({ length: count }, (_, i) => newBenchEvent(firstSequence + i));
      await store.append(stream, events, eventsBefore === 0 ? 'no_stream' : eventsBefore - 1);
      return events.map((e) => e.id);
    },
    readers: { subscribe: (mode) => subscribeReader(store, mode) },
    dispose: () => schema.dispose(),
  };
}

function subscribeReader(store: PostgresEventStore, mode: ReadMode): RunningReader {
  const deliveries: Delivery[] = [];
  let lastDelivery = nowMicros();
  let reachedEnd!: () => void;
  const caughtUp = new Promise<void>((resolve) => (reachedEnd = resolve));
  const subscription = store.subscribe({
    batchSize: OUR_READ_BATCH,
    onBatch: async (events) => {
      for (const e of events) deliveries.push({ id: e.id, stream: e.streamId, revision: e.revision });
      lastDelivery = nowMicros();
    },
    onCaughtUp: () => {
      if (mode === 'until-caught-up') reachedEnd();
    },
  });
  return {
    deliveries,
    lastDeliveryAtMicros: () => lastDelivery,
    caughtUp: Promise.race([caughtUp, subscription.done]),
    stop: () => subscription.stop(),
  };
}
