import type { Job } from '@matrix/db';
import { toJobView } from '@matrix/product-server';
import type { TrainingJobView } from '@matrix/recommender-contract';

export const JOB_PRODUCT = 'recommender';
export const JOB_KIND = 'train';

export type { TrainingJobView } from '@matrix/recommender-contract';

export function toTrainingJobView(job: Job, live?: { stage: string; detail?: string }): TrainingJobView {
  return {
    ...toJobView(job),
    stage: live?.stage ?? null,
    detail: live?.detail ?? null,
    params: JSON.parse(job.params) as Record<string, unknown>,
  };
}
