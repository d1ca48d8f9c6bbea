import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { redactUrl } from '../db/db.module';
import { IDENTITY_SETTINGS, IdentityService, PLATFORM_DB } from './identity.service';
import { openPlatformDatabase, type IdentitySettings } from './identity-settings';

/**
 * The staff identity store of a product API: a second Prisma client, on the shared platform
 * database (migrated at boot like the product's own, tolerant of other APIs migrating it at the
 * same moment), and IdentityService. Global so the guard and any controller can inject it.
 */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(options: { settings: IdentitySettings; busyTimeoutMs?: number }): DynamicModule {
    const logger = new Logger('Identity');
    return {
      module: IdentityModule,
      global: true,
      providers: [
        { provide: IDENTITY_SETTINGS, useValue: options.settings },
        {
          provide: PLATFORM_DB,
          useFactory: async () => {
            const url = options.settings.platformDatabaseUrl;
            try {
              const { client, applied } = await openPlatformDatabase(url, { busyTimeoutMs: options.busyTimeoutMs });
              if (applied.length) logger.log(`applied migrations ${applied.join(', ')} to the platform database ${redactUrl(url)}`);
              logger.log(`identity store (platform database): ${redactUrl(url)}`);
              return client;
            } catch (error) {
              throw new Error(`could not migrate the platform database (identity store) at ${redactUrl(url)}: ${(error as Error).message}`);
            }
          },
        },
        IdentityService,
      ],
      exports: [IDENTITY_SETTINGS, PLATFORM_DB, IdentityService],
    };
  }
}
