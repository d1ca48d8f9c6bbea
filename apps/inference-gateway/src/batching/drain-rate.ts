/**
 * Exponentially weighted estimate of how many queued items a model completes per second.
 * Retry-After is derived from it, so clients back off as long as the queue really needs.
 */
export class DrainRate {
  private itemsPerSecond: number | undefined;

  constructor(private readonly smoothing = 0.3) {}

  record(items: number, elapsedMs: number): void {
    if (items <= 0 || elapsedMs <= 0) return;
    const sample = (items * 1000) / elapsedMs;
    this.itemsPerSecond = this.itemsPerSecond === undefined ? sample : this.smoothing * sample + (1 - this.smoothing) * this.itemsPerSecond;
  }

  get rate(): number | undefined {
    return this.itemsPerSecond;
  }

  /** Seconds until `queued` items would have drained; at least 1, unknown rate → 1. */
  secondsToDrain(queued: number): number {
    if (!this.itemsPerSecond) return 1;
    return Math.max(1, Math.ceil(queued / this.itemsPerSecond));
  }
}
