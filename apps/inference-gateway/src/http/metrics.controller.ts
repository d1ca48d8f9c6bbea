import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/route-access';
import { GatewayMetrics } from '../observability/gateway-metrics';
import { ModelService } from '../models/model.service';

/** Prometheus scrape endpoint. */
@ApiExcludeController()
@Access('public')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly models: ModelService,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    for (const model of this.models.index()) this.metrics.queueDepth.set({ model: model.id }, model.queueDepth);
    return this.metrics.registry.metrics();
  }
}
