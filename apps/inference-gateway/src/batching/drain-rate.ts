interface BatchSample {
  items: number;
  /** Busy wall time since the previous batch finished (or since work resumed after an idle spell). */
  intervalMs: number;
  execMs: number;
}

/**
 * How fast a model's queue really drains: items completed per second of busy wall time over its
 * last batches — every instance, the batch sizes its traffic allows and the CPU it gets included —
 * and how long one batch takes. Admission control predicts queue waits (and Retry-After) from it.
 */
export class DrainRate {
  private readonly samples: BatchSample[] = [];

  constructor(private readonly window = 8) {}

  record(items: number, execMs: number, intervalMs: number): void {
    if (items <= 0 || execMs <= 0) return;
    this.samples.push({ items, execMs, intervalMs: Math.max(0, intervalMs) });
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** Items per second (undefined before the first batch). */
  get rate(): number | undefined {
    const busyMs = this.sum((s) => s.intervalMs);
    return busyMs > 0 ? (this.sum((s) => s.items) * 1000) / busyMs : undefined;
  }

  /** Milliseconds one batch takes (undefined before the first batch). */
  get expectedBatchMs(): number | undefined {
    return this.samples.length ? this.sum((s) => s.execMs) / this.samples.length : undefined;
  }

  private sum(of: (sample: BatchSample) => number): number {
    return this.samples.reduce((total, sample) => total + of(sample), 0);
  }
}
