import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, LatencyStats, LoadResult, startGatewayProcess } from '@matrix/dev-harness';
import { workspaceRoot } from '@matrix/paths';
import { BatchCounters, batchCounters, batchStats } from './batch-stats';
import type { BenchInputs, BenchModel } from './bench-requests';
import { runLoadClient } from './load-client-process';
import { machineCores, pinProcess, Placement, processCpuMs } from './process-placement';
import { ThreadCpu, threadCpuDelta, threadCpuMs } from './thread-cpu';

export interface BenchGatewayOptions {
  batching: boolean;
  /** Cores the gateway (every thread) is pinned to; undefined: any. */
  cpus?: string;
  /** Where CPU profiles of the gateway's main thread go, one per measured run (<dir>/<model>/gateway.cpuprofile). */
  profileDir?: string;
}

export interface GatewayRun {
  /** Per request: latencies are times to an answer, a refused request's retries included. */
  result: LoadResult;
  /** Per attempt: the answered attempts' latencies (what the bench reported before retries were counted), and refusals. */
  attempts: LatencyStats;
  refusals: number;
  /** The raw latencies behind `attempts` and `result` (first attempt to answer), for pooling rounds. */
  attemptLatencies: number[];
  answerLatencies: number[];
  /** The load client's measured period. */
  wallMs: number;
  /** The load clients' CPU time over the measured period ÷ (wall time × the machine's cores). */
  clientCpuShare: number;
  /** The gateway process's CPU time (every thread: HTTP, batching, models) per answered request; undefined without /proc. */
  gatewayCpuMsPerRequest: number | undefined;
  /** The gateway's CPU time ÷ (wall time × cores). */
  gatewayCpuShare: number | undefined;
  /** The gateway's CPU time by thread id over the measured period (`--threads`); undefined without /proc. */
  gatewayThreads: Map<number, ThreadCpu> | undefined;
  /** Requests per batch the gateway ran, and the share of the time its model instances were running batches. */
  meanBatch: number;
  modelBusy: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One gateway the bench drives (batched or not), measured in its CPU time and, when asked, profiled. */
export class BenchGateway {
  private constructor(
    private readonly process: AppProcess,
    private readonly options: BenchGatewayOptions,
  ) {}

  static async start(options: BenchGatewayOptions): Promise<BenchGateway> {
    const env: Record<string, string> = { GATEWAY_BATCHING: options.batching ? 'on' : 'off' };
    if (options.profileDir) {
      mkdirSync(options.profileDir, { recursive: true });
      // Signal-windowed profiles (tools/scripts/cpu-profile-window.cjs): the measured period only, not start-up.
      env.CPU_PROFILE_DIR = options.profileDir;
      env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${join(workspaceRoot(), 'tools', 'scripts', 'cpu-profile-window.cjs')}`.trim();
    }
    const started = await startGatewayProcess(env);
    if (options.cpus !== undefined && started.pid) pinProcess(started.pid, options.cpus);
    return new BenchGateway(started, options);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get url(): string {
    return this.process.url;
  }

  /** Runs the load clients against `model` in their own process and measures both sides over the same period. */
  async measure(
    model: BenchModel,
    load: { concurrency: number; durationMs: number; warmupMs: number; inputs: BenchInputs },
    clients: Placement,
    instances: number,
  ): Promise<GatewayRun> {
    try {
      return await this.measureRun(model, load, clients, instances);
    } catch (error) {
      throw (await this.diedError(model, error as Error)) ?? error;
    }
  }

  /** When the gateway process has ended, an error that says which one, how, and what it printed last (not just "fetch failed"). */
  private async diedError(model: BenchModel, cause: Error): Promise<Error | undefined> {
    // A refused connection can come a moment before the process's exit is reported.
    for (let waited = 0; !this.process.ended() && waited < 1000; waited += 50) await sleep(50);
    const ended = this.process.ended();
    if (!ended) return undefined;
    const mode = this.options.batching ? 'batched' : 'unbatched';
    const output = ended.output.trim().split('\n').slice(-10).join('\n');
    return new Error(
      `the ${mode} gateway (pid ${this.process.pid}) ended with ${ended.how} during the ${model} run (${cause.message})${output ? `; its last output:\n${output}` : ''}`,
      { cause },
    );
  }

  private async measureRun(
    model: BenchModel,
    load: { concurrency: number; durationMs: number; warmupMs: number; inputs: BenchInputs },
    clients: Placement,
    instances: number,
  ): Promise<GatewayRun> {
    const pid = this.process.pid;
    let cpuAtStart: number | undefined;
    let cpuAtEnd: number | undefined;
    let threadsAtStart: Map<number, ThreadCpu> | undefined;
    let threadsAtEnd: Map<number, ThreadCpu> | undefined;
    let countersAtStart: Promise<BatchCounters> | undefined;
    let window = 0;
    const report = await runLoadClient({ baseUrl: this.url, model, ...load }, clients, {
      onMeasuring: () => {
        cpuAtStart = pid ? processCpuMs(pid) : undefined;
        threadsAtStart = pid ? threadCpuMs(pid) : undefined;
        countersAtStart = batchCounters(this.url, model);
        this.toggleProfile();
      },
      onDone: () => {
        cpuAtEnd = pid ? processCpuMs(pid) : undefined;
        threadsAtEnd = pid ? threadCpuMs(pid) : undefined;
        window = this.toggleProfile();
      },
    });
    const batches = batchStats(await (countersAtStart ?? batchCounters(this.url, model)), await batchCounters(this.url, model), report.wallMs, instances);
    if (window) await this.keepProfile(window, model);
    const gatewayCpuMs = cpuAtStart !== undefined && cpuAtEnd !== undefined ? cpuAtEnd - cpuAtStart : undefined;
    const machineMs = report.wallMs * machineCores();
    return {
      result: report.result,
      attempts: report.attempts,
      refusals: report.refusals,
      attemptLatencies: report.attemptLatencies,
      answerLatencies: report.answerLatencies,
      wallMs: report.wallMs,
      clientCpuShare: report.cpuMs / machineMs,
      gatewayCpuMsPerRequest: gatewayCpuMs === undefined ? undefined : gatewayCpuMs / Math.max(1, report.result.requests),
      gatewayCpuShare: gatewayCpuMs === undefined ? undefined : gatewayCpuMs / machineMs,
      gatewayThreads: threadsAtStart && threadsAtEnd ? threadCpuDelta(threadsAtStart, threadsAtEnd) : undefined,
      ...batches,
    };
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  private windows = 0;
  private profiling = false;

  /** Starts or stops the gateway's profile window (SIGWINCH to cpu-profile-window.cjs); returns the window number when it stops one. */
  private toggleProfile(): number {
    if (!this.options.profileDir || !this.process.pid) return 0;
    process.kill(this.process.pid, 'SIGWINCH');
    this.profiling = !this.profiling;
    return this.profiling ? 0 : ++this.windows;
  }

  /** Waits for the window's profile and files it under the model's name. */
  private async keepProfile(window: number, model: BenchModel): Promise<void> {
    const dir = this.options.profileDir as string;
    const written = join(dir, `CPU.${this.process.pid}.${window}.cpuprofile`);
    for (let waited = 0; !existsSync(written) && waited < 10_000; waited += 100) await sleep(100);
    if (!existsSync(written)) throw new Error(`the gateway wrote no CPU profile ${written}`);
    mkdirSync(join(dir, model), { recursive: true });
    renameSync(written, join(dir, model, 'gateway.cpuprofile'));
  }
}
