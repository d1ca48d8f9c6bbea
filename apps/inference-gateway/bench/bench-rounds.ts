import { latencyStats } from '@matrix/dev-harness';
import type { GatewayRun } from './bench-gateway';
import { sumThreadCpu } from './thread-cpu';

/** The runtime alone at one batch size, in this process. */
export interface RawRow {
  batchSize: number;
  itemsPerSecond: number;
  msPerBatch: number;
  /** CPU time of this process (every thread) per item. */
  cpuMsPerItem: number;
  /** Items the measurement ran. */
  items: number;
}

/** The row with the most items/s: the sweep only chooses the batch size; the figure comes from later rounds. */
export function fastestRow(rows: RawRow[]): RawRow {
  return rows.reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a));
}

/** The mean of rounds at one batch size. */
export function meanRawRow(rows: RawRow[]): RawRow {
  const mean = (pick: (r: RawRow) => number) => rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
  return {
    batchSize: rows[0].batchSize,
    itemsPerSecond: mean((r) => r.itemsPerSecond),
    msPerBatch: mean((r) => r.msPerBatch),
    cpuMsPerItem: mean((r) => r.cpuMsPerItem),
    items: mean((r) => r.items),
  };
}

/**
 * Rounds of one gateway pooled into one run: requests and time add up, latency percentiles come from every
 * round's latencies together, CPU and batch figures are weighted by requests or time.
 */
export function poolGatewayRuns(runs: GatewayRun[]): GatewayRun {
  const sum = (pick: (r: GatewayRun) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.result.requests);
  const seconds = sum((r) => r.result.seconds);
  const wallMs = sum((r) => r.wallMs);
  const byRequests = (pick: (r: GatewayRun) => number | undefined) =>
    runs.some((r) => pick(r) === undefined) ? undefined : sum((r) => (pick(r) as number) * r.result.requests) / Math.max(1, requests);
  const byTime = (pick: (r: GatewayRun) => number | undefined) =>
    runs.some((r) => pick(r) === undefined) ? undefined : sum((r) => (pick(r) as number) * r.wallMs) / Math.max(1, wallMs);
  const attemptLatencies = runs.flatMap((r) => r.attemptLatencies);
  const answerLatencies = runs.flatMap((r) => r.answerLatencies);
  const refusedAttempts = sum((r) => r.refusals);
  return {
    result: {
      ...latencyStats(answerLatencies),
      requests,
      errors: sum((r) => r.result.errors),
      firstError: runs.find((r) => r.result.firstError)?.result.firstError,
      requestsPerSecond: requests / seconds,
      seconds,
      refusals: latencyStats([]),
      refusedShare: refusedAttempts / Math.max(1, refusedAttempts + attemptLatencies.length),
    },
    attempts: latencyStats(attemptLatencies),
    refusals: refusedAttempts,
    attemptLatencies,
    answerLatencies,
    wallMs,
    clientCpuShare: byTime((r) => r.clientCpuShare) as number,
    gatewayCpuMsPerRequest: byRequests((r) => r.gatewayCpuMsPerRequest),
    gatewayCpuShare: byTime((r) => r.gatewayCpuShare),
    // The same gateway process in every round, so thread ids match and times add up.
    gatewayThreads: sumThreadCpu(runs.map((r) => r.gatewayThreads)),
    meanBatch: byRequests((r) => r.meanBatch) as number,
    modelBusy: byTime((r) => r.modelBusy) as number,
  };
}
