import type { Job } from '@matrix/db';
import type { TrainingJobView } from '@matrix/recommender-contract';

export const JOB_PRODUCT = 'recommender';
export const JOB_KIND = 'train';

export type { TrainingJobView } from '@matrix/recommender-contract';

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
