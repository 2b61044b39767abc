import type { EventStore, ReadAllOptions, ReadAllResult, RecordedEvent } from '../../../src/application/ports/event-store.port';
import { PollingSubscription } from '../../../src/infrastructure/event-store/polling.subscription';

export type LogSource = Pick<EventStore, 'subscribe' | 'compareCheckpoints'>;

/**
 * A fixed log held in memory, whose checkpoints are its positions ("1", "2", ...), delivered by the store's own
 * subscription (`PollingSubscription`) over it. Lets a runner be fed a log whose envelopes (recording times above
 * all) a test chose.
 */
export function inMemoryLog(events: readonly RecordedEvent[]): LogSource {
  const readAll = async ({ after, limit }: ReadAllOptions): Promise<ReadAllResult> => {
    const from = after === null || after === undefined ? 0 : Number(after);
    const page = events.slice(from, from + limit);
    return { events: page, checkpoint: page.length > 0 ? page[page.length - 1].checkpoint : (after ?? null) };
  };
  return {
    compareCheckpoints: (a, b) => Number(a) - Number(b),
    subscribe: (options) => PollingSubscription.start({ readAll }, options),
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
