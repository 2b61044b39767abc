import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ProjectionLagMonitor } from '../../../src/projections/lag/projection-lag.monitor';
import { ProjectionRebuilder } from '../../../src/projections/rebuild/projection.rebuilder';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import { uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { appendSpread, FAST, runnerDependencies } from '../support/projection-test.kit';
import { readWholeLog, streamCountsProjection } from '../support/stream-counts.projection';

describe.each(availableDatabaseKinds())('projection lag on %s', (kind) => {
  let test: TestDatabase;
  let registry: ProjectionRegistry;
  const recordedAt = new Date('2026-11-20T10:00:00.000Z');
  let store: PostgresEventStore;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database, { clock: () => recordedAt });
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
  });
  afterAll(async () => test?.dispose());

  const monitor = (names: string[], bound: number) =>
    new ProjectionLagMonitor(store, registry, names, { bound, cacheMs: 0, clock: () => new Date(recordedAt.getTime() + 90_500) });

  it('counts the events after the active checkpoint up to the bound, and the age of the oldest one not applied', async () => {
    const projection = streamCountsProjection('lagging_counts');
    await appendSpread(store, [uniqueStream()], 2);
    const rebuilder = new ProjectionRebuilder(runnerDependencies(test.database, store), [projection], { runner: FAST });
    const [report] = await rebuilder.rebuild(projection.name);
    expect(await monitor([projection.name], 5).measure()).toEqual([
      { projection: projection.name, status: 'active', version: 1, generation: report.generation, eventsBehind: 0, eventsBehindCapped: false, secondsBehind: 0 },
    ]);

    await appendSpread(store, [uniqueStream(), uniqueStream()], 7);
    expect(await monitor([projection.name], 5).measure()).toEqual([
      expect.objectContaining({ eventsBehind: 5, eventsBehindCapped: true, secondsBehind: 90.5 }),
    ]);
    expect(await monitor([projection.name], 100).measure()).toEqual([
      expect.objectContaining({ eventsBehind: 7, eventsBehindCapped: false, secondsBehind: 90.5 }),
    ]);
  });

  it('measures a first build in progress, and a projection with no generation from the start of the log', async () => {
    const building = streamCountsProjection('lag_building');
    await registry.openBuild(building);
    const total = (await readWholeLog(store)).length;
    expect(await monitor([building.name, 'lag_nothing'], 1000).measure()).toEqual([
      expect.objectContaining({ projection: building.name, status: 'building', generation: 1, eventsBehind: total }),
      { projection: 'lag_nothing', status: 'none', version: null, generation: null, eventsBehind: total, eventsBehindCapped: false, secondsBehind: 90.5 },
    ]);
  });
});
