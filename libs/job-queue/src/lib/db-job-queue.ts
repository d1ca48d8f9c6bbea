import type { DbClient, Job } from '@matrix/db';
import type { JobWaiting } from '@matrix/product-contract';
import {
  DEFAULT_DEPENDENCY_WINDOW_MS,
  DependencyWaitExpired,
  nextWaiting,
  parseWaiting,
  realClock,
  type DependencyWaitPolicy,
  type JobClock,
} from './dependency-wait';
import {
  JobCancelled,
  JobInterrupted,
  type DispatchOutcome,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobQueueDriver,
  type RegisterOptions,
  type WaitOutOptions,
} from './job-queue';

export interface DbJobQueueOptions {
  /** Which failures jobs wait out (and how long) instead of failing at once; absent: every throw fails the job. */
  dependencyWait?: DependencyWaitPolicy;
  /** Tests pass a fake clock. */
  clock?: JobClock;
}

/** What one run of one job knows about its current wait (null: not waiting). */
interface WaitState {
  waiting: JobWaiting | null;
}

interface Registration {
  product: string;
  kind: string;
  handler: JobHandler;
  options: RegisterOptions;
}

/** One queue per product/kind; the name is safe for BullMQ (no ':'). */
export function queueName(product: string, kind: string): string {
  return `${product}.${kind}`;
}

/** JobQueue on the Job table with any driver: status transitions, progress, result and error are written here. */
export class DbJobQueue implements JobQueue {
  private readonly registrations = new Map<string, Registration>();
  private readonly stopController = new AbortController();
  /** Jobs pausing in this process, woken at once by cancel(). */
  private readonly pauses = new Map<string, AbortController>();
  private readonly clock: JobClock;
  private started = false;

  constructor(
    private readonly db: DbClient,
    private readonly transport: JobQueueDriver,
    private readonly log: (message: string) => void = () => undefined,
    private readonly options: DbJobQueueOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
  }

  get driver(): string {
    return this.transport.name;
  }

  register(product: string, kind: string, handler: JobHandler, options: RegisterOptions = {}): void {
    if (this.started) throw new Error(`register ${product}/${kind} before the job queue starts`);
    this.registrations.set(queueName(product, kind), { product, kind, handler, options });
  }

  async enqueue(jobId: string): Promise<void> {
    const job = await this.db.job.findUnique({ where: { id: jobId }, select: { product: true, kind: true } });
    if (!job) throw new Error(`job ${jobId} does not exist`);
    const queue = queueName(job.product, job.kind);
    if (!this.registrations.has(queue)) throw new Error(`no handler is registered for ${job.product}/${job.kind} jobs`);
    if (this.stopController.signal.aborted) return; // stays queued in the table; the next start picks it up
    await this.transport.push(queue, jobId);
  }

  async cancel(jobId: string): Promise<boolean> {
    const { count } = await this.db.job.updateMany({
      where: { id: jobId, status: { in: ['queued', 'running'] } },
      data: { status: 'cancelled', finishedAt: new Date(), waiting: null },
    });
    this.pauses.get(jobId)?.abort();
    return count > 0;
  }

  async retry(jobId: string): Promise<boolean> {
    const { count } = await this.db.job.updateMany({
      where: { id: jobId, status: { in: ['failed', 'cancelled'] } },
      data: { status: 'queued', error: null, finishedAt: null, waiting: null },
    });
    if (count > 0) await this.enqueue(jobId);
    return count > 0;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const queues = [...this.registrations.keys()];
    await this.transport.start(queues, (queue, jobId) => this.dispatch(queue, jobId));
    for (const { product, kind } of this.registrations.values()) {
      const unfinished = await this.db.job.findMany({
        where: { product, kind, status: { in: ['queued', 'running'] } },
        orderBy: { createdAt: 'asc' },
        select: { id: true, status: true },
      });
      for (const job of unfinished) {
        if (job.status === 'running') this.log(`resuming ${product}/${kind} job ${job.id}`);
        await this.transport.push(queueName(product, kind), job.id);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.transport.stop();
  }

  idle(): Promise<void> {
    return this.transport.idle();
  }

  async ping(): Promise<void> {
    await this.transport.ping?.();
  }

  private async dispatch(queue: string, jobId: string): Promise<DispatchOutcome> {
    const registration = this.registrations.get(queue);
    const job = await this.db.job.findUnique({ where: { id: jobId } });
    // Finished, cancelled or deleted meanwhile (or delivered twice): nothing to do.
    if (!registration || !job || (job.status !== 'queued' && job.status !== 'running')) return 'skipped';
    // A wait that began before a restart goes on from where it was (its window is not reset).
    const wait: WaitState = { waiting: parseWaiting(job.waiting) };
    for (;;) {
      const running = await this.db.job.update({ where: { id: jobId }, data: { status: 'running', startedAt: job.startedAt ?? new Date() } });
      try {
        const result = await registration.handler(this.context(running, wait));
        await this.finish(registration, jobId, 'succeeded', null, result ?? undefined);
        return 'finished';
      } catch (error) {
        if (error instanceof JobInterrupted) {
          this.log(error.message);
          return 'interrupted';
        }
        // cancel() already wrote the status; the handler only stopped early.
        if (error instanceof JobCancelled) return 'finished';
        // A dependency failure the handler did not wait out itself: pause, then run the handler again (handlers
        // resume from what they stored, so nothing done is redone).
        let failure = error;
        const reason = this.options.dependencyWait?.reasonFor(error) ?? null;
        if (reason !== null) {
          try {
            await this.pause(jobId, wait, reason, error);
            continue;
          } catch (paused) {
            if (paused instanceof JobInterrupted) return 'interrupted';
            if (paused instanceof JobCancelled) return 'finished';
            failure = paused; // the window is over (DependencyWaitExpired)
          }
        }
        await this.finish(registration, jobId, 'failed', (failure as Error).message ?? String(failure));
        return 'finished';
      }
    }
  }

  private context(running: Job, wait: WaitState): JobContext {
    const jobId = running.id;
    const signal = this.stopController.signal;
    const cancelled = async () => (await this.db.job.findUnique({ where: { id: jobId }, select: { status: true } }))?.status === 'cancelled';
    return {
      job: running,
      signal,
      progress: async (done, total) => {
        const all = total ?? running.total ?? null;
        const resumed = wait.waiting !== null;
        wait.waiting = null;
        await this.db.job.update({
          where: { id: jobId },
          data: {
            done,
            ...(total !== undefined ? { total } : {}),
            ...(all ? { progress: Math.min(1, done / all) } : {}),
            ...(resumed ? { waiting: null } : {}),
          },
        });
      },
      throwIfStopping: () => {
        if (signal.aborted) throw new JobInterrupted(jobId);
      },
      cancelled,
      waitOut: (step, options) => this.waitOut(jobId, wait, step, options),
    };
  }

  private async waitOut<T>(jobId: string, wait: WaitState, step: () => Promise<T>, options: WaitOutOptions = {}): Promise<T> {
    for (let retry = false; ; retry = true) {
      try {
        if (retry) await options.beforeRetry?.();
        const value = await step();
        await this.clearWaiting(jobId, wait);
        return value;
      } catch (error) {
        const reason = this.options.dependencyWait?.reasonFor(error) ?? null;
        if (reason === null) throw error;
        await this.pause(jobId, wait, reason, error);
      }
    }
  }

  /**
   * Shows the job as waiting and sleeps until its next try (backoff). Throws DependencyWaitExpired once the window
   * is over, JobInterrupted on shutdown (the job keeps its waiting state and resumes at the next start), JobCancelled
   * when cancelled meanwhile.
   */
  private async pause(jobId: string, wait: WaitState, reason: string, error: unknown): Promise<void> {
    const policy = this.options.dependencyWait;
    if (!policy) throw error;
    const next = nextWaiting(wait.waiting, reason, error, this.clock.now(), policy);
    if (!next) throw new DependencyWaitExpired(reason, policy.windowMs ?? DEFAULT_DEPENDENCY_WINDOW_MS, (error as Error)?.message ?? String(error));
    wait.waiting = next;
    await this.db.job.updateMany({ where: { id: jobId, status: { in: ['queued', 'running'] } }, data: { waiting: JSON.stringify(next) } });
    this.log(`job ${jobId} is ${reason} (${next.lastError}); try ${next.attempts + 1} at ${next.nextAttemptAt}`);
    const wake = new AbortController();
    this.pauses.set(jobId, wake);
    try {
      await this.clock.sleep(Math.max(0, Date.parse(next.nextAttemptAt) - this.clock.now()), AbortSignal.any([this.stopController.signal, wake.signal]));
    } finally {
      this.pauses.delete(jobId);
    }
    if (this.stopController.signal.aborted) throw new JobInterrupted(jobId);
    const status = (await this.db.job.findUnique({ where: { id: jobId }, select: { status: true } }))?.status;
    if (status !== 'queued' && status !== 'running') throw new JobCancelled(jobId);
  }

  private async clearWaiting(jobId: string, wait: WaitState): Promise<void> {
    if (wait.waiting === null) return;
    wait.waiting = null;
    await this.db.job.updateMany({ where: { id: jobId }, data: { waiting: null } });
  }

  private async finish(registration: Registration, jobId: string, status: 'succeeded' | 'failed', error: string | null, result?: object): Promise<void> {
    const job: Job = await this.db.job.update({
      where: { id: jobId },
      data: {
        status,
        error,
        finishedAt: new Date(),
        waiting: null,
        ...(status === 'succeeded' ? { progress: 1 } : {}),
        ...(result ? { result: JSON.stringify(result) } : {}),
      },
    });
    registration.options.onSettled?.(status, job);
  }
}
