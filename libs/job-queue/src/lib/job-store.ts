import type { DbClient, Job } from '@matrix/db';
import { isFinishedJob, type JobStatus } from '@matrix/product-contract';
import type { JobQueue } from './job-queue';

/** The jobs one product API may see and act on: its product's rows of the kinds it runs (the Job table is shared). */
export interface JobScope {
  product: string;
  kinds: readonly string[];
}

export interface JobListRequest {
  kind?: string;
  status?: JobStatus;
  skip: number;
  take: number;
}

export type RetryOutcome = { outcome: 'retried'; job: Job } | { outcome: 'not_finished'; job: Job } | { outcome: 'missing' };

export type CancelOutcome = { outcome: 'cancelled'; job: Job } | { outcome: 'finished'; job: Job } | { outcome: 'missing' };

export interface WatchOptions {
  /** How often the row is read again (default 500 ms). */
  intervalMs?: number;
  /** Stops the watch (the client went away). */
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fields a watcher reports a change of. */
const changeKey = (job: Job) =>
  JSON.stringify([job.status, job.progress, job.done, job.total, job.result, job.error, job.waiting, job.startedAt, job.finishedAt]);

/**
 * Get, list, cancel and watch the jobs of one product, whatever their kind: what every product API answers at
 * /api/jobs. Rows of other products (or of kinds outside the scope) are invisible, as if they did not exist.
 */
export class JobStore {
  constructor(
    private readonly db: DbClient,
    private readonly queue: Pick<JobQueue, 'cancel' | 'retry'>,
  ) {}

  find(scope: JobScope, id: string, kind?: string): Promise<Job | null> {
    if (kind !== undefined && !scope.kinds.includes(kind)) return Promise.resolve(null);
    return this.db.job.findFirst({ where: { id, product: scope.product, kind: kind ?? { in: [...scope.kinds] } } });
  }

  /** Newest first. */
  async list(scope: JobScope, request: JobListRequest): Promise<{ rows: Job[]; total: number }> {
    if (request.kind !== undefined && !scope.kinds.includes(request.kind)) return { rows: [], total: 0 };
    const where = { product: scope.product, kind: request.kind ?? { in: [...scope.kinds] }, ...(request.status ? { status: request.status } : {}) };
    const [rows, total] = await Promise.all([
      this.db.job.findMany({ where, orderBy: { createdAt: 'desc' }, skip: request.skip, take: request.take }),
      this.db.job.count({ where }),
    ]);
    return { rows, total };
  }

  /** Cancels a queued or running job (a running one stops at its handler's next check); says why when it cannot. */
  async cancel(scope: JobScope, id: string, kind?: string): Promise<CancelOutcome> {
    const job = await this.find(scope, id, kind);
    if (!job) return { outcome: 'missing' };
    const cancelled = await this.queue.cancel(id);
    const now = (await this.find(scope, id, kind)) ?? job;
    return { outcome: cancelled ? 'cancelled' : 'finished', job: now };
  }

  /** Runs a failed or cancelled job again for the work it has not done; says why when it cannot. */
  async retry(scope: JobScope, id: string, kind?: string): Promise<RetryOutcome> {
    const job = await this.find(scope, id, kind);
    if (!job) return { outcome: 'missing' };
    const retried = await this.queue.retry(id);
    const now = (await this.find(scope, id, kind)) ?? job;
    return retried ? { outcome: 'retried', job: now } : { outcome: 'not_finished', job: now };
  }

  /**
   * The job's row each time it changes (first the current one), until it has finished, disappeared, or the signal
   * aborts: the progress events of /api/jobs/:id/events.
   */
  async *watch(scope: JobScope, id: string, options: WatchOptions = {}): AsyncGenerator<Job> {
    let last = '';
    for (;;) {
      if (options.signal?.aborted) return;
      const job = await this.find(scope, id).catch(() => undefined);
      if (job === null) return;
      if (job) {
        const key = changeKey(job);
        if (key !== last) {
          last = key;
          yield job;
        }
        if (isFinishedJob(job.status)) return;
      }
      await sleep(options.intervalMs ?? 500);
    }
  }
}
