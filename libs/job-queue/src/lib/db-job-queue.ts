import type { DbClient, Job } from '@matrix/db';
import {
  JobCancelled,
  JobInterrupted,
  type DispatchOutcome,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobQueueDriver,
  type RegisterOptions,
} from './job-queue';

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
  private started = false;

  constructor(
    private readonly db: DbClient,
    private readonly transport: JobQueueDriver,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

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
      data: { status: 'cancelled', finishedAt: new Date() },
    });
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
    const running = await this.db.job.update({ where: { id: jobId }, data: { status: 'running', startedAt: job.startedAt ?? new Date() } });
    const signal = this.stopController.signal;
    const context: JobContext = {
      job: running,
      signal,
      progress: async (done, total) => {
        const all = total ?? running.total ?? null;
        await this.db.job.update({
          where: { id: jobId },
          data: { done, ...(total !== undefined ? { total } : {}), ...(all ? { progress: Math.min(1, done / all) } : {}) },
        });
      },
      throwIfStopping: () => {
        if (signal.aborted) throw new JobInterrupted(jobId);
      },
      cancelled: async () => (await this.db.job.findUnique({ where: { id: jobId }, select: { status: true } }))?.status === 'cancelled',
    };
    try {
      const result = await registration.handler(context);
      await this.finish(registration, jobId, 'succeeded', null, result ?? undefined);
      return 'finished';
    } catch (error) {
      if (error instanceof JobInterrupted) {
        this.log(error.message);
        return 'interrupted';
      }
      // cancel() already wrote the status; the handler only stopped early.
      if (error instanceof JobCancelled) return 'finished';
      await this.finish(registration, jobId, 'failed', (error as Error).message ?? String(error));
      return 'finished';
    }
  }

  private async finish(registration: Registration, jobId: string, status: 'succeeded' | 'failed', error: string | null, result?: object): Promise<void> {
    const job: Job = await this.db.job.update({
      where: { id: jobId },
      data: {
        status,
        error,
        finishedAt: new Date(),
        ...(status === 'succeeded' ? { progress: 1 } : {}),
        ...(result ? { result: JSON.stringify(result) } : {}),
      },
    });
    registration.options.onSettled?.(status, job);
  }
}
