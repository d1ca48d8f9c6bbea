import { latencyStats, LatencyStats } from './latency-stats';

export interface LoadOptions {
  /** Clients, each sending its next request when the previous one answered (closed loop). */
  concurrency: number;
  /** Measured period; a warm-up of `warmupMs` runs first and is not counted. */
  durationMs: number;
  warmupMs?: number;
  /** One request; `i` counts requests across all clients (pick inputs round-robin with it). */
  request: (i: number) => Promise<void>;
}

export interface LoadResult extends LatencyStats {
  requests: number;
  errors: number;
  firstError?: string;
  requestsPerSecond: number;
  seconds: number;
}

/** Closed-loop load: `concurrency` clients for a fixed time, with latency percentiles. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  const run = async (untilMs: number, record: boolean, latencies: number[], errors: { n: number; first?: string }) => {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < untilMs) {
          const started = performance.now();
          try {
            await options.request(counter++);
            if (record) latencies.push(performance.now() - started);
          } catch (error) {
            if (record) {
              errors.n++;
              errors.first ??= (error as Error).message;
            }
          }
        }
      }),
    );
  };
  if (options.warmupMs) await run(performance.now() + options.warmupMs, false, [], { n: 0 });
  const latencies: number[] = [];
  const errors: { n: number; first?: string } = { n: 0 };
  const started = performance.now();
  await run(started + options.durationMs, true, latencies, errors);
  const seconds = (performance.now() - started) / 1000;
  return {
    ...latencyStats(latencies),
    requests: latencies.length,
    errors: errors.n,
    firstError: errors.first,
    requestsPerSecond: latencies.length / seconds,
    seconds,
  };
}
