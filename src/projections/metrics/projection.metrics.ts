import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ProjectionLag, ProjectionLagMonitor } from '../lag/projection-lag.monitor';
import type { ProjectionRunnerObserver, RunnerStatus } from '../runner/projection.runner';

/**
 * The Prometheus registry served at `GET /metrics`: process defaults plus the projections' lag (measured at
 * scrape time) and the events this process applied. One registry per application, never the global one, so
 * tests and several apps in one process do not share series.
 */
export class ProjectionMetrics implements ProjectionRunnerObserver {
  readonly registry = new Registry();
  private readonly applied: Counter<'projection' | 'role'>;

  constructor(monitor: Pick<ProjectionLagMonitor, 'measure'>, options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Unmeasurable (store or database down): no lag samples rather than a failed scrape that also loses the
    // process metrics; /health names the failure.
    const measureOrNothing = (): Promise<ProjectionLag[]> => monitor.measure().catch(() => []);
    const lagEvents: Gauge<'projection'> = new Gauge({
      name: 'kim_projection_lag_events',
      help: 'Events in the log after the projection checkpoint (counted up to a bound)',
      labelNames: ['projection'],
      registers: [this.registry],
      collect: async () => {
        lagEvents.reset();
        for (const lag of await measureOrNothing()) lagEvents.set({ projection: lag.projection }, lag.eventsBehind);
      },
    });
    const lagSeconds: Gauge<'projection'> = new Gauge({
      name: 'kim_projection_lag_seconds',
      help: 'Seconds since the oldest event the projection has not applied was recorded (0 when none)',
      labelNames: ['projection'],
      registers: [this.registry],
      collect: async () => {
        lagSeconds.reset();
        for (const lag of await measureOrNothing()) lagSeconds.set({ projection: lag.projection }, lag.secondsBehind);
      },
    });
    this.applied = new Counter({
      name: 'kim_projection_events_applied_total',
      help: 'Events applied by the projection runners of this process (role: live or build)',
      labelNames: ['projection', 'role'],
      registers: [this.registry],
    });
  }

  batchApplied(status: RunnerStatus, eventCount: number): void {
    this.applied.inc({ projection: status.projection, role: status.role }, eventCount);
  }
}
