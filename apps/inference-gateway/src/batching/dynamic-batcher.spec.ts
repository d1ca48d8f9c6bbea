import { BatcherClosedError, DeadlineExceededError, QueueFullError, RequestCancelledError } from './batching-errors';
import { BatchEvent, DynamicBatcher } from './dynamic-batcher';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A runner that doubles numbers and records each batch it saw. */
function recordingRunner(delayMs = 0) {
  const batches: number[][] = [];
  const runner = async (inputs: number[]) => {
    batches.push(inputs);
    if (delayMs) await sleep(delayMs);
    return inputs.map((x) => x * 2);
  };
  return { batches, runner };
}

/** A runner whose batches wait until released through `gate`; `seen` records each batch. */
function gatedRunner() {
  const gate: Array<() => void> = [];
  const seen: number[][] = [];
  const runner = (xs: number[]) => {
    seen.push(xs);
    return new Promise<number[]>((resolve) => gate.push(() => resolve(xs)));
  };
  return { gate, seen, runner };
}

describe('DynamicBatcher', () => {
  it('closes a batch as soon as it reaches maxBatchSize', async () => {
    const { batches, runner } = recordingRunner();
    const events: BatchEvent[] = [];
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 4, maxQueueDelayMs: 10_000, maxQueueSize: 100 }, runner, { onBatch: (e) => events.push(e) });
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((x) => batcher.submit(x)));
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(events.map((e) => e.trigger)).toEqual(['full', 'full']);
  });

  it('closes a short batch after maxQueueDelayMs', async () => {
    const { batches, runner } = recordingRunner();
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 8, maxQueueDelayMs: 30, maxQueueSize: 100 }, runner);
    const started = Date.now();
    const results = await Promise.all([batcher.submit(1), batcher.submit(2)]);
    expect(results).toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('groups requests of one length bucket and never mixes buckets in a batch', async () => {
    const { batches, runner } = recordingRunner();
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 3, maxQueueDelayMs: 20, maxQueueSize: 100 }, runner);
    const pending = [
      batcher.submit(10, { bucket: 64 }),
      batcher.submit(20, { bucket: 16 }),
      batcher.submit(30, { bucket: 64 }),
      batcher.submit(40, { bucket: 256 }),
      batcher.submit(50, { bucket: 64 }), // completes the 64-bucket: runs at once, without waiting
    ];
    await Promise.all(pending);
    expect(batches[0]).toEqual([10, 30, 50]);
    // The rest closes on the delay, one bucket per batch, oldest bucket first.
    expect(batches.slice(1)).toEqual([[20], [40]]);
  });

  it('serves interactive requests before bulk ones', async () => {
    const { batches, runner } = recordingRunner(20);
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 5, maxQueueSize: 100 }, runner);
    const first = batcher.submit(0); // occupies the runner
    await sleep(8);
    const bulk = [batcher.submit(1, { priority: 'bulk' }), batcher.submit(2, { priority: 'bulk' })];
    const interactive = [batcher.submit(3), batcher.submit(4)];
    await Promise.all([first, ...bulk, ...interactive]);
    expect(batches).toEqual([[0], [3, 4], [1, 2]]);
  });

  it('refuses work past maxQueueSize with a Retry-After from the drain rate', async () => {
    const { runner } = recordingRunner(50);
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 0, maxQueueSize: 4 }, runner);
    // Teach the batcher its drain rate: 2 items per ~50 ms ≈ 40 items/s.
    await Promise.all([batcher.submit(1), batcher.submit(2)]);
    const running = [batcher.submit(3)]; // no queue delay: runs at once, alone, and is not queued
    const queued = [4, 5, 6, 7].map((x) => batcher.submit(x));
    const refused = await batcher.submit(8).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).queueDepth).toBe(4);
    expect((refused as QueueFullError).retryAfterSeconds).toBe(1); // 4 items at ~40/s drain in < 1 s
    await expect(Promise.all([...running, ...queued])).resolves.toEqual([6, 8, 10, 12, 14]);
  });

  it('derives a longer Retry-After when the model drains slowly', async () => {
    let now = 0;
    const gates: Array<() => void> = [];
    let calls = 0;
    const batcher = new DynamicBatcher<number, number>(
      { name: 'slow', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 3 },
      (xs) => {
        calls++;
        if (calls === 1) {
          now += 1000; // the first item takes one (virtual) second: 1 item/s
          return Promise.resolve(xs);
        }
        return new Promise((resolve) => gates.push(() => resolve(xs)));
      },
      {},
      () => now,
    );
    await batcher.submit(1);
    expect(batcher.itemsPerSecond).toBeCloseTo(1, 5);
    const inFlight = batcher.submit(2);
    const queued = [3, 4, 5].map((x) => batcher.submit(x));
    const refused = await batcher.submit(6).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).retryAfterSeconds).toBe(3); // 3 queued at 1 item/s
    while (gates.length) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect(Promise.all([inFlight, ...queued])).resolves.toEqual([2, 3, 4, 5]);
  });

  it('fails a request whose deadline passes while queued, without running it', async () => {
    const { gate, seen, runner } = gatedRunner();
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 10 }, runner);
    const blocker = batcher.submit(1);
    const late = batcher.submit(2, { timeoutMs: 20 });
    await expect(late).rejects.toBeInstanceOf(DeadlineExceededError);
    gate.forEach((open) => open());
    await blocker;
    await batcher.drain();
    expect(seen).toEqual([[1]]);
  });

  it('drops a queued request when its client aborts', async () => {
    const { gate, seen, runner } = gatedRunner();
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueSize: 10 }, runner);
    const blocker = batcher.submit(1);
    const controller = new AbortController();
    const abandoned = batcher.submit(2, { signal: controller.signal });
    expect(batcher.queueDepth).toBe(1);
    controller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(RequestCancelledError);
    expect(batcher.queueDepth).toBe(0);
    gate.forEach((open) => open());
    await blocker;
    expect(seen).toEqual([[1]]);
  });

  it('drains queued work on shutdown and then refuses new requests', async () => {
    const { batches, runner } = recordingRunner(5);
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 4, maxQueueDelayMs: 10_000, maxQueueSize: 100 }, runner);
    const queued = [1, 2, 3].map((x) => batcher.submit(x));
    await batcher.drain();
    await expect(Promise.all(queued)).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
    await expect(batcher.submit(4)).rejects.toBeInstanceOf(BatcherClosedError);
  });

  it('rejects every request of a batch whose runner fails, and keeps serving', async () => {
    let fail = true;
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 0, maxQueueSize: 10 }, async (xs) => {
      if (fail) throw new Error('kernel exploded');
      return xs;
    });
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('treats a runner that returns the wrong number of outputs as a failure', async () => {
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 1000, maxQueueSize: 10 }, async () => [1]);
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(/returned 1 outputs for a batch of 2/);
  });
});
