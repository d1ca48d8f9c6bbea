import type { JobWaiting } from '@matrix/product-contract';

/** Time as the job queue sees it: real by default, a fake one in tests (a 10-minute window in milliseconds). */
export interface JobClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: JobClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

/**
 * Which failures a job waits out rather than fails on (the inference gateway unreachable, overloaded, a model not
 * served yet), and for how long. The job queue stays ignorant of gateways: the product server supplies `reasonFor`.
 */
export interface DependencyWaitPolicy {
  /** "waiting for the inference gateway" for an error worth waiting out; null for a real failure. */
  reasonFor(error: unknown): string | null;
  /** How long one wait may last before the job fails (default 10 minutes). */
  windowMs?: number;
  /** First pause (default 1 s); each next one doubles, up to maxDelayMs (default 15 s: a job goes on soon after the dependency is back). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export const DEFAULT_DEPENDENCY_WINDOW_MS = 10 * 60_000;

/** Thrown once a dependency stayed unavailable for the whole window: the job then fails with this message. */
export class DependencyWaitExpired extends Error {
  constructor(reason: string, windowMs: number, lastError: string) {
    const window = windowMs >= 60_000 ? `${Math.round((windowMs / 60_000) * 10) / 10} min` : `${Math.round(windowMs / 1000)} s`;
    super(`gave up after ${window} ${reason}: ${lastError}`);
    this.name = 'DependencyWaitExpired';
  }
}

export function parseWaiting(stored: string | null | undefined): JobWaiting | null {
  if (!stored) return null;
  try {
    return JSON.parse(stored) as JobWaiting;
  } catch {
    return null;
  }
}

/** The backoff before try `attempt` (1-based): initial, ×2 each time, capped. */
export function backoffDelayMs(attempt: number, policy: Pick<DependencyWaitPolicy, 'initialDelayMs' | 'maxDelayMs'>): number {
  const initial = policy.initialDelayMs ?? 1000;
  const max = policy.maxDelayMs ?? 15_000;
  return Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
}

/**
 * The next waiting state after a failure worth waiting out, or null once the window is over. A wait that began
 * before a restart keeps its start (`previous`), so a restart does not lengthen the window.
 */
export function nextWaiting(previous: JobWaiting | null, reason: string, error: unknown, now: number, policy: DependencyWaitPolicy): JobWaiting | null {
  const windowMs = policy.windowMs ?? DEFAULT_DEPENDENCY_WINDOW_MS;
  const since = previous ? Date.parse(previous.since) : now;
  const giveUpAt = since + windowMs;
  if (now >= giveUpAt) return null;
  const attempts = (previous?.attempts ?? 0) + 1;
  const nextAttemptAt = Math.min(giveUpAt, now + backoffDelayMs(attempts, policy));
  return {
    reason,
    lastError: error instanceof Error ? error.message : String(error),
    since: new Date(since).toISOString(),
    nextAttemptAt: new Date(nextAttemptAt).toISOString(),
    giveUpAt: new Date(giveUpAt).toISOString(),
    attempts,
  };
}
