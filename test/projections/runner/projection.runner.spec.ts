import { type Kysely, sql } from 'kysely';
import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import type { EventStore, SubscribeOptions, Subscription } from '../../../src/application/ports/event-store.port';
import type { Projection } from '../../../src/projections/projection';
import { openDatabase } from '../../../src/infrastructure/database/database';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import type { GenerationLocks } from '../../../src/projections/runner/generation-lock.port';
import { ProjectionRunner } from '../../../src/projections/runner/projection.runner';
import { uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, postgresTestUrl, type TestDatabase } from '../../support/test-database';
import { foldStreamCounts, readStreamCounts, readWholeLog, streamCountsProjection } from '../support/stream-counts.projection';
import { countedEvents, inMemoryLog, type LogSource } from '../support/in-memory.log';
import { appendSpread, capturedLogger, CrashablePglite, FAST, runnerDependencies, waitUntil } from '../support/projection-test.kit';

let projectionCounter = 0;
/** One PGlite per file costs seconds; each test isolates itself by projection name instead. */
function uniqueName(): string {
  projectionCounter += 1;
  return `runner_counts_${projectionCounter}`;
}

describe.each(availableDatabaseKinds())('projection runner on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let registry: ProjectionRegistry;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
  });
  afterAll(async () => test?.dispose());

  // A failing test must not leave a runner feeding (and holding locks) behind.
  const started: ProjectionRunner[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((runner) => runner.stop()));
  });
  function launch(runner: ProjectionRunner): ProjectionRunner {
    started.push(runner);
    void runner.start();
    return runner;
  }

  async function expectEqualsFreshFold(schema: string): Promise<void> {
    expect(await readStreamCounts(test.database.db, schema)).toEqual(foldStreamCounts(await readWholeLog(store)));
  }

  it('builds a new generation from the first event, makes it active once caught up, then feeds it live', async () => {
    const projection = streamCountsProjection(uniqueName());
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
    await appendSpread(store, streams, 25);
    const generation = await registry.openBuild(projection);
    expect(generation).toMatchObject({ status: 'building', checkpoint: null, eventsApplied: 0, version: 1 });

    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, store), projection, generation, FAST));
    await runner.whenActive();
    const head = await appendSpread(store, streams, 7);
    await waitUntil(async () => (await registry.generation(projection.name, generation.generation))?.checkpoint === head, 'live events applied');
    await runner.stop();

    await expectEqualsFreshFold(generation.schema);
    const stored = await registry.generation(projection.name, generation.generation);
    expect(stored).toMatchObject({ status: 'active', checkpoint: head, eventsApplied: (await readWholeLog(store)).length });
    expect((await registry.activeGenerations([projection.name])).get(projection.name)?.generation).toBe(generation.generation);
    expect(runner.status).toMatchObject({ state: 'stopped', role: 'live', checkpoint: head });
  });

  it('creates the read indexes of a new generation once it has caught up, before it becomes active', async () => {
    const name = uniqueName();
    await appendSpread(store, [uniqueStream(), uniqueStream()], 25);
    const seen: Array<{ applied: number; active: number | null }> = [];
    const projection: Projection = {
      ...streamCountsProjection(name),
      async createReadIndexes(db, schema) {
        // On the database, no transaction held: on PGlite's one connection this would wait forever otherwise.
        const { rows } = await sql<{ applied: number; active: number | null }>`
          SELECT (SELECT coalesce(sum(events), 0)::int FROM ${sql.id(schema, 'stream_counts')}) AS applied,
                 (SELECT active_generation FROM kim_projections WHERE name = ${name}) AS active`.execute(db);
        seen.push(rows[0]);
        await sql`CREATE INDEX IF NOT EXISTS counts_by_events ON ${sql.id(schema, 'stream_counts')} (events)`.execute(db);
      },
    };
    const generation = await registry.openBuild(projection);
    expect(await indexesOf(generation.schema)).toEqual(['stream_counts_pkey']);

    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, store), projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();
    expect(seen).toEqual([{ applied: (await readWholeLog(store)).length, active: null }]);
    expect(await indexesOf(generation.schema)).toEqual(['counts_by_events', 'stream_counts_pkey']);
  });

  it('vacuums and analyses the tables of a new generation before it becomes active, less where the projection says so', async () => {
    const name = uniqueName();
    await appendSpread(store, [uniqueStream(), uniqueStream(), uniqueStream()], 30);
    const seen: TableState[][] = [];
    const projection: Projection = {
      ...streamCountsProjection(name),
      async setup(db, schema) {
        await streamCountsProjection(name).setup(db, schema);
        // Tables that no batch writes: each table is maintained, not only those with rows.
        for (const table of ['untouched', 'analysed_only', 'private_state']) {
          await sql`CREATE TABLE ${sql.id(schema, table)} (id integer PRIMARY KEY)`.execute(db);
        }
      },
      upkeepBeforeSwitch: { analysed_only: 'analyse', private_state: 'none' },
      async createReadIndexes(db, schema) {
        seen.push(await tableStates(db, schema));
      },
    };
    const generation = await registry.openBuild(projection);
    const untouched = (table: string): TableState => ({ table, vacuumed: false, analysed: false });
    expect(await tableStates(test.database.db, generation.schema)).toEqual(['analysed_only', 'private_state', 'stream_counts', 'untouched'].map(untouched));

    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, store), projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();
    expect(seen).toEqual([
      [
        { table: 'analysed_only', vacuumed: false, analysed: true },
        { table: 'private_state', vacuumed: false, analysed: false },
        { table: 'stream_counts', vacuumed: true, analysed: true },
        { table: 'untouched', vacuumed: true, analysed: true },
      ],
    ]);
  });

  it('leaves the tables of a generation built from an empty log as they are: nothing to vacuum or analyse yet', async () => {
    const projection = streamCountsProjection(uniqueName());
    const generation = await registry.openBuild(projection);
    const runner = launch(new ProjectionRunner({ ...runnerDependencies(test.database, store), store: inMemoryLog([]) }, projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();
    expect(await tableStates(test.database.db, generation.schema)).toEqual([{ table: 'stream_counts', vacuumed: false, analysed: false }]);
  });

  it('where no autovacuum runs, vacuums the active generation again each time it has grown by the policy', async () => {
    const name = uniqueName();
    const stream = uniqueStream();
    await appendSpread(store, [stream], 5);
    const projection = streamCountsProjection(name);
    const generation = await registry.openBuild(projection);
    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, store), projection, generation, { ...FAST, liveVacuum: { minEvents: 20, growth: 0 } }));
    await runner.whenActive();
    const vacuums = async () => {
      const { rows } = await sql<{ count: string }>`
        SELECT vacuum_count AS count FROM pg_stat_user_tables WHERE schemaname = ${generation.schema} AND relname = 'stream_counts'`.execute(test.database.db);
      return Number(rows[0].count);
    };
    const appliedUpTo = async (head: string) =>
      waitUntil(async () => (await registry.generation(name, generation.generation))?.checkpoint === head, 'live events applied');
    expect(await vacuums()).toBe(1);

    await appliedUpTo(await appendSpread(store, [stream], 10));
    expect(await vacuums()).toBe(1);
    await appliedUpTo(await appendSpread(store, [stream], 15));
    await runner.stop();
    // PGlite runs no autovacuum; a server may (its launcher is one of its processes), and then nothing is added.
    const { rows } = await sql<{ running: boolean }>`
      SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS running`.execute(test.database.db);
    expect(await vacuums()).toBe(rows[0].running ? 1 : 2);
  });

  interface TableState {
    table: string;
    vacuumed: boolean;
    analysed: boolean;
  }

  /** By the server's statistics (whether every page could be marked all-visible depends on other sessions' snapshots). */
  async function tableStates<DB>(db: Kysely<DB>, schema: string): Promise<TableState[]> {
    const { rows } = await sql<{ table: string; vacuums: string; analyses: string }>`
      SELECT relname AS table, vacuum_count AS vacuums, analyze_count AS analyses
      FROM pg_stat_user_tables WHERE schemaname = ${schema} ORDER BY relname`.execute(db);
    return rows.map((row) => ({ table: row.table, vacuumed: Number(row.vacuums) > 0, analysed: Number(row.analyses) > 0 }));
  }

  it('a projection that cannot create its read indexes fails as a batch would, and its generation stays a build', async () => {
    const name = uniqueName();
    await appendSpread(store, [uniqueStream()], 5);
    const projection: Projection = {
      ...streamCountsProjection(name),
      createReadIndexes: async () => {
        throw new Error('no such column');
      },
    };
    const generation = await registry.openBuild(projection);
    const runner = new ProjectionRunner(runnerDependencies(test.database, store), projection, generation, { ...FAST, onProjectionError: 'stop' });
    await expect(runner.start()).rejects.toThrow('no such column');
    await expect(runner.whenActive()).rejects.toThrow('no such column');
    expect(await registry.generation(name, generation.generation)).toMatchObject({ status: 'building', eventsApplied: (await readWholeLog(store)).length });
  });

  async function indexesOf(schema: string): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = ${schema} ORDER BY indexname`.execute(test.database.db);
    return rows.map((row) => row.name);
  }

  it('a projection that throws halfway through a batch leaves nothing of that batch; once fixed, the read model equals a fresh rebuild', async () => {
    let poisoned = true;
    const failedAtIndex: number[] = [];
    const streams = [uniqueStream(), uniqueStream()];
    const name = uniqueName();
    const projection = streamCountsProjection(name, 1, {
      beforeEvent: (event, { index }) => {
        if (poisoned && event.type === 'Poison') {
          failedAtIndex.push(index);
          throw new Error('cannot handle Poison yet');
        }
      },
    });
    const log = capturedLogger();
    const generation = await registry.openBuild(projection);
    const before = await readWholeLog(store);
    // Ten events per batch from the start of the log: the poison goes to the sixth place of its batch.
    const fill = (10 - (before.length % 10)) % 10;
    await appendSpread(store, streams, fill + 15);
    await appendSpread(store, streams, 1, 'Poison');
    await appendSpread(store, streams, 9);

    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, store, { logger: log.logger }), projection, generation, FAST));
    await waitUntil(() => runner.status.state === 'failed' && failedAtIndex.length >= 2, 'the projection failed and was retried');
    expect(new Set(failedAtIndex)).toEqual(new Set([5]));

    const logged = await readWholeLog(store);
    const poisonIndex = logged.findIndex((event) => event.type === 'Poison');
    const stored = await registry.generation(name, generation.generation);
    // The checkpoint is the end of the last good batch; the five events applied before the throw were rolled back.
    expect(stored?.checkpoint).toBe(logged[poisonIndex - 6].checkpoint);
    expect(stored?.eventsApplied).toBe(poisonIndex - 5);
    expect(await readStreamCounts(test.database.db, generation.schema)).toEqual(foldStreamCounts(logged.slice(0, poisonIndex - 5)));
    expect(runner.status.lastFailure).toMatchObject({ name: 'ProjectionApplyError' });
    const errorLine = log.lines.find((line) => line.level === 'error');
    expect(errorLine).toMatchObject({ projection: name, generation: generation.generation, checkpoint: stored?.checkpoint });
    expect(String(errorLine?.msg)).toMatch(new RegExp(`projection ${name} failed: its read model stays at the checkpoint.*retrying in`));

    poisoned = false;
    await runner.whenActive();
    await runner.stop();
    await expectEqualsFreshFold(generation.schema);
  });

  it('stores the checkpoint in the transaction of the batch: when storing it fails, the batch is undone too', async () => {
    const projection = streamCountsProjection(uniqueName());
    await appendSpread(store, [uniqueStream(), uniqueStream()], 25);
    let failedWrites = 0;
    const failingOnce = Object.assign(Object.create(registry) as ProjectionRegistry, {
      recordBatch: (...args: Parameters<ProjectionRegistry['recordBatch']>) => {
        if (failedWrites < 2) {
          failedWrites += 1;
          return Promise.reject(Object.assign(new Error('server closed the connection unexpectedly'), { code: '08006' }));
        }
        return registry.recordBatch(...args);
      },
    });
    const generation = await registry.openBuild(projection);
    const runner = launch(
      new ProjectionRunner({ ...runnerDependencies(test.database, store), registry: failingOnce }, projection, generation, FAST),
    );
    await runner.whenActive();
    await runner.stop();
    expect(failedWrites).toBe(2);
    await expectEqualsFreshFold(generation.schema);
  });

  it('hands the batches of an unbroken run one run object, and starts a new run after a batch that did not commit or batches it did not apply', async () => {
    const counts = streamCountsProjection(uniqueName());
    const runs: object[] = [];
    const projection: Projection = {
      ...counts,
      apply: async (trx, schema, events, batch) => {
        runs.push(batch?.run as object);
        await counts.apply(trx, schema, events);
      },
    };
    const events = countedEvents(100);
    const generation = await registry.openBuild(projection);
    let recorded = 0;
    // The third batch is applied but rolled back: storing its checkpoint fails.
    const failingThird = Object.assign(Object.create(registry) as ProjectionRegistry, {
      recordBatch: (...args: Parameters<ProjectionRegistry['recordBatch']>) => {
        recorded += 1;
        if (recorded === 3) return Promise.reject(Object.assign(new Error('server closed the connection unexpectedly'), { code: '08006' }));
        return registry.recordBatch(...args);
      },
    });
    // Before the sixth batch reaches the runner, another one stores two batches further on.
    let delivered = 0;
    const log = inMemoryLog(events);
    const overtaken: LogSource = {
      ...log,
      subscribe: (options) =>
        log.subscribe({
          ...options,
          onBatch: async (batch) => {
            delivered += 1;
            if (delivered === 6) {
              const moved = String(Number(batch[0].checkpoint) + 19);
              await registry.transaction((trx) => registry.recordBatch(trx, projection.name, generation.generation, moved, 20));
            }
            await options.onBatch(batch);
          },
        }),
    };
    const runner = launch(new ProjectionRunner({ ...runnerDependencies(test.database, store), store: overtaken, registry: failingThird }, projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();

    // Batches of ten: 1, 2, 3 (rolled back), 3 again, 4, (5: refused unapplied, the checkpoint moved to 6's end), 7 to 10.
    const [first, second, third, retried, fourth, afterOvertaken, next] = runs;
    expect(runs).toHaveLength(9);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(retried).not.toBe(first);
    expect(fourth).toBe(retried);
    expect(afterOvertaken).not.toBe(retried);
    expect(next).toBe(afterOvertaken);
  });

  it('never applies a redelivered batch twice', async () => {
    const projection = streamCountsProjection(uniqueName());
    await appendSpread(store, [uniqueStream(), uniqueStream()], 23);
    const redelivering: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (options: SubscribeOptions): Subscription =>
        store.subscribe({
          ...options,
          onBatch: async (events) => {
            await options.onBatch(events);
            await options.onBatch(events);
            await options.onBatch(events.slice(-1));
          },
        }),
    });
    const generation = await registry.openBuild(projection);
    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, redelivering), projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();
    await expectEqualsFreshFold(generation.schema);
    expect((await registry.generation(projection.name, generation.generation))?.eventsApplied).toBe((await readWholeLog(store)).length);
  });

  it('resubscribes from its stored checkpoint when the subscription drops with a store outage', async () => {
    const projection = streamCountsProjection(uniqueName());
    await appendSpread(store, [uniqueStream(), uniqueStream()], 30);
    const subscribedAfter: (string | null)[] = [];
    let drops = 0;
    // Like the KurrentDB adapter: a dropped connection ends the subscription, the consumer resubscribes.
    const dropping: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (options: SubscribeOptions): Subscription => {
        subscribedAfter.push(options.after ?? null);
        let batches = 0;
        return store.subscribe({
          ...options,
          onBatch: async (events) => {
            batches += 1;
            if (batches === 2 && drops < 3) {
              drops += 1;
              throw new EventStoreUnavailableError('connection dropped');
            }
            await options.onBatch(events);
          },
        });
      },
    });
    const generation = await registry.openBuild(projection);
    const runner = launch(new ProjectionRunner(runnerDependencies(test.database, dropping), projection, generation, FAST));
    await runner.whenActive();
    await runner.stop();

    expect(drops).toBe(3);
    expect(subscribedAfter.length).toBeGreaterThanOrEqual(4);
    // Each resubscription starts where the previous one committed: one batch further every time.
    const log = await readWholeLog(store);
    const positions = subscribedAfter.slice(1, 4).map((checkpoint) => log.findIndex((event) => event.checkpoint === checkpoint));
    expect(positions[1] - positions[0]).toBe(10);
    expect(positions[2] - positions[1]).toBe(10);
    await expectEqualsFreshFold(generation.schema);
  });

  it('two runners on one generation with a broken lock still apply every event exactly once: the checkpoint fences them', async () => {
    const projection = streamCountsProjection(uniqueName());
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
    await appendSpread(store, streams, 40);
    const everyoneHoldsIt: GenerationLocks = {
      open: () => ({
        tryAcquire: async () => ({ lost: new Promise<void>(() => undefined), release: async () => undefined }),
        close: async () => undefined,
      }),
    };
    const generation = await registry.openBuild(projection);
    const deps = () => runnerDependencies(test.database, store, { locks: everyoneHoldsIt });
    const first = launch(new ProjectionRunner(deps(), projection, generation, { ...FAST, batchSize: 3 }));
    const second = launch(new ProjectionRunner(deps(), projection, generation, { ...FAST, batchSize: 4 }));
    const head = await appendSpread(store, streams, 30);
    await waitUntil(async () => (await registry.generation(projection.name, generation.generation))?.checkpoint === head, 'both runners caught up');
    await Promise.all([first.stop(), second.stop()]);
    await expectEqualsFreshFold(generation.schema);
  });

  it('after a crash in the middle of a batch, a restarted runner continues from the checkpoint: nothing lost, nothing twice', async () => {
    const name = uniqueName();
    const crashAt = { batch: 3, index: 4 };
    let batchesSeen = 0;
    let crashed = false;
    const streams = [uniqueStream(), uniqueStream(), uniqueStream()];

    // The crashing process: its own connections, so that ending them is what a process crash does to the server.
    const victim = kind === 'postgres'
      ? await openPostgresProcess()
      : await openPgliteProcess();
    try {
      const victimStore = new PostgresEventStore(victim.database);
      await appendSpread(victimStore, streams, 50);
      const crashing = streamCountsProjection(name, 1, {
        beforeEvent: async (_event, { index, trx }) => {
          if (crashed) throw new Error('this process is gone');
          if (index === 0) batchesSeen += 1;
          if (batchesSeen === crashAt.batch && index === crashAt.index) {
            crashed = true;
            await victim.crash(trx);
          }
        },
      });
      const victimRegistry = ProjectionRegistry.on(victim.database.db, victim.database.schema);
      const generation = await victimRegistry.openBuild(crashing);
      const doomed = launch(new ProjectionRunner(runnerDependencies(victim.database, victimStore), crashing, generation, FAST));
      await waitUntil(() => crashed && doomed.status.state !== 'live' && doomed.status.state !== 'catching-up', 'the crash hit');
      await doomed.stop();
      await victim.database.close();

      // The restarted process: fresh connections, the same data.
      const restarted = await victim.restart();
      const restartedStore = new PostgresEventStore(restarted);
      const restartedRegistry = ProjectionRegistry.on(restarted.db, restarted.schema);
      const afterCrash = await restartedRegistry.generation(name, generation.generation);
      const log = await readWholeLog(restartedStore);
      // Two whole batches were committed; the third died with the process, half applied and rolled back.
      expect(afterCrash?.checkpoint).toBe(log[19].checkpoint);
      expect(await readStreamCounts(restarted.db, generation.schema)).toEqual(foldStreamCounts(log.slice(0, 20)));

      const runner = launch(new ProjectionRunner(runnerDependencies(restarted, restartedStore), streamCountsProjection(name), afterCrash!, FAST));
      await runner.whenActive();
      await runner.stop();
      expect(await readStreamCounts(restarted.db, generation.schema)).toEqual(foldStreamCounts(await readWholeLog(restartedStore)));
      await restarted.close();
    } finally {
      await victim.dispose();
    }
  });

  /** A second pool on this test's schema; the crash terminates the backend running the transaction. */
  async function openPostgresProcess() {
    const url = postgresTestUrl() as string;
    const open = () => openDatabase({ kind: 'postgres', url, poolSize: 2, schema: test.database.schema });
    const database = await open();
    return {
      database,
      crash: async (trx: Kysely<unknown>) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        await sql`SELECT pg_terminate_backend(${rows[0].pid})`.execute(test.database.db);
      },
      restart: open,
      dispose: async () => undefined,
    };
  }

  /** A PGlite of its own on disk; the crash closes it mid-transaction, the restart opens the same files. */
  async function openPgliteProcess() {
    const files = CrashablePglite.create();
    const { database, pglite } = await files.open();
    return {
      database,
      crash: async () => {
        await pglite.close();
      },
      restart: async () => (await files.open()).database,
      dispose: async () => files.remove(),
    };
  }
});
