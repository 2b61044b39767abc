import { checkHealth, assertDistinctNames, HealthContributorNameError } from '../../../src/infrastructure/http/health-check';
import type { HealthContributor, HealthFinding } from '../../../src/infrastructure/http/health-contributor';
import { createLogger } from '../../../src/infrastructure/logging/logger';

function contributor(name: string, check: () => Promise<HealthFinding>, facts = { kind: 'test' }, critical?: boolean): HealthContributor {
  return { name, facts, check, ...(critical === undefined ? {} : { critical }) };
}

describe('checkHealth', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  const options = { timeoutMs: 50, logger };

  beforeEach(() => {
    lines.length = 0;
  });

  it('is ok when every part is, with each part’s facts and findings', async () => {
    const report = await checkHealth(
      [
        contributor('database', async () => ({ ok: true })),
        contributor('projections', async () => ({ ok: true, facts: { lag: 3 } }), { kind: 'caseload' }),
      ],
      options,
    );
    expect(report).toEqual({
      status: 'ok',
      parts: { database: { kind: 'test', ok: true }, projections: { kind: 'caseload', lag: 3, ok: true } },
    });
  });

  it('is unavailable when one part reports itself not ok', async () => {
    const report = await checkHealth(
      [contributor('database', async () => ({ ok: true })), contributor('projections', async () => ({ ok: false, facts: { lag: 9000 } }))],
      options,
    );
    expect(report.status).toBe('unavailable');
    expect(report.parts.projections).toEqual({ kind: 'test', lag: 9000, ok: false });
  });

  it('is degraded, not unavailable, when only a part that is not critical fails', async () => {
    const lagging = contributor('projections', async () => ({ ok: false, facts: { lag: 9000 } }), { kind: 'test' }, false);
    const degraded = await checkHealth([contributor('database', async () => ({ ok: true })), lagging], options);
    expect(degraded).toEqual({ status: 'degraded', parts: { database: { kind: 'test', ok: true }, projections: { kind: 'test', lag: 9000, ok: false } } });

    const both = await checkHealth([contributor('database', async () => ({ ok: false })), lagging], options);
    expect(both.status).toBe('unavailable');
  });

  it('reports a throwing part as failed without its error message, which goes to the log instead', async () => {
    const report = await checkHealth(
      [contributor('eventStore', () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:2113')))],
      options,
    );
    expect(report).toEqual({ status: 'unavailable', parts: { eventStore: { kind: 'test', ok: false, reason: 'error' } } });
    expect(JSON.stringify(report)).not.toContain('10.0.0.5');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', part: 'eventStore', reason: 'error' })]);
  });

  it('answers for a part that never answers, as timed out', async () => {
    const report = await checkHealth(
      [contributor('database', async () => ({ ok: true })), contributor('eventStore', () => new Promise<never>(() => undefined))],
      options,
    );
    expect(report).toEqual({
      status: 'unavailable',
      parts: { database: { kind: 'test', ok: true }, eventStore: { kind: 'test', ok: false, reason: 'timeout' } },
    });
  });
});

describe('assertDistinctNames', () => {
  it('refuses a name used twice, and the reserved name status', () => {
    const ok = async (): Promise<HealthFinding> => ({ ok: true });
    expect(() => assertDistinctNames([contributor('database', ok), contributor('database', ok)])).toThrow(HealthContributorNameError);
    expect(() => assertDistinctNames([contributor('status', ok)])).toThrow(HealthContributorNameError);
    expect(() => assertDistinctNames([contributor('database', ok), contributor('eventStore', ok)])).not.toThrow();
  });
});
