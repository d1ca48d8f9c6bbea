'use client';
import { isFinishedJob, type JobView } from '@matrix/product-contract';
import { useCallback, useEffect, useState } from 'react';
import { followJob } from './job-follower';

export interface PolledJobOptions {
  /** Between polls while all is well (ms; default 600). */
  intervalMs?: number;
  /** Backoff while the API is unreachable: first wait (default 1 s), doubling up to maxBackoffMs (default 15 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** The job's URL (default `/api/jobs/:id`; a product route such as `/api/training-jobs/:id` works too). */
  url?: (id: string) => string;
}

export interface PolledJob<J> {
  /** The latest job seen (kept while reconnecting, so the page does not jump back). */
  job: J | null;
  /** True while the API cannot be reached (restart, 502/503/504): the page shows "reconnecting…" and keeps trying. */
  reconnecting: boolean;
  /** An error that will not pass by itself (404, 400): polling stops. */
  error: unknown;
  /** Replaces the job (the answer of a start, retry or cancel) and follows it again. */
  setJob: (job: J | null) => void;
}

/**
 * Follows a background job by polling until it has finished (followJob). While the API restarts or is unreachable
 * the poll goes on with backoff and `reconnecting` is true instead of an error; once the API answers again it goes
 * on where the job is now. Only an error that will not pass (the job is gone) stops it.
 */
export function usePolledJob<J extends Pick<JobView, 'id' | 'status'>>(initial: J | null, options: PolledJobOptions = {}): PolledJob<J> {
  const [job, setJobState] = useState<J | null>(initial);
  const [reconnecting, setReconnecting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const setJob = useCallback((next: J | null) => {
    setJobState(next);
    setReconnecting(false);
    setError(null);
    setGeneration((value) => value + 1);
  }, []);

  const { intervalMs, initialBackoffMs, maxBackoffMs } = options;
  const url = job ? (options.url?.(job.id) ?? `/api/jobs/${encodeURIComponent(job.id)}`) : null;
  const finished = job ? isFinishedJob(job.status) : true;
  useEffect(() => {
    if (!url || finished) return undefined;
    return followJob<J>({ url, intervalMs, initialBackoffMs, maxBackoffMs, onJob: setJobState, onReconnecting: setReconnecting, onError: setError });
  }, [url, finished, generation, intervalMs, initialBackoffMs, maxBackoffMs]);

  return { job, reconnecting, error, setJob };
}
