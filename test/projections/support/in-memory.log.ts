import type { EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../../../src/application/ports/event-store.port';
import { deferred } from '../../../src/projections/runner/deferred';

export type LogSource = Pick<EventStore, 'subscribe' | 'compareCheckpoints'>;

/**
 * A fixed log held in memory, whose checkpoints are its positions ("1", "2", ...), delivered as a store's
 * subscription delivers it: from `after`, in batches, each once the previous one was handled; a throw ends the
 * subscription. Lets a runner be fed a log whose envelopes (recording times above all) a test chose.
 */
export function inMemoryLog(events: readonly RecordedEvent[]): LogSource {
  return {
    compareCheckpoints: (a, b) => Number(a) - Number(b),
    subscribe({ after, batchSize = 100, onBatch, onCaughtUp }: SubscribeOptions): Subscription {
      const stopping = deferred<void>();
      let stopped = false;
      const done = (async () => {
        let next = after === null || after === undefined ? 0 : Number(after);
        while (!stopped && next < events.length) {
          const batch = events.slice(next, next + batchSize);
          await onBatch(batch);
          next += batch.length;
        }
        if (!stopped) onCaughtUp?.(next === 0 ? null : events[next - 1].checkpoint);
        await stopping.promise;
      })();
      return {
        done,
        async stop() {
          stopped = true;
          stopping.resolve();
          await done.catch(() => undefined);
        },
      };
    },
  };
}

/** `count` events of one stream, with the checkpoints `inMemoryLog` expects. */
export function countedEvents(count: number, streamId = 'case-counted'): RecordedEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    streamId,
    revision: index,
    checkpoint: String(index + 1),
    type: 'Counted',
    schemaVersion: 1,
    data: { index },
    metadata: {
      occurredAt: '2026-11-20T09:30:00.000Z',
      recordedAt: '2026-11-20T09:30:00.000Z',
      actor: { userId: 'user-1', role: 'case_manager', organisationUnitId: 'ou-drk' },
      correlationId: 'correlation',
      causationId: null,
    },
    hash: '',
  }));
}
