import type { Logger } from '../logging/logger';
import type { HealthContributor, HealthFact } from './health-contributor';

export type HealthPart = Record<string, HealthFact> & {
  ok: boolean;
  /** Why a part is not ok when its check did not say so itself. */
  reason?: 'timeout' | 'error';
};

export interface HealthReport {
  /** `degraded`: only parts that are not critical failed (the service answers, some views are stale). */
  status: 'ok' | 'degraded' | 'unavailable';
  /** By contributor name. */
  parts: Record<string, HealthPart>;
}

/** Two contributors under one name, or one named `status`, would hide a part of the report. */
export class HealthContributorNameError extends Error {
  override readonly name = 'HealthContributorNameError';
  constructor(readonly contributorName: string) {
    super(`Health contributor name ${JSON.stringify(contributorName)} is reserved or used twice`);
  }
}

export function assertDistinctNames(contributors: readonly HealthContributor[]): void {
  const seen = new Set<string>(['status']);
  for (const { name } of contributors) {
    if (seen.has(name)) throw new HealthContributorNameError(name);
    seen.add(name);
  }
}

class HealthCheckTimeout extends Error {
  override readonly name = 'HealthCheckTimeout';
}

/** Runs every check at once; a check that hangs counts as failed after `timeoutMs`, so a probe always gets an answer. */
export async function checkHealth(
  contributors: readonly HealthContributor[],
  options: { timeoutMs: number; logger: Logger },
): Promise<HealthReport> {
  const parts = await Promise.all(contributors.map((contributor) => checkOne(contributor, options)));
  const failed = contributors.filter((_, index) => !parts[index].ok);
  return {
    status: failed.length === 0 ? 'ok' : failed.some((contributor) => contributor.critical !== false) ? 'unavailable' : 'degraded',
    parts: Object.fromEntries(contributors.map((contributor, index) => [contributor.name, parts[index]])),
  };
}

async function checkOne(contributor: HealthContributor, options: { timeoutMs: number; logger: Logger }): Promise<HealthPart> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthCheckTimeout()), options.timeoutMs);
  });
  try {
    const finding = await Promise.race([contributor.check(), timeout]);
    return { ...contributor.facts, ...finding.facts, ok: finding.ok };
  } catch (error) {
    const reason = error instanceof HealthCheckTimeout ? 'timeout' : 'error';
    options.logger.warn({ part: contributor.name, reason, err: error }, 'health check failed');
    return { ...contributor.facts, ok: false, reason };
  } finally {
    clearTimeout(timer);
  }
}
