import { AdmissionRefusedError, BatcherClosedError, DeadlineExceededError, RequestCancelledError } from './batching-errors';
import { AdmissionEvent, BatchEvent, BatcherObserver, DynamicBatcher } from './dynamic-batcher';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const flush = () => new Promise((resolve) => setImmediate(resolve));
/** Generous maximum waits: these specs are about batching, not admission (see the admission specs below). */
const WAIT = { interactive: 60_000, bulk: 60_000 };

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
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 4, maxQueueDelayMs: 10_000, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner, {
      onBatch: (e) => events.push(e),
    });
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
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 8, maxQueueDelayMs: 30, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner);
    const started = Date.now();
    const results = await Promise.all([batcher.submit(1), batcher.submit(2)]);
    expect(results).toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('runs what queued while the model was busy as soon as it is free, without waiting maxQueueDelayMs again', async () => {
    const { gate, seen, runner } = gatedRunner();
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 60_000, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner);
    const full = [batcher.submit(1), batcher.submit(2)]; // a full batch runs at once
    const queued = batcher.submit(3); // arrives while the model is busy
    await flush();
    expect(seen).toEqual([[1, 2]]);
    gate.shift()?.();
    await Promise.all(full);
    await flush();
    expect(seen).toEqual([[1, 2], [3]]); // not 60 s later
    gate.shift()?.();
    await expect(queued).resolves.toBe(3);
    // A request reaching an idle model still waits for company (up to maxQueueDelayMs).
    const alone = batcher.submit(4).catch((error: Error) => error);
    await flush();
    expect(seen).toHaveLength(2);
    batcher.close('test over');
    await expect(alone).resolves.toBeInstanceOf(BatcherClosedError);
  });

  it('groups requests of one length bucket and never mixes buckets in a batch', async () => {
    const { batches, runner } = recordingRunner();
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 3, maxQueueDelayMs: 20, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner);
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

  it('in a backlog, lets a bucket-mate ride with the oldest request only if it has waited half as long', async () => {
    const { gate, seen, runner } = gatedRunner();
    let clock = 0;
    const options = { name: 'm', maxBatchSize: 4, maxQueueDelayMs: 0, maxQueueWaitMs: WAIT, maxQueueSize: 100 };
    const batcher = new DynamicBatcher<number, number>(options, runner, {}, () => clock);
    const at = (t: number, x: number, bucket: number) => ((clock = t), batcher.submit(x, { bucket }));
    const all = [at(0, 0, 1), at(10, 1, 64), at(20, 2, 16), at(30, 3, 64), at(90, 4, 64)];
    await flush();
    expect(seen).toEqual([[0]]);
    clock = 100; // 1 has waited 90 ms: 3 (waited 70) rides with it, 4 (waited 10) keeps its place behind 2
    gate.shift()?.();
    await flush();
    expect(seen).toEqual([[0], [1, 3]]);
    for (let i = 0; i < 3; i++) {
      gate.shift()?.();
      await flush();
    }
    await expect(Promise.all(all)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(seen).toEqual([[0], [1, 3], [2], [4]]);
  });

  it('serves interactive requests before bulk ones', async () => {
    const { batches, runner } = recordingRunner(20);
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 2, maxQueueDelayMs: 5, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner);
    const first = batcher.submit(0); // occupies the runner
    await sleep(8);
    const bulk = [batcher.submit(1, { priority: 'bulk' }), batcher.submit(2, { priority: 'bulk' })];
    const interactive = [batcher.submit(3), batcher.submit(4)];
    await Promise.all([first, ...bulk, ...interactive]);
    expect(batches).toEqual([[0], [3, 4], [1, 2]]);
  });

  it('fails a request whose deadline passes while queued, without running it', async () => {
    const { gate, seen, runner } = gatedRunner();
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueWaitMs: WAIT, maxQueueSize: 10 }, runner);
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
    const batcher = new DynamicBatcher<number, number>({ name: 'm', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueWaitMs: WAIT, maxQueueSize: 10 }, runner);
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
    const batcher = new DynamicBatcher({ name: 'm', maxBatchSize: 4, maxQueueDelayMs: 10_000, maxQueueWaitMs: WAIT, maxQueueSize: 100 }, runner);
    const queued = [1, 2, 3].map((x) => batcher.submit(x));
    await batcher.drain();
    await expect(Promise.all(queued)).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
    await expect(batcher.submit(4)).rejects.toBeInstanceOf(BatcherClosedError);
  });

  it('rejects every request of a batch whose runner fails, and keeps serving', async () => {
    let fail = true;
    const batcher = new DynamicBatcher<number, number>(
      { name: 'm', maxBatchSize: 2, maxQueueDelayMs: 0, maxQueueWaitMs: WAIT, maxQueueSize: 10 },
      async (xs) => {
        if (fail) throw new Error('kernel exploded');
        return xs;
      },
    );
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('treats a runner that returns the wrong number of outputs as a failure', async () => {
    const batcher = new DynamicBatcher<number, number>(
      { name: 'm', maxBatchSize: 2, maxQueueDelayMs: 1000, maxQueueWaitMs: WAIT, maxQueueSize: 10 },
      async () => [1],
    );
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(/returned 1 outputs for a batch of 2/);
  });
});

/**
 * A fake model on a fake clock: one item per batch, each batch waits until released and then
 * takes 10 ms of virtual time (100 items/s), so drain rate, predicted waits and refusals are exact.
 */
function fakeModel() {
  const clock = { now: 0 };
  const gates: Array<() => void> = [];
  const runner = (xs: number[]) =>
    new Promise<number[]>((resolve) =>
      gates.push(() => {
        clock.now += 10;
        resolve(xs);
      }),
    );
  /** Finishes the running batch and lets the batcher start the next one. */
  const finishBatch = async () => {
    gates.shift()?.();
    await flush();
  };
  const finishAll = async () => {
    while (gates.length) await finishBatch();
  };
  return { clock, runner, finishBatch, finishAll };
}

describe('DynamicBatcher admission control', () => {
  // Interactive requests may wait 100 ms in the queue, bulk ones 300 ms.
  const settings = { name: 'slow', maxBatchSize: 1, maxQueueDelayMs: 0, maxQueueWaitMs: { interactive: 100, bulk: 300 }, maxQueueSize: 1000 };

  function coldBatcher(overrides: Partial<typeof settings> = {}, observer: BatcherObserver = {}) {
    const model = fakeModel();
    const batcher = new DynamicBatcher<number, number>({ ...settings, ...overrides }, model.runner, observer, () => model.clock.now);
    return { model, batcher };
  }

  /** A batcher that has run one batch: it knows the model drains 100 items/s in 10 ms batches. */
  async function warmBatcher(overrides: Partial<typeof settings> = {}, observer: BatcherObserver = {}) {
    const { model, batcher } = coldBatcher(overrides, observer);
    const first = batcher.submit(0);
    await model.finishBatch();
    await first;
    return { model, batcher };
  }

  it('admits a cold model up to one running and one waiting batch, then refuses at once with queue_full', async () => {
    const { model, batcher } = coldBatcher();
    expect(batcher.itemsPerSecond).toBeUndefined();
    expect(batcher.queueBound('interactive')).toBe(2); // floor: 2 batches × 1 item × 1 instance
    const admitted = [1, 2, 3].map((x) => batcher.submit(x)); // 1 runs at once, 2 queue
    const refused = (await batcher.submit(4).catch((e: unknown) => e)) as AdmissionRefusedError;
    expect(refused).toBeInstanceOf(AdmissionRefusedError);
    expect([refused.code, refused.retryAfterSeconds, refused.details.predicted_wait_ms, refused.details.queue_bound]).toEqual(['queue_full', 1, null, 2]);
    expect(refused.message).toBe("model 'slow' is overloaded: 2 requests queued (bound 2 for interactive requests); retry after 1 s");
    await model.finishAll();
    await expect(Promise.all(admitted)).resolves.toEqual([1, 2, 3]);
  });

  it('learns the drain rate and derives the queue bound from it', async () => {
    const { batcher } = await warmBatcher();
    expect(batcher.itemsPerSecond).toBeCloseTo(100, 6);
    expect(batcher.queueBound('interactive')).toBe(10); // 100 items/s × 100 ms
    expect(batcher.queueBound('bulk')).toBe(30); // 100 items/s × 300 ms
  });

  it('refuses at once while the predicted wait is too long and admits again as the queue drains', async () => {
    const decisions: AdmissionEvent[] = [];
    const { model, batcher } = await warmBatcher({}, { onAdmission: (e) => decisions.push(e) });
    const running = batcher.submit(10); // runs at once: the model is busy
    // Behind the running batch, k queued items wait k × 10 ms + 10 ms: ≤ 100 ms admits k = 0…9.
    const queued = Array.from({ length: 10 }, (_, i) => batcher.submit(20 + i));
    expect(batcher.queueDepth).toBe(10);
    const refused = (await batcher.submit(99).catch((e: unknown) => e)) as AdmissionRefusedError;
    expect(refused).toBeInstanceOf(AdmissionRefusedError);
    expect(refused.details).toEqual({
      model: 'slow',
      lane: 'interactive',
      reason: 'predicted_wait',
      predicted_wait_ms: 110,
      limit_ms: 100,
      queue_depth: 10,
      queue_bound: 10,
      retry_after_s: 1,
    });
    expect(refused.message).toBe(
      "model 'slow' is overloaded: predicted queue wait 110 ms exceeds the 100 ms maximum for interactive requests (10 queued); retry after 1 s",
    );
    expect(batcher.queueDepth).toBe(10); // the refused request left nothing behind

    await model.finishBatch(); // the running batch ends and the first queued item starts…
    await model.finishBatch(); // …and ends too
    expect(batcher.queueDepth).toBe(8);
    const again = batcher.submit(100); // 8 ahead: 80 + 10 = 90 ms
    expect(batcher.queueDepth).toBe(9);
    await model.finishAll();
    await expect(Promise.all([running, ...queued, again])).resolves.toEqual([10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 100]);
    const refusals = decisions.filter((d) => !d.decision.admitted);
    expect(refusals.map((d) => d.model)).toEqual(['slow']);
    expect(refusals[0].decision.predictedWaitMs).toBeCloseTo(110, 6);
    expect(decisions.filter((d) => d.decision.admitted)).toHaveLength(13); // warm-up, running, 10 queued, again
  });

  it("refuses a request whose own deadline the queue cannot meet, with reason 'deadline'", async () => {
    const { model, batcher } = await warmBatcher();
    const running = batcher.submit(1);
    const queued = [2, 3, 4].map((x) => batcher.submit(x)); // a 4th item would wait 30 + 10 = 40 ms
    const refused = (await batcher.submit(5, { timeoutMs: 35 }).catch((e: unknown) => e)) as AdmissionRefusedError;
    expect([refused.code, refused.details.limit_ms, refused.details.predicted_wait_ms]).toEqual(['deadline', 35, 40]);
    expect(refused.message).toBe("model 'slow' cannot meet this request's 35 ms deadline: predicted queue wait 40 ms; retry after 1 s");
    const fine = batcher.submit(6, { timeoutMs: 5_000 });
    await model.finishAll();
    await expect(Promise.all([running, ...queued, fine])).resolves.toEqual([1, 2, 3, 4, 6]);
  });

  it('gives bulk requests their own, longer maximum wait behind the interactive lane', async () => {
    const { model, batcher } = await warmBatcher();
    const running = batcher.submit(1);
    const interactive = Array.from({ length: 10 }, (_, i) => batcher.submit(10 + i));
    await expect(batcher.submit(99)).rejects.toMatchObject({ code: 'predicted_wait' });
    // A bulk item waits behind all 10 interactive ones: 100 + 10 = 110 ms ≤ 300 ms.
    const bulk = batcher.submit(50, { priority: 'bulk' });
    await model.finishAll();
    await expect(Promise.all([running, ...interactive, bulk])).resolves.toHaveLength(12);
  });

  it('admits or refuses the items of one request together; its own items are work, not waiting', async () => {
    const { model, batcher } = await warmBatcher();
    const running = batcher.submit(1);
    // 30 items with nothing queued ahead wait only for the running batch: admitted (refused, such a request would never get in).
    const big = batcher.submitAll(Array.from({ length: 30 }, (_, i) => i));
    expect(batcher.queueDepth).toBe(30);
    // Behind those 30: 30 × 10 + 10 = 310 ms > 100 ms, so none of these 3 is queued.
    const refused = (await batcher.submitAll([7, 8, 9]).catch((e: unknown) => e)) as AdmissionRefusedError;
    expect([refused.code, batcher.queueDepth]).toEqual(['predicted_wait', 30]);
    // Bulk waits behind the interactive items too: 310 ms, 10 ms over the bulk maximum (300 ms): Retry-After 1 s.
    const bulk = (await batcher.submitAll([1, 2], { priority: 'bulk' }).catch((e: unknown) => e)) as AdmissionRefusedError;
    expect([bulk.code, bulk.retryAfterSeconds, batcher.queueDepth]).toEqual(['predicted_wait', 1, 30]);
    await model.finishAll();
    await expect(Promise.all([running, big])).resolves.toEqual([1, Array.from({ length: 30 }, (_, i) => i)]);
  });

  it('tells before any work is spent whether a request would be refused, counting that refusal once', async () => {
    const rejected: string[] = [];
    const { model, batcher } = await warmBatcher({}, { onRejected: (_model, kind) => rejected.push(kind) });
    expect(() => batcher.refuseIfOverloaded(5)).not.toThrow();
    const running = batcher.submit(1);
    const queued = Array.from({ length: 10 }, (_, i) => batcher.submit(10 + i));
    expect(() => batcher.refuseIfOverloaded(1)).toThrow(AdmissionRefusedError);
    expect(() => batcher.refuseIfOverloaded(1, { priority: 'bulk' })).not.toThrow();
    expect(rejected).toEqual(['predicted_wait']);
    await model.finishAll();
    await expect(Promise.all([running, ...queued])).resolves.toHaveLength(11);
  });

  it('never queues beyond the hard ceiling, whatever the drain rate', async () => {
    const { model, batcher } = await warmBatcher({ maxQueueSize: 3 });
    expect(batcher.queueBound('interactive')).toBe(3);
    const admitted = [1, 2, 3, 4].map((x) => batcher.submit(x)); // 1 runs, 3 queue
    await expect(batcher.submit(5)).rejects.toMatchObject({ code: 'queue_full', retryAfterSeconds: 1, details: { queue_bound: 3, queue_depth: 3 } });
    await model.finishAll();
    await expect(Promise.all(admitted)).resolves.toEqual([1, 2, 3, 4]);
  });
});
