import { sql } from 'kysely';
import { EventStoreUnavailableError, SchemaVersionMismatchError } from '../../src/application/ports/event-store.errors';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import { openDatabase } from '../../src/infrastructure/database/database';
import { assertSchemaCurrent, migrateToLatest } from '../../src/infrastructure/database/migrations';
import { verifyChain } from '../../src/infrastructure/event-store/integrity';
import { InvalidCheckpointError, PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { UpcastingEventStore } from '../../src/infrastructure/event-store/upcasting.event-store';
import { newEvent, uniqueStream } from '../support/events';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

describe.each(availableDatabaseKinds())('PostgreSQL event store on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
  });
  afterAll(async () => test?.dispose());

  describe('integrity of what is stored', () => {
    it('names the first event whose stored data was altered', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent('A', { n: 0 }), newEvent('A', { n: 1 }), newEvent('A', { n: 2 })], 'no_stream');
      await sql`UPDATE kim_events SET data = '{"n":99}' WHERE stream_id = ${stream} AND revision = 1`.execute(
        test.database.db,
      );
      const events = await store.readStream(stream);
      expect(verifyChain(stream, events)).toMatchObject({
        ok: false,
        firstBroken: { revision: 1, eventId: events[1].id, problem: 'hash_mismatch' },
      });
    });

    it('names the gap where a stored event was deleted', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent(), newEvent(), newEvent()], 'no_stream');
      await sql`DELETE FROM kim_events WHERE stream_id = ${stream} AND revision = 1`.execute(test.database.db);
      expect(verifyChain(stream, await store.readStream(stream)).firstBroken).toMatchObject({
        revision: 2,
        problem: 'revision_gap',
      });
    });

    it('detects altered metadata, such as a changed actor', async () => {
      const stream = uniqueStream();
      await store.append(stream, [newEvent()], 'no_stream');
      await sql`UPDATE kim_events SET metadata = json_build_object('actor', 'someone else') WHERE stream_id = ${stream}`.execute(
        test.database.db,
      );
      expect(verifyChain(stream, await store.readStream(stream)).firstBroken).toMatchObject({ revision: 0 });
    });
  });

  describe('checkpoints', () => {
    it('compare by transaction id, then position, as numbers rather than text', () => {
      expect(store.compareCheckpoints('9:500', '10:2')).toBeLessThan(0);
      expect(store.compareCheckpoints('10:2', '10:11')).toBeLessThan(0);
      expect(store.compareCheckpoints('18446744073709551615:1', '18446744073709551614:9')).toBeGreaterThan(0);
      expect(store.compareCheckpoints('7:7', '7:7')).toBe(0);
      expect(() => store.compareCheckpoints('7/7', '7:7')).toThrow(InvalidCheckpointError);
    });
  });

  describe('schema versions', () => {
    it('upcasts old versions on read without rewriting what is stored', async () => {
      const upcasting = new UpcastingEventStore(store, {
        Renamed: { 1: (d) => ({ fullText: (d as { text: string }).text }), 2: (d) => ({ ...(d as object), v3: true }) },
      });
      const stream = uniqueStream();
      await upcasting.append(stream, [newEvent('Renamed', { text: 'hallo' })], 'no_stream');
      const [lifted] = await upcasting.readStream(stream);
      expect(lifted).toMatchObject({ schemaVersion: 3, data: { fullText: 'hallo', v3: true } });
      const [stored] = await store.readStream(stream);
      expect(stored).toMatchObject({ schemaVersion: 1, data: { text: 'hallo' } });
      expect(verifyChain(stream, [stored]).ok).toBe(true);
    });
  });
});

describe('schema version of the database', () => {
  it('refuses a database migrated by newer code, and one older than the code when not migrating', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await expect(assertSchemaCurrent(database)).rejects.toThrow(/older than this code: run `npm run cli -- migrate`/);
      await migrateToLatest(database);
      await expect(assertSchemaCurrent(database)).resolves.toBeUndefined();
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', now()::text)`.execute(
        database.db,
      );
      const error = await migrateToLatest(database).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaVersionMismatchError);
      expect(String(error)).toMatch(/newer version of this software/);
      await expect(assertSchemaCurrent(database)).rejects.toThrow(SchemaVersionMismatchError);
    } finally {
      await database.close();
    }
  });
});

// These need concurrent transactions, which only a server has (PGlite is one connection). CI always has the
// server: `postgresTestUrl()` fails the run there when it is missing.
if (availableDatabaseKinds().includes('postgres')) describe('PostgreSQL server: concurrency and faults', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase('postgres', { poolSize: 20 });
    store = new PostgresEventStore(test.database);
  });
  afterAll(async () => test?.dispose());

  async function readAllAfter(after: string | null): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let checkpoint = after;
    for (;;) {
      const page = await store.readAll({ after: checkpoint, limit: 500 });
      if (page.events.length === 0) return events;
      events.push(...page.events);
      checkpoint = page.checkpoint;
    }
  }

  async function head(): Promise<string | null> {
    const events = await readAllAfter(null);
    return events.length ? events[events.length - 1].checkpoint : null;
  }

  it('delivers an event that took a lower position but committed after a higher one', async () => {
    const start = await head();
    const slow = uniqueStream('slow');
    const fast = uniqueStream('fast');
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe({
      after: start,
      onBatch: async (events) => {
        delivered.push(...events);
      },
    });

    let commitSlow!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => (commitSlow = resolve));
    let slowAppended!: () => void;
    const slowHasAppended = new Promise<void>((resolve) => (slowAppended = resolve));
    const slowTransaction = test.database.db.transaction().execute(async (trx) => {
      await new PostgresEventStore({ ...test.database, db: trx }).append(slow, [newEvent('Slow')], 'no_stream');
      slowAppended();
      await slowMayCommit;
    });
    await slowHasAppended;
    await store.append(fast, [newEvent('Fast')], 'no_stream');

    const [slowRow] = (await sql<{ global_position: string }>`SELECT global_position FROM kim_events WHERE stream_id = ${slow}`.execute(
      test.database.db,
    )).rows;
    const [fastRow] = (await sql<{ global_position: string }>`SELECT global_position FROM kim_events WHERE stream_id = ${fast}`.execute(
      test.database.db,
    )).rows;
    expect(slowRow).toBeUndefined(); // not committed yet: invisible to others
    expect(fastRow).toBeDefined();

    // The later transaction has committed, yet no reader may pass it while the earlier one is in flight.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readAllAfter(start)).toEqual([]);
    expect(delivered).toEqual([]);

    commitSlow();
    await slowTransaction;
    const positions = (await sql<{ stream_id: string; global_position: string }>`
      SELECT stream_id, global_position FROM kim_events WHERE stream_id IN (${slow}, ${fast})`.execute(test.database.db)).rows;
    const position = (s: string) => Number(positions.find((p) => p.stream_id === s)?.global_position);
    expect(position(slow)).toBeLessThan(position(fast));

    // Other sessions' transactions may hold the horizon back a moment longer; then both come, in this order.
    let read: RecordedEvent[] = [];
    await waitFor(async () => (read = await readAllAfter(start)).length >= 2);
    expect(read.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    await waitFor(() => delivered.length === 2);
    await subscription.stop();
    expect(delivered.map((e) => e.type)).toEqual(['Slow', 'Fast']);
  });

  it('a connection lost mid-append writes nothing and raises a retryable error', async () => {
    const stream = uniqueStream('killed');
    const events = [newEvent(), newEvent()];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Hold the stream's lock so the append is parked inside kim_append when its connection is killed.
    const holder = test.database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0))`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    const append = store.append(stream, events, 'no_stream');
    const appendFailure = append.catch((e: unknown) => e);
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE query LIKE '%kim_append(%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`.execute(test.database.db);
      return rows[0].n > 0;
    });
    const error = await appendFailure;
    release();
    await holder;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as EventStoreUnavailableError).retryable).toBe(true);
    expect(await store.readStream(stream)).toEqual([]);
    expect(await store.append(stream, events, 'no_stream')).toMatchObject({ written: true, nextExpectedRevision: 1 });
  });
});
