import type { Job } from '@matrix/db';
import { parseWaiting } from './dependency-wait';
import { toJobStatus, type JobView } from '@matrix/product-contract';

/**
 * The base view of a stored job (libs/product-contract's JobView); a product's view of one of its kinds spreads this
 * and adds the fields of its params. `Result` is what the kind's handler returns (stored as JSON).
 */
export function toJobView<Result extends object = Record<string, unknown>>(job: Job): JobView<Result> {
  return {
    id: job.id,
    kind: job.kind,
    status: toJobStatus(job.status),
    progress: job.progress,
    total: job.total,
    done: job.done,
    error: job.error,
    waiting: parseWaiting(job.waiting),
    // A product's view may say no for a kind that cannot resume (ProductJobs: the kind's `retry: false`).
    retryable: job.status === 'failed' || job.status === 'cancelled',
    result: job.result ? (JSON.parse(job.result) as Result) : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
