export interface BackoffOptions {
  /** First wait (default 1 s); each next one doubles, up to maxMs. */
  initialMs?: number;
  /** Longest wait between two tries (default 30 s). */
  maxMs?: number;
  /** Give up (throw the last error) once this long has passed since the first try; default never. */
  giveUpAfterMs?: number;
  /** Whether a failure may go away by itself (default: every failure). */
  retryable?: (error: unknown) => boolean;
  /** Told before each wait (a log line, a readiness reason). */
  onRetry?: (error: Error, delayMs: number, attempt: number) => void;
  /** Stops waiting at once (shutdown): the last error goes up. */
  signal?: AbortSignal;
}

/** The wait before try `attempt + 1`: initial × 2^attempt, capped. */
export function backoffDelay(attempt: number, initialMs = 1000, maxMs = 30_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `work` until it succeeds, waiting longer after each failure (exponential backoff): for first-run work that
 * depends on another service (the gateway) which may come up later than this process.
 */
export async function retryWithBackoff<T>(work: (attempt: number) => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const delay = backoffDelay(attempt, options.initialMs, options.maxMs);
      const outOfTime = options.giveUpAfterMs !== undefined && Date.now() + delay - started > options.giveUpAfterMs;
      if (options.signal?.aborted || outOfTime || !(options.retryable?.(error) ?? true)) throw error;
      options.onRetry?.(error as Error, delay, attempt + 1);
      await sleep(delay, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}
