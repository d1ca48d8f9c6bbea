import { DelayedError, Queue, Worker, type ConnectionOptions, type Job as BullJob } from 'bullmq';
import type { DispatchOutcome, JobQueueDriver } from './job-queue';

export interface BullMqDriverOptions {
  /** redis://[user:password@]host:port[/db] */
  redisUrl: string;
  /** Key prefix in Redis (default "matrix"); tests use their own so they never meet other data. */
  prefix?: string;
  /** How often a worker checks for jobs whose worker died (default 30 s); they are then run again. */
  stalledIntervalMs?: number;
}

interface Payload {
  jobId: string;
}

function connectionFrom(url: string): ConnectionOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`REDIS_URL must be redis:// or rediss://, got ${parsed.protocol}`);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis: ioredis must not give up on a command while the server restarts.
    maxRetriesPerRequest: null,
  };
}

/**
 * Production driver: BullMQ on Redis, one BullMQ queue per product/kind. Every replica's worker takes jobs from
 * the same queues (one at a time each), so N API replicas share the work. The BullMQ job id is the Job row id:
 * adding a job twice (resume at start on several replicas) is a no-op. A job interrupted by a shutdown goes back
 * to the queue at once for another replica; a worker that dies is detected as stalled and its job runs again.
 */
export class BullMqDriver implements JobQueueDriver {
  readonly name = 'bullmq';
  private readonly connection: ConnectionOptions;
  private readonly queues = new Map<string, Queue<Payload>>();
  private readonly workers: Worker<Payload>[] = [];

  constructor(private readonly options: BullMqDriverOptions) {
    this.connection = connectionFrom(options.redisUrl);
  }

  private queue(name: string): Queue<Payload> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue<Payload>(name, { connection: this.connection, prefix: this.options.prefix ?? 'matrix' });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async start(queues: string[], dispatch: (queue: string, jobId: string) => Promise<DispatchOutcome>): Promise<void> {
    for (const name of queues) {
      this.queue(name);
      const worker = new Worker<Payload>(
        name,
        async (job: BullJob<Payload>, token?: string) => {
          const outcome = await dispatch(name, job.data.jobId);
          if (outcome === 'interrupted') {
            // Back to the queue now (not failed): another replica, or this one after its restart, resumes it.
            await job.moveToDelayed(Date.now(), token);
            throw new DelayedError();
          }
          return outcome;
        },
        {
          connection: this.connection,
          prefix: this.options.prefix ?? 'matrix',
          concurrency: 1,
          stalledInterval: this.options.stalledIntervalMs ?? 30_000,
          maxStalledCount: 5,
        },
      );
      worker.on('error', () => undefined); // connection errors are retried by ioredis; readiness reports Redis
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  async push(queue: string, jobId: string): Promise<void> {
    const q = this.queue(queue);
    // A finished BullMQ job of that id would block re-adding it (resume of a job the table says is unfinished).
    const existing = await q.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'completed' || state === 'failed') await existing.remove();
      else return;
    }
    await q.add('run', { jobId }, { jobId, removeOnComplete: true, removeOnFail: true });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  async idle(): Promise<void> {
    for (;;) {
      const counts = await Promise.all([...this.queues.values()].map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A Redis round trip (readiness; the readiness registry bounds how long it may take). */
  async ping(): Promise<void> {
    await this.queue('health').getJobCounts('waiting');
  }
}
