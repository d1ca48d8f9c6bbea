import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyTable } from './auth/api-keys';
import type { GatewayConfig } from './config/gateway-config';
import { GATEWAY_CONFIG } from './config/gateway-config.provider';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { ModelsController } from './http/models.controller';
import { RepositoryController } from './http/repository.controller';
import { TasksController } from './http/tasks.controller';
import { InferenceService } from './inference/inference.service';
import { ModelService } from './models/model.service';
import { GatewayMetrics } from './observability/gateway-metrics';

@Module({})
export class GatewayModule {
  /** The whole gateway, configured explicitly (main.ts reads the env; tests pass their own). */
  static forConfig(config: GatewayConfig, metrics: GatewayMetrics = new GatewayMetrics()): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController, ModelsController, RepositoryController, TasksController, MetricsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GatewayMetrics, useValue: metrics },
        { provide: ApiKeyTable, useValue: ApiKeyTable.parse(config.apiKeys) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        ModelService,
        InferenceService,
      ],
    };
  }
}
