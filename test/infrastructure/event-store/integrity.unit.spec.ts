import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { canonicalJson } from '../../../src/infrastructure/event-store/canonical-json';
import { encodeEvents } from '../../../src/infrastructure/event-store/event-encoding';
import { bodyDigest, chainHash, GENESIS_HASH, verifyChain } from '../../../src/infrastructure/event-store/integrity';
import { newEvent } from '../../support/events';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const netstring = (text: string) => `${Buffer.byteLength(text, 'utf8')}:${text},`;

/** The two body digest definitions of decision 0004, written out independently of `integrity.ts`. */
const bodyV1 = (e: RecordedEvent) =>
  sha256(JSON.stringify([e.streamId, e.id, e.type, e.schemaVersion, canonicalJson(e.data), canonicalJson(e.metadata)]));
const bodyV2 = (e: RecordedEvent) =>
  sha256(
    'kim-body-v2;' +
      [e.streamId, e.id, e.type, String(e.schemaVersion), canonicalJson(e.data), canonicalJson(e.metadata)].map(netstring).join(''),
  );

/** A stream as stored, each event's body digested by the definition given for it. */
function storedStream(streamId: string, definitions: Array<(e: RecordedEvent) => string>): RecordedEvent[] {
  let previous: Buffer = GENESIS_HASH;
  return definitions.map((definition, revision) => {
    const event = newEvent('NoteAdded', { text: `Grüße ${revision}`, n: revision });
    const stored: RecordedEvent = {
      ...event,
      streamId,
      revision,
      checkpoint: `1:${revision + 1}`,
      metadata: { ...event.metadata, recordedAt: '2026-11-26T10:00:00.000Z' },
      hash: '',
    };
    previous = chainHash(previous, revision, definition(stored));
    return { ...stored, hash: previous.toString('hex') };
  });
}

describe('the body digest and the hash chain (decision 0004)', () => {
  it('appends use version 2: tag and length-prefixed fields, no second JSON escaping', () => {
    const [encoded] = encodeEvents('case-ü', [newEvent('NoteAdded', { text: 'say "hi"' })], new Date('2026-11-26T10:00:00Z'));
    const fields = ['case-ü', encoded.id, 'NoteAdded', '1', encoded.dataJson, encoded.metadataJson];
    expect(encoded.digest).toBe(sha256(`kim-body-v2;${fields.map(netstring).join('')}`));
    expect(bodyDigest({ streamId: 'a', id: 'b', type: 'c', schemaVersion: 12, dataJson: '{}', metadataJson: '[]' })).toBe(
      sha256('kim-body-v2;1:a,1:b,1:c,2:12,2:{},2:[],'),
    );
  });

  it('verifies streams stored under version 1, version 2, and version 1 followed by version 2', () => {
    for (const definitions of [[bodyV1, bodyV1], [bodyV2, bodyV2, bodyV2], [bodyV1, bodyV1, bodyV2, bodyV2]]) {
      const stream = storedStream('case-1', definitions);
      expect(verifyChain('case-1', stream)).toEqual({ streamId: 'case-1', eventsChecked: definitions.length, ok: true, firstBroken: null });
    }
  });

  it('finds a changed event whichever version it was stored under', () => {
    for (const definition of [bodyV1, bodyV2]) {
      const stream = storedStream('case-1', [definition, definition, definition]);
      const altered = [stream[0], { ...stream[1], data: { text: 'Grüße 1', n: 99 } }, stream[2]];
      expect(verifyChain('case-1', altered).firstBroken).toEqual({ revision: 1, eventId: stream[1].id, problem: 'hash_mismatch' });
      const retyped = [stream[0], stream[1], { ...stream[2], type: 'NoteRemoved' }];
      expect(verifyChain('case-1', retyped).firstBroken).toMatchObject({ revision: 2, problem: 'hash_mismatch' });
    }
  });

  it('field boundaries are part of the digest: moving text from one field into the next changes it', () => {
    const base = { streamId: 'case-1', id: 'x', schemaVersion: 1, dataJson: '{}', metadataJson: '{}' };
    expect(bodyDigest({ ...base, streamId: 'case-1', type: 'AB' })).not.toBe(bodyDigest({ ...base, streamId: 'case-1A', type: 'B' }));
  });
});
