import { isDatabaseContention } from '@matrix/db';
import { GatewayError } from '@matrix/gateway-client';
import { ApiError } from './api-error';

/**
 * Whether a failure is worth trying again later: the gateway unreachable, overloaded (429/503) or
 * failing (5xx), a product's own 503 (model not served yet, gateway unavailable), or database contention
 * (a lock or pool wait past its bound). Bad input never is.
 */
export function isTransient(error: unknown): boolean {
  if (isDatabaseContention(error)) return true;
  if (error instanceof GatewayError) return error.retryable || error.status >= 500;
  return error instanceof ApiError && error.status === 503;
}

export interface RetryOptions {
  /** No retry once it aborts (shutdown): the error goes up at once. */
  signal?: AbortSignal;
  /** Told before each wait (a log line). */
  onRetry?: (error: Error, delayMs: number) => void;
}

/** Runs `work`, and again after each delay in turn while it fails transiently (isTransient); then throws the last error. */
export async function retryTransient<T>(work: () => Promise<T>, delaysMs: readonly number[], options: RetryOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error) || attempt >= delaysMs.length || options.signal?.aborted) throw error;
      options.onRetry?.(error as Error, delaysMs[attempt]);
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}
