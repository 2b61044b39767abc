import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * The hash chain over each stream. Hashes cover what is stored (canonical JSON of data and metadata, which
 * holds only ciphertext for personal fields), so integrity checks still pass after crypto-shredding.
 *
 *   body(e)   = SHA-256(JSON array [streamId, id, type, schemaVersion, data, metadata] in canonical JSON)
 *   hash(e_r) = SHA-256(hash(e_{r-1}) || int64be(r) || body(e_r)), with 32 zero bytes before revision 0
 *
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

export function bodyDigest(event: HashableEvent): Buffer {
  const body = JSON.stringify([
    event.streamId,
    event.id,
    event.type,
    event.schemaVersion,
    event.dataJson,
    event.metadataJson,
  ]);
  return createHash('sha256').update(body, 'utf8').digest();
}

export function chainHash(previous: Buffer, revision: number, digest: Buffer): Buffer {
  const rev = Buffer.alloc(8);
  rev.writeBigInt64BE(BigInt(revision));
  return createHash('sha256').update(previous).update(rev).update(digest).digest();
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
  const digest = bodyDigest({
    streamId: event.streamId,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: canonicalJson(event.data),
    metadataJson: canonicalJson(event.metadata),
  });
  const expected = chainHash(previous, event.revision, digest).toString('hex');
  return expected === event.hash ? null : 'hash_mismatch';
}
