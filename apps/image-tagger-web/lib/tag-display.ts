import { isFinishedJob, type TaggingJobView, type TagView } from '@matrix/image-tagger-contract';

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** Chip text: "cat 92%", objects with their count ("person ×3"). */
export function chipText(tag: TagView): string {
  const count = tag.source === 'detector' && (tag.count ?? 0) > 1 ? ` ×${tag.count}` : '';
  return `${tag.name}${count}`;
}

export const SOURCE_LABELS: Record<TagView['source'], string> = {
  classifier: 'class',
  parent: 'parent',
  detector: 'object',
  'zero-shot': 'zero-shot',
  manual: 'manual',
};

export function isFinished(job: Pick<TaggingJobView, 'status'>): boolean {
  return isFinishedJob(job.status);
}

export function jobProgressText(job: Pick<TaggingJobView, 'done' | 'total' | 'status' | 'result'>): string {
  const base = `${job.done} / ${job.total} images`;
  if (job.status === 'succeeded' && job.result) return `${base} · ${job.result.tagged} tagged${job.result.failed ? `, ${job.result.failed} failed` : ''}`;
  return `${base} · ${job.status}`;
}
