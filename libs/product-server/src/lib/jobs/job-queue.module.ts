import { BeforeApplicationShutdown, DynamicModule, Global, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { DbClient } from '@matrix/db';
import { createJobQueue, type JobQueue, type JobQueueSettings } from '@matrix/job-queue';
import { DB_CLIENT } from '../db/db.module';
import { ReadinessRegistry } from '../health/readiness';
import { dependencyWaitReason } from './dependency-wait-reason';
import { InjectJobQueue, JOB_QUEUE } from './job-queue.token';
import { JobsController } from './jobs.controller';
import { ProductJobs } from './product-jobs.service';

export { InjectJobQueue, JOB_QUEUE };

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

/**
 * Provides JOB_QUEUE from the validated config (in-process by default, BullMQ on Redis when configured), ProductJobs
 * (the product defines its job kinds there) and mounts the shared /api/jobs routes in every product API.
 */
@Global()
@Module({})
export class JobQueueModule {
  static forRoot(settings: JobQueueSettings): DynamicModule {
    const logger = new Logger('JobQueue');
    return {
      module: JobQueueModule,
      global: true,
      controllers: [JobsController],
      providers: [
        {
          provide: JOB_QUEUE,
          inject: [DB_CLIENT],
          useFactory: (db: DbClient) => {
            logger.log(
              settings.driver === 'bullmq'
                ? `jobs run on BullMQ at ${settings.redisUrl.replace(/\/\/[^@]*@/, '//***@')} (prefix ${settings.prefix})`
                : 'jobs run in this process',
            );
            // Jobs wait out the inference gateway (restart, overload, model not served yet) before they fail.
            return createJobQueue(db, settings, (message) => logger.log(message), {
              dependencyWait: { reasonFor: dependencyWaitReason, windowMs: settings.dependencyWaitMs },
            });
          },
        },
        JobQueueLifecycle,
        ProductJobs,
      ],
      exports: [JOB_QUEUE, ProductJobs],
    };
  }
}
