import type { StreamIntegrityReport } from '../../application/audit/stream-integrity.port';
import type { Checkpoint, EventStore } from '../../application/ports/event-store.port';
import { checkLink, GENESIS_HASH } from './integrity';

export interface LogScanProgress {
  events: number;
  streams: number;
  brokenStreams: number;
}

export interface LogScanResult extends LogScanProgress {
  /** Per broken stream, its first broken link, in the order they were found. */
  broken: StreamIntegrityReport[];
}

interface StreamHead {
  previous: Buffer;
  checked: number;
}

/**
 * Verifies every stream's hash chain in one pass over the global log instead of one read per stream: the log
 * delivers each stream's events in revision order (decision 0002), so each stream's chain is followed as its
 * events come by. Memory grows with the number of streams (one hash each), not with the number of events.
 * The store given must be the adapter itself, not the upcasting wrapper.
 */
export async function scanLogIntegrity(
  storedEvents: EventStore,
  options: { batchSize?: number; onProgress?: (progress: LogScanProgress) => void } = {},
): Promise<LogScanResult> {
  const heads = new Map<string, StreamHead>();
  const broken = new Map<string, StreamIntegrityReport>();
  let events = 0;
  let after: Checkpoint | null = null;
  for (;;) {
    const batch = await storedEvents.readAll({ after, limit: options.batchSize ?? 1_000 });
    if (batch.events.length === 0) break;
    for (const event of batch.events) {
      events += 1;
      if (broken.has(event.streamId)) continue;
      const head = heads.get(event.streamId) ?? { previous: GENESIS_HASH, checked: 0 };
      const problem = checkLink(event.streamId, event, head.checked, head.previous);
      if (problem === null) {
        heads.set(event.streamId, { previous: Buffer.from(event.hash, 'hex'), checked: head.checked + 1 });
        continue;
      }
      heads.delete(event.streamId);
      broken.set(event.streamId, {
        streamId: event.streamId,
        eventsChecked: head.checked + 1,
        ok: false,
        firstBroken: { revision: event.revision, eventId: event.id, problem },
      });
    }
    after = batch.checkpoint;
    options.onProgress?.({ events, streams: heads.size + broken.size, brokenStreams: broken.size });
  }
  return { events, streams: heads.size + broken.size, brokenStreams: broken.size, broken: [...broken.values()] };
}
