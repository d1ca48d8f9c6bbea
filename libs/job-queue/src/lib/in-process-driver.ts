import type { DispatchOutcome, JobQueueDriver } from './job-queue';

/**
 * The default driver: a FIFO per queue in this process, one job at a time per queue. Nothing outside the
 * database: a restart resumes from the Job table. For one replica; use BullMQ to share jobs between replicas.
 */
export class InProcessDriver implements JobQueueDriver {
  readonly name = 'in-process';
  private readonly pending = new Map<string, string[]>();
  private readonly draining = new Map<string, Promise<void>>();
  private dispatch?: (queue: string, jobId: string) => Promise<DispatchOutcome>;
  private stopping = false;

  async start(queues: string[], dispatch: (queue: string, jobId: string) => Promise<DispatchOutcome>): Promise<void> {
    this.dispatch = dispatch;
    for (const queue of queues) this.pending.set(queue, this.pending.get(queue) ?? []);
    for (const queue of queues) this.drainSoon(queue);
  }

  async push(queue: string, jobId: string): Promise<void> {
    const list = this.pending.get(queue) ?? [];
    this.pending.set(queue, list);
    if (this.stopping || list.includes(jobId)) return;
    list.push(jobId);
    this.drainSoon(queue);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.draining.values());
  }

  async idle(): Promise<void> {
    while (this.draining.size) await Promise.all(this.draining.values());
  }

  private drainSoon(queue: string): void {
    if (!this.dispatch || this.draining.has(queue) || !this.pending.get(queue)?.length) return;
    const run = this.drain(queue).finally(() => this.draining.delete(queue));
    this.draining.set(queue, run);
  }

  private async drain(queue: string): Promise<void> {
    const list = this.pending.get(queue) ?? [];
    while (!this.stopping && list.length && this.dispatch) {
      const jobId = list[0];
      try {
        await this.dispatch(queue, jobId);
      } catch {
        // The database failed while recording the outcome: the row keeps its status and the next start retries it.
      }
      list.shift();
    }
  }
}
