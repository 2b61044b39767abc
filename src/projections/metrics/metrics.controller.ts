import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Public } from '../../infrastructure/identity/public.decorator';
import { ProjectionMetrics } from './projection.metrics';

/** For Prometheus. Public for now, like /health: it shows counts and timings, never case data. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ProjectionMetrics) private readonly metrics: ProjectionMetrics) {}

  @Public()
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
