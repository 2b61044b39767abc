import type { StreamIntegrity, StreamIntegrityReport } from '../../application/audit/stream-integrity.port';
import type { EventStore } from '../../application/ports/event-store.port';
import { verifyChain } from './integrity';

/**
 * Checks a stream's hash chain as stored. The store given must be the adapter itself, not the upcasting
 * wrapper: hashes cover the stored data, and an upcast event would read as altered.
 */
export class StoredStreamIntegrity implements StreamIntegrity {
  constructor(private readonly storedEvents: EventStore) {}

  async verifyStream(streamId: string): Promise<StreamIntegrityReport> {
    return verifyChain(streamId, await this.storedEvents.readStream(streamId));
  }
}
