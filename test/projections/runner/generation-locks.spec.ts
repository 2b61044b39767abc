import { sql } from 'kysely';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { advisoryLockId, PostgresGenerationLocks } from '../../../src/infrastructure/database/postgres.generation-locks';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import type { GenerationLockKey, GenerationLocks } from '../../../src/projections/runner/generation-lock.port';
import { InProcessGenerationLocks } from '../../../src/projections/runner/in-process.generation-locks';
import { ProjectionRunner, type RunnerStatus } from '../../../src/projections/runner/projection.runner';
import { uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, postgresTestUrl, type TestDatabase } from '../../support/test-database';
import { appendSpread, FAST, runnerDependencies, waitUntil } from '../support/projection-test.kit';
import { foldStreamCounts, readStreamCounts, readWholeLog, streamCountsProjection } from '../support/stream-counts.projection';

const serverUrl = availableDatabaseKinds().includes('postgres') ? (postgresTestUrl() as string) : null;
const implementations: [string, () => GenerationLocks][] = [['in process (PGlite)', () => new InProcessGenerationLocks()]];
if (serverUrl) implementations.push(['PostgreSQL session advisory locks', () => new PostgresGenerationLocks(serverUrl)]);

let keyCounter = 0;
function uniqueKey(): GenerationLockKey {
  keyCounter += 1;
  return { namespace: `t_locks_${process.pid}_${Date.now()}`, projection: 'counts', generation: keyCounter };
}

describe.each(implementations)('generation locks: %s', (_name, create) => {
  it('have one holder at a time; once released, the next one gets it', async () => {
    const locks = create();
    const key = uniqueKey();
    const first = locks.open(key);
    const second = locks.open(key);
    const other = locks.open(uniqueKey());
    try {
      const held = await first.tryAcquire();
      expect(held).not.toBeNull();
      expect(await second.tryAcquire()).toBeNull();
      expect(await other.tryAcquire()).not.toBeNull();
      await held?.release();
      await held?.release();
      const taken = await second.tryAcquire();
      expect(taken).not.toBeNull();
      expect(await first.tryAcquire()).toBeNull();
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  });

  it('are released when the handle closes, as when the holding process ends', async () => {
    const locks = create();
    const key = uniqueKey();
    const holder = locks.open(key);
    const waiting = locks.open(key);
    try {
      expect(await holder.tryAcquire()).not.toBeNull();
      expect(await waiting.tryAcquire()).toBeNull();
      await holder.close();
      expect(await waiting.tryAcquire()).not.toBeNull();
    } finally {
      await Promise.all([holder.close(), waiting.close()]);
    }
  });
});

// Separate processes are separate sessions on the server: only there does the lock decide anything.
if (serverUrl) describe('on the PostgreSQL server: exactly one runner feeds a generation', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let registry: ProjectionRegistry;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    store = new PostgresEventStore(test.database);
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
  });
  afterAll(async () => test?.dispose());

  /** The sessions holding the advisory lock of `key` (pg_locks splits a bigint key into two oids). */
  async function holders(key: GenerationLockKey): Promise<number[]> {
    const id = BigInt.asUintN(64, BigInt(advisoryLockId(key)));
    const { rows } = await sql<{ pid: number }>`
      SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND classid = ${(id >> 32n).toString()}::oid AND objid = ${(id & 0xffffffffn).toString()}::oid`.execute(test.database.db);
    return rows.map((row) => row.pid);
  }

  it('a lost holder connection hands over to a standby, and so does a stopped holder', async () => {
    const url = serverUrl;
    const projection = streamCountsProjection('takeover_counts');
    const streams = [uniqueStream(), uniqueStream()];
    await appendSpread(store, streams, 20);
    const generation = await registry.openBuild(projection);
    const key = { namespace: test.database.schema, projection: projection.name, generation: generation.generation };
    const applied = new Map<string, number>();
    /** Each runner is a process of its own: its own lock connection, its own count of what it applied. */
    const process = (label: string, standbyPollMs: number): ProjectionRunner => {
      const deps = runnerDependencies(test.database, store, { locks: new PostgresGenerationLocks(url) });
      deps.observer = { batchApplied: (_status: RunnerStatus, count: number) => applied.set(label, (applied.get(label) ?? 0) + count) };
      const runner = new ProjectionRunner(deps, projection, generation, { ...FAST, standbyPollMs });
      void runner.start();
      return runner;
    };
    const feeding = (...runners: ProjectionRunner[]) => runners.filter((r) => ['catching-up', 'live'].includes(r.status.state));
    const caughtUp = async (head: string) =>
      waitUntil(async () => (await registry.generation(projection.name, generation.generation))?.checkpoint === head, 'caught up');

    // A takes the lock and builds; once it has lost the lock, it competes again only after a minute.
    const a = process('a', 60_000);
    const runners = [a];
    try {
      await a.whenActive();
      const b = process('b', FAST.standbyPollMs as number);
      const c = process('c', FAST.standbyPollMs as number);
      runners.push(b, c);
      await waitUntil(() => b.status.state === 'standby' && c.status.state === 'standby', 'b and c wait');
      await caughtUp(await appendSpread(store, streams, 10));
      expect(applied.get('a')).toBe((await readWholeLog(store)).length);
      expect(applied.has('b') || applied.has('c')).toBe(false);
      expect(await holders(key)).toHaveLength(1);

      // A's lock connection dies (a network failure, the process killed): the server frees the lock.
      const [holderPid] = await holders(key);
      await sql`SELECT pg_terminate_backend(${holderPid})`.execute(test.database.db);
      await waitUntil(() => feeding(b, c).length === 1 && a.status.state === 'standby', 'a standby took over');
      const successor = feeding(b, c)[0];
      const waiter = successor === b ? c : b;
      const appliedByA = applied.get('a');
      await caughtUp(await appendSpread(store, streams, 10));
      expect(applied.get(successor === b ? 'b' : 'c')).toBe(10);
      expect(applied.get('a')).toBe(appliedByA);
      expect(waiter.status.state).toBe('standby');
      expect(await holders(key)).toHaveLength(1);

      // The successor shuts down cleanly: the last standby takes over.
      await successor.stop();
      await waitUntil(() => feeding(waiter).length === 1, 'the last standby took over');
      await caughtUp(await appendSpread(store, streams, 10));
      expect(applied.get(waiter === b ? 'b' : 'c')).toBe(10);
      expect(feeding(a, b, c)).toEqual([waiter]);
      expect(await readStreamCounts(test.database.db, generation.schema)).toEqual(foldStreamCounts(await readWholeLog(store)));
    } finally {
      await Promise.all(runners.map((runner) => runner.stop()));
    }
    expect(await holders(key)).toEqual([]);
  });
});
