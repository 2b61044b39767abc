import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ProjectionRebuilder } from '../../../src/projections/rebuild/projection.rebuilder';
import { ReadModelLocator, ReadModelNotReadyError } from '../../../src/projections/read/read-model.locator';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import { uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { appendSpread, FAST, runnerDependencies } from '../support/projection-test.kit';
import { readStreamCounts, streamCountsProjection } from '../support/stream-counts.projection';

describe.each(availableDatabaseKinds())('locating the active read model on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let registry: ProjectionRegistry;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
  });
  afterAll(async () => test?.dispose());

  it('says a read model whose first build has not caught up is not ready', async () => {
    const projection = streamCountsProjection('located_unbuilt');
    await registry.openBuild(projection);
    const error = await new ReadModelLocator(registry).locate(projection.name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadModelNotReadyError);
    expect(error).toMatchObject({ projection: projection.name });
  });

  it('keeps a located schema for its cache time, and a read whose schema was dropped by a switch elsewhere retries on the new one', async () => {
    const projection = streamCountsProjection('located_counts');
    const stream = uniqueStream();
    await appendSpread(store, [stream], 4);
    const rebuilder = new ProjectionRebuilder(runnerDependencies(test.database, store), [projection], { runner: FAST });
    const [first] = await rebuilder.rebuild(projection.name);
    // This locator stands for another process: nothing tells it about the switch below.
    const elsewhere = new ReadModelLocator(registry, { cacheMs: 60_000 });
    expect(await elsewhere.locate(projection.name)).toMatchObject({ generation: first.generation });

    const [second] = await rebuilder.rebuild(projection.name);
    expect(await elsewhere.locate(projection.name)).toMatchObject({ generation: first.generation });
    const schemasQueried: string[] = [];
    const rows = await elsewhere.read(projection.name, (model) => {
      schemasQueried.push(model.schema);
      return readStreamCounts(test.database.db, model.schema);
    });
    expect(schemasQueried).toHaveLength(2);
    expect(await elsewhere.locate(projection.name)).toMatchObject({ generation: second.generation });
    expect(rows.find((row) => row.streamId === stream)).toMatchObject({ events: 4 });

    elsewhere.invalidate();
    expect(await new ReadModelLocator(registry, { cacheMs: 0 }).locate(projection.name)).toMatchObject({ generation: second.generation });
  });

  it('passes on errors other than a vanished table', async () => {
    const projection = streamCountsProjection('located_failing');
    await appendSpread(store, [uniqueStream()], 1);
    await new ProjectionRebuilder(runnerDependencies(test.database, store), [projection], { runner: FAST }).rebuild(projection.name);
    const attempts: number[] = [];
    const failure = new ReadModelLocator(registry).read(projection.name, async () => {
      attempts.push(1);
      throw new Error('query bug');
    });
    await expect(failure).rejects.toThrow('query bug');
    expect(attempts).toHaveLength(1);
  });
});
