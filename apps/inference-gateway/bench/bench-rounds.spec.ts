import { latencyStats } from '@matrix/dev-harness';
import type { GatewayRun } from './bench-gateway';
import { fastestRow, meanRawRow, poolGatewayRuns } from './bench-rounds';

function run(latencies: number[], seconds: number, extra: Partial<GatewayRun> = {}): GatewayRun {
  return {
    result: {
      ...latencyStats(latencies),
      requests: latencies.length,
      errors: 0,
      requestsPerSecond: latencies.length / seconds,
      seconds,
      refusals: latencyStats([]),
      refusedShare: 0,
    },
    attempts: latencyStats(latencies),
    refusals: 0,
    attemptLatencies: latencies,
    answerLatencies: latencies,
    wallMs: seconds * 1000,
    clientCpuShare: 0.04,
    gatewayCpuMsPerRequest: 10,
    gatewayCpuShare: 0.5,
    gatewayThreads: undefined,
    meanBatch: 4,
    modelBusy: 1,
    ...extra,
  };
}

describe('bench rounds', () => {
  it('pools rounds: requests over total time, percentiles over every latency, CPU per request weighted by requests', () => {
    const slow = run(
      Array.from({ length: 10 }, () => 100),
      1,
      { gatewayCpuMsPerRequest: 20, clientCpuShare: 0.02 },
    );
    const fast = run(
      Array.from({ length: 30 }, () => 10),
      1,
      { gatewayCpuMsPerRequest: 10, clientCpuShare: 0.06 },
    );
    const pooled = poolGatewayRuns([slow, fast]);
    expect(pooled.result.requests).toBe(40);
    expect(pooled.result.requestsPerSecond).toBe(20);
    // 10 of 40 latencies are 100 ms: the pooled p95 is one of them, the p50 is a fast one.
    expect(pooled.attempts.p95Ms).toBe(100);
    expect(pooled.result.p50Ms).toBe(10);
    expect(pooled.gatewayCpuMsPerRequest).toBeCloseTo((10 * 20 + 30 * 10) / 40);
    expect(pooled.clientCpuShare).toBeCloseTo(0.04);
  });

  it('leaves gateway CPU undefined when a round could not measure it', () => {
    expect(poolGatewayRuns([run([5], 1), run([5], 1, { gatewayCpuMsPerRequest: undefined })]).gatewayCpuMsPerRequest).toBeUndefined();
  });

  it("adds up each thread's CPU over the rounds (the same gateway process: thread ids match)", () => {
    const threads = (main: number, model: number) =>
      new Map([
        [100, { name: 'node', ms: main }],
        [101, { name: 'node', ms: model }],
      ]);
    const pooled = poolGatewayRuns([run([5], 1, { gatewayThreads: threads(30, 200) }), run([5], 1, { gatewayThreads: threads(10, 100) })]);
    expect(pooled.gatewayThreads).toEqual(threads(40, 300));
    expect(poolGatewayRuns([run([5], 1, { gatewayThreads: threads(1, 1) }), run([5], 1)]).gatewayThreads).toBeUndefined();
  });

  it('chooses the batch size by the sweep and reports the mean of the rounds', () => {
    const sweep = [1, 8, 16].map((batchSize) => ({ batchSize, itemsPerSecond: batchSize === 8 ? 130 : 100, msPerBatch: 1, cpuMsPerItem: 14, items: 300 }));
    expect(fastestRow(sweep).batchSize).toBe(8);
    const rounds = [110, 120, 130].map((itemsPerSecond) => ({ batchSize: 8, itemsPerSecond, msPerBatch: 60, cpuMsPerItem: 13, items: itemsPerSecond * 3 }));
    expect(meanRawRow(rounds)).toEqual({ batchSize: 8, itemsPerSecond: 120, msPerBatch: 60, cpuMsPerItem: 13, items: 360 });
  });
});
