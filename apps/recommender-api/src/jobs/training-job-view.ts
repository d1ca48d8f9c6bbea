import type { Job } from '@matrix/db';

export const JOB_PRODUCT = 'recommender';
export const JOB_KIND = 'train';

/** A training job as the API shows it. */
export interface TrainingJobView {
  id: string;
  status: string;
  progress: number;
  stage: string | null;
  detail: string | null;
  params: Record<string, unknown>;
  /** Once succeeded: the version, counts, seconds and metrics. */
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toTrainingJobView(job: Job, live?: { stage: string; detail?: string }): TrainingJobView {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    stage: live?.stage ?? null,
    detail: live?.detail ?? null,
    params: JSON.parse(job.params) as Record<string, unknown>,
    result: job.result ? (JSON.parse(job.result) as Record<string, unknown>) : null,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
