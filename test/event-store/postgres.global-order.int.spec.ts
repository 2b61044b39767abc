import fc from 'fast-check';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { newEvent } from '../support/events';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/**
 * Many writers on many streams, each append in a transaction held open for a random time and then committed
 * or rolled back. A subscriber running all along must see every committed event exactly once, no aborted one,
 * and every stream's events in revision order.
 */
class Aborted extends Error {}

const step = fc.record({
  stream: fc.nat({ max: 5 }),
  events: fc.integer({ min: 1, max: 3 }),
  holdMs: fc.integer({ min: 0, max: 8 }),
  abort: fc.integer({ min: 1, max: 5 }).map((n) => n === 1),
});
const schedule = fc.record({
  writers: fc.array(fc.array(step, { minLength: 5, maxLength: 15 }), { minLength: 4, maxLength: 12 }),
  batchSize: fc.integer({ min: 1, max: 50 }),
});

if (availableDatabaseKinds().includes('postgres')) describe('PostgreSQL server: global order under concurrency', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', { poolSize: 16 });
    store = new PostgresEventStore(test.database);
  });
  afterAll(async () => test?.dispose());

  it('every subscriber sees every committed event exactly once, in stream order, and no aborted one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async ({ writers, batchSize }) => {
        run += 1;
        const prefix = `run${run}-${Date.now()}`;
        const committed = new Set<string>();
        const aborted = new Set<string>();
        const delivered: RecordedEvent[] = [];
        const start = await lastCheckpoint(store);
        const subscription = store.subscribe({
          after: start,
          batchSize,
          onBatch: async (events) => {
            delivered.push(...events);
          },
        });

        await runWriters(test, prefix, writers, committed, aborted);

        await waitFor(() => delivered.length >= committed.size, 20_000);
        await new Promise((resolve) => setTimeout(resolve, 100)); // room for a wrongly duplicated delivery
        await subscription.stop();

        const ids = delivered.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(committed);
        expect(ids.some((id) => aborted.has(id))).toBe(false);
        const lastRevision = new Map<string, number>();
        for (const event of delivered) {
          expect(event.revision).toBe((lastRevision.get(event.streamId) ?? -1) + 1);
          lastRevision.set(event.streamId, event.revision);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('the same while catching up, the next batch read while the current one is handled', async () => {
    const prefix = `catch-up-${Date.now()}`;
    const start = await lastCheckpoint(store);
    // History of many batches, so the subscriber starts behind and reads ahead while it catches up.
    const history = new Set<string>();
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let append = 0; append < 40; append++) {
          const events = Array.from({ length: 10 }, () => newEvent('History'));
          await store.append(`${prefix}-h${writer}`, events, append === 0 ? 'no_stream' : append * 10 - 1);
          for (const e of events) history.add(e.id);
        }
      }),
    );
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe({
      after: start,
      batchSize: 64,
      onBatch: async (events) => {
        delivered.push(...events);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const committed = new Set(history);
    const aborted = new Set<string>();
    const writers = fc.sample(fc.array(step, { minLength: 10, maxLength: 20 }), { numRuns: 8, seed: 42 });
    await runWriters(test, prefix, writers, committed, aborted);

    await waitFor(() => delivered.length >= committed.size, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await subscription.stop();

    const ids = delivered.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(committed);
    const lastRevision = new Map<string, number>();
    for (const event of delivered) {
      expect(event.revision).toBe((lastRevision.get(event.streamId) ?? -1) + 1);
      lastRevision.set(event.streamId, event.revision);
    }
  }, 120_000);
});

/** Each writer's appends in transactions held open for a while, then committed or rolled back. */
async function runWriters(
  test: TestDatabase,
  prefix: string,
  writers: Array<Array<{ stream: number; events: number; holdMs: number; abort: boolean }>>,
  committed: Set<string>,
  aborted: Set<string>,
): Promise<void> {
  await Promise.all(
    writers.map(async (steps) => {
      for (const s of steps) {
        const events = Array.from({ length: s.events }, () => newEvent('Random'));
        try {
          await test.database.db.transaction().execute(async (trx) => {
            await new PostgresEventStore({ ...test.database, db: trx }).append(`${prefix}-s${s.stream}`, events, 'any');
            await new Promise((resolve) => setTimeout(resolve, s.holdMs));
            if (s.abort) throw new Aborted();
          });
          for (const e of events) committed.add(e.id);
        } catch (error) {
          if (!(error instanceof Aborted)) throw error;
          for (const e of events) aborted.add(e.id);
        }
      }
    }),
  );
}

async function lastCheckpoint(store: PostgresEventStore): Promise<string | null> {
  let checkpoint: string | null = null;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit: 1000 });
    if (page.events.length === 0) return checkpoint;
    checkpoint = page.checkpoint;
  }
}
