import { latencyStats, LatencyStats } from './latency-stats';

/** A request the server refused for overload (429): the client pauses as long as it was told before its next one. */
export interface Refusal {
  refused: true;
  /** Pause before this client's next request (the Retry-After). */
  pauseMs: number;
}

export interface LoadOptions {
  /** Clients, each sending its next request when the previous one answered (closed loop). */
  concurrency: number;
  /** Measured period; a warm-up of `warmupMs` runs first (the same clients, without a pause) and is not counted. */
  durationMs: number;
  warmupMs?: number;
  /** One request; `i` counts requests across all clients (pick inputs round-robin with it). Resolves to a Refusal when refused. */
  request: (i: number) => Promise<void | Refusal>;
}

export interface LoadResult extends LatencyStats {
  requests: number;
  errors: number;
  firstError?: string;
  requestsPerSecond: number;
  seconds: number;
  /** Time from sending each refused request to its refusal. */
  refusals: LatencyStats;
  /** Refused requests among all requests sent in the measured period. */
  refusedShare: number;
}

interface Tally {
  latencies: number[];
  refusals: number[];
  errors: number;
  firstError?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Closed-loop load: `concurrency` clients for a fixed time, with latency percentiles of answers and of refusals. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  const measureFrom = performance.now() + (options.warmupMs ?? 0);
  const until = measureFrom + options.durationMs;
  const tally: Tally = { latencies: [], refusals: [], errors: 0 };
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        // Requests sent during the warm-up are not counted; the clients go on without a break.
        const counted = started >= measureFrom;
        try {
          const outcome = await options.request(counter++);
          const elapsed = performance.now() - started;
          if (outcome?.refused) {
            if (counted) tally.refusals.push(elapsed);
            await sleep(Math.max(0, Math.min(outcome.pauseMs, until - performance.now())));
          } else if (counted) tally.latencies.push(elapsed);
        } catch (error) {
          if (counted) {
            tally.errors++;
            tally.firstError ??= (error as Error).message;
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - measureFrom) / 1000;
  const sent = tally.latencies.length + tally.refusals.length + tally.errors;
  return {
    ...latencyStats(tally.latencies),
    requests: tally.latencies.length,
    errors: tally.errors,
    firstError: tally.firstError,
    requestsPerSecond: tally.latencies.length / seconds,
    seconds,
    refusals: latencyStats(tally.refusals),
    refusedShare: sent ? tally.refusals.length / sent : 0,
  };
}
