import type { LatencyStats, LoadResult } from '@matrix/dev-harness';
import type { BenchInputs, BenchModel } from './bench-requests';

/** What the bench asks one load-client process to do. */
export interface LoadJob {
  baseUrl: string;
  model: BenchModel;
  inputs: BenchInputs;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

/** The load client's messages: it is ready for its job, the measured period starts (after the warm-up), its result. */
export type LoadClientMessage =
  | { type: 'ready' }
  | { type: 'measuring' }
  | {
      type: 'done';
      /** Per request, a refused one retried after its Retry-After: latencies are times to an answer. */
      result: LoadResult;
      /** Per attempt: latencies of the answered attempts, and the refused attempts. */
      attempts: LatencyStats;
      /** The raw latencies behind `attempts` and `result`, so runs can be pooled (answers: first attempt to answer). */
      attemptLatencies: number[];
      answerLatencies: number[];
      refusals: number;
      /** The client process's own CPU time (user + system, every thread) and wall time over the measured period. */
      cpuMs: number;
      wallMs: number;
    }
  | { type: 'failed'; message: string };
