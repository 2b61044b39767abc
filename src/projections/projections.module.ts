import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../application/ports/event-store.port';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/app.config';
import type { Database } from '../infrastructure/database/database';
import { DatabaseModule } from '../infrastructure/database/database.module';
import { DATABASE } from '../infrastructure/database/database.tokens';
import { generationLocksFor } from '../infrastructure/database/generation-locks.factory';
import { EventStoreModule } from '../infrastructure/event-store/event-store.module';
import { LOGGER, type Logger } from '../infrastructure/logging/logger';
import { ProjectionLagHealthContributor } from './lag/projection-lag.health';
import { ProjectionLagMonitor } from './lag/projection-lag.monitor';
import { MetricsController } from './metrics/metrics.controller';
import { ProjectionMetrics } from './metrics/projection.metrics';
import type { Projection } from './projection';
import { PROJECTION_CATALOG } from './projection.catalog';
import { CheckpointWaiter } from './read/checkpoint.waiter';
import { ReadModelLocator } from './read/read-model.locator';
import { ProjectionRegistry } from './registry/projection-registry.repository';
import type { GenerationLocks } from './runner/generation-lock.port';
import type { ProjectionRunnerOptions } from './runner/projection.runner';
import { ProjectionSupervisor } from './runner/projection.supervisor';

/** The projections this process knows; the catalogue unless a test overrides the provider. */
export const PROJECTIONS = Symbol('Projections');
export const PROJECTIONS_OPTIONS = Symbol('ProjectionsOptions');
export const GENERATION_LOCKS = Symbol('GenerationLocks');

export interface ProjectionsOptions {
  /** `false`: this process serves reads, /metrics and /health but feeds no projection (e.g. extra API instances). */
  runRunners: boolean;
  runner: ProjectionRunnerOptions;
  /** How often the registry is compared with what runs here (switches made by other processes). */
  reconcileMs: number;
  lag: { bound: number; cacheMs: number; maxEventsBehind: number; maxSecondsBehind: number };
  /** How often `waitForCheckpoint` asks the registry when no local runner signals progress. */
  waitPollMs: number;
  locatorCacheMs: number;
}

export const DEFAULT_PROJECTIONS_OPTIONS: ProjectionsOptions = {
  runRunners: true,
  runner: {},
  reconcileMs: 5_000,
  lag: { bound: 10_000, cacheMs: 1_000, maxEventsBehind: 1_000, maxSecondsBehind: 60 },
  waitPollMs: 50,
  locatorCacheMs: 1_000,
};

/** Starts the runners once every module is ready, and stops them before the database closes. */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(ProjectionSupervisor) private readonly supervisor: ProjectionSupervisor,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.runRunners) await this.supervisor.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.supervisor.stop();
  }
}

/**
 * Read models: the runners feeding them, the locator and the checkpoint waiter for query handlers, lag as
 * Prometheus metrics (`GET /metrics`) and as the `projections` part of `/health`.
 */
@Module({
  imports: [DatabaseModule, EventStoreModule],
  controllers: [MetricsController],
  providers: [
    { provide: PROJECTIONS, useValue: PROJECTION_CATALOG },
    { provide: PROJECTIONS_OPTIONS, useValue: DEFAULT_PROJECTIONS_OPTIONS },
    { provide: GENERATION_LOCKS, useFactory: (config: AppConfig) => generationLocksFor(config.database), inject: [APP_CONFIG] },
    {
      provide: ProjectionRegistry,
      useFactory: (database: Database) => ProjectionRegistry.on(database.db, database.schema),
      inject: [DATABASE],
    },
    {
      provide: ReadModelLocator,
      useFactory: (registry: ProjectionRegistry, options: ProjectionsOptions) =>
        new ReadModelLocator(registry, { cacheMs: options.locatorCacheMs }),
      inject: [ProjectionRegistry, PROJECTIONS_OPTIONS],
    },
    {
      provide: CheckpointWaiter,
      useFactory: (registry: ProjectionRegistry, store: EventStore, projections: readonly Projection[], options: ProjectionsOptions) =>
        new CheckpointWaiter(registry, (a, b) => store.compareCheckpoints(a, b), names(projections), { pollMs: options.waitPollMs }),
      inject: [ProjectionRegistry, EVENT_STORE, PROJECTIONS, PROJECTIONS_OPTIONS],
    },
    {
      provide: ProjectionLagMonitor,
      useFactory: (store: EventStore, registry: ProjectionRegistry, projections: readonly Projection[], options: ProjectionsOptions) =>
        new ProjectionLagMonitor(store, registry, names(projections), { bound: options.lag.bound, cacheMs: options.lag.cacheMs }),
      inject: [EVENT_STORE, ProjectionRegistry, PROJECTIONS, PROJECTIONS_OPTIONS],
    },
    { provide: ProjectionMetrics, useFactory: (monitor: ProjectionLagMonitor) => new ProjectionMetrics(monitor), inject: [ProjectionLagMonitor] },
    {
      provide: ProjectionSupervisor,
      useFactory: (
        store: EventStore,
        registry: ProjectionRegistry,
        locks: GenerationLocks,
        logger: Logger,
        projections: readonly Projection[],
        options: ProjectionsOptions,
        metrics: ProjectionMetrics,
        waiter: CheckpointWaiter,
        locator: ReadModelLocator,
      ) =>
        new ProjectionSupervisor(
          {
            store,
            registry,
            locks,
            logger,
            observer: {
              batchApplied: (status, count) => {
                metrics.batchApplied(status, count);
                waiter.notify();
              },
              activated: (status) => {
                locator.invalidate(status.projection);
                waiter.notify();
              },
            },
          },
          projections,
          { runner: options.runner, reconcileMs: options.reconcileMs },
        ),
      inject: [
        EVENT_STORE,
        ProjectionRegistry,
        GENERATION_LOCKS,
        LOGGER,
        PROJECTIONS,
        PROJECTIONS_OPTIONS,
        ProjectionMetrics,
        CheckpointWaiter,
        ReadModelLocator,
      ],
    },
    {
      provide: ProjectionLagHealthContributor,
      useFactory: (monitor: ProjectionLagMonitor, supervisor: ProjectionSupervisor, options: ProjectionsOptions) =>
        new ProjectionLagHealthContributor(monitor, () => supervisor.statuses(), options.lag),
      inject: [ProjectionLagMonitor, ProjectionSupervisor, PROJECTIONS_OPTIONS],
    },
    ProjectionsLifecycle,
  ],
  exports: [ReadModelLocator, CheckpointWaiter, ProjectionLagHealthContributor, ProjectionMetrics],
})
export class ProjectionsModule {}

function names(projections: readonly Projection[]): string[] {
  return projections.map((projection) => projection.name);
}
