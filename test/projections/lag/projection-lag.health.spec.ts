import { ProjectionLagHealthContributor } from '../../../src/projections/lag/projection-lag.health';
import type { ProjectionLag } from '../../../src/projections/lag/projection-lag.monitor';
import type { RunnerStatus } from '../../../src/projections/runner/projection.runner';

function lag(projection: string, overrides: Partial<ProjectionLag> = {}): ProjectionLag {
  return {
    projection,
    status: 'active',
    version: 1,
    generation: 1,
    eventsBehind: 0,
    eventsBehindCapped: false,
    secondsBehind: 0,
    ...overrides,
  };
}

function runner(projection: string, state: RunnerStatus['state']): RunnerStatus {
  return {
    projection,
    version: 1,
    generation: 1,
    schema: `kim_rm_${projection}_v1_g1`,
    role: 'live',
    state,
    checkpoint: null,
    eventsApplied: 0,
    lastFailure: null,
  };
}

function contributor(lags: ProjectionLag[], runners: RunnerStatus[] = []): ProjectionLagHealthContributor {
  return new ProjectionLagHealthContributor({ measure: async () => lags }, () => runners, { maxEventsBehind: 100, maxSecondsBehind: 30 });
}

describe('the projections part of /health', () => {
  it('is ok while every projection is active and within both thresholds, and says how far behind each is', async () => {
    const finding = await contributor([lag('caseload', { eventsBehind: 100, secondsBehind: 30 }), lag('timeline')]).check();
    expect(finding).toEqual({
      ok: true,
      facts: {
        'caseload.status': 'ok',
        'caseload.eventsBehind': 100,
        'caseload.secondsBehind': 30,
        'timeline.status': 'ok',
        'timeline.eventsBehind': 0,
        'timeline.secondsBehind': 0,
      },
    });
  });

  it.each([
    ['too many events behind', lag('caseload', { eventsBehind: 101 }), [], 'lagging'],
    ['the oldest pending event too old', lag('caseload', { eventsBehind: 1, secondsBehind: 30.5 }), [], 'lagging'],
    ['no generation active yet', lag('caseload', { status: 'building', eventsBehind: 0 }), [], 'building'],
    ['its runner here stopped on a projection error', lag('caseload'), [runner('caseload', 'failed')], 'failed'],
  ] as const)('is degraded with %s', async (_case, measured, runners, status) => {
    const finding = await contributor([measured, lag('timeline')], [...runners, runner('timeline', 'live')]).check();
    expect(finding.ok).toBe(false);
    expect(finding.facts).toMatchObject({ 'caseload.status': status, 'timeline.status': 'ok' });
  });

  it('shows its thresholds whether or not the check succeeds', () => {
    expect(contributor([]).facts).toEqual({ maxEventsBehind: 100, maxSecondsBehind: 30 });
  });
});
