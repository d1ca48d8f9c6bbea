import { Injectable } from '@nestjs/common';
import type { DbClient, Job } from '@matrix/db';
import { JobStore, toJobView, type JobHandler, type JobListRequest, type JobQueue, type JobScope, type RegisterOptions } from '@matrix/job-queue';
import type { JobStatus, JobView, Page, PageRequest } from '@matrix/product-contract';
import { InjectDb } from '../db/db.module';
import { ApiError, notFound } from '../errors/api-error';
import { toPage, toSkipTake } from '../pagination/pagination';
import { InjectJobQueue } from './job-queue.token';

/** One kind of background job of a product: who runs it and how the API shows it. */
export interface JobKind {
  product: string;
  kind: string;
  run: JobHandler;
  /** The job as the API answers it (default: the base JobView); a product's view adds the fields of its params. */
  view?: (job: Job) => JobView;
  onSettled?: RegisterOptions['onSettled'];
  /**
   * Whether a failed or cancelled job of this kind may be run again (POST /api/jobs/:id/retry; default true): its
   * handler then resumes from what it stored. Say false for a kind that cannot resume.
   */
  retry?: boolean;
  /** Called after a cancel was recorded (e.g. to abort a running trainer at once rather than at its next check). */
  onCancel?: (jobId: string) => void;
}

export interface JobQuery extends PageRequest {
  kind?: string;
  status?: JobStatus;
}

/**
 * The product's jobs: its kinds are defined here (registered on the job queue of libs/job-queue), and every route
 * that reads or cancels a job goes through here, scoped to the product and its kinds — the shared /api/jobs routes
 * (JobsController) and a product's own thin routes alike.
 */
@Injectable()
export class ProductJobs {
  private readonly kinds = new Map<string, JobKind>();
  private readonly store: JobStore;

  constructor(
    @InjectJobQueue() private readonly queue: JobQueue,
    @InjectDb() db: DbClient,
  ) {
    this.store = new JobStore(db, queue);
  }

  /** Declares a kind (in onModuleInit: the queue starts, and resumes unfinished jobs, once every module has). */
  define(kind: JobKind): void {
    const other = [...this.kinds.values()].find((k) => k.product !== kind.product);
    if (other) throw new Error(`one API runs one product's jobs: ${kind.product}/${kind.kind} beside ${other.product}/${other.kind}`);
    this.queue.register(kind.product, kind.kind, kind.run, { onSettled: kind.onSettled });
    this.kinds.set(kind.kind, kind);
  }

  /** Queues a job whose row (and input) is stored. */
  enqueue(jobId: string): Promise<void> {
    return this.queue.enqueue(jobId);
  }

  /** Resolves when no job is queued or running (tests, scripts). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** The stored row of one of the product's jobs (of `kind` when given); 404 otherwise. */
  async row(id: string, kind?: string): Promise<Job> {
    const job = await this.store.find(this.scope(), id, kind);
    if (!job) throw notFound('job', id);
    return job;
  }

  /** Rows of one page, newest first. */
  rows(query: JobQuery): Promise<{ rows: Job[]; total: number }> {
    const request: JobListRequest = { kind: query.kind, status: query.status, ...toSkipTake(query) };
    return this.store.list(this.scope(), request);
  }

  async get(id: string): Promise<JobView> {
    return this.view(await this.row(id));
  }

  async page(query: JobQuery): Promise<Page<JobView>> {
    const { rows, total } = await this.rows(query);
    return toPage(
      rows.map((job) => this.view(job)),
      total,
      query,
    );
  }

  /** Cancels a queued or running job: 404 when it is not the product's, 409 when it has already finished. */
  async cancel(id: string, kind?: string): Promise<Job> {
    const cancel = await this.store.cancel(this.scope(), id, kind);
    if (cancel.outcome === 'missing') throw notFound('job', id);
    if (cancel.outcome === 'finished')
      throw new ApiError(409, 'job_finished', `job '${id}' is ${cancel.job.status}; only queued or running jobs can be cancelled`);
    this.kinds.get(cancel.job.kind)?.onCancel?.(id);
    return cancel.job;
  }

  /** Runs a failed or cancelled job again for the work not done: 404 when not the product's, 409 when it is not finished or its kind cannot. */
  async retry(id: string, kind?: string): Promise<Job> {
    const job = await this.row(id, kind);
    if (this.kinds.get(job.kind)?.retry === false)
      throw new ApiError(409, 'job_not_retryable', `jobs of kind '${job.kind}' cannot be retried; start a new one`);
    const retry = await this.store.retry(this.scope(), id, kind);
    if (retry.outcome === 'missing') throw notFound('job', id);
    if (retry.outcome === 'not_finished')
      throw new ApiError(409, 'job_not_failed', `job '${id}' is ${retry.job.status}; only failed or cancelled jobs can be retried`);
    return retry.job;
  }

  /** The job's view each time it changes, until it has finished (the SSE events of /api/jobs/:id/events). */
  async *watch(id: string, signal: AbortSignal): AsyncGenerator<JobView> {
    for await (const job of this.store.watch(this.scope(), id, { signal })) yield this.view(job);
  }

  view(job: Job): JobView {
    const kind = this.kinds.get(job.kind);
    const shown = kind?.view ? kind.view(job) : toJobView(job);
    return kind?.retry === false ? { ...shown, retryable: false } : shown;
  }

  private scope(): JobScope {
    const kinds = [...this.kinds.values()];
    return { product: kinds[0]?.product ?? '', kinds: kinds.map((k) => k.kind) };
  }
}
