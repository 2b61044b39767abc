import { binaryEvent, type EventData, type RecordedEvent as StoredRecord } from '@kurrent/kurrentdb-client';
import type { EventMetadata, RecordedEvent } from '../../application/ports/event-store.port';
import type { EncodedEvent } from './event-encoding';
import { encodeCheckpoint } from './kurrentdb.checkpoint';

/** A stored event this adapter cannot read back: something else wrote it into a non-system stream. */
export class UnrecognisedStoredEventError extends Error {
  override readonly name = 'UnrecognisedStoredEventError';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly reason: string,
  ) {
    super(`Stream ${streamId} revision ${revision} was not written by this adapter: ${reason}`);
  }
}

interface Envelope {
  metadata: EventMetadata;
  schemaVersion: number;
  hash: string;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * How one event sits in KurrentDB. The data bytes are exactly the canonical JSON that was hashed. It goes in
 * as a binary event: the client re-serialises `application/json` data with JSON.stringify, which moves
 * integer-like keys to the front, so the stored bytes would no longer be the hashed bytes.
 * The metadata bytes are {"metadata": <canonical metadata JSON>, "schemaVersion": n, "hash": "<hex>"}.
 */
export function toEventData(event: EncodedEvent, hash: Buffer): EventData {
  // Spliced in as text, not re-serialised, so the metadata bytes stay the canonical bytes that were hashed.
  const envelope = `{"metadata":${event.metadataJson},"schemaVersion":${event.schemaVersion},"hash":"${hash.toString('hex')}"}`;
  return binaryEvent({
    id: event.id,
    type: event.type,
    data: Buffer.from(event.dataJson, 'utf8'),
    metadata: Buffer.from(envelope, 'utf8'),
  });
}

/** Reads back what `toEventData` wrote; the client has already parsed the metadata bytes as JSON. */
export function toRecordedEvent(stored: StoredRecord): RecordedEvent {
  const revision = Number(stored.revision);
  const reject = (reason: string): never => {
    throw new UnrecognisedStoredEventError(stored.streamId, revision, reason);
  };
  const envelope = stored.metadata;
  if (!isEnvelope(envelope)) return reject('its metadata is not an event envelope');
  if (!(stored.data instanceof Uint8Array)) return reject('its data is not stored as bytes');
  // Stream reads carry the $all position only from KurrentDB (EventStoreDB) 22.6 on.
  if (!stored.position) return reject('the server sent no $all position');
  return {
    id: stored.id.toLowerCase(),
    streamId: stored.streamId,
    revision,
    checkpoint: encodeCheckpoint(stored.position),
    type: stored.type,
    schemaVersion: envelope.schemaVersion,
    data: parseData(stored.data, reject),
    metadata: envelope.metadata,
    hash: envelope.hash,
  };
}

function parseData(bytes: Uint8Array, reject: (reason: string) => never): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return reject('its data is not JSON');
  }
}

function isEnvelope(value: unknown): value is Envelope {
  if (!isPlainObject(value)) return false;
  const { metadata, schemaVersion, hash } = value;
  return (
    isPlainObject(metadata) &&
    Number.isInteger(schemaVersion) &&
    (schemaVersion as number) >= 1 &&
    typeof hash === 'string' &&
    HASH.test(hash)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
