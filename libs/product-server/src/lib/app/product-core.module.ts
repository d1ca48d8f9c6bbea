import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DbClient } from '@matrix/db';
import { GatewayClient } from '@matrix/gateway-client';
import { AuthController } from '../auth/auth.controller';
import { AuthGuard } from '../auth/auth.guard';
import { IdentityModule } from '../auth/identity.module';
import { identitySettingsFrom } from '../auth/identity-settings';
import type { ProductConfig } from '../config/product-config';
import { DB_PROVIDER, DbModule, InjectDb, pingDatabase } from '../db/db.module';
import { GatewayModule } from '../gateway/gateway.module';
import { HealthController } from '../health/health.controller';
import { JobQueueModule } from '../jobs/job-queue.module';
import { ReadinessRegistry } from '../health/readiness';
import { MetricsController } from '../metrics/metrics.controller';
import { ProductMetrics } from '../metrics/product-metrics';
import { PRODUCT_CONFIG, PRODUCT_ENV } from './tokens';

/** The readiness checks every product has: its database answers, and the gateway serves models. */
@Injectable()
class CoreReadinessChecks implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    @InjectDb() private readonly db: DbClient,
    @Inject(DB_PROVIDER) private readonly provider: string,
    private readonly gateway: GatewayClient,
    @Inject(PRODUCT_CONFIG) private readonly config: ProductConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await pingDatabase(this.db);
      return { ok: true, provider: this.provider };
    });
    this.registry.register('gateway', async () => {
      const readiness = await this.gateway.readiness();
      if ('error' in readiness) return { ok: false, reason: readiness.error, url: this.config.gatewayUrl };
      if (readiness.ready) return { ok: true, url: this.config.gatewayUrl };
      return { ok: false, reason: readiness.loading ? 'the gateway is still loading its models' : 'the gateway serves no model', url: this.config.gatewayUrl };
    });
  }
}

export interface ProductCoreOptions {
  config: ProductConfig;
  env: NodeJS.ProcessEnv;
  metrics: ProductMetrics;
}

/**
 * What every product API shares, made global so product modules just inject it: config, env,
 * metrics, readiness registry, DbClient (DbModule), GatewayClient (GatewayModule), JOB_QUEUE (JobQueueModule), staff identity
 * (IdentityModule, the /api/auth routes, and the global AuthGuard), and the /health and /metrics controllers. createProductApp() imports it beside the product's module.
 */
@Global()
@Module({})
export class ProductCoreModule {
  static forRoot({ config, env, metrics }: ProductCoreOptions): DynamicModule {
    return {
      module: ProductCoreModule,
      global: true,
      imports: [
        DbModule.forRoot({ databaseUrl: config.databaseUrl, busyTimeoutMs: config.databaseBusyTimeoutMs }),
        GatewayModule.forRoot({ baseUrl: config.gatewayUrl, apiKey: config.gatewayApiKey }),
        JobQueueModule.forRoot(config.jobQueue),
        IdentityModule.forRoot({ settings: identitySettingsFrom(config.name, env), busyTimeoutMs: config.databaseBusyTimeoutMs }),
      ],
      controllers: [HealthController, MetricsController, AuthController],
      providers: [
        { provide: PRODUCT_CONFIG, useValue: config },
        { provide: PRODUCT_ENV, useValue: env },
        { provide: ProductMetrics, useValue: metrics },
        ReadinessRegistry,
        CoreReadinessChecks,
        // Every route declares who may call it (@Public, @Roles, @Visitor); a route without a declaration is admin-only.
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [PRODUCT_CONFIG, PRODUCT_ENV, ProductMetrics, ReadinessRegistry, DbModule, GatewayModule, JobQueueModule, IdentityModule],
    };
  }
}
