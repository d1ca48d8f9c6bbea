import { DynamicModule, Global, Module } from '@nestjs/common';
import { GatewayClient, type GatewayClientOptions } from '@matrix/gateway-client';

/**
 * Provides the GatewayClient (inject it by its class) configured from GATEWAY_URL and
 * GATEWAY_API_KEY. Global: every module of the product can inject it.
 */
@Global()
@Module({})
export class GatewayModule {
  static forRoot(options: GatewayClientOptions): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      providers: [{ provide: GatewayClient, useFactory: () => new GatewayClient(options) }],
      exports: [GatewayClient],
    };
  }
}
