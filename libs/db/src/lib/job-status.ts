import { isFinishedJob, isJobStatus, JOB_STATUSES, type JobStatus } from '@matrix/product-contract';
import type { Job } from './generated-clients';

/** The values of Job.status (a string column so the schema is the same on SQLite and PostgreSQL; write only these). */
export { isJobStatus, JOB_STATUSES, type JobStatus };

/** The states a job never leaves. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter(isFinishedJob);

/** A Job row with `status` narrowed; throws on a value outside JOB_STATUSES. */
export function withJobStatus(job: Job): Job & { status: JobStatus } {
  if (!isJobStatus(job.status)) throw new Error(`Job ${job.id} has unknown status "${job.status}".`);
  return { ...job, status: job.status };
}
