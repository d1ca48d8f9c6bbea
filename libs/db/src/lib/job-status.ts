import type { Job } from './generated-clients';

/**
 * The values of Job.status (a string column so the schema is the same on SQLite and
 * PostgreSQL; write only these).
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The states a job never leaves. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** A Job row with `status` narrowed; throws on a value outside JOB_STATUSES. */
export function withJobStatus(job: Job): Job & { status: JobStatus } {
  if (!isJobStatus(job.status)) throw new Error(`Job ${job.id} has unknown status "${job.status}".`);
  return job as Job & { status: JobStatus };
}
