import { DrainRate } from './drain-rate';
import type { Priority } from './priority';

/** Why a request was refused at the door: the bound (cold model or hard ceiling), the lane's maximum wait, or its own deadline. */
export const REFUSAL_REASONS = ['queue_full', 'predicted_wait', 'deadline'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface AdmissionSettings {
  /** Items one batch holds. */
  maxBatchSize: number;
  /** Batches that run at the same time (the model's instances). */
  concurrency: number;
  /** Longest predicted queue wait admitted, per lane. */
  maxQueueWaitMs: Record<Priority, number>;
  /** Hard ceiling on queued items, whatever the drain rate. */
  maxQueueSize: number;
}

/** The queue as a request about to join it sees it. */
export interface QueueSnapshot {
  lane: Priority;
  /** Items queued in this lane and in the lanes served before it. */
  ahead: number;
  /** Items queued in every lane. */
  depth: number;
  /** Every instance is running a batch: even the first queued item waits for one to finish. */
  busy: boolean;
  /** The request's own deadline in the queue. */
  deadlineMs?: number;
  /** Items the request brings (several texts); they run after one another at worst. */
  items?: number;
}

interface DecisionBase {
  lane: Priority;
  /** Undefined while the model has no measured batch yet (only the bound applies then). */
  predictedWaitMs: number | undefined;
  queueDepth: number;
  queueBound: number;
}

export interface Admitted extends DecisionBase {
  admitted: true;
}

export interface Refused extends DecisionBase {
  admitted: false;
  reason: RefusalReason;
  /** The wait that was exceeded: the lane's maximum or the request's deadline (undefined for queue_full). */
  limitMs: number | undefined;
  retryAfterSeconds: number;
}

export type AdmissionDecision = Admitted | Refused;

/** Waits shorter than this are mostly timer noise: they do not calibrate predictions. */
const MIN_CALIBRATING_WAIT_MS = 50;
/** Served items whose waits calibrate the predictions. */
const CALIBRATION_WINDOW = 64;

/** Whole seconds for Retry-After: at least 1. */
function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Admission control of one model queue, from its measured drain rate: a request whose predicted
 * queue wait (items ahead ÷ drain rate, plus one batch when every instance is busy) exceeds its
 * lane's maximum wait or its own deadline is refused at once, instead of timing out in the queue.
 * The queue bound is what drains within the maximum wait, so it follows the model's real speed.
 */
export class AdmissionControl {
  private readonly drain = new DrainRate();
  private readonly waitRatios: number[] = [];

  constructor(private readonly settings: AdmissionSettings) {}

  /** A batch of `items` ran for `execMs`; `intervalMs` of busy wall time passed since the previous batch finished. */
  recordBatch(items: number, execMs: number, intervalMs: number): void {
    this.drain.record(items, execMs, intervalMs);
  }

  /** Items per second the queue drains (undefined before the first batch). */
  get itemsPerSecond(): number | undefined {
    return this.drain.rate;
  }

  get expectedBatchMs(): number | undefined {
    return this.drain.expectedBatchMs;
  }

  /**
   * An item's real queue wait against the plain prediction it was admitted with. Length buckets let
   * newer items of a bucket being served overtake older ones of other buckets, which the count ahead
   * does not see; the ratio corrects the predictions for that (and any other bias) as it shows.
   */
  recordWait(plainPredictionMs: number, actualMs: number): void {
    if (plainPredictionMs < MIN_CALIBRATING_WAIT_MS) return;
    this.waitRatios.push(Math.min(4, Math.max(0.25, actualMs / plainPredictionMs)));
    if (this.waitRatios.length > CALIBRATION_WINDOW) this.waitRatios.shift();
  }

  /** How much longer than predicted items have really waited lately; never below 1. */
  get calibration(): number {
    if (!this.waitRatios.length) return 1;
    return Math.max(1, this.waitRatios.reduce((a, b) => a + b, 0) / this.waitRatios.length);
  }

  /** Without a measurement: a batch running and a batch waiting per instance, so a cold model still fills its first batches. */
  get floor(): number {
    return 2 * this.settings.maxBatchSize * this.settings.concurrency;
  }

  /** Items that may wait in `lane` and the lanes ahead of it: what drains within the lane's maximum wait, within [floor, ceiling]. */
  queueBound(lane: Priority): number {
    const rate = this.itemsPerSecond;
    const drained = rate === undefined ? 0 : Math.floor((rate * this.settings.maxQueueWaitMs[lane]) / 1000 / this.calibration);
    return Math.min(this.settings.maxQueueSize, Math.max(this.floor, drained));
  }

  /** Milliseconds the last of `items` new items would wait behind `ahead`, calibrated; undefined before the first batch. */
  predictWaitMs(ahead: number, busy: boolean, items = 1): number | undefined {
    const plain = this.plainWaitMs(ahead, busy, items);
    return plain === undefined ? undefined : plain * this.calibration;
  }

  /** The same from the count ahead and the drain rate alone (what recordWait compares real waits with). */
  plainWaitMs(ahead: number, busy: boolean, items = 1): number | undefined {
    const rate = this.itemsPerSecond;
    const batchMs = this.drain.expectedBatchMs;
    if (rate === undefined || batchMs === undefined) return undefined;
    return ((ahead + Math.max(0, items - 1)) * 1000) / rate + (busy ? batchMs : 0);
  }

  /** Items the next round of batches takes (one batch per instance). */
  get nextBatches(): number {
    return this.settings.maxBatchSize * this.settings.concurrency;
  }

  decide(queue: QueueSnapshot): AdmissionDecision {
    const queueBound = this.queueBound(queue.lane);
    // The wait in the queue, before the request's first item runs: its own items are work, not waiting.
    const predictedWaitMs = this.predictWaitMs(queue.ahead, queue.busy);
    const base = { lane: queue.lane, predictedWaitMs, queueDepth: queue.depth, queueBound };
    // What joins the next round of batches waits only for the batches running now: refusing it would shorten
    // no one's wait and leave the model idle (a model whose batch takes longer than the maximum wait would
    // otherwise refuse everything while it works).
    if (predictedWaitMs !== undefined && queue.ahead >= this.nextBatches) {
      const maxWaitMs = this.settings.maxQueueWaitMs[queue.lane];
      const limitMs = Math.min(maxWaitMs, queue.deadlineMs ?? Infinity);
      if (predictedWaitMs > limitMs) {
        const reason = limitMs < maxWaitMs ? 'deadline' : 'predicted_wait';
        return { ...base, admitted: false, reason, limitMs, retryAfterSeconds: wholeSeconds(predictedWaitMs - limitMs) };
      }
    }
    // The request's own items do not count: one larger than the bound still runs once the queue is empty.
    const excess = Math.max(queue.ahead - queueBound, queue.depth - this.settings.maxQueueSize);
    if (excess >= 0) return { ...base, admitted: false, reason: 'queue_full', limitMs: undefined, retryAfterSeconds: this.secondsToDrain(excess + 1) };
    return { ...base, admitted: true };
  }

  /** Seconds until `items` have drained at the measured rate (1 while unmeasured). */
  private secondsToDrain(items: number): number {
    const rate = this.itemsPerSecond;
    return rate === undefined ? 1 : wholeSeconds((items * 1000) / rate);
  }
}
