import { AdmissionControl, AdmissionDecision, RefusalReason, Refused } from './admission-control';
import { AdmissionRefusedError, BatcherClosedError, DeadlineExceededError, RequestCancelledError } from './batching-errors';
import { PRIORITIES, Priority } from './priority';

export { PRIORITIES, type Priority } from './priority';

export interface BatcherOptions {
  /** Model name, used in errors and metrics. */
  name: string;
  /** A batch closes as soon as it holds this many requests. 1 turns batching off. */
  maxBatchSize: number;
  /** …or when its oldest request has waited this long. */
  maxQueueDelayMs: number;
  /** Longest predicted queue wait admitted per lane; longer is refused at once (AdmissionRefusedError, HTTP 429). */
  maxQueueWaitMs: Record<Priority, number>;
  /** Hard ceiling on queued requests; the working bound is the drain rate × maxQueueWaitMs. */
  maxQueueSize: number;
  /** Batches run at the same time (1 suits a runtime that already uses every core). */
  maxConcurrentBatches?: number;
}

export interface SubmitOptions {
  priority?: Priority;
  /** Length bucket (e.g. from token count); batches prefer requests of one bucket to waste little padding. */
  bucket?: number;
  /** Milliseconds the request may wait in the queue before it fails with DeadlineExceededError. */
  timeoutMs?: number;
  /** Aborting removes the request from the queue (client went away). */
  signal?: AbortSignal;
}

export interface BatchEvent {
  model: string;
  size: number;
  queueMs: number[];
  execMs: number;
  trigger: 'full' | 'delay' | 'drain';
  failed: boolean;
  /** The drain rate and queue bounds after this batch. */
  itemsPerSecond: number | undefined;
  queueBound: Record<Priority, number>;
}

export interface AdmissionEvent {
  model: string;
  decision: AdmissionDecision;
}

export type RejectionKind = RefusalReason | 'deadline_exceeded' | 'cancelled' | 'closed';

export interface BatcherObserver {
  onBatch?(event: BatchEvent): void;
  /** Every admission decision (admitted or refused), with the predicted wait. */
  onAdmission?(event: AdmissionEvent): void;
  onRejected?(model: string, kind: RejectionKind): void;
}

export type BatchRunner<I, O> = (inputs: I[]) => Promise<O[]>;

interface Pending<I, O> {
  input: I;
  bucket: number;
  priority: Priority;
  enqueuedAt: number;
  /** The plain wait predicted at admission (undefined while the model was unmeasured), checked against the real one. */
  plainPredictionMs: number | undefined;
  resolve: (value: O) => void;
  reject: (error: Error) => void;
  cleanup: () => void;
}

/** A bucket-mate joins the oldest request's batch only if enqueued in the first half of the oldest's wait so far. */
const JUMP_LIMIT = 0.5;

/**
 * Per-model dynamic batcher (as Triton's): requests queue per priority lane; a batch closes at
 * maxBatchSize or after maxQueueDelayMs — at once when an instance frees up and requests queued
 * while it was busy. Requests of different length buckets never share a
 * batch (as TEI's token-aware batching): padding a short text to a long one costs more than the
 * batch saves, quadratically so for attention (see the gateway bench's per-batch-size table). In a backlog a
 * batch is the oldest request's bucket, joined only by requests that have waited at least half as long (JUMP_LIMIT).
 * Admission control (admission-control.ts) refuses at once what the queue could not serve in time.
 */
export class DynamicBatcher<I, O> {
  private readonly lanes: Record<Priority, Pending<I, O>[]> = { interactive: [], bulk: [] };
  private readonly admission: AdmissionControl;
  private readonly maxConcurrent: number;
  private inFlight = 0;
  /** When the last batch finished, and when work last resumed after an idle spell: the drain rate counts busy time only. */
  private lastFinishedAt = -Infinity;
  private busySince = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private closedReason: string | undefined;
  private draining = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly options: BatcherOptions,
    private readonly runner: BatchRunner<I, O>,
    private readonly observer: BatcherObserver = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    if (options.maxBatchSize < 1) throw new Error(`maxBatchSize must be ≥ 1 (got ${options.maxBatchSize})`);
    if (options.maxQueueSize < 1) throw new Error(`maxQueueSize must be ≥ 1 (got ${options.maxQueueSize})`);
    this.maxConcurrent = Math.max(1, options.maxConcurrentBatches ?? 1);
    this.admission = new AdmissionControl({
      maxBatchSize: options.maxBatchSize,
      concurrency: this.maxConcurrent,
      maxQueueWaitMs: options.maxQueueWaitMs,
      maxQueueSize: options.maxQueueSize,
    });
  }

  get queueDepth(): number {
    let depth = 0;
    for (const lane of Object.values(this.lanes)) depth += lane.length;
    return depth;
  }

  get inFlightBatches(): number {
    return this.inFlight;
  }

  /** Items per second the queue drains, measured over the last batches (undefined before the first one). */
  get itemsPerSecond(): number | undefined {
    return this.admission.itemsPerSecond;
  }

  /** Items that may wait in a lane (and the lanes before it) now: drain rate × the lane's maximum wait. */
  queueBound(lane: Priority): number {
    return this.admission.queueBound(lane);
  }

  submit(input: I, opts: SubmitOptions = {}): Promise<O> {
    return this.submitAll([input], opts).then(([output]) => output);
  }

  /**
   * Several items of one request (texts of one call), admitted or refused together: a refused
   * request leaves nothing behind in the queue to cost model time for an answer nobody reads.
   * `buckets[i]` is item i's length bucket (default: opts.bucket).
   */
  submitAll(inputs: I[], opts: SubmitOptions = {}, buckets: number[] = []): Promise<O[]> {
    const model = this.options.name;
    if (this.closedReason !== undefined) {
      this.observer.onRejected?.(model, 'closed');
      return Promise.reject(new BatcherClosedError(model, this.closedReason));
    }
    if (opts.signal?.aborted) {
      this.observer.onRejected?.(model, 'cancelled');
      return Promise.reject(new RequestCancelledError(model));
    }
    const decision = this.decide(inputs.length, opts);
    this.observer.onAdmission?.({ model, decision });
    if (!decision.admitted) return Promise.reject(this.refusal(decision));
    const lane = decision.lane;
    const ahead = this.queuedAhead(lane);
    const busy = this.inFlight >= this.maxConcurrent;
    return Promise.all(inputs.map((input, i) => this.enqueue(input, lane, buckets[i] ?? opts.bucket ?? 0, opts, this.admission.plainWaitMs(ahead + i, busy))));
  }

  /**
   * Throws what submitAll would refuse now, before the caller spends work preparing its items
   * (decoding images): under overload, refused requests should cost as little as possible.
   */
  refuseIfOverloaded(items: number, opts: SubmitOptions = {}): void {
    const decision = this.decide(items, opts);
    if (decision.admitted) return;
    this.observer.onAdmission?.({ model: this.options.name, decision });
    throw this.refusal(decision);
  }

  private decide(items: number, opts: SubmitOptions): AdmissionDecision {
    const lane = opts.priority ?? 'interactive';
    return this.admission.decide({
      lane,
      ahead: this.queuedAhead(lane),
      depth: this.queueDepth,
      busy: this.inFlight >= this.maxConcurrent,
      deadlineMs: opts.timeoutMs,
      items,
    });
  }

  private refusal(decision: Refused): AdmissionRefusedError {
    this.observer.onRejected?.(this.options.name, decision.reason);
    return new AdmissionRefusedError(this.options.name, decision);
  }

  /** Items a new request of `lane` would wait behind: its own lane and every lane served before it. */
  private queuedAhead(lane: Priority): number {
    let ahead = 0;
    for (const priority of PRIORITIES.slice(0, PRIORITIES.indexOf(lane) + 1)) ahead += this.lanes[priority].length;
    return ahead;
  }

  private enqueue(input: I, priority: Priority, bucket: number, opts: SubmitOptions, plainPredictionMs: number | undefined): Promise<O> {
    const model = this.options.name;
    return new Promise<O>((resolve, reject) => {
      const pending: Pending<I, O> = {
        input,
        bucket,
        priority,
        enqueuedAt: this.now(),
        plainPredictionMs,
        resolve,
        reject,
        cleanup: () => undefined,
      };
      const cleanups: Array<() => void> = [];
      if (opts.timeoutMs !== undefined) {
        const deadline = setTimeout(() => {
          if (this.removeQueued(pending)) {
            this.observer.onRejected?.(model, 'deadline_exceeded');
            reject(new DeadlineExceededError(model, this.now() - pending.enqueuedAt));
          }
        }, opts.timeoutMs);
        deadline.unref?.();
        cleanups.push(() => clearTimeout(deadline));
      }
      if (opts.signal) {
        const signal = opts.signal;
        const onAbort = () => {
          if (this.removeQueued(pending)) {
            this.observer.onRejected?.(model, 'cancelled');
            reject(new RequestCancelledError(model));
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', onAbort));
      }
      pending.cleanup = () => cleanups.forEach((fn) => fn());
      this.lanes[priority].push(pending);
      this.schedule();
    });
  }

  /** Stops accepting requests; resolves once everything queued or running has finished. */
  async drain(reason = 'shutting down'): Promise<void> {
    this.closedReason ??= reason;
    this.draining = true;
    this.schedule();
    if (this.queueDepth === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops at once: queued requests fail with BatcherClosedError; running batches finish. */
  close(reason: string): void {
    this.closedReason ??= reason;
    this.clearTimer();
    for (const lane of Object.values(this.lanes)) {
      for (const pending of lane.splice(0)) {
        pending.cleanup();
        this.observer.onRejected?.(this.options.name, 'closed');
        pending.reject(new BatcherClosedError(this.options.name, reason));
      }
    }
    this.notifyIfIdle();
  }

  private removeQueued(pending: Pending<I, O>): boolean {
    const lane = this.lanes[pending.priority];
    const index = lane.indexOf(pending);
    if (index < 0) return false;
    lane.splice(index, 1);
    pending.cleanup();
    this.notifyIfIdle();
    return true;
  }

  private schedule(): void {
    while (this.inFlight < this.maxConcurrent) {
      const next = this.nextBatch();
      if (!next) return;
      void this.run(next.batch, next.trigger);
    }
  }

  /** Picks the next batch that is ready to run, or arms a timer for when one will be. */
  private nextBatch(): { batch: Pending<I, O>[]; trigger: BatchEvent['trigger'] } | undefined {
    const now = this.now();
    let earliestDue = Infinity;
    for (const priority of PRIORITIES) {
      const lane = this.lanes[priority];
      if (lane.length === 0) continue;
      const groups = new Map<number, Pending<I, O>[]>();
      for (const pending of lane) {
        const group = groups.get(pending.bucket);
        if (group) group.push(pending);
        else groups.set(pending.bucket, [pending]);
      }
      // A full bucket goes first: it needs no waiting and wastes the least padding.
      for (const group of groups.values()) {
        if (group.length >= this.options.maxBatchSize) {
          return { batch: this.take(lane, group.slice(0, this.options.maxBatchSize)), trigger: 'full' };
        }
      }
      const oldest = lane[0];
      // What queued while a batch was running has waited already: it goes as soon as an instance is free, with no
      // extra delay (which would leave the model idle between batches); the delay gathers arrivals to an idle model.
      const backlog = oldest.enqueuedAt <= this.lastFinishedAt;
      const due = backlog ? now : oldest.enqueuedAt + this.options.maxQueueDelayMs;
      if (this.draining || due <= now) {
        // In a backlog, bucket-mates ride with the oldest only if they have waited at least half as long: a just-arrived
        // request that jumped the queue would push everyone behind it back, and the tail of the wait grows, not its mean.
        // (Gathering for an idle model, every arrival of the delay may join.)
        const joinedBy = backlog && !this.draining ? oldest.enqueuedAt + (now - oldest.enqueuedAt) * JUMP_LIMIT : Infinity;
        const sameBucket = lane.filter((pending) => pending.bucket === oldest.bucket && pending.enqueuedAt <= joinedBy).slice(0, this.options.maxBatchSize);
        return { batch: this.take(lane, sameBucket), trigger: this.draining ? 'drain' : 'delay' };
      }
      earliestDue = Math.min(earliestDue, due);
    }
    if (earliestDue < Infinity) this.armTimer(earliestDue - now);
    return undefined;
  }

  private take(lane: Pending<I, O>[], batch: Pending<I, O>[]): Pending<I, O>[] {
    const chosen = new Set(batch);
    const remaining = lane.filter((pending) => !chosen.has(pending));
    lane.splice(0, lane.length, ...remaining);
    for (const pending of batch) pending.cleanup();
    return batch;
  }

  private async run(batch: Pending<I, O>[], trigger: BatchEvent['trigger']): Promise<void> {
    const started = this.now();
    if (this.inFlight === 0) this.busySince = started;
    this.inFlight++;
    const queueMs = batch.map((pending) => started - pending.enqueuedAt);
    batch.forEach((pending, i) => {
      if (pending.plainPredictionMs !== undefined) this.admission.recordWait(pending.plainPredictionMs, queueMs[i]);
    });
    let failed = false;
    try {
      const outputs = await this.runner(batch.map((pending) => pending.input));
      if (outputs.length !== batch.length) {
        throw new Error(`model '${this.options.name}' returned ${outputs.length} outputs for a batch of ${batch.length}`);
      }
      batch.forEach((pending, i) => pending.resolve(outputs[i]));
    } catch (error) {
      failed = true;
      const err = error instanceof Error ? error : new Error(String(error));
      for (const pending of batch) pending.reject(err);
    } finally {
      const finished = this.now();
      const execMs = finished - started;
      this.admission.recordBatch(batch.length, execMs, finished - Math.max(this.lastFinishedAt, this.busySince));
      this.lastFinishedAt = finished;
      this.inFlight--;
      this.observer.onBatch?.({
        model: this.options.name,
        size: batch.length,
        queueMs,
        execMs,
        trigger,
        failed,
        itemsPerSecond: this.admission.itemsPerSecond,
        queueBound: { interactive: this.admission.queueBound('interactive'), bulk: this.admission.queueBound('bulk') },
      });
      this.schedule();
      this.notifyIfIdle();
    }
  }

  private armTimer(delayMs: number): void {
    const dueAt = this.now() + delayMs;
    if (this.timer && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerDueAt = Infinity;
        this.schedule();
      },
      Math.max(0, delayMs),
    );
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }

  private notifyIfIdle(): void {
    if (this.queueDepth > 0 || this.inFlight > 0) return;
    this.clearTimer();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
