import { createHash, hash } from 'node:crypto';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * The hash chain over each stream. Hashes cover what is stored (canonical JSON of data and metadata, which
 * holds only ciphertext for personal fields), so integrity checks still pass after crypto-shredding.
 *
 *   body(e)   = SHA-256("kim-body-v2;" || netstring(streamId) || netstring(id) || netstring(type)
 *                       || netstring(schemaVersion in decimal) || netstring(data) || netstring(metadata))
 *               where netstring(s) = <UTF-8 byte length of s in decimal> ":" s ","
 *   hash(e_r) = SHA-256(hash(e_{r-1}) || int64be(r) || body(e_r)), with 32 zero bytes before revision 0
 *
 * Events stored before the body digest version 2 carry version 1 (SHA-256 of the JSON array of the same six
 * fields); the two inputs differ from their first byte, so an event's content matches at most one of them, and
 * verification accepts either (docs/decisions/0004-hash-chain-and-canonical-json.md).
 * The PostgreSQL adapter computes the second line in SQL inside its append function (it alone knows the
 * previous hash without a further round trip); this module computes both for KurrentDB and for verification.
 */
export const GENESIS_HASH = Buffer.alloc(32);

export interface HashableEvent {
  streamId: string;
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
}

const BODY_V2_TAG = 'kim-body-v2;';

/**
 * The body digest of every event appended now (version 2), as hex: each field hashed once, length-prefixed. Hex
 * rather than a Buffer because that is what the append sends, and Node makes a hex string faster than a Buffer.
 */
export function bodyDigest(event: HashableEvent): string {
  const { streamId, id, type, dataJson, metadataJson } = event;
  const version = String(event.schemaVersion);
  const body =
    `${BODY_V2_TAG}${Buffer.byteLength(streamId)}:${streamId},${Buffer.byteLength(id)}:${id},${Buffer.byteLength(type)}:${type},` +
    `${version.length}:${version},${Buffer.byteLength(dataJson)}:${dataJson},${Buffer.byteLength(metadataJson)}:${metadataJson},`;
  return hash('sha256', body, 'hex');
}

/** Version 1, for events stored before version 2: it escaped the JSON texts a second time before hashing. */
function bodyDigestV1(event: HashableEvent): string {
  const body = JSON.stringify([
    event.streamId,
    event.id,
    event.type,
    event.schemaVersion,
    event.dataJson,
    event.metadataJson,
  ]);
  return hash('sha256', body, 'hex');
}

/** Newest first: verification tries the current definition, then the older ones. */
const BODY_DIGEST_VERSIONS = [bodyDigest, bodyDigestV1];

/** `digest` is a body digest in hex. */
export function chainHash(previous: Buffer, revision: number, digest: string): Buffer {
  const rev = Buffer.alloc(8);
  rev.writeBigInt64BE(BigInt(revision));
  return createHash('sha256').update(previous).update(rev).update(digest, 'hex').digest();
}

export type IntegrityProblem = 'hash_mismatch' | 'revision_gap' | 'wrong_stream';

export interface IntegrityReport {
  streamId: string;
  eventsChecked: number;
  ok: boolean;
  /** The first broken link: the event whose stored hash does not follow from its content and predecessor. */
  firstBroken: { revision: number; eventId: string; problem: IntegrityProblem } | null;
}

/** Verifies a whole stream read forwards from revision 0, as stored (not upcast). */
export function verifyChain(streamId: string, events: readonly RecordedEvent[]): IntegrityReport {
  let previous = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const problem = checkLink(streamId, event, i, previous);
    if (problem) {
      return {
        streamId,
        eventsChecked: i + 1,
        ok: false,
        firstBroken: { revision: event.revision, eventId: event.id, problem },
      };
    }
    previous = Buffer.from(event.hash, 'hex');
  }
  return { streamId, eventsChecked: events.length, ok: true, firstBroken: null };
}

/** Why this stored event does not follow from `previous` at `expectedRevision`, or null when it does. */
export function checkLink(
  streamId: string,
  event: RecordedEvent,
  expectedRevision: number,
  previous: Buffer,
): IntegrityProblem | null {
  if (event.streamId !== streamId) return 'wrong_stream';
  if (event.revision !== expectedRevision) return 'revision_gap';
  const hashable: HashableEvent = {
    streamId: event.streamId,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: canonicalJson(event.data),
    metadataJson: canonicalJson(event.metadata),
  };
  for (const digest of BODY_DIGEST_VERSIONS) {
    if (chainHash(previous, event.revision, digest(hashable)).toString('hex') === event.hash) return null;
  }
  return 'hash_mismatch';
}
