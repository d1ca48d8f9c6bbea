import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { createJobQueue, type JobQueue, type JobQueueSettings } from '@matrix/job-queue';
import { DB_CLIENT } from '../db/db.module';
import { ReadinessRegistry } from '../health/readiness';

/** Injection token of the product's JobQueue (libs/job-queue): `@InjectJobQueue() jobs: JobQueue`. */
export const JOB_QUEUE = 'matrix:JobQueue';
export const InjectJobQueue = (): ParameterDecorator => Inject(JOB_QUEUE);

/**
 * Starts the queue once every module has registered its handlers (onModuleInit), so unfinished jobs resume at
 * boot; on shutdown it lets the running job reach its next step before the database disconnects.
 */
@Injectable()
class JobQueueLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    if (this.queue.driver === 'in-process') return;
    this.readiness.register('jobQueue', async () => {
      await this.queue.ping();
      return { ok: true, driver: this.queue.driver };
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.queue.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.queue.stop();
  }
}

/** Provides JOB_QUEUE from the validated config: in-process by default, BullMQ on Redis when configured. */
@Global()
@Module({})
export class JobQueueModule {
  static forRoot(settings: JobQueueSettings): DynamicModule {
    const logger = new Logger('JobQueue');
    return {
      module: JobQueueModule,
      global: true,
      providers: [
        {
          provide: JOB_QUEUE,
          inject: [DB_CLIENT],
          useFactory: (db: DbClient) => {
            logger.log(settings.driver === 'bullmq' ? `jobs run on BullMQ at ${settings.redisUrl.replace(/\/\/[^@]*@/, '//***@')} (prefix ${settings.prefix})` : 'jobs run in this process');
            return createJobQueue(db, settings, (message) => logger.log(message));
          },
        },
        JobQueueLifecycle,
      ],
      exports: [JOB_QUEUE],
    };
  }
}

