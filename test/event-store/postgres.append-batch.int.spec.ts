import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../src/application/ports/event-store.errors';
import type { AppendResult, ExpectedRevision, NewEvent } from '../../src/application/ports/event-store.port';
import { verifyChain } from '../../src/infrastructure/event-store/integrity';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { newEvent, uniqueStream } from '../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Appends that arrive while the store's statements are all in flight leave together, in one transaction
 * (decision 0012). Each must still get exactly the answer it would get alone. With one statement in flight, the
 * first of several appends made at once goes alone and the rest wait for it: they form one batch.
 */
if (availableDatabaseKinds().includes('postgres')) describe('PostgreSQL server: appends sent together', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    store = new PostgresEventStore(test.database, { appendConcurrency: 1 });
  });
  afterAll(async () => test?.dispose());

  const transactionOf = (result: AppendResult) => result.checkpoint.split(':')[0];

  /** Starts every append at once (they queue in this order) and waits for each one's own outcome. */
  function appendAtOnce(appends: [string, NewEvent[], ExpectedRevision][]) {
    return Promise.allSettled(appends.map(([stream, events, expected]) => store.append(stream, events, expected)));
  }

  it('carries the appends that wait behind one in flight in one transaction, each stored and chained', async () => {
    const streams = Array.from({ length: 30 }, () => uniqueStream('batch'));
    const results = await Promise.all(streams.map((stream, n) => store.append(stream, [newEvent('A', { n }), newEvent('B', { n })], 'no_stream')));

    expect(results.every((r) => r.written && r.nextExpectedRevision === 1)).toBe(true);
    const waiting = results.slice(1).map(transactionOf);
    expect(new Set(waiting).size).toBe(1);
    expect(waiting[0]).not.toBe(transactionOf(results[0]));
    for (const [n, stream] of streams.entries()) {
      const events = await store.readStream(stream);
      expect(events.map((e) => [e.type, e.data])).toEqual([['A', { n }], ['B', { n }]]);
      expect(verifyChain(stream, events).ok).toBe(true);
    }
  });

  it('answers each append of a batch as it would answer it alone', async () => {
    const [first, fresh, existing, retried] = Array.from({ length: 4 }, () => uniqueStream('batch'));
    await store.append(existing, [newEvent()], 'no_stream');
    const retry = [newEvent('Retried')];
    const earlier = await store.append(retried, retry, 'no_stream');

    const outcomes = await appendAtOnce([
      [first, [newEvent()], 'any'],
      [fresh, [newEvent('Fresh')], 'no_stream'],
      [existing, [newEvent('Late')], 5],
      [fresh, [newEvent('Second')], 'no_stream'],
      [retried, retry, 'no_stream'],
      [existing, [newEvent('Next')], 0],
      [uniqueStream('batch'), [newEvent()], 'stream_exists'],
    ]);

    const [, freshResult, late, second, retriedResult, next, missing] = outcomes;
    expect(freshResult).toMatchObject({ status: 'fulfilled', value: { written: true, nextExpectedRevision: 0 } });
    expect(late).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
    expect((late as PromiseRejectedResult).reason).toMatchObject({ expected: 5, actual: 0 });
    expect((second as PromiseRejectedResult).reason).toMatchObject({ streamId: fresh, actual: 0 });
    expect(retriedResult).toEqual({ status: 'fulfilled', value: { ...earlier, written: false } });
    expect(next).toMatchObject({ status: 'fulfilled', value: { written: true, nextExpectedRevision: 1 } });
    expect((missing as PromiseRejectedResult).reason).toMatchObject({ actual: 'no_stream' });
    expect(transactionOf((freshResult as PromiseFulfilledResult<AppendResult>).value)).toBe(
      transactionOf((next as PromiseFulfilledResult<AppendResult>).value),
    );
    expect((await store.readStream(fresh)).map((e) => e.type)).toEqual(['Fresh']);
    expect((await store.readStream(existing)).map((e) => e.revision)).toEqual([0, 1]);
    expect(await store.readStream(retried)).toHaveLength(1);
  });

  it.each([
    ['its first', (taken: NewEvent) => [taken]],
    ['a later', (taken: NewEvent) => [newEvent('Own'), taken]],
  ])('sends each append alone when %s event id is stored elsewhere (the insert fails the batch), and stores the others', async (_, eventsOf) => {
    const taken = newEvent('Taken');
    await store.append(uniqueStream('batch'), [taken], 'no_stream');
    const [before, broken, after] = [uniqueStream('batch'), uniqueStream('batch'), uniqueStream('batch')];

    const [, beforeResult, brokenResult, afterResult] = await appendAtOnce([
      [uniqueStream('batch'), [newEvent()], 'no_stream'],
      [before, [newEvent('Before')], 'no_stream'],
      [broken, eventsOf(taken), 'no_stream'],
      [after, [newEvent('After')], 'no_stream'],
    ]);

    expect(beforeResult).toMatchObject({ status: 'fulfilled', value: { written: true } });
    expect(afterResult).toMatchObject({ status: 'fulfilled', value: { written: true } });
    expect((brokenResult as PromiseRejectedResult).reason).toEqual(expect.any(DuplicateEventIdError));
    expect((brokenResult as PromiseRejectedResult).reason).toMatchObject({ streamId: broken, eventId: taken.id });
    expect((await store.readStream(before)).map((e) => e.type)).toEqual(['Before']);
    expect((await store.readStream(after)).map((e) => e.type)).toEqual(['After']);
    expect(await store.readStream(broken)).toEqual([]);
  });
});
