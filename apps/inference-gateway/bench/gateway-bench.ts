/**
 * `npx nx run inference-gateway:bench` — throughput and latency of the gateway with and without
 * dynamic batching, against the same model called in-process (no HTTP, no queue), on the text
 * embedding model and the image classifier. Starts and stops its own gateways. The load clients
 * run in a process of their own at a lower CPU priority (optionally on their own cores), and the
 * bench reports how much of the machine they used and how much CPU the gateway spent per request.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cliArgs } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { datasetsDir } from '@matrix/paths';
import { createEmbeddingModel } from '../src/tasks/text-embedding.task';
import { createImageClassifier } from '../src/tasks/image-classification.task';
import { DEFAULT_IMAGE_LIMITS } from '../src/tasks/image-decode';
import { BenchGateway, GatewayRun } from './bench-gateway';
import { fastestRow, meanRawRow, poolGatewayRuns, RawRow } from './bench-rounds';
import { BenchInputs, BenchModel, isBenchModel, loadImages, loadSentences } from './bench-requests';
import { loadInProcess } from './in-process-model';
import { machineCores, Placement } from './process-placement';
import { sumThreadCpu, ThreadCpu, threadCpuDelta, threadCpuMs, threadRows } from './thread-cpu';

const USAGE = `Usage: nx run inference-gateway:bench [--concurrency 32] [--seconds 8] [--rounds 5] [--models use-lite-en,mobilenetv2-int8]
  [--texts <sst2-format tsv>] [--images <folder of JPEGs>] [--sizes 1,2,4,8,16,32]
  [--client-nice 19] [--client-cpus <taskset list, e.g. 0>] [--gateway-cpus <taskset list, e.g. 1>]
  [--cpu-prof <folder>: CPU profiles of the gateway's main thread over each measured run, <folder>/<batched|unbatched>/<model>/]
  [--threads true: each gateway's CPU per request by thread (main thread, libvips decoders, model and pool threads)]`;

const args = cliArgs(USAGE, {
  concurrency: '32',
  seconds: '8',
  rounds: '5',
  models: 'use-lite-en,mobilenetv2-int8',
  texts: join(datasetsDir(), 'sst2', 'dev.tsv'),
  images: join(datasetsDir(), 'imagenet-sample', 'images'),
  sizes: '1,2,4,8,16,32',
  'client-nice': '19',
  'client-cpus': '',
  'gateway-cpus': '',
  'cpu-prof': '',
  threads: 'false',
});
const concurrency = Number(args.concurrency);
const durationMs = Number(args.seconds) * 1000;
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1, not '${args.rounds}'`);
const batchSizes = args.sizes.split(',').map(Number);
/**
 * Load before each measured run, not counted: a fresh gateway's first seconds pay for JIT compilation and
 * ONNX Runtime's first run at each new batch shape (the runtime alone is warmed at its one shape too).
 * At 1 s the first round came out ~6 % below the next two, batched and unbatched alike.
 */
const WARMUP_MS = 3000;
const inputs: BenchInputs = { texts: args.texts, images: args.images };
const clients: Placement = { nice: Number(args['client-nice']), cpus: args['client-cpus'] || undefined };
const gatewayCpus = args['gateway-cpus'] || undefined;

/** Items/s at each batch size, with `parallel` batches in flight (one per model instance). */
async function timeBatches<T>(sizes: number[], samples: T[], parallel: number, run: (batch: T[]) => Promise<unknown>): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for (const batchSize of sizes) {
    await run(samples.slice(0, batchSize)); // warm-up at this shape
    let items = 0;
    let batches = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (performance.now() - started < Math.min(3000, durationMs / 2)) {
          const offset = (batches++ * batchSize) % Math.max(1, samples.length - batchSize);
          await run(samples.slice(offset, offset + batchSize));
          items += batchSize;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    rows.push({
      batchSize,
      itemsPerSecond: (items * 1000) / elapsed,
      msPerBatch: (elapsed * parallel) / batches,
      cpuMsPerItem: (cpu.user + cpu.system) / 1000 / items,
      items,
    });
  }
  return rows;
}

/** The runtime alone: the same adapter, manifest and instances in this process, no HTTP, no queue. */
interface RuntimeAlone {
  instances: number;
  /** One row per batch size. */
  sweep(sizes: number[]): Promise<RawRow[]>;
  dispose(): Promise<void>;
}

async function openRuntimeAlone(model: BenchModel): Promise<RuntimeAlone> {
  const { ctx, dispose } = await loadInProcess(model);
  const instances = ctx.entry.instances;
  if (model === 'use-lite-en') {
    const embedder = await createEmbeddingModel(ctx);
    const samples = loadSentences(inputs.texts)
      .slice(0, 512)
      .map((t) => embedder.prepare(t).sample);
    return { instances, dispose, sweep: (sizes) => timeBatches(sizes, samples, instances, (batch) => embedder.adapter.run(batch)) };
  }
  const classifier = createImageClassifier(ctx);
  const images = loadImages(inputs.images);
  return {
    instances,
    dispose,
    // Decoding is part of the work in both paths, so the in-process run decodes too (in parallel).
    sweep: (sizes) =>
      timeBatches(sizes, images, instances, async (batch) =>
        classifier.adapter.run(await Promise.all(batch.map((b) => classifier.prepare(b, DEFAULT_IMAGE_LIMITS)))),
      ),
  };
}

function gatewayRow(mode: string, run: GatewayRun): Record<string, string | number> {
  const r = run.result;
  return {
    mode,
    'req/s': r.requestsPerSecond.toFixed(1),
    p50_ms: run.attempts.p50Ms.toFixed(1),
    p95_ms: run.attempts.p95Ms.toFixed(1),
    p99_ms: run.attempts.p99Ms.toFixed(1),
    errors: r.errors,
    refused: run.refusals,
    'p95 to answer': r.p95Ms.toFixed(1),
    'gateway CPU ms/req': run.gatewayCpuMsPerRequest?.toFixed(1) ?? '',
    'gateway CPU %': run.gatewayCpuShare === undefined ? '' : (100 * run.gatewayCpuShare).toFixed(0),
    'clients CPU %': (100 * run.clientCpuShare).toFixed(1),
    'mean batch': run.meanBatch.toFixed(1),
    'model busy %': (100 * run.modelBusy).toFixed(0),
  };
}

async function main(): Promise<void> {
  const models = args.models.split(',').filter((m): m is BenchModel => {
    if (!isBenchModel(m)) throw new Error(`the bench knows use-lite-en and mobilenetv2-int8, not '${m}'`);
    return true;
  });
  const cores = machineCores();
  const loadAtStart = loadavg()[0];
  console.log(
    `gateway bench: ${concurrency} concurrent clients, ${args.seconds} s per run, models ${models.join(', ')}; ${cores} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `load clients: a separate process at nice ${clients.nice}${clients.cpus ? ` on CPUs ${clients.cpus}` : ''}; gateway${gatewayCpus ? ` on CPUs ${gatewayCpus}` : ' on any CPU'}`,
  );
  const profileDir = args['cpu-prof'] || undefined;
  const [batchedGateway, unbatchedGateway] = await Promise.all(
    [true, false].map((batching) =>
      BenchGateway.start({ batching, cpus: gatewayCpus, profileDir: profileDir && join(profileDir, batching ? 'batched' : 'unbatched') }),
    ),
  );
  const lines: string[] = [];
  try {
    for (const model of models) {
      const runtime = await openRuntimeAlone(model);
      const load = { concurrency, durationMs, warmupMs: WARMUP_MS, inputs };
      let sweep: RawRow[];
      const rawRounds: RawRow[] = [];
      // This process's threads over each runtime-alone round (--threads): the same decoders and model threads, no HTTP.
      const rawThreadRounds: Array<Map<number, ThreadCpu> | undefined> = [];
      const onRounds: GatewayRun[] = [];
      const offRounds: GatewayRun[] = [];
      try {
        // The sweep only chooses the batch size. The runtime alone is then measured in rounds, in turn with the
        // batched and the unbatched gateway (the order reversed every other round), so a load swing on a shared
        // machine touches all three alike and no side gets the sweep's lucky maximum.
        sweep = await runtime.sweep(batchSizes);
        const chosen = fastestRow(sweep).batchSize;
        const steps = [
          async () => {
            const before = threadCpuMs(process.pid);
            rawRounds.push(...(await runtime.sweep([chosen])));
            const after = threadCpuMs(process.pid);
            rawThreadRounds.push(before && after ? threadCpuDelta(before, after) : undefined);
          },
          async () => onRounds.push(await batchedGateway.measure(model, load, clients, runtime.instances)),
          async () => offRounds.push(await unbatchedGateway.measure(model, load, clients, runtime.instances)),
        ];
        for (let round = 0; round < rounds; round++) for (const step of round % 2 ? [...steps].reverse() : steps) await step();
      } finally {
        await runtime.dispose();
      }
      const best = meanRawRow(rawRounds);
      const on = poolGatewayRuns(onRounds);
      const off = poolGatewayRuns(offRounds);
      console.log(`\n${model}: in-process runtime by batch size (same pre/post-processing and instances, no HTTP; the sweep that chooses the batch size)`);
      console.log(
        formatTable(
          sweep.map((r) => ({
            batch: r.batchSize,
            'items/s': r.itemsPerSecond.toFixed(1),
            'ms/batch': r.msPerBatch.toFixed(1),
            'CPU ms/item': r.cpuMsPerItem.toFixed(1),
          })),
        ),
      );
      console.log(`\n${model}: ${rounds} rounds (runtime alone at batch ${best.batchSize}, batched and unbatched gateway in turn)`);
      console.log(
        formatTable(
          rawRounds.map((raw, i) => ({
            round: i + 1,
            'runtime alone items/s': raw.itemsPerSecond.toFixed(1),
            'batched req/s': onRounds[i].result.requestsPerSecond.toFixed(1),
            'unbatched req/s': offRounds[i].result.requestsPerSecond.toFixed(1),
            'batched/raw': (onRounds[i].result.requestsPerSecond / raw.itemsPerSecond).toFixed(2),
            'p95 batched': onRounds[i].attempts.p95Ms.toFixed(1),
            'p95 unbatched': offRounds[i].attempts.p95Ms.toFixed(1),
          })),
        ),
      );
      console.log(
        `\n${model}: through the gateway, ${rounds} rounds pooled, ${concurrency} clients (p50/p95/p99: answered attempts; p95 to answer: a refused request retried after its Retry-After, as the products' client does; clients CPU %: the load clients' share of all ${cores} cores)`,
      );
      const empty = {
        p50_ms: '',
        p95_ms: '',
        p99_ms: '',
        errors: '',
        refused: '',
        'gateway CPU %': '',
        'clients CPU %': '',
        'mean batch': best.batchSize,
        'model busy %': '',
      };
      console.log(
        formatTable([
          gatewayRow('batched', on),
          gatewayRow('unbatched', off),
          {
            mode: `runtime alone (batch ${best.batchSize}, mean of ${rounds})`,
            'req/s': best.itemsPerSecond.toFixed(1),
            ...empty,
            'gateway CPU ms/req': best.cpuMsPerItem.toFixed(1),
          },
        ]),
      );
      const [a, b] = [on.result, off.result];
      console.log(
        `batched/raw ${(a.requestsPerSecond / best.itemsPerSecond).toFixed(2)}, batched/unbatched ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}, p95 batched/unbatched ${(on.attempts.p95Ms / off.attempts.p95Ms).toFixed(2)} (answered attempts; to an answer, refused requests retried after Retry-After: ${(a.p95Ms / b.p95Ms).toFixed(2)})`,
      );
      if (a.errors || b.errors) console.log(`errors: ${a.firstError ?? b.firstError}`);
      if (args.threads === 'true') printThreads(model, [batchedGateway, unbatchedGateway], [on, off], sumThreadCpu(rawThreadRounds), rawRounds);
      lines.push(
        JSON.stringify({
          model,
          concurrency,
          batched_rps: round(a.requestsPerSecond),
          unbatched_rps: round(b.requestsPerSecond),
          raw_rps: round(best.itemsPerSecond),
          rounds,
          raw_rps_rounds: rawRounds.map((r) => round(r.itemsPerSecond)),
          batched_rps_rounds: onRounds.map((r) => round(r.result.requestsPerSecond)),
          unbatched_rps_rounds: offRounds.map((r) => round(r.result.requestsPerSecond)),
          raw_rps_sweep_best: round(fastestRow(sweep).itemsPerSecond),
          p95_ms_batched: round(on.attempts.p95Ms),
          p95_ms_unbatched: round(off.attempts.p95Ms),
          p95_ms_to_answer_batched: round(a.p95Ms),
          p95_ms_to_answer_unbatched: round(b.p95Ms),
          refused_batched: on.refusals,
          refused_unbatched: off.refusals,
          batched_over_raw: round(a.requestsPerSecond / best.itemsPerSecond, 100),
          raw_batch: best.batchSize,
          client_cpu_share_batched: round(on.clientCpuShare, 1000),
          client_cpu_share_unbatched: round(off.clientCpuShare, 1000),
          gateway_cpu_ms_per_req_batched: optionalRound(on.gatewayCpuMsPerRequest),
          gateway_cpu_ms_per_req_unbatched: optionalRound(off.gatewayCpuMsPerRequest),
          raw_cpu_ms_per_item: round(best.cpuMsPerItem),
          mean_batch_batched: round(on.meanBatch),
          model_busy_batched: round(on.modelBusy, 100),
          client_nice: clients.nice,
          client_cpus: clients.cpus ?? 'any',
          gateway_cpus: gatewayCpus ?? 'any',
          cores,
          load_avg_1m: round(loadAtStart, 100),
        }),
      );
    }
  } finally {
    await Promise.all([batchedGateway.stop(), unbatchedGateway.stop()]);
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (profileDir) console.log(`gateway CPU profiles: node tools/scripts/cpu-profile-top.mjs ${profileDir}/<batched|unbatched>/<model> --top 5`);
  console.log('');
  for (const line of lines) console.log(line);
}

/**
 * Where each gateway's CPU went, by thread, over the pooled measured periods (`--threads true`): what separates the
 * gateway from the runtime alone (main thread, V8's helpers) beside what both pay (decoders, the model's threads).
 */
function printThreads(model: BenchModel, gateways: BenchGateway[], runs: GatewayRun[], rawThreads: Map<number, ThreadCpu> | undefined, raw: RawRow[]): void {
  const table = (title: string, threads: Map<number, ThreadCpu> | undefined, pid: number | undefined, requests: number) => {
    if (!threads || !pid) return console.log(`\n${title}: no per-thread CPU (/proc not readable)`);
    console.log(`\n${title} (pid ${pid}): CPU by thread over the measured periods, per answered request (item)`);
    console.log(
      formatTable(
        threadRows(threads, pid, requests).map((row) => ({
          thread: row.thread,
          'CPU ms/req': row.msPerRequest.toFixed(3),
          'share %': (100 * row.share).toFixed(1),
        })),
      ),
    );
  };
  ['batched', 'unbatched'].forEach((mode, i) => table(`${model}, ${mode} gateway`, runs[i].gatewayThreads, gateways[i].pid, runs[i].result.requests));
  table(
    `${model}, runtime alone (this process)`,
    rawThreads,
    process.pid,
    raw.reduce((sum, r) => sum + r.items, 0),
  );
}

function round(x: number, scale = 10): number {
  return Math.round(x * scale) / scale;
}

function optionalRound(x: number | undefined): number | null {
  return x === undefined ? null : round(x);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
