import type { Job } from '@matrix/db';

/** Thrown by JobContext.throwIfStopping(): the job stops between steps and resumes later (it stays `running`). */
export class JobInterrupted extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} interrupted by shutdown; it resumes when a worker starts`);
    this.name = 'JobInterrupted';
  }
}

/**
 * Thrown by a handler that found its job cancelled (JobContext.cancelled()): the job ends as `cancelled`
 * — the status JobQueue.cancel() wrote — rather than `failed`.
 */
export class JobCancelled extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} was cancelled`);
    this.name = 'JobCancelled';
  }
}

/** What a handler gets for one run of one job. */
export interface JobContext {
  /** The Job row as it was when this run started (done/total tell a resumed job where it stopped). */
  readonly job: Job;
  /** Aborted when the queue stops (shutdown): pass it to cancellable calls. */
  readonly signal: AbortSignal;
  /** Stores progress on the Job row (done of total work units; progress = done / total). */
  progress(done: number, total?: number): Promise<void>;
  /** Between steps: throws JobInterrupted once the queue is stopping, so the job resumes later instead of being cut. */
  throwIfStopping(): void;
  /** Whether someone cancelled the job (JobQueue.cancel, from any replica): the handler then stops and throws JobCancelled. */
  cancelled(): Promise<boolean>;
  /**
   * Runs one step (a gateway call) and, while it fails in a way the queue's DependencyWaitPolicy waits out, shows the
   * job as waiting (JobView.waiting), pauses with backoff and tries the step again — nothing done before it is
   * redone. Past the window it throws DependencyWaitExpired (the job fails); a stop throws JobInterrupted, a cancel
   * JobCancelled. `beforeRetry` runs before each new try (e.g. make sure the gateway serves the model again).
   */
  waitOut<T>(step: () => Promise<T>, options?: WaitOutOptions): Promise<T>;
}

export interface WaitOutOptions {
  beforeRetry?: () => Promise<unknown>;
}

/** Runs one job; a returned object is stored as Job.result (JSON). Throwing fails the job with the message. */
export type JobHandler = (context: JobContext) => Promise<object | void>;

export interface RegisterOptions {
  /** Called once a job of this kind ends (metrics). */
  onSettled?: (status: 'succeeded' | 'failed', job: Job) => void;
}

export type DispatchOutcome = 'finished' | 'interrupted' | 'skipped';

/**
 * Background jobs whose state lives on the shared Job table (prisma/schema/platform.prisma): the row is the truth
 * (status, progress, result, error); the driver only carries "run job <id>" to a worker. So a restart resumes every
 * queued or running job, whatever the driver, and the API reads progress from the database alone.
 */
export interface JobQueue {
  /** 'in-process' (default; one process) or 'bullmq' (Redis; jobs shared by every replica). */
  readonly driver: string;
  /** Declares who runs jobs of product/kind (before start()). */
  register(product: string, kind: string, handler: JobHandler, options?: RegisterOptions): void;
  /** Queues an existing Job row (create it, with its input, in your own transaction first). */
  enqueue(jobId: string): Promise<void>;
  /**
   * Marks a queued or running job `cancelled` (false when it has already finished). A queued job never runs; a
   * running one stops where its handler next checks `cancelled()`.
   */
  cancel(jobId: string): Promise<boolean>;
  /**
   * Runs a failed or cancelled job again (false when it is not failed or cancelled): it goes back to `queued`, and its
   * handler resumes from what the job stored, so only the work not done is done.
   */
  retry(jobId: string): Promise<boolean>;
  /** Re-queues the registered kinds' queued and running jobs (resume after restart) and starts working. */
  start(): Promise<void>;
  /** Lets the running job reach its next step (throwIfStopping) and stops; unfinished jobs stay for the next start. */
  stop(): Promise<void>;
  /** Resolves when no job is queued or running here (tests, scripts). */
  idle(): Promise<void>;
  /** Throws when the driver's backend (Redis) cannot be reached: a readiness check. */
  ping(): Promise<void>;
}

/** How a driver moves job ids to workers; DbJobQueue does everything else. */
export interface JobQueueDriver {
  readonly name: string;
  /** Begins delivering ids of `queues` to `dispatch` (one queue per product/kind, one job at a time per queue). */
  start(queues: string[], dispatch: (queue: string, jobId: string) => Promise<DispatchOutcome>): Promise<void>;
  push(queue: string, jobId: string): Promise<void>;
  /** Stops taking jobs and waits for the running ones (which see the stop through JobContext). */
  stop(): Promise<void>;
  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void>;
  /** Throws when the transport cannot be reached (readiness); absent = nothing outside the process. */
  ping?(): Promise<void>;
}
