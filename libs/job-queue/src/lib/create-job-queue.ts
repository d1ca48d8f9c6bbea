import type { DbClient } from '@matrix/db';
import { z } from 'zod';
import { BullMqDriver } from './bullmq-driver';
import { DbJobQueue, type DbJobQueueOptions } from './db-job-queue';
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
  /** How long a job waits out an unavailable dependency (inference gateway, model not served) before it fails (default 10). */
  JOB_DEPENDENCY_WAIT_MINUTES: z.coerce
    .number()
    .positive('JOB_DEPENDENCY_WAIT_MINUTES must be > 0')
    .max(24 * 60)
    .optional(),
});

export type JobQueueSettings = ({ driver: 'in-process' } | { driver: 'bullmq'; redisUrl: string; prefix: string }) & {
  /** How long a job waits out an unavailable dependency before it fails (ms; default 10 minutes). */
  dependencyWaitMs?: number;
};

/** Production switches by configuration only: REDIS_URL (or JOB_QUEUE=bullmq) moves every product's jobs to Redis. */
export function jobQueueSettingsFrom(env: z.infer<typeof jobQueueEnvSchema>): JobQueueSettings {
  const driver = env.JOB_QUEUE ?? (env.REDIS_URL ? 'bullmq' : 'in-process');
  // Unset: the queue's default window (DEFAULT_DEPENDENCY_WINDOW_MS, 10 minutes).
  const dependencyWaitMs = env.JOB_DEPENDENCY_WAIT_MINUTES === undefined ? undefined : env.JOB_DEPENDENCY_WAIT_MINUTES * 60_000;
  if (driver === 'in-process') return { driver, dependencyWaitMs };
  return { driver, redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: env.JOB_QUEUE_PREFIX ?? 'matrix', dependencyWaitMs };
}

export function createJobQueue(db: DbClient, settings: JobQueueSettings, log?: (message: string) => void, options?: DbJobQueueOptions): DbJobQueue {
  const driver = settings.driver === 'bullmq' ? new BullMqDriver({ redisUrl: settings.redisUrl, prefix: settings.prefix }) : new InProcessDriver();
  return new DbJobQueue(db, driver, log, options);
}
