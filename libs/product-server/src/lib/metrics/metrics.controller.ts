import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/access';
import { ProductMetrics } from './product-metrics';

/**
 * Prometheus scrape endpoint.
 * Public on purpose: Prometheus scrapes it in-cluster without credentials; it holds request counts and
 * latencies per route, no data. Do not route /metrics through the public ingress (docs/ops.md, Identity and secrets).
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ProductMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
