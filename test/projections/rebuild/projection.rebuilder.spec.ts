import { sql } from 'kysely';
import type { Logger } from 'pino';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { UnknownProjectionError } from '../../../src/projections/projection.errors';
import { ProjectionVersionConflictError } from '../../../src/projections/rebuild/projection-rebuild.errors';
import { ProjectionRebuilder, type RebuildProgress } from '../../../src/projections/rebuild/projection.rebuilder';
import { ReadModelLocator } from '../../../src/projections/read/read-model.locator';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import { ProjectionApplyError } from '../../../src/projections/runner/projection-runner.errors';
import { ProjectionSupervisor } from '../../../src/projections/runner/projection.supervisor';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { Projection } from '../../../src/projections/projection';
import { InProcessGenerationLocks } from '../../../src/projections/runner/in-process.generation-locks';
import { newEvent, uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { behindGate, Gate } from '../support/gate';
import { appendSpread, capturedLogger, FAST, runnerDependencies, untilVisible, waitUntil } from '../support/projection-test.kit';
import { foldStreamCounts, readStreamCounts, readWholeLog, streamCountsProjection } from '../support/stream-counts.projection';

let counter = 0;
function uniqueName(): string {
  counter += 1;
  return `rebuild_counts_${counter}`;
}

describe.each(availableDatabaseKinds())('blue-green rebuilds on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let registry: ProjectionRegistry;
  const supervisors: ProjectionSupervisor[] = [];
  const gates: Gate[] = [];
  // One process: the supervisors' and the rebuilds' runners share one set of locks, as in the service.
  const locks = new InProcessGenerationLocks();
  const dependencies = (source: EventStore = store, logger?: Logger) => runnerDependencies(test.database, source, { locks, logger });

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
  });
  /** Loops a test started (writers, readers): ended even when the test fails, so nothing runs on. */
  const loops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const end of loops.splice(0)) await end();
    for (const gate of gates.splice(0)) gate.open();
    await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stop()));
  });

  function newGate(): Gate {
    const gate = new Gate();
    gates.push(gate);
    return gate;
  }
  afterAll(async () => test?.dispose());

  function supervise(projections: Projection[], options: { logger?: Logger; gate?: Gate } = {}): ProjectionSupervisor {
    const { gate } = options;
    const source = gate ? behindGate(store, () => gate) : store;
    const supervisor = new ProjectionSupervisor(dependencies(source, options.logger), projections, {
      runner: FAST,
      reconcileMs: 50,
    });
    supervisors.push(supervisor);
    return supervisor;
  }

  async function activeGeneration(name: string) {
    return (await registry.activeGenerations([name])).get(name) ?? null;
  }

  async function untilActiveAt(name: string, checkpoint: string, what: string): Promise<void> {
    await waitUntil(async () => (await activeGeneration(name))?.checkpoint === checkpoint, what);
  }

  async function schemaExists(schema: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = ${schema}`.execute(test.database.db);
    return rows[0].n === 1;
  }

  async function totalEvents(schema: string): Promise<number> {
    const { rows } = await sql<{ total: number }>`
      SELECT coalesce(sum(events), 0)::int AS total FROM ${sql.id(schema, 'stream_counts')}`.execute(test.database.db);
    return rows[0].total;
  }

  it('a rebuild while writes go on ends identical to a rebuild from scratch; readers see the old generation until the switch', async () => {
    const name = uniqueName();
    const streams = [uniqueStream(), uniqueStream(), uniqueStream(), uniqueStream()];
    const initial = await appendSpread(store, streams, 40);
    const projection = streamCountsProjection(name);
    await supervise([projection]).start();
    await untilActiveAt(name, initial, 'the first generation is live');
    const first = (await activeGeneration(name))!;

    const locator = new ReadModelLocator(registry, { cacheMs: 60_000 });
    // The rebuild's batches wait at the gate, so the test can look at readers mid-rebuild.
    const gate = newGate();
    const rebuilder = new ProjectionRebuilder(
      { ...dependencies(behindGate(store, () => gate)), observer: { activated: (status) => locator.invalidate(status.projection) } },
      [projection],
      { runner: { ...FAST, batchSize: 50 }, progressIntervalMs: 10 },
    );
    // At most 400 writes, paced, so that the rebuild catches up on a busy machine too.
    let writing = true;
    let written = 0;
    let lastWritten = initial;
    const writer = (async () => {
      while (writing && written < 400) {
        const result = await store.append(streams[written % streams.length], [newEvent('DuringRebuild', { written })], 'any');
        lastWritten = result.checkpoint;
        written += 1;
        // Also lets timers run: PGlite answers without a macrotask, and this loop would starve them.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    loops.push(async () => {
      writing = false;
      await writer;
    });
    const seen: { generation: number; total: number }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        seen.push(await locator.read(name, async (model) => ({ generation: model.generation, total: await totalEvents(model.schema) })));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    loops.push(async () => {
      reading = false;
      await reader;
    });

    const progress: RebuildProgress[] = [];
    const rebuilding = rebuilder.rebuild(name, { onProgress: (p) => progress.push(p) });
    await gate.reached;
    const building = (await registry.generations(name)).find((g) => g.status === 'building')!;
    expect(building.generation).toBe(first.generation + 1);
    const liveBefore = (await registry.generation(name, first.generation))!.eventsApplied;
    await waitUntil(async () => (await registry.generation(name, first.generation))!.eventsApplied > liveBefore + 5, 'the live generation keeps up with the writes');
    expect((await locator.locate(name)).generation).toBe(first.generation);
    expect(await totalEvents(building.schema)).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.generation === first.generation)).toBe(true);

    gate.open();
    const [report] = await rebuilding;
    expect(report).toMatchObject({ projection: name, generation: building.generation, version: 1 });
    expect(report.eventsPerSecond).toBeGreaterThan(0);
    expect((await locator.locate(name)).generation).toBe(building.generation);
    const switchedAtTotal = report.eventsApplied;
    await waitUntil(() => seen.some((s) => s.generation === building.generation), 'reads of the new generation');

    for (const end of loops.splice(0)) await end();
    // Readers went from the old generation to the new one once, and never saw the view shrink.
    const switchAt = seen.findIndex((s) => s.generation === building.generation);
    expect(seen.slice(0, switchAt).every((s) => s.generation === first.generation)).toBe(true);
    expect(seen.slice(switchAt).every((s) => s.generation === building.generation)).toBe(true);
    for (let index = 1; index < seen.length; index++) expect(seen[index].total).toBeGreaterThanOrEqual(seen[index - 1].total);
    expect(switchedAtTotal).toBeGreaterThan(45);
    expect(progress.at(-1)).toMatchObject({ generation: building.generation, percent: 100 });

    // The service's runner (here: the supervisor's standby) feeds the new generation after the rebuild.
    await untilVisible(store, lastWritten);
    await untilActiveAt(name, lastWritten, 'the new generation is live');
    expect(await schemaExists(first.schema)).toBe(false);
    expect(await registry.generation(name, first.generation)).toMatchObject({ status: 'retired' });
    const log = await readWholeLog(store);
    const rebuiltUnderLoad = await readStreamCounts(test.database.db, building.schema);
    expect(rebuiltUnderLoad).toEqual(foldStreamCounts(log));

    const [fromScratch] = await new ProjectionRebuilder(dependencies(), [projection], { runner: FAST }).rebuild(name);
    const scratch = (await activeGeneration(name))!;
    expect(scratch.generation).toBe(fromScratch.generation);
    expect(await readStreamCounts(test.database.db, scratch.schema)).toEqual(rebuiltUnderLoad);
    expect(fromScratch.eventsApplied).toBe(log.length);
  });

  it('a new version in code is built beside the old one on start and replaces it once caught up', async () => {
    const name = uniqueName();
    const streams = [uniqueStream(), uniqueStream()];
    const initial = await appendSpread(store, streams, 25);
    const v1 = streamCountsProjection(name, 1);
    const firstSupervisor = supervise([v1]);
    await firstSupervisor.start();
    await untilActiveAt(name, initial, 'version 1 is live');
    await firstSupervisor.stop();
    const old = (await activeGeneration(name))!;

    const gate = newGate();
    const v2 = streamCountsProjection(name, 2);
    const locator = new ReadModelLocator(registry, { cacheMs: 0 });
    await supervise([v2], { gate }).start();
    await gate.reached;
    expect(await locator.locate(name)).toMatchObject({ generation: old.generation, version: 1 });
    expect((await registry.generations(name)).map((g) => [g.version, g.status])).toEqual([
      [1, 'active'],
      [2, 'building'],
    ]);
    gate.open();
    await waitUntil(async () => (await activeGeneration(name))?.version === 2, 'version 2 is active');
    expect(await locator.locate(name)).toMatchObject({ version: 2 });
    expect(await schemaExists(old.schema)).toBe(false);
    const current = (await activeGeneration(name))!;
    await untilActiveAt(name, await appendSpread(store, streams, 5), 'version 2 is live');
    expect(await readStreamCounts(test.database.db, current.schema)).toEqual(foldStreamCounts(await readWholeLog(store)));
  });

  it('code older than the active version leaves it alone and refuses to rebuild it', async () => {
    const name = uniqueName();
    await appendSpread(store, [uniqueStream()], 3);
    const newer = supervise([streamCountsProjection(name, 3)]);
    await newer.start();
    await waitUntil(async () => (await activeGeneration(name))?.version === 3, 'version 3 is active');
    await newer.stop();
    const before = await registry.generations(name);

    const log = capturedLogger();
    await supervise([streamCountsProjection(name, 2)], { logger: log.logger }).start();
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', projection: name, activeVersion: 3, codeVersion: 2, msg: expect.stringMatching(/built by newer code/) }),
    );
    const older = new ProjectionRebuilder(dependencies(), [streamCountsProjection(name, 2)], { runner: FAST });
    await expect(older.rebuild(name)).rejects.toBeInstanceOf(ProjectionVersionConflictError);
    await expect(older.rebuild('no_such_projection')).rejects.toBeInstanceOf(UnknownProjectionError);
    expect(await registry.generations(name)).toEqual(before);
  });

  it('a rebuild that fails stops with the error, keeps the active generation, and resumes from its checkpoint when run again', async () => {
    const name = uniqueName();
    await appendSpread(store, [uniqueStream(), uniqueStream()], 12);
    const healthy = streamCountsProjection(name);
    const deps = dependencies();
    await new ProjectionRebuilder(deps, [healthy], { runner: FAST }).rebuild(name);
    const active = (await activeGeneration(name))!;
    await store.append(uniqueStream(), [newEvent('Poison')], 'no_stream');
    await appendSpread(store, [uniqueStream()], 4);

    const failing = streamCountsProjection(name, 1, {
      beforeEvent: (event) => {
        if (event.type === 'Poison') throw new Error('cannot handle Poison');
      },
    });
    const error = await new ProjectionRebuilder(deps, [failing], { runner: FAST }).rebuild(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionApplyError);
    expect(await activeGeneration(name)).toMatchObject({ generation: active.generation });
    const unfinished = (await registry.generations(name)).find((g) => g.status === 'building')!;
    expect(unfinished.eventsApplied).toBeGreaterThan(0);

    const [report] = await new ProjectionRebuilder(deps, [healthy], { runner: FAST }).rebuild(name);
    expect(report.generation).toBe(unfinished.generation);
    expect(report.eventsAppliedNow).toBe(report.eventsApplied - unfinished.eventsApplied);
    const rebuilt = (await activeGeneration(name))!;
    expect(rebuilt.generation).toBe(unfinished.generation);
    expect(await readStreamCounts(test.database.db, rebuilt.schema)).toEqual(foldStreamCounts(await readWholeLog(store)));
  });
  it('rebuilds all projections together from one read of the log, each equal to a fold of the log', async () => {
    const names = [uniqueName(), uniqueName(), uniqueName()];
    await appendSpread(store, [uniqueStream(), uniqueStream()], 30);
    const log = await readWholeLog(store);
    let reads = 0;
    const counted = Object.assign(Object.create(store) as EventStore, {
      readAll: (options: Parameters<EventStore['readAll']>[0]) => {
        reads += 1;
        return store.readAll(options);
      },
    });
    const reports = await new ProjectionRebuilder(dependencies(counted), names.map((name) => streamCountsProjection(name)), {
      runner: { ...FAST, batchSize: 10 },
    }).rebuild('all');

    expect(reports.map((report) => [report.projection, report.eventsApplied])).toEqual(names.map((name) => [name, log.length]));
    for (const name of names) expect(await readStreamCounts(test.database.db, (await activeGeneration(name))!.schema)).toEqual(foldStreamCounts(log));
    // Each page once for all three (and a few polls while they switch): three reads of their own would need 3x.
    expect(reads).toBeLessThan(2 * Math.ceil(log.length / 10));
  });

  it('stops every build of a rebuild when one projection fails, with its error; run again, each resumes from its checkpoint', async () => {
    const [healthyName, failingName] = [uniqueName(), uniqueName()];
    await appendSpread(store, [uniqueStream()], 20);
    await store.append(uniqueStream(), [newEvent('Poison')], 'no_stream');
    await appendSpread(store, [uniqueStream()], 20);
    const healthy = streamCountsProjection(healthyName);
    const failing = streamCountsProjection(failingName, 1, {
      beforeEvent: (event) => {
        if (event.type === 'Poison') throw new Error('cannot handle Poison');
      },
    });
    const options = { runner: { ...FAST, batchSize: 5 } };
    const error = await new ProjectionRebuilder(dependencies(), [healthy, failing], options).rebuild('all').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionApplyError);
    expect((error as ProjectionApplyError).projection).toBe(failingName);
    const [unfinished] = await registry.generations(failingName);
    expect(unfinished).toMatchObject({ status: 'building' });
    // No runner is left feeding: each generation's lock is free.
    for (const { projection, generation } of [...(await registry.generations(healthyName)), unfinished]) {
      const lock = await locks.open({ namespace: registry.baseSchema, projection, generation }).tryAcquire();
      expect(lock).not.toBeNull();
      await lock!.release();
    }

    const reports = await new ProjectionRebuilder(dependencies(), [healthy, streamCountsProjection(failingName)], options).rebuild('all');
    expect(reports.find((report) => report.projection === failingName)).toMatchObject({ generation: unfinished.generation });
    const log = await readWholeLog(store);
    for (const name of [healthyName, failingName]) {
      expect(await readStreamCounts(test.database.db, (await activeGeneration(name))!.schema)).toEqual(foldStreamCounts(log));
    }
  });
});
