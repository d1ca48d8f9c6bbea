/**
 * Exponentially weighted estimates of how fast one model instance completes queued items and how
 * long one of its batches takes. Admission control predicts queue waits (and Retry-After) from them.
 */
export class DrainRate {
  private itemsPerSecond: number | undefined;
  private batchMs: number | undefined;

  constructor(private readonly smoothing = 0.3) {}

  record(items: number, elapsedMs: number): void {
    if (items <= 0 || elapsedMs <= 0) return;
    this.itemsPerSecond = this.smooth(this.itemsPerSecond, (items * 1000) / elapsedMs);
    this.batchMs = this.smooth(this.batchMs, elapsedMs);
  }

  /** Items per second one instance has been completing lately (undefined before the first batch). */
  get rate(): number | undefined {
    return this.itemsPerSecond;
  }

  /** Milliseconds one batch has been taking lately (undefined before the first batch). */
  get expectedBatchMs(): number | undefined {
    return this.batchMs;
  }

  private smooth(previous: number | undefined, sample: number): number {
    return previous === undefined ? sample : this.smoothing * sample + (1 - this.smoothing) * previous;
  }
}
