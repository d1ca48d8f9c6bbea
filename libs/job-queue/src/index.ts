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
} from './lib/job-queue';
export { DbJobQueue } from './lib/db-job-queue';
export { InProcessDriver } from './lib/in-process-driver';
export { BullMqDriver, type BullMqDriverOptions } from './lib/bullmq-driver';
export { createJobQueue, jobQueueEnvSchema, jobQueueSettingsFrom, type JobQueueSettings } from './lib/create-job-queue';
// Reading jobs back, scoped by product and kind: what every product API answers at /api/jobs.
export { JobStore, type CancelOutcome, type JobListRequest, type JobScope, type WatchOptions } from './lib/job-store';
export { toJobView } from './lib/job-view';
