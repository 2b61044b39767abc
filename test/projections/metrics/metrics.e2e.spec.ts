import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { createApp } from '../../../src/infrastructure/app.factory';
import { type AppConfig, loadConfig } from '../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../src/infrastructure/config/config.module';
import type { Database } from '../../../src/infrastructure/database/database';
import { DATABASE } from '../../../src/infrastructure/database/database.tokens';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { LoggingModule } from '../../../src/infrastructure/logging/logging.module';
import { ProjectionLagHealthContributor } from '../../../src/projections/lag/projection-lag.health';
import { DEFAULT_PROJECTIONS_OPTIONS, PROJECTIONS, PROJECTIONS_OPTIONS, ProjectionsModule } from '../../../src/projections/projections.module';
import { CheckpointWaiter } from '../../../src/projections/read/checkpoint.waiter';
import { ReadModelLocator } from '../../../src/projections/read/read-model.locator';
import { ProjectionRebuilder } from '../../../src/projections/rebuild/projection.rebuilder';
import { ProjectionSupervisor } from '../../../src/projections/runner/projection.supervisor';
import { uniqueStream } from '../../support/events';
import { appendSpread, capturedLogger, FAST, runnerDependencies } from '../support/projection-test.kit';
import { readStreamCounts, streamCountsProjection } from '../support/stream-counts.projection';

const projection = streamCountsProjection('metered_counts');

async function bootApp(runRunners: boolean): Promise<INestApplication> {
  const config: AppConfig = { ...loadConfig({}), database: { kind: 'pglite', dataDir: null } };
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(capturedLogger().logger), ProjectionsModule],
  })
    .overrideProvider(PROJECTIONS)
    .useValue([projection])
    .overrideProvider(PROJECTIONS_OPTIONS)
    .useValue({
      ...DEFAULT_PROJECTIONS_OPTIONS,
      runRunners,
      runner: FAST,
      reconcileMs: 50,
      lag: { ...DEFAULT_PROJECTIONS_OPTIONS.lag, cacheMs: 0, maxEventsBehind: 2 },
    })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** The value of one sample line of the Prometheus text format. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics and the projections health part, in an app with runners turned off', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await bootApp(false);
  });
  afterAll(async () => app?.close());

  it('exposes the lag of a projection nobody feeds, then its catching up once a runner starts', async () => {
    const database = app.get<Database>(DATABASE);
    const store = app.get<EventStore>(EVENT_STORE);
    await appendSpread(store, [uniqueStream()], 2);
    await new ProjectionRebuilder(runnerDependencies(database, store), [projection], { runner: FAST }).rebuild(projection.name);
    // Recorded two minutes ago and not applied since.
    const earlier = new PostgresEventStore(database, { clock: () => new Date(Date.now() - 120_000) });
    const last = await appendSpread(earlier, [uniqueStream(), uniqueStream()], 3);

    const lagging = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(lagging.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(sample(lagging.text, 'kim_projection_lag_events{projection="metered_counts"}')).toBe(3);
    expect(sample(lagging.text, 'kim_projection_lag_seconds{projection="metered_counts"}')).toBeGreaterThanOrEqual(120);
    expect(lagging.text).toMatch(/^# TYPE kim_projection_events_applied_total counter$/m);
    expect(lagging.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(await app.get(ProjectionLagHealthContributor).check()).toMatchObject({
      ok: false,
      facts: { 'metered_counts.status': 'lagging', 'metered_counts.eventsBehind': 3 },
    });

    await app.get(ProjectionSupervisor).start();
    expect(await app.get(CheckpointWaiter).waitForCheckpoint([projection.name], last, 30_000)).toEqual({ caughtUp: true, behind: [] });
    const current = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(sample(current.text, 'kim_projection_lag_events{projection="metered_counts"}')).toBe(0);
    expect(sample(current.text, 'kim_projection_lag_seconds{projection="metered_counts"}')).toBe(0);
    expect(sample(current.text, 'kim_projection_events_applied_total{projection="metered_counts",role="live"}')).toBe(3);
    expect(await app.get(ProjectionLagHealthContributor).check()).toMatchObject({ ok: true, facts: { 'metered_counts.status': 'ok' } });
  });
});

describe('ProjectionsModule with runners on (the default)', () => {
  it('builds the projections by itself on start, serves them to readers, and stops its runners on close', async () => {
    const app = await bootApp(true);
    try {
      const store = app.get<EventStore>(EVENT_STORE);
      const stream = uniqueStream();
      const last = await appendSpread(store, [stream], 4);
      expect(await app.get(CheckpointWaiter).waitForCheckpoint([projection.name], last, 30_000)).toEqual({ caughtUp: true, behind: [] });
      const rows = await app
        .get(ReadModelLocator)
        .read(projection.name, (model) => readStreamCounts(app.get<Database>(DATABASE).db, model.schema));
      expect(rows).toEqual([expect.objectContaining({ streamId: stream, events: 4 })]);
    } finally {
      await app.close();
    }
    expect(app.get(ProjectionSupervisor).statuses()).toEqual([]);
  });
});

describe('GET /metrics in the whole application', () => {
  it('answers without a session, while the API routes require one', async () => {
    const app = await createApp({ ...loadConfig({}), database: { kind: 'pglite', dataDir: null } }, capturedLogger().logger);
    try {
      const response = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(response.text).toMatch(/^# TYPE kim_projection_lag_events gauge$/m);
      await request(app.getHttpServer()).get('/api/caseload').expect(401);
    } finally {
      await app.close();
    }
  });
});
