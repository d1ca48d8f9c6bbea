import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import IORedis from 'ioredis';
import { BullMqDriver, DbJobQueue, InProcessDriver, JobCancelled, type JobContext, type JobQueueDriver } from '../src';

// Both drivers against the real Job table (a fresh SQLite database per test) and, for BullMQ, the local Redis
// (REDIS_URL, default redis://127.0.0.1:6379) under a key prefix of its own, deleted afterwards.

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A job that counts to job.total one step at a time, storing progress; it resumes from job.done. */
function counting(steps: string[], stepMs = 15) {
  return async (context: JobContext) => {
    const total = context.job.total ?? 0;
    for (let i = context.job.done; i < total; i++) {
      context.throwIfStopping();
      await sleep(stepMs);
      steps.push(`${context.job.id}:${i}`);
      await context.progress(i + 1);
    }
    return { counted: total };
  };
}

interface DriverCase {
  name: string;
  make(): JobQueueDriver;
  cleanup(): Promise<void>;
}

const prefix = `jobq-test-${randomUUID().slice(0, 8)}`;
const cases: DriverCase[] = [
  { name: 'in-process', make: () => new InProcessDriver(), cleanup: async () => undefined },
  {
    name: 'bullmq',
    make: () => new BullMqDriver({ redisUrl: REDIS_URL, prefix, stalledIntervalMs: 1000 }),
    cleanup: async () => {
      const redis = new IORedis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    },
  },
];

describe.each(cases)('job queue with the $name driver', (driverCase) => {
  let db: TestDatabase;
  const queues: DbJobQueue[] = [];
  const newQueue = () => {
    const queue = new DbJobQueue(db.client, driverCase.make());
    queues.push(queue);
    return queue;
  };
  const createJob = (total: number, status = 'queued', done = 0) =>
    db.client.job.create({ data: { product: 'test', kind: 'count', status, total, done, params: '{}' } });

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop().catch(() => undefined);
    await db.drop();
    await driverCase.cleanup();
  });

  it('runs a job to the end: running → succeeded, progress on the Job row, result stored, onSettled told', async () => {
    const steps: string[] = [];
    const settled: string[] = [];
    const queue = newQueue();
    queue.register('test', 'count', counting(steps), { onSettled: (status) => settled.push(status) });
    await queue.start();
    const job = await createJob(4);
    await queue.enqueue(job.id);
    const seen = await waitFor('progress mid-way', async () => {
      const row = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
      return row.done > 0 && row.done < 4 ? row : undefined;
    });
    expect(seen).toMatchObject({ status: 'running' });
    expect(seen.startedAt).toBeInstanceOf(Date);
    const done = await waitFor('the job to finish', async () => {
      const row = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
      return row.status === 'succeeded' ? row : undefined;
    });
    expect(done).toMatchObject({ done: 4, progress: 1, error: null, result: JSON.stringify({ counted: 4 }) });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(steps).toEqual([0, 1, 2, 3].map((i) => `${job.id}:${i}`));
    expect(settled).toEqual(['succeeded']);
  });

  it('fails a job whose handler throws, with the message, and refuses kinds nobody registered', async () => {
    const queue = newQueue();
    queue.register('test', 'count', async () => {
      throw new Error('the gateway is unavailable');
    });
    await queue.start();
    const job = await createJob(1);
    await queue.enqueue(job.id);
    const failed = await waitFor('the job to fail', async () => {
      const row = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
      return row.status === 'failed' ? row : undefined;
    });
    expect(failed.error).toBe('the gateway is unavailable');
    const other = await db.client.job.create({ data: { product: 'test', kind: 'unknown' } });
    await expect(queue.enqueue(other.id)).rejects.toThrow('no handler is registered for test/unknown jobs');
  });

  it('stops between steps on shutdown (the job stays running) and a restarted queue resumes where it stopped', async () => {
    const steps: string[] = [];
    const first = newQueue();
    first.register('test', 'count', counting(steps, 40));
    await first.start();
    const job = await createJob(6);
    await first.enqueue(job.id);
    await waitFor('two steps', async () => ((await db.client.job.findUniqueOrThrow({ where: { id: job.id } })).done >= 2 ? true : undefined));
    await first.stop();
    const interrupted = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(interrupted.status).toBe('running');
    expect(interrupted.done).toBeGreaterThanOrEqual(2);
    expect(interrupted.done).toBeLessThan(6);

    const restarted = newQueue();
    restarted.register('test', 'count', counting(steps));
    await restarted.start();
    const done = await waitFor('the resumed job', async () => {
      const row = await db.client.job.findUniqueOrThrow({ where: { id: job.id } });
      return row.status === 'succeeded' ? row : undefined;
    });
    expect(done.done).toBe(6);
    // Every step ran exactly once across both runs: the resumed run started at the stored `done`.
    expect(steps).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${job.id}:${i}`));
  });

  it('cancels a queued job (it never runs) and a running one (it stops at its next check and stays cancelled)', async () => {
    const steps: string[] = [];
    const queue = newQueue();
    queue.register('test', 'count', async (context) => {
      for (let i = context.job.done; i < (context.job.total ?? 0); i++) {
        if (await context.cancelled()) throw new JobCancelled(context.job.id);
        await sleep(30);
        steps.push(`${context.job.id}:${i}`);
        await context.progress(i + 1);
      }
      return { counted: context.job.total };
    });
    await queue.start();
    const running = await createJob(50);
    const waiting = await createJob(2);
    await queue.enqueue(running.id);
    await queue.enqueue(waiting.id);
    await waitFor('the first job to run', async () => ((await db.client.job.findUniqueOrThrow({ where: { id: running.id } })).done >= 2 ? true : undefined));
    expect(await queue.cancel(waiting.id)).toBe(true);
    expect(await queue.cancel(running.id)).toBe(true);
    await queue.idle();
    const [stopped, skipped] = await Promise.all([running, waiting].map((job) => db.client.job.findUniqueOrThrow({ where: { id: job.id } })));
    expect(stopped).toMatchObject({ status: 'cancelled', error: null });
    expect(stopped.done).toBeLessThan(50);
    expect(stopped.finishedAt).toBeInstanceOf(Date);
    expect(skipped).toMatchObject({ status: 'cancelled', done: 0 });
    expect(steps.some((step) => step.startsWith(waiting.id))).toBe(false);
    expect(await queue.cancel(running.id)).toBe(false);
  });

  it('starts the queued jobs it finds in the table (written before any worker ran)', async () => {
    const queued = await createJob(2);
    const steps: string[] = [];
    const queue = newQueue();
    queue.register('test', 'count', counting(steps));
    await queue.start();
    await waitFor('the queued job', async () =>
      (await db.client.job.findUniqueOrThrow({ where: { id: queued.id } })).status === 'succeeded' ? true : undefined,
    );
    expect(steps).toHaveLength(2);
  });
});

describe('BullMQ driver: two replicas share one Redis', () => {
  let db: TestDatabase;
  const queues: DbJobQueue[] = [];
  const replicaPrefix = `jobq-replicas-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });

  afterAll(async () => {
    for (const queue of queues) await queue.stop().catch(() => undefined);
    await db.drop();
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${replicaPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('runs every job exactly once across replicas, and a job interrupted on one replica finishes on the other', async () => {
    const runs: Array<{ replica: string; step: string }> = [];
    const replica = (name: string) => {
      const queue = new DbJobQueue(db.client, new BullMqDriver({ redisUrl: REDIS_URL, prefix: replicaPrefix, stalledIntervalMs: 1000 }));
      const steps: string[] = [];
      queue.register('test', 'count', async (context) => {
        const result = await counting(steps, 30)(context);
        return result;
      });
      const originalPush = steps.push.bind(steps);
      steps.push = (...items: string[]) => {
        for (const step of items) runs.push({ replica: name, step });
        return originalPush(...items);
      };
      queues.push(queue);
      return queue;
    };
    const a = replica('a');
    const b = replica('b');
    await Promise.all([a.start(), b.start()]);

    const jobs = await Promise.all([1, 2, 3, 4].map(() => db.client.job.create({ data: { product: 'test', kind: 'count', total: 5 } })));
    for (const job of jobs) await a.enqueue(job.id);
    // Enqueue again from the other replica (as a resume at its start would): a no-op, not a second run.
    for (const job of jobs) await b.enqueue(job.id);

    // Stop replica a as soon as it is inside a job: that job must move to b and finish there.
    await waitFor('replica a to be working', async () => (runs.some((r) => r.replica === 'a') ? true : undefined));
    await a.stop();
    await waitFor('all jobs to finish', async () => ((await db.client.job.count({ where: { status: 'succeeded' } })) === 4 ? true : undefined), 25_000);

    for (const job of jobs) {
      const steps = runs.filter((r) => r.step.startsWith(`${job.id}:`)).map((r) => r.step);
      expect(steps).toEqual([0, 1, 2, 3, 4].map((i) => `${job.id}:${i}`));
    }
    expect(new Set(runs.map((r) => r.replica))).toEqual(new Set(['a', 'b']));
  });
});
