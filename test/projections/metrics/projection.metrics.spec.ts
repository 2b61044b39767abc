import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import { ProjectionMetrics } from '../../../src/projections/metrics/projection.metrics';
import type { ProjectionLag } from '../../../src/projections/lag/projection-lag.monitor';
import type { RunnerStatus } from '../../../src/projections/runner/projection.runner';

const lag: ProjectionLag = {
  projection: 'caseload',
  status: 'active',
  version: 2,
  generation: 4,
  eventsBehind: 12,
  eventsBehindCapped: false,
  secondsBehind: 3.5,
};

describe('projection metrics', () => {
  it('measure lag at scrape time and count what the runners of this process applied, by role', async () => {
    const metrics = new ProjectionMetrics({ measure: async () => [lag] }, { defaultMetrics: false });
    const status = { projection: 'caseload', role: 'build' } as RunnerStatus;
    metrics.batchApplied(status, 500);
    metrics.batchApplied(status, 20);
    metrics.batchApplied({ ...status, role: 'live' }, 3);
    const text = await metrics.registry.metrics();
    expect(text).toContain('kim_projection_lag_events{projection="caseload"} 12');
    expect(text).toContain('kim_projection_lag_seconds{projection="caseload"} 3.5');
    expect(text).toContain('kim_projection_events_applied_total{projection="caseload",role="build"} 520');
    expect(text).toContain('kim_projection_events_applied_total{projection="caseload",role="live"} 3');
  });

  it('leave the lag out, but still answer with everything else, while the lag cannot be measured', async () => {
    let available = true;
    const metrics = new ProjectionMetrics({
      measure: async () => {
        if (!available) throw new EventStoreUnavailableError('down');
        return [lag];
      },
    });
    expect(await metrics.registry.metrics()).toContain('kim_projection_lag_events{projection="caseload"} 12');
    available = false;
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('kim_projection_lag_events{');
    expect(text).not.toContain('kim_projection_lag_seconds{');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });
});
