/**
 * Sliding-window limit per key (a conversation): at most `limit` events in any `windowMs`.
 * In memory, per process: the embedded default (one API process). In production mode (Redis) the
 * conversation service counts in Redis instead (SharedWindowLimiter), so replicas share one limit.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event; returns 0 when allowed, else the seconds until the next one would be. */
  take(key: string): number {
    const now = this.now();
    const recent = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.events.set(key, recent);
    if (this.events.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.events) if (times.every((t) => now - t >= this.windowMs)) this.events.delete(key);
  }
}
