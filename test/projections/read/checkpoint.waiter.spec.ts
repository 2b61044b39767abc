import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { UnknownProjectionError } from '../../../src/projections/projection.errors';
import { CheckpointWaiter } from '../../../src/projections/read/checkpoint.waiter';
import { ReadModelLocator } from '../../../src/projections/read/read-model.locator';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import { ProjectionRunner } from '../../../src/projections/runner/projection.runner';
import { newEvent, uniqueStream } from '../../support/events';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { behindGate, Gate } from '../support/gate';
import { appendSpread, FAST, runnerDependencies } from '../support/projection-test.kit';
import { readStreamCounts, streamCountsProjection } from '../support/stream-counts.projection';

describe.each(availableDatabaseKinds())('waiting for a checkpoint (read your writes) on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let registry: ProjectionRegistry;
  let waiter: CheckpointWaiter;
  let runner: ProjectionRunner;
  let gate: Gate | null = null;
  const fast = streamCountsProjection('waited_fast');
  const held = streamCountsProjection('waited_held');
  const unbuilt = streamCountsProjection('waited_unbuilt');

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    registry = ProjectionRegistry.on(test.database.db, test.database.schema);
    waiter = new CheckpointWaiter(registry, (a, b) => store.compareCheckpoints(a, b), [fast.name, held.name, unbuilt.name]);
    await appendSpread(store, [uniqueStream()], 3);
    // `held` gets built, then its runner stops: it stays behind whatever is appended later.
    const heldRunner = new ProjectionRunner(runnerDependencies(test.database, store), held, await registry.openBuild(held), FAST);
    void heldRunner.start();
    await heldRunner.whenActive();
    await heldRunner.stop();
    // `fast` is fed live; while a test has set a gate, its batches wait there until the test opens it.
    const deps = { ...runnerDependencies(test.database, behindGate(store, () => gate)), observer: { batchApplied: () => waiter.notify() } };
    runner = new ProjectionRunner(deps, fast, await registry.openBuild(fast), FAST);
    void runner.start();
    await runner.whenActive();
  });
  afterAll(async () => {
    gate?.open();
    await runner?.stop();
    await test?.dispose();
  });

  it('resolves once the projection has applied the write, and a read then shows it', async () => {
    const stream = uniqueStream();
    const arrived = new Gate();
    gate = arrived;
    const { checkpoint } = await store.append(stream, [newEvent('Written')], 'no_stream');
    const waiting = waiter.waitForCheckpoint([fast.name], checkpoint, 30_000);
    await arrived.reached;
    const before = await readStreamCounts(test.database.db, (await new ReadModelLocator(registry).locate(fast.name)).schema);
    expect(before.find((row) => row.streamId === stream)).toBeUndefined();
    gate = null;
    arrived.open();
    expect(await waiting).toEqual({ caughtUp: true, behind: [] });
    const locator = new ReadModelLocator(registry);
    const rows = await locator.read(fast.name, (model) => readStreamCounts(test.database.db, model.schema));
    expect(rows.find((row) => row.streamId === stream)).toMatchObject({ events: 1 });
  });

  it('answers at once for a checkpoint already passed', async () => {
    const { checkpoint } = await store.append(uniqueStream(), [newEvent()], 'no_stream');
    await waiter.waitForCheckpoint([fast.name], checkpoint, 30_000);
    expect(await waiter.waitForCheckpoint([fast.name], checkpoint, 0)).toEqual({ caughtUp: true, behind: [] });
  });

  it('times out naming the projections still behind, so the caller knows it may read stale data', async () => {
    const { checkpoint } = await store.append(uniqueStream(), [newEvent()], 'no_stream');
    await waiter.waitForCheckpoint([fast.name], checkpoint, 30_000);
    expect(await waiter.waitForCheckpoint([fast.name, held.name, unbuilt.name], checkpoint, 100)).toEqual({
      caughtUp: false,
      behind: [held.name, unbuilt.name],
    });
  });

  it('refuses a projection name it does not know', async () => {
    const { checkpoint } = await store.append(uniqueStream(), [newEvent()], 'no_stream');
    await expect(waiter.waitForCheckpoint(['caseloda'], checkpoint, 10)).rejects.toBeInstanceOf(UnknownProjectionError);
  });
});
