import { isFinishedJob } from '@matrix/product-contract';
import { isTemporaryApiError } from './api-error';
import { apiFetch } from './api-fetch';

export interface JobFollowerOptions<J> {
  /** The job's URL, e.g. `/api/jobs/j1`. */
  url: string;
  /** Between polls while all is well (ms; default 600). */
  intervalMs?: number;
  /** Backoff while the API is unreachable: first wait (default 1 s), doubling up to maxBackoffMs (default 15 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  fetchImpl?: typeof fetch;
  /** Each answer (the job as it is now). */
  onJob: (job: J) => void;
  /** True from the first temporary failure (restart, 502/503/504, unreachable), false again once the API answers. */
  onReconnecting: (reconnecting: boolean) => void;
  /** An error that will not pass by itself (404…): following stops. */
  onError: (error: unknown) => void;
}

/**
 * Polls a job until it has finished, riding out API restarts: a temporary failure is retried with backoff and
 * reported as reconnecting, never as an error. Returns stop(). Used by usePolledJob; plain code, so it is tested
 * through the real /api proxy without a browser.
 */
export function followJob<J extends { status: string }>(options: JobFollowerOptions<J>): () => void {
  const { intervalMs = 600, initialBackoffMs = 1000, maxBackoffMs = 15_000 } = options;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const poll = async () => {
    try {
      const job = await apiFetch<J>(options.url, { signal: controller.signal, fetchImpl: options.fetchImpl });
      if (controller.signal.aborted) return;
      if (failures > 0) options.onReconnecting(false);
      failures = 0;
      options.onJob(job);
      if (!isFinishedJob(job.status)) timer = setTimeout(poll, intervalMs);
    } catch (caught) {
      if (controller.signal.aborted) return;
      if (!isTemporaryApiError(caught)) return options.onError(caught);
      if (failures === 0) options.onReconnecting(true);
      failures++;
      timer = setTimeout(poll, Math.min(maxBackoffMs, initialBackoffMs * 2 ** (failures - 1)));
    }
  };
  timer = setTimeout(poll, intervalMs);
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}
