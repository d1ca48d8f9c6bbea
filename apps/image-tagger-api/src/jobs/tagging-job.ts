import type { Job } from '@matrix/db';
import { JOB_SCOPES, type JobScope, type TagFeature, type TaggingJobResult, type TaggingJobView } from '@matrix/image-tagger-contract';
import { toJobView as toBaseJobView } from '@matrix/product-server';

export { JOB_SCOPES, type JobScope, type TaggingJobResult, type TaggingJobView };
import type { Vocabulary } from '../tags/tagger.service';

/** Job.product and Job.kind of a bulk tagging job (the Job table is shared by every product). */
export const JOB_PRODUCT = 'image-tagger';
export const JOB_KIND = 'tag-images';

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

export function toJobView(job: Job): TaggingJobView {
  const params = JSON.parse(job.params) as TaggingJobParams;
  return {
    ...toBaseJobView<TaggingJobResult>(job),
    total: job.total ?? params.imageIds.length,
    scope: params.scope,
    collection: params.collection,
    features: params.features,
    vocabulary: params.vocabulary?.name ?? null,
    reason: params.reason,
  };
}
