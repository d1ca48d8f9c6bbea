import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, migrateDatabase, providerFromUrl, type DbClient, type DbProvider } from '@matrix/db';

/** Injection token of the DbClient (a type, not a class, so it needs a token): `@InjectDb() db: DbClient`. */
export const DB_CLIENT = 'matrix:DbClient';
/** Injection token of the DbProvider ('sqlite' | 'postgresql') behind DB_CLIENT, for the rare provider-specific query. */
export const DB_PROVIDER = 'matrix:DbProvider';

export const InjectDb = (): ParameterDecorator => Inject(DB_CLIENT);

export interface DbModuleOptions {
  /** The product's own database (ProductConfig.databaseUrl). */
  databaseUrl: string;
  /** Bound on waiting for a lock (SQLite busy timeout) or a pool connection (PostgreSQL), ms. */
  busyTimeoutMs?: number;
  /** Apply pending migrations at boot (default true; safe on an up-to-date database). */
  migrate?: boolean;
}

/** The URL with any password replaced, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** `SELECT 1` through the client: the database answers (the readiness probe). */
export async function pingDatabase(db: DbClient): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

@Injectable()
class DbLifecycle implements OnApplicationShutdown {
  constructor(@InjectDb() private readonly db: DbClient) {}

  /** Runs after the HTTP server and every beforeApplicationShutdown hook (job runners) are done. */
  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}

/**
 * Provides the DbClient on the product's own database (SQLite file or PostgreSQL schema; each product
 * migrates its own at boot, so `npm start`, tests and a first run need no separate step), and
 * disconnected on shutdown. Global: every module of the product can inject it.
 */
@Global()
@Module({})
export class DbModule {
  static forRoot(options: DbModuleOptions): DynamicModule {
    const logger = new Logger('DbModule');
    return {
      module: DbModule,
      global: true,
      providers: [
        {
          provide: DB_CLIENT,
          useFactory: async (): Promise<DbClient> => {
            if (options.migrate ?? true) {
              try {
                const { applied } = await migrateDatabase(options.databaseUrl);
                if (applied.length) logger.log(`applied migrations ${applied.join(', ')} to ${redactUrl(options.databaseUrl)}`);
              } catch (error) {
                throw new Error(`could not migrate the database at ${redactUrl(options.databaseUrl)}: ${(error as Error).message}`);
              }
            }
            logger.log(`database: ${redactUrl(options.databaseUrl)}`);
            return createPrismaClient({ databaseUrl: options.databaseUrl, busyTimeoutMs: options.busyTimeoutMs });
          },
        },
        { provide: DB_PROVIDER, useValue: providerFromUrl(options.databaseUrl) satisfies DbProvider },
        DbLifecycle,
      ],
      exports: [DB_CLIENT, DB_PROVIDER],
    };
  }
}
