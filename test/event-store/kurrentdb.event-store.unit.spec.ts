import { randomUUID } from 'node:crypto';
import type { RecordedEvent as StoredRecord } from '@kurrent/kurrentdb-client';
import fc from 'fast-check';
import { EventStoreUnavailableError, InvalidEventError } from '../../src/application/ports/event-store.errors';
import type { NewEvent, RecordedEvent } from '../../src/application/ports/event-store.port';
import { encodeEvents } from '../../src/infrastructure/event-store/event-encoding';
import { chainHash, GENESIS_HASH, verifyChain } from '../../src/infrastructure/event-store/integrity';
import {
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  InvalidCheckpointError,
} from '../../src/infrastructure/event-store/kurrentdb.checkpoint';
import {
  toEventData,
  toRecordedEvent,
  UnrecognisedStoredEventError,
} from '../../src/infrastructure/event-store/kurrentdb.event-mapping';
import { KurrentDbEventStore } from '../../src/infrastructure/event-store/kurrentdb.event-store';

const PERSONAL = 'Erika Mustermann, geb. 12.08.1964';
const RECORDED_AT = new Date('2025-03-01T10:00:00.000Z');

function newEvent(data: unknown = { name: PERSONAL }): NewEvent {
  return {
    id: randomUUID(),
    type: 'ClientRegistered',
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: '2025-03-01T09:59:00.000Z',
      actor: { userId: 'u-1', role: 'case_manager', organisationUnitId: 'ou-1' },
      correlationId: 'c-1',
      causationId: null,
    },
  };
}

describe('KurrentDbEventStore against a port where no server listens', () => {
  const store = KurrentDbEventStore.connect('kurrentdb://127.0.0.1:1?tls=false', { clock: () => RECORDED_AT });
  afterAll(() => store.close());

  it('rejects an append as unavailable and retryable, without event data in the message', async () => {
    const error = await store.append('case-1', [newEvent()], 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as EventStoreUnavailableError).retryable).toBe(true);
    expect((error as Error).message).not.toContain('Erika');
  });

  it('rejects readAll and readStream as unavailable', async () => {
    await expect(store.readAll({ after: null, limit: 10 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('ends a subscription with an unavailable error and delivers nothing', async () => {
    const onBatch = jest.fn(async () => undefined);
    const subscription = store.subscribe({ after: null, onBatch });
    await expect(subscription.done).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(onBatch).not.toHaveBeenCalled();
  });

  it('rejects an invalid event before contacting the server', async () => {
    // Had anything been sent, the closed port would have produced EventStoreUnavailableError instead.
    const error = await store.append('case-1', [newEvent(), newEvent({ score: Number.NaN })], 'any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ eventIndex: 1 });
  });

  it('rejects an expected revision of -1 before contacting the server', async () => {
    await expect(store.append('case-1', [newEvent()], -1)).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('rejects a checkpoint it did not produce before contacting the server', async () => {
    await expect(store.readAll({ after: '42', limit: 10 })).rejects.toBeInstanceOf(InvalidCheckpointError);
  });

  it('compares checkpoints as $all positions, numerically and without the server', () => {
    expect(store.compareCheckpoints('9/9', '10/1')).toBeLessThan(0);
    expect(store.compareCheckpoints('10/9', '10/10')).toBeLessThan(0);
    expect(store.compareCheckpoints('11/0', '10/99')).toBeGreaterThan(0);
    expect(store.compareCheckpoints('10/10', '10/10')).toBe(0);
    expect(() => store.compareCheckpoints('1:2', '10/10')).toThrow(InvalidCheckpointError);
  });
});

describe('KurrentDB checkpoints', () => {
  const position = fc.record({ commit: fc.bigInt(0n, 2n ** 64n - 1n), prepare: fc.bigInt(0n, 2n ** 64n - 1n) });

  it('round-trip a $all position through the checkpoint string', () => {
    fc.assert(
      fc.property(position, (p) => {
        const checkpoint = encodeCheckpoint(p);
        expect(checkpoint).toBe(`${p.commit}/${p.prepare}`);
        expect(decodeCheckpoint(checkpoint)).toEqual(p);
        expect(encodeCheckpoint(decodeCheckpoint(checkpoint))).toBe(checkpoint);
      }),
    );
  });

  it.each(['', '12', '1/2/3', '01/2', '1/02', '-1/0', 'a/b', ' 1/2', `${2n ** 64n}/0`])(
    'refuses %j',
    (checkpoint) => {
      expect(() => decodeCheckpoint(checkpoint)).toThrow(InvalidCheckpointError);
    },
  );

  it('orders positions by commit, then prepare', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const expected = a.commit !== b.commit ? Math.sign(Number(a.commit - b.commit)) : Math.sign(Number(a.prepare - b.prepare));
        expect(comparePositions(a, b)).toBe(expected);
        expect(comparePositions(b, a)).toBe(-expected || 0);
      }),
    );
  });
});

describe('KurrentDB stored event format', () => {
  /** What the client hands back for a binary event it read: data as bytes, metadata parsed as JSON. */
  function asReadByClient(streamId: string, revision: number, written: ReturnType<typeof toEventData>): StoredRecord {
    const metadata = written.metadata as Uint8Array;
    return {
      streamId,
      id: written.id,
      isJson: false,
      revision: BigInt(revision),
      type: written.type,
      created: RECORDED_AT,
      data: written.data as Uint8Array,
      metadata: JSON.parse(Buffer.from(metadata).toString('utf8')),
      position: { commit: BigInt(1000 + revision), prepare: BigInt(1000 + revision) },
    } as StoredRecord;
  }

  function storeAndReadBack(streamId: string, events: NewEvent[]): { written: ReturnType<typeof toEventData>[]; read: RecordedEvent[] } {
    const encoded = encodeEvents(streamId, events, RECORDED_AT);
    let previous: Buffer = GENESIS_HASH;
    const written = encoded.map((event, revision) => {
      previous = chainHash(previous, revision, event.digest);
      return toEventData(event, previous);
    });
    return { written, read: written.map((data, revision) => toRecordedEvent(asReadByClient(streamId, revision, data))) };
  }

  it('stores the canonical data bytes and reads back a chain that verifies', () => {
    // Integer-like keys are where JSON.stringify and canonical JSON disagree on key order.
    const data = { '10': 'ten', '9': 'nine', name: PERSONAL, nested: { b: 1, a: [1.5, -0, null] } };
    const { written, read } = storeAndReadBack('case-7', [newEvent(data), newEvent({ step: 2 })]);

    expect(Buffer.from(written[0].data as Uint8Array).toString('utf8')).toBe(
      '{"10":"ten","9":"nine","name":"Erika Mustermann, geb. 12.08.1964","nested":{"a":[1.5,0,null],"b":1}}',
    );
    expect(verifyChain('case-7', read)).toEqual({ streamId: 'case-7', eventsChecked: 2, ok: true, firstBroken: null });
    expect(read[0]).toMatchObject({
      streamId: 'case-7',
      revision: 0,
      checkpoint: '1000/1000',
      type: 'ClientRegistered',
      schemaVersion: 1,
      data: { '10': 'ten', '9': 'nine', name: PERSONAL },
      metadata: { recordedAt: RECORDED_AT.toISOString(), correlationId: 'c-1' },
    });
  });

  it('wraps the metadata in an envelope with schema version and hash', () => {
    const { written, read } = storeAndReadBack('case-8', [newEvent()]);
    const envelope = JSON.parse(Buffer.from(written[0].metadata as Uint8Array).toString('utf8'));
    expect(Object.keys(envelope)).toEqual(['metadata', 'schemaVersion', 'hash']);
    expect(envelope).toMatchObject({ schemaVersion: 1, hash: read[0].hash });
    expect(envelope.metadata.actor).toEqual({ userId: 'u-1', role: 'case_manager', organisationUnitId: 'ou-1' });
  });

  it('refuses an event another tool wrote, without its data in the message', () => {
    const foreign = {
      streamId: 'case-9',
      id: randomUUID(),
      isJson: true,
      revision: 3n,
      type: 'Something',
      created: RECORDED_AT,
      data: { name: PERSONAL },
      metadata: { note: PERSONAL },
      position: { commit: 5n, prepare: 5n },
    } as StoredRecord;
    const error = (() => {
      try {
        return toRecordedEvent(foreign);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnrecognisedStoredEventError);
    expect(error).toMatchObject({ streamId: 'case-9', revision: 3 });
    expect((error as Error).message).not.toContain('Erika');
  });
});
