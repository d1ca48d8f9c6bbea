// Background jobs on the shared Job model: one interface, two drivers (in-process by default, BullMQ on Redis).
export {
  JobCancelled,
  JobInterrupted,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobQueueDriver,
  type RegisterOptions,
  type DispatchOutcome,
  type WaitOutOptions,
} from './lib/job-queue';
export { DbJobQueue, type DbJobQueueOptions } from './lib/db-job-queue';
// Jobs wait out an unavailable dependency (gateway, model) with backoff for a window, visibly, before they fail.
export {
  DependencyWaitExpired,
  DEFAULT_DEPENDENCY_WINDOW_MS,
  backoffDelayMs,
  nextWaiting,
  parseWaiting,
  realClock,
  type DependencyWaitPolicy,
  type JobClock,
} from './lib/dependency-wait';
export { InProcessDriver } from './lib/in-process-driver';
export { BullMqDriver, type BullMqDriverOptions } from './lib/bullmq-driver';
export { createJobQueue, jobQueueEnvSchema, jobQueueSettingsFrom, type JobQueueSettings } from './lib/create-job-queue';
// Reading jobs back, scoped by product and kind: what every product API answers at /api/jobs.
export { JobStore, type CancelOutcome, type RetryOutcome, type JobListRequest, type JobScope, type WatchOptions } from './lib/job-store';
export { toJobView } from './lib/job-view';
// Uploads carry an Idempotency-Key: the same key never creates a second job.
export { createJobOnce, type CreateJobOnceResult } from './lib/idempotent-job';
