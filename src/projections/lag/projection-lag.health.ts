import type { HealthContributor, HealthFact, HealthFinding } from '../../infrastructure/http/health-contributor';
import type { RunnerStatus } from '../runner/projection.runner';
import type { ProjectionLagMonitor } from './projection-lag.monitor';

export interface ProjectionLagThresholds {
  maxEventsBehind: number;
  maxSecondsBehind: number;
}

/**
 * - ok: active, and within both thresholds;
 * - lagging: active, but behind more than a threshold (readers see stale data);
 * - building: no generation active yet (readers get ReadModelNotReadyError);
 * - failed: this process's runner stopped on a projection error (it retries with backoff).
 */
export type ProjectionHealthStatus = 'ok' | 'lagging' | 'building' | 'failed';

/**
 * The `projections` part of `GET /health`: per projection its status, events and seconds behind. Not ok as
 * soon as one projection is not `ok`, which makes the whole answer `degraded` (still 200): an alert sees a
 * projection that fell behind, while the load balancer keeps the instance, which serves commands regardless.
 */
export class ProjectionLagHealthContributor implements HealthContributor {
  readonly name = 'projections';
  readonly critical = false;
  readonly facts: Readonly<Record<string, HealthFact>>;

  constructor(
    private readonly monitor: Pick<ProjectionLagMonitor, 'measure'>,
    private readonly localRunners: () => readonly RunnerStatus[],
    private readonly thresholds: ProjectionLagThresholds,
  ) {
    this.facts = { maxEventsBehind: thresholds.maxEventsBehind, maxSecondsBehind: thresholds.maxSecondsBehind };
  }

  async check(): Promise<HealthFinding> {
    const lags = await this.monitor.measure();
    const failed = new Set(this.localRunners().filter((runner) => runner.state === 'failed').map((runner) => runner.projection));
    const facts: Record<string, HealthFact> = {};
    let ok = true;
    for (const lag of lags) {
      const status: ProjectionHealthStatus = failed.has(lag.projection)
        ? 'failed'
        : lag.status !== 'active'
          ? 'building'
          : lag.eventsBehind > this.thresholds.maxEventsBehind || lag.secondsBehind > this.thresholds.maxSecondsBehind
            ? 'lagging'
            : 'ok';
      ok &&= status === 'ok';
      facts[`${lag.projection}.status`] = status;
      facts[`${lag.projection}.eventsBehind`] = lag.eventsBehind;
      facts[`${lag.projection}.secondsBehind`] = Math.round(lag.secondsBehind * 10) / 10;
    }
    return { ok, facts };
  }
}
