import { GatewayClient } from '@matrix/gateway-client';
import { latencyStats, type LatencyStats } from './latency-stats';
import { runLoad, type LoadResult, type Refusal } from './load-generator';
import { refusalAware } from './refusal-aware';

export interface GatewayOverloadOptions {
  /** A running gateway that serves `model`. */
  gatewayUrl: string;
  clients: number;
  /** Measured period (after a 1 s warm-up). */
  seconds: number;
  /** A text-embedding model of the gateway. */
  model: string;
  /** Inputs, sent round-robin one per request. */
  texts: readonly string[];
}

export interface GatewayOverloadResult {
  clients: number;
  /** The measured period: admitted latency, refusals (time to 429), 429 share, other errors. */
  load: LoadResult;
  /** Refusals in the first second, when every client connects and asks at the same instant (not in `load`). */
  burst: LatencyStats;
  /** The gateway's admission lines of /metrics at the end (drain rate, queue bound, rejections, queue times). */
  admissionMetrics: string[];
}

const ADMISSION_METRIC =
  /^gateway_(drain_rate_items_per_second|queue_bound|admission_rejections_total|batch_size_(sum|count)|queue_duration_seconds_(count|bucket\{le="(0.5|1|2.5)"))[{,]/;

/**
 * Immediate backpressure under a crowd, measured: ordinary traffic first teaches the gateway the
 * model's pace, then `clients` closed-loop clients (each a well-behaved client that waits its
 * Retry-After after a 429) ask for a 1 s warm-up and `seconds` measured. `inference-gateway:overload`
 * prints it; the chaos suite (`workspace-tools:chaos`) checks its p95 time to 429.
 */
export async function measureGatewayOverload(options: GatewayOverloadOptions): Promise<GatewayOverloadResult> {
  const { texts, model } = options;
  const client = new GatewayClient({ baseUrl: options.gatewayUrl, maxRetries: 0, timeoutMs: 60_000 });
  // The first second (every client connecting and asking at the same instant) is timed apart.
  let burstUntil = 0;
  const burstRefusals: number[] = [];
  const request = async (i: number): Promise<Refusal | undefined> => {
    const started = performance.now();
    const refusal = await refusalAware(() => client.embed([texts[i % texts.length]], { model }));
    if (refusal && started < burstUntil) burstRefusals.push(performance.now() - started);
    return refusal;
  };
  // Ordinary traffic first, so the gateway has measured the model (a cold model admits a fixed floor instead).
  await runLoad({ concurrency: 8, durationMs: 1000, request });
  burstUntil = performance.now() + 1000;
  const load = await runLoad({ concurrency: options.clients, warmupMs: 1000, durationMs: options.seconds * 1000, request });
  const metrics = await (await fetch(`${options.gatewayUrl}/metrics`)).text();
  return {
    clients: options.clients,
    load,
    burst: latencyStats(burstRefusals),
    admissionMetrics: metrics.split('\n').filter((line) => ADMISSION_METRIC.test(line)),
  };
}
