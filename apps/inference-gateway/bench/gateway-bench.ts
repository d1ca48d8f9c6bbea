/**
 * `npx nx run inference-gateway:bench` — throughput and latency of the gateway with and without
 * dynamic batching, against the same model called in-process (no HTTP, no queue), on the text
 * embedding model and the image classifier. Starts and stops its own gateways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs, LoadResult, refusalAware, runLoad, startGatewayProcess } from '@matrix/dev-harness';
import { formatTable } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { datasetsDir } from '@matrix/paths';
import { loadLabelledTsv } from '@matrix/datasets';
import { createEmbeddingModel } from '../src/tasks/text-embedding.task';
import { createImageClassifier } from '../src/tasks/image-classification.task';
import { DEFAULT_IMAGE_LIMITS } from '../src/tasks/image-decode';
import { loadInProcess } from './in-process-model';

const USAGE = `Usage: nx run inference-gateway:bench [--concurrency 32] [--seconds 8] [--models use-lite-en,mobilenetv2-int8]
  [--texts <sst2-format tsv>] [--images <folder of JPEGs>] [--sizes 1,2,4,8,16,32]`;

const args = cliArgs(USAGE, {
  concurrency: '32',
  seconds: '8',
  models: 'use-lite-en,mobilenetv2-int8',
  texts: join(datasetsDir(), 'sst2', 'dev.tsv'),
  images: join(datasetsDir(), 'imagenet-sample', 'images'),
  sizes: '1,2,4,8,16,32',
});
const concurrency = Number(args.concurrency);
const durationMs = Number(args.seconds) * 1000;
const batchSizes = args.sizes.split(',').map(Number);

interface Workload {
  model: string;
  /** One request to the gateway. */
  call: (client: GatewayClient, i: number) => Promise<unknown>;
  /** Items per second in-process at each batch size (same adapter, no HTTP, no queue). */
  raw: () => Promise<Array<{ batchSize: number; itemsPerSecond: number; msPerBatch: number }>>;
}

/** Items/s at each batch size, with `parallel` batches in flight (one per model instance). */
async function timeBatches<T>(
  samples: T[],
  parallel: number,
  run: (batch: T[]) => Promise<unknown>,
): Promise<Array<{ batchSize: number; itemsPerSecond: number; msPerBatch: number }>> {
  const rows = [];
  for (const batchSize of batchSizes) {
    await run(samples.slice(0, batchSize)); // warm-up at this shape
    let items = 0;
    let batches = 0;
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
    rows.push({ batchSize, itemsPerSecond: (items * 1000) / elapsed, msPerBatch: (elapsed * parallel) / batches });
  }
  return rows;
}

function textWorkload(texts: string[]): Workload {
  return {
    model: 'use-lite-en',
    call: (client, i) => client.embed([texts[i % texts.length]], { model: 'use-lite-en' }),
    raw: async () => {
      const { ctx, dispose } = await loadInProcess('use-lite-en');
      const embedder = await createEmbeddingModel(ctx);
      const samples = texts.slice(0, 512).map((t) => embedder.prepare(t).sample);
      try {
        return await timeBatches(samples, ctx.entry.instances, (batch) => embedder.adapter.run(batch));
      } finally {
        await dispose();
      }
    },
  };
}

function imageWorkload(images: Buffer[]): Workload {
  return {
    model: 'mobilenetv2-int8',
    call: (client, i) => client.classifyImage(images[i % images.length], { model: 'mobilenetv2-int8', contentType: 'image/jpeg', topK: 5 }),
    raw: async () => {
      const { ctx, dispose } = await loadInProcess('mobilenetv2-int8');
      const classifier = createImageClassifier(ctx);
      try {
        // Decoding is part of the work in both paths, so the in-process run decodes too (in parallel).
        return await timeBatches(images, ctx.entry.instances, async (batch) =>
          classifier.adapter.run(await Promise.all(batch.map((b) => classifier.prepare(b, DEFAULT_IMAGE_LIMITS)))),
        );
      } finally {
        await dispose();
      }
    },
  };
}

async function measure(workloads: Workload[], batching: boolean): Promise<Map<string, LoadResult>> {
  const gateway = await startGatewayProcess({ GATEWAY_BATCHING: batching ? 'on' : 'off' });
  const results = new Map<string, LoadResult>();
  try {
    const client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
    for (const workload of workloads) {
      // A refused client waits its Retry-After, as the products' gateway client does; refusals are counted apart.
      results.set(workload.model, await runLoad({ concurrency, durationMs, warmupMs: 1000, request: (i) => refusalAware(() => workload.call(client, i)) }));
    }
  } finally {
    await gateway.stop();
  }
  return results;
}

async function main(): Promise<void> {
  const wanted = new Set(args.models.split(','));
  const workloads: Workload[] = [];
  if (wanted.has('use-lite-en')) workloads.push(textWorkload(loadSentences(args.texts)));
  if (wanted.has('mobilenetv2-int8')) workloads.push(imageWorkload(loadImages(args.images)));
  console.log(`gateway bench: ${concurrency} concurrent clients, ${args.seconds} s per run, models ${workloads.map((w) => w.model).join(', ')}`);

  const batched = await measure(workloads, true);
  const unbatched = await measure(workloads, false);
  const lines: string[] = [];
  for (const workload of workloads) {
    const raw = await workload.raw();
    const best = raw.reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a));
    const on = batched.get(workload.model) as LoadResult;
    const off = unbatched.get(workload.model) as LoadResult;
    console.log(`\n${workload.model}: in-process runtime by batch size (same pre/post-processing and instances, no HTTP)`);
    console.log(formatTable(raw.map((r) => ({ batch: r.batchSize, 'items/s': r.itemsPerSecond.toFixed(1), 'ms/batch': r.msPerBatch.toFixed(1) }))));
    console.log(`\n${workload.model}: through the gateway, ${concurrency} clients`);
    console.log(
      formatTable([
        {
          mode: 'batched',
          'req/s': on.requestsPerSecond.toFixed(1),
          p50_ms: on.p50Ms.toFixed(1),
          p95_ms: on.p95Ms.toFixed(1),
          p99_ms: on.p99Ms.toFixed(1),
          errors: on.errors,
          refused: on.refusals.count,
        },
        {
          mode: 'unbatched',
          'req/s': off.requestsPerSecond.toFixed(1),
          p50_ms: off.p50Ms.toFixed(1),
          p95_ms: off.p95Ms.toFixed(1),
          p99_ms: off.p99Ms.toFixed(1),
          errors: off.errors,
          refused: off.refusals.count,
        },
        {
          mode: `in-process best (batch ${best.batchSize})`,
          'req/s': best.itemsPerSecond.toFixed(1),
          p50_ms: '',
          p95_ms: '',
          p99_ms: '',
          errors: '',
          refused: '',
        },
      ]),
    );
    console.log(
      `batched/raw ${(on.requestsPerSecond / best.itemsPerSecond).toFixed(2)}, batched/unbatched ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}, p95 batched/unbatched ${(on.p95Ms / off.p95Ms).toFixed(2)}`,
    );
    if (on.errors || off.errors) console.log(`errors: ${on.firstError ?? off.firstError}`);
    lines.push(
      JSON.stringify({
        model: workload.model,
        concurrency,
        batched_rps: round(on.requestsPerSecond),
        unbatched_rps: round(off.requestsPerSecond),
        raw_rps: round(best.itemsPerSecond),
        p95_ms_batched: round(on.p95Ms),
        p95_ms_unbatched: round(off.p95Ms),
      }),
    );
  }
  console.log('');
  for (const line of lines) console.log(line);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Sentences from an SST-2-format TSV (`sentence<TAB>label`), or one per line from any other file. */
function loadSentences(path: string): string[] {
  return path.endsWith('.tsv')
    ? loadLabelledTsv(path).map((row) => row.sentence)
    : readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim());
}

function loadImages(dir: string): Buffer[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()
    .slice(0, 200);
  if (!files.length) throw new Error(`no JPEG/PNG images in ${dir}`);
  return files.map((f) => readFileSync(join(dir, f)));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
