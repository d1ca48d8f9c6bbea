import type { DbClient } from '@matrix/db';
import { z } from 'zod';
import { BullMqDriver } from './bullmq-driver';
import { DbJobQueue } from './db-job-queue';
import { InProcessDriver } from './in-process-driver';

/** Env of the job queue (validated at boot with the rest of the service's env). */
export const jobQueueEnvSchema = z.object({
  /** in-process (default without REDIS_URL) or bullmq (default with REDIS_URL). */
  JOB_QUEUE: z.enum(['in-process', 'bullmq'], { message: 'JOB_QUEUE must be in-process or bullmq' }).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  /** Redis key prefix (several environments on one Redis). */
  JOB_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/, 'JOB_QUEUE_PREFIX may hold letters, digits, - and _')
    .optional(),
});

export type JobQueueSettings = { driver: 'in-process' } | { driver: 'bullmq'; redisUrl: string; prefix: string };

/** Production switches by configuration only: REDIS_URL (or JOB_QUEUE=bullmq) moves every product's jobs to Redis. */
export function jobQueueSettingsFrom(env: z.infer<typeof jobQueueEnvSchema>): JobQueueSettings {
  const driver = env.JOB_QUEUE ?? (env.REDIS_URL ? 'bullmq' : 'in-process');
  if (driver === 'in-process') return { driver };
  return { driver, redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: env.JOB_QUEUE_PREFIX ?? 'matrix' };
}

export function createJobQueue(db: DbClient, settings: JobQueueSettings, log?: (message: string) => void): DbJobQueue {
  const driver = settings.driver === 'bullmq' ? new BullMqDriver({ redisUrl: settings.redisUrl, prefix: settings.prefix }) : new InProcessDriver();
  return new DbJobQueue(db, driver, log);
}
