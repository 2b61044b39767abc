import type { NewEvent, NewEventMetadata } from '../../application/ports/event-store.port';
import { InvalidEventError } from '../../application/ports/event-store.errors';
import { canonicalJson, canonicalJsonWithEntry, NotJsonError } from './canonical-json';
import { bodyDigest } from './integrity';

/** Larger payloads are refused: an event is a fact, not a document store. */
export const MAX_EVENT_DATA_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a stream id must not hold
const STREAM_ID = /^[^\s\u0000-\u001f]{1,500}$/;

/** An event as it will be stored: validated, its JSON fixed, its body digest computed. */
export interface EncodedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  /** The body digest (integrity.ts), hex. */
  digest: string;
}

export function assertValidStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) {
    throw new InvalidEventError(-1, 'stream id must be 1-500 characters without whitespace or control characters');
  }
}

/**
 * Validates and encodes a whole append before anything is written, so a bad event rejects the append whole.
 * `recordedAt` comes from the store's clock and is part of what is hashed.
 */
export function encodeEvents(streamId: string, events: readonly NewEvent[], recordedAt: Date): EncodedEvent[] {
  assertValidStreamId(streamId);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError(-1, 'an append needs at least one event');
  const recordedAtText = recordedAt.toISOString();
  const encoded = events.map((event, index) => encodeEvent(streamId, event, index, recordedAtText));
  if (encoded.length > 1) {
    const seen = new Set<string>();
    encoded.forEach(({ id }, index) => {
      if (seen.has(id)) throw new InvalidEventError(index, 'event id repeated within one append');
      seen.add(id);
    });
  }
  return encoded;
}

function encodeEvent(streamId: string, event: NewEvent, index: number, recordedAt: string): EncodedEvent {
  const reject = (reason: string): never => {
    throw new InvalidEventError(index, reason);
  };
  if (event === null || typeof event !== 'object') reject('not an object');
  if (typeof event.id !== 'string' || !UUID.test(event.id)) reject('id must be a UUID');
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    reject('type must start with a letter and hold at most 200 letters, digits, or _ . : -');
  }
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) reject('schemaVersion must be an integer >= 1');
  if (event.data === undefined) reject('data is missing');
  const metadata = validMetadata(event, reject);
  const dataJson = toJson(() => canonicalJson(event.data), index, 'data');
  if (Buffer.byteLength(dataJson, 'utf8') > MAX_EVENT_DATA_BYTES) reject(`data is larger than ${MAX_EVENT_DATA_BYTES} bytes`);
  const metadataJson = toJson(() => canonicalJsonWithEntry(metadata, 'recordedAt', recordedAt), index, 'metadata');
  const id = event.id.toLowerCase();
  return {
    id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson,
    metadataJson,
    digest: bodyDigest({ streamId, id, type: event.type, schemaVersion: event.schemaVersion, dataJson, metadataJson }),
  };
}

function validMetadata(event: NewEvent, reject: (reason: string) => never): NewEventMetadata {
  const m = event.metadata;
  if (m === null || typeof m !== 'object') return reject('metadata is missing');
  if (typeof m.occurredAt !== 'string' || Number.isNaN(Date.parse(m.occurredAt))) {
    reject('metadata.occurredAt must be an ISO 8601 time');
  }
  const actor = m.actor;
  if (actor === null || typeof actor !== 'object' || typeof actor.userId !== 'string' || typeof actor.role !== 'string') {
    reject('metadata.actor needs userId and role');
  }
  if (typeof m.correlationId !== 'string' || m.correlationId.length === 0) reject('metadata.correlationId is missing');
  return m;
}

function toJson(encode: () => string, index: number, field: string): string {
  try {
    return encode();
  } catch (error) {
    if (error instanceof NotJsonError) {
      throw new InvalidEventError(index, `${field}${error.path.slice(1)} is not JSON-serialisable (${error.what})`);
    }
    throw error;
  }
}
