import { sql } from 'kysely';
import { scanLogIntegrity, type LogScanProgress } from '../../../src/infrastructure/event-store/log-integrity.scan';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { newEvent, uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';

describe.each(availableDatabaseKinds())('verifying every stream in one pass over the log (%s)', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  const streams = Array.from({ length: 12 }, () => uniqueStream());

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    // Writers interleave, so the global log mixes the streams' events.
    await Promise.all(
      streams.map(async (stream) => {
        for (let revision = 0; revision < 5; revision++) await store.append(stream, [newEvent('Step', { revision })], revision === 0 ? 'no_stream' : revision - 1);
      }),
    );
    // Another session's open transaction may hold the visibility horizon back for a moment.
    await waitFor(async () => (await store.readAll({ limit: 100 })).events.length === 60);
  });
  afterAll(async () => test?.dispose());

  it('finds every chain intact and reports its progress as it goes', async () => {
    const progress: LogScanProgress[] = [];
    const result = await scanLogIntegrity(store, { batchSize: 7, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ events: 60, streams: 12, brokenStreams: 0, broken: [] });
    expect(progress.length).toBe(Math.ceil(60 / 7));
    expect(progress.map((p) => p.events)).toEqual([...progress.map((p) => p.events)].sort((a, b) => a - b));
  });

  it('names the first broken link of each broken stream: an altered row, a removed one', async () => {
    const [altered, shortened] = streams;
    const [, , third] = await store.readStream(altered);
    const [, second] = await store.readStream(shortened);
    await sql`UPDATE kim_events SET data = '{"revision":99}' WHERE event_id = ${third.id}`.execute(test.database.db);
    await sql`DELETE FROM kim_events WHERE event_id = ${second.id}`.execute(test.database.db);
    const [thirdOfShortened] = await store.readStream(shortened, { fromRevision: 2, maxCount: 1 });

    const result = await scanLogIntegrity(store, { batchSize: 5 });
    expect(result).toMatchObject({ events: 59, streams: 12, brokenStreams: 2 });
    expect(result.broken).toEqual(
      expect.arrayContaining([
        { streamId: altered, eventsChecked: 3, ok: false, firstBroken: { revision: 2, eventId: third.id, problem: 'hash_mismatch' } },
        { streamId: shortened, eventsChecked: 2, ok: false, firstBroken: { revision: 2, eventId: thirdOfShortened.id, problem: 'revision_gap' } },
      ]),
    );
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
