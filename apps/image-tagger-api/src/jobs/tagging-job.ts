import type { Job } from '@matrix/db';
import type { TagFeature } from '../config/image-tagger-config';
import type { Vocabulary } from '../tags/tagger.service';

/** Job.product and Job.kind of a bulk tagging job (the Job table is shared by every product). */
export const JOB_PRODUCT = 'image-tagger';
export const JOB_KIND = 'tag-images';

export const JOB_SCOPES = ['untagged', 'stale', 'all', 'collection', 'ids'] as const;
export type JobScope = (typeof JOB_SCOPES)[number];

/** Job.params: the images are fixed when the job is created, so a resumed job does the same work. */
export interface TaggingJobParams {
  scope: JobScope;
  collection: string | null;
  features: TagFeature[];
  vocabulary: Vocabulary | null;
  imageIds: string[];
  /** Why it was started: "request" or "model-change". */
  reason: string;
}

export interface TaggingJobView {
  id: string;
  status: string;
  progress: number;
  total: number;
  done: number;
  scope: JobScope;
  collection: string | null;
  features: TagFeature[];
  vocabulary: string | null;
  reason: string;
  error: string | null;
  result: { tagged: number; failed: number } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toJobView(job: Job): TaggingJobView {
  const params = JSON.parse(job.params) as TaggingJobParams;
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    total: job.total ?? params.imageIds.length,
    done: job.done,
    scope: params.scope,
    collection: params.collection,
    features: params.features,
    vocabulary: params.vocabulary?.name ?? null,
    reason: params.reason,
    error: job.error,
    result: job.result ? (JSON.parse(job.result) as { tagged: number; failed: number }) : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
