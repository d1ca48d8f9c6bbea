import { isFinishedJob } from '@matrix/sentiment-contract';
import type { JobState } from './api-types';

export function isFinished(job: JobState): boolean {
  return isFinishedJob(job.status);
}

/** done/total when the total is known (exact), else the job's own 0..1 fraction; 100 once succeeded. */
export function jobPercent(job: JobState): number {
  if (job.status === 'succeeded') return 100;
  if (job.total && job.total > 0) return Math.min(99, Math.floor((job.done / job.total) * 100));
  const fraction = Number.isFinite(job.progress) ? job.progress : 0;
  return Math.min(99, Math.max(0, Math.floor(fraction * 100)));
}

export function jobProgressText(job: JobState): string {
  const rows = job.total ? `${job.done} / ${job.total} rows` : `${job.done} rows`;
  return `${jobPercent(job)}% · ${rows}`;
}
