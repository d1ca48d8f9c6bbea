import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@matrix/db';
import IORedis from 'ioredis';
import { BullMqDriver, DbJobQueue, InProcessDriver, parseWaiting, type JobClock, type JobContext, type JobQueueDriver } from '../src';

// Jobs wait out an unavailable dependency: both drivers, the real Job table (SQLite), and a fake clock so a
// 10-minute window takes milliseconds. The "dependency" is a switch the test flips; its failures are the kind the
// policy waits out (as the product server's dependencyWaitReason says of an unreachable gateway).

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const WINDOW_MS = 10 * 60_000;

class Unavailable extends Error {
  constructor() {
    super('connect ECONNREFUSED 127.0.0.1:9');
  }
}

/** A dependency that is down while `down` is true; each call either does one unit of work or throws Unavailable. */
class Dependency {
  down = false;
  calls = 0;
  async call(): Promise<void> {
    this.calls++;
    if (this.down) throw new Unavailable();
  }
}

/** Time moves only when a job sleeps: each sleep advances it by its length (or waits for its signal when `hold`). */
class FakeClock implements JobClock {
  private time = Date.parse('2026-12-03T12:00:00Z');
  readonly sleeps: number[] = [];
  /** Called after each sleep (the test brings the dependency back after the n-th). */
  onSleep?: (count: number) => void;
  hold = false;
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (this.hold) {
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
      return;
    }
    this.time += ms;
    await new Promise((resolve) => setImmediate(resolve));
    this.onSleep?.(this.sleeps.length);
  }
}

const policy = { reasonFor: (error: unknown) => (error instanceof Unavailable ? 'waiting for the fake gateway' : null), windowMs: WINDOW_MS };

interface DriverCase {
  name: string;
  make(): JobQueueDriver;
  cleanup(): Promise<void>;
}
const prefix = `jobq-wait-${randomUUID().slice(0, 8)}`;
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

describe.each(cases)('jobs wait out a dependency ($name driver)', (driverCase) => {
  let db: TestDatabase;
  let clock: FakeClock;
  let dependency: Dependency;
  const queues: DbJobQueue[] = [];
  const newQueue = () => {
    const queue = new DbJobQueue(db.client, driverCase.make(), () => undefined, { dependencyWait: policy, clock });
    queues.push(queue);
    return queue;
  };
  const createJob = (total: number) => db.client.job.create({ data: { product: 'test', kind: 'units', status: 'queued', total, params: '{}' } });
  const row = (id: string) => db.client.job.findUniqueOrThrow({ where: { id } });
  const waitForStatus = async (id: string, statuses: string[]) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const job = await row(id);
      if (statuses.includes(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} stayed ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** Does units done..total; each unit calls the dependency inside waitOut, and is recorded once it is done. */
  const units = (done: string[], options: { waitOut: boolean } = { waitOut: true }) =>
    async function run(context: JobContext) {
      const total = context.job.total ?? 0;
      const current = await db.client.job.findUniqueOrThrow({ where: { id: context.job.id } });
      for (let i = current.done; i < total; i++) {
        context.throwIfStopping();
        if (options.waitOut) await context.waitOut(() => dependency.call());
        else await dependency.call();
        done.push(`${context.job.id}:${i}`);
        await context.progress(i + 1);
      }
      return { units: total };
    };

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    clock = new FakeClock();
    dependency = new Dependency();
  });

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop().catch(() => undefined);
    await db.drop();
    await driverCase.cleanup();
  });

  it('pauses with a visible reason, backs off 1 s, 2 s, 4 s…, resumes when the dependency is back, each unit done once', async () => {
    const done: string[] = [];
    const seen: Array<ReturnType<typeof parseWaiting>> = [];
    const queue = newQueue();
    queue.register('test', 'units', units(done));
    // The outage begins at unit 2 and lasts four tries.
    let calls = 0;
    const call = dependency.call.bind(dependency);
    dependency.call = async () => {
      if (++calls === 3) dependency.down = true;
      return call();
    };
    clock.onSleep = (count) => {
      void row(job.id).then((r) => seen.push(parseWaiting(r.waiting)));
      if (count === 4) dependency.down = false;
    };
    const job = await createJob(5);
    await queue.start();
    await queue.enqueue(job.id);
    const finished = await waitForStatus(job.id, ['succeeded', 'failed']);

    expect(finished.status).toBe('succeeded');
    expect(finished.waiting).toBeNull();
    expect(done).toEqual([0, 1, 2, 3, 4].map((i) => `${job.id}:${i}`));
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
    const shown = seen.find((w) => w !== null);
    expect(shown).toMatchObject({ reason: 'waiting for the fake gateway', lastError: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(Date.parse(shown?.giveUpAt ?? '') - Date.parse(shown?.since ?? '')).toBe(WINDOW_MS);
  });

  it('fails only after the whole window, saying why; the units done before the outage stay done', async () => {
    const done: string[] = [];
    const queue = newQueue();
    queue.register('test', 'units', units(done));
    clock.onSleep = () => undefined;
    const job = await createJob(5);
    // Down from the third unit on, for good.
    let calls = 0;
    dependency.call = async () => {
      calls++;
      if (calls > 2) throw new Unavailable();
    };
    await queue.start();
    await queue.enqueue(job.id);
    const failed = await waitForStatus(job.id, ['succeeded', 'failed']);

    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^gave up after 10 min waiting for the fake gateway: connect ECONNREFUSED/);
    expect(failed.done).toBe(2);
    expect(failed.waiting).toBeNull();
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(WINDOW_MS);
    expect(Math.max(...clock.sleeps)).toBe(15_000);
  });

  it('a failure the handler did not wait out itself pauses the whole job, which resumes from what it stored', async () => {
    const done: string[] = [];
    const queue = newQueue();
    queue.register('test', 'units', units(done, { waitOut: false }));
    let calls = 0;
    dependency.call = async () => {
      calls++;
      if (calls === 3 || calls === 4) throw new Unavailable();
    };
    const job = await createJob(5);
    await queue.start();
    await queue.enqueue(job.id);
    const finished = await waitForStatus(job.id, ['succeeded', 'failed']);

    expect(finished.status).toBe('succeeded');
    expect(done).toEqual([0, 1, 2, 3, 4].map((i) => `${job.id}:${i}`));
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('fails at once on an error that is not worth waiting for', async () => {
    const queue = newQueue();
    queue.register('test', 'units', async () => {
      throw new Error('column "text" is missing');
    });
    const job = await createJob(1);
    await queue.start();
    await queue.enqueue(job.id);
    const failed = await waitForStatus(job.id, ['succeeded', 'failed']);
    expect(failed).toMatchObject({ status: 'failed', error: 'column "text" is missing', waiting: null });
    expect(clock.sleeps).toEqual([]);
  });

  it('a job stopped while waiting stays running with its wait; a restarted queue resumes it without resetting the window', async () => {
    const done: string[] = [];
    clock.hold = true; // the first pause lasts until the queue stops
    dependency.down = true;
    const first = newQueue();
    first.register('test', 'units', units(done));
    const job = await createJob(3);
    await first.start();
    await first.enqueue(job.id);
    const deadline = Date.now() + 15_000;
    while (clock.sleeps.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop();
    const paused = await row(job.id);
    expect(paused.status).toBe('running');
    const waiting = parseWaiting(paused.waiting);
    expect(waiting).toMatchObject({ reason: 'waiting for the fake gateway', attempts: 1 });

    clock.hold = false;
    clock.onSleep = (count) => {
      if (count === 3) dependency.down = false;
    };
    const restarted = newQueue();
    restarted.register('test', 'units', units(done));
    await restarted.start();
    const finished = await waitForStatus(job.id, ['succeeded', 'failed']);
    expect(finished.status).toBe('succeeded');
    expect(done).toEqual([0, 1, 2].map((i) => `${job.id}:${i}`));
    // The second try continues the backoff of the first run's wait (attempt 2 → 2 s), not a fresh 1 s.
    expect(clock.sleeps.slice(1)).toEqual([2000, 4000]);
  });

  it('a job cancelled while waiting stops at once as cancelled', async () => {
    clock.hold = true;
    dependency.down = true;
    const queue = newQueue();
    queue.register('test', 'units', units([]));
    const job = await createJob(3);
    await queue.start();
    await queue.enqueue(job.id);
    const deadline = Date.now() + 15_000;
    while (clock.sleeps.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await queue.cancel(job.id)).toBe(true);
    await queue.idle();
    expect(await row(job.id)).toMatchObject({ status: 'cancelled', waiting: null });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('retry runs a failed job again for the units not done only', async () => {
    const done: string[] = [];
    const queue = newQueue();
    queue.register('test', 'units', units(done));
    const job = await createJob(4);
    let calls = 0;
    dependency.call = async () => {
      if (++calls > 2 && dependency.down) throw new Unavailable();
    };
    dependency.down = true;
    await queue.start();
    await queue.enqueue(job.id);
    const failed = await waitForStatus(job.id, ['succeeded', 'failed']);
    expect(failed).toMatchObject({ status: 'failed', done: 2 });
    expect(await queue.retry(job.id)).toBe(true);
    dependency.down = false;
    // The first try after retry works: the job goes on from unit 2.
    const finished = await waitForStatus(job.id, ['succeeded']);
    expect(finished).toMatchObject({ status: 'succeeded', done: 4, error: null, finishedAt: expect.any(Date) });
    expect(done).toEqual([0, 1, 2, 3].map((i) => `${job.id}:${i}`));
    expect(await queue.retry(job.id)).toBe(false); // succeeded: nothing to retry
  });
});
