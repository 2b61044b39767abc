import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../identity/public.decorator';
import { LOGGER, type Logger } from '../logging/logger';
import { checkHealth } from './health-check';
import { HEALTH_CONTRIBUTORS, type HealthContributor } from './health-contributor';

/** Long enough for a busy database to answer, short enough for a load balancer's probe timeout. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * For load balancers and orchestrators: 200 when every part works or only a non-critical one does not (`degraded`,
 * e.g. a projection still building or lagging), 503 naming the critical part that does not.
 */
@Controller('health')
// Probes carry no credentials, and the answer names no data.
@Public()
export class HealthController {
  constructor(
    @Inject(HEALTH_CONTRIBUTORS) private readonly contributors: HealthContributor[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  async health(): Promise<Record<string, unknown>> {
    const report = await checkHealth(this.contributors, { timeoutMs: CHECK_TIMEOUT_MS, logger: this.logger });
    // Flat, so a probe or a person reads `database.ok` directly.
    const body = { status: report.status, ...report.parts };
    if (report.status === 'unavailable') throw new ServiceUnavailableException(body);
    return body;
  }
}
