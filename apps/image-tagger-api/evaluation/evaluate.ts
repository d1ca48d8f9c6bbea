/**
 * `npx nx run image-tagger-api:evaluate` — the image tagger's own pipeline (multipart upload →
 * checks → tags through the gateway → store → database → answer; thumbnails are made on first view), measured against
 * the same models called directly through the gateway:
 *  - ImageNet sample: top-1 / top-5 of the classifier tags, and images/s of batched uploads;
 *  - COCO val2017 mini: AP50 of the object tags' boxes, and precision/recall of the object tags
 *    shown at the threshold in force against each image's true object classes.
 * Starts (and stops) its own gateway and API on a scratch SQLite database and image store.
 * `--images <dir>` takes any folder named like imagenet-sample (`<wnid>_<name>.JPEG`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CocoImageEntry, imagenetClassIndex, loadCocoDataset, loadImageFolder } from '@matrix/datasets';
import { migrateDatabase } from '@matrix/db';
import {
  cliArgs,
  imageModelsManifest,
  ManagedProcess,
  processCpuSeconds,
  profiledEnv,
  startAppProcess,
  startGatewayProcess,
  toggleProfiles,
} from '@matrix/dev-harness';
import { DetectedBox, detectionAveragePrecision, formatTable, GroundTruthBox } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { datasetsDir } from '@matrix/paths';
import type { FileOutcome, TagView } from '@matrix/image-tagger-contract';
import { tagPrecisionRecall, topKRates } from './tag-metrics';
import { chunks, mapLimit, uploadedTags, uploadFiles } from './upload-client';

const USAGE = `Usage: npx nx run image-tagger-api:evaluate -- [flags]
  --images <dir>       folder named like imagenet-sample (<wnid>_<name>.JPEG); default ../shared/datasets/imagenet-sample/images
  --coco <dir>         folder with instances_val2017.json and val2017/; default ../shared/datasets/coco-val2017-mini ("none" skips)
  --batch 16           images per upload request
  --concurrency 2      upload requests in flight
  --coco-batch 4       images per upload request on COCO (object detection is ~0.3 s per image on 2 cores; one request at a time)
  --threshold 0.3      global confidence threshold of the API (IMAGE_TAGGER_MIN_CONFIDENCE)
  --rounds 4           the tagger and the model directly take turns on this many slices of the images (load drift meets both)
  --cpu-prof <dir>     CPU profiles of the API and the gateway during the timed uploads, in <dir>/api and <dir>/gateway
                       (summarise: node tools/scripts/cpu-profile-top.mjs <dir>/api --top 5)`;
const args = cliArgs(USAGE, {
  images: join(datasetsDir(), 'imagenet-sample', 'images'),
  coco: join(datasetsDir(), 'coco-val2017-mini'),
  batch: '16',
  'coco-batch': '4',
  concurrency: '2',
  threshold: '0.3',
  rounds: '4',
  'cpu-prof': '',
});

const r3 = (x: number) => Math.round(x * 1000) / 1000;
function log(line: string) {
  console.log(`[evaluate ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** Class indices of the classifier tags, best first (every stored one: the top-k, shown or not). */
function classIndices(tags: TagView[]): number[] {
  return tags
    .filter((t) => t.source === 'classifier' && t.wnid)
    .sort((a, b) => b.confidence - a.confidence)
    .map((t) => imagenetClassIndex(t.wnid as string) ?? -1);
}

/** Seconds and CPU (ms, summed over rounds) of one way of tagging the images. */
interface PhaseCost {
  seconds: number;
  apiCpuMs?: number;
  gatewayCpuMs?: number;
  clientCpuMs: number;
}

/** Runs `work`, adding its wall time and the CPU the API, the gateway and this process spent to `cost`. */
async function timed<T>(cost: PhaseCost, pids: { api?: number; gateway?: number }, work: () => Promise<T>): Promise<T> {
  const before = { api: processCpuSeconds(pids.api), gateway: processCpuSeconds(pids.gateway), client: process.cpuUsage() };
  const started = performance.now();
  const result = await work();
  cost.seconds += (performance.now() - started) / 1000;
  const spentMs = (pid: number | undefined, from: number | undefined, sum: number | undefined) => {
    const now = processCpuSeconds(pid);
    return now === undefined || from === undefined ? undefined : (sum ?? 0) + (now - from) * 1000;
  };
  cost.apiCpuMs = spentMs(pids.api, before.api, cost.apiCpuMs);
  cost.gatewayCpuMs = spentMs(pids.gateway, before.gateway, cost.gatewayCpuMs);
  const client = process.cpuUsage(before.client);
  cost.clientCpuMs += (client.user + client.system) / 1000;
  return result;
}

async function evaluateImagenet(apiUrl: string, gateway: GatewayClient, pids: { api?: number; gateway?: number }) {
  const images = loadImageFolder(args.images);
  if (!images.length) throw new Error(`${args.images} has no images`);
  const paths = images.map((i) => i.path);
  const rounds = Math.max(1, Number(args.rounds));
  // Warm the gateway (first batches, thread pools) so neither measurement pays for it.
  await mapLimit(paths.slice(0, 32), 8, (path) => gateway.classifyImage(readFileSync(path), { model: 'mobilenetv2-int8', topK: 5, contentType: 'image/jpeg' }));
  const profileDir = args['cpu-prof'] || undefined;
  const viaTagger: PhaseCost = { seconds: 0, clientCpuMs: 0 };
  const directly: PhaseCost = { seconds: 0, clientCpuMs: 0 };
  const uploaded: FileOutcome[] = [];
  const direct: number[][] = [];
  // The two ways take turns on slices of the images, so a change in the machine's other load meets both alike.
  for (const slice of chunks(paths, Math.ceil(paths.length / rounds))) {
    if (profileDir) await toggleProfiles(pids, profileDir, 'start');
    const files = await timed(viaTagger, pids, async () =>
      (
        await mapLimit(chunks(slice, Number(args.batch)), Number(args.concurrency), (batch) =>
          uploadFiles(apiUrl, batch, { features: 'classify', tags: 'all', collection: 'evaluate-imagenet' }),
        )
      ).flat(),
    );
    if (profileDir) await toggleProfiles(pids, profileDir, 'stop');
    uploaded.push(...files);
    direct.push(
      ...(await timed(directly, pids, () =>
        mapLimit(slice, 8, async (path) =>
          (await gateway.classifyImage(readFileSync(path), { model: 'mobilenetv2-int8', topK: 5, contentType: 'image/jpeg' })).results[0].top.map(
            (t) => t.index,
          ),
        ),
      )),
    );
    log(`tagged ${uploaded.length}/${paths.length} through the tagger and straight through the gateway (the model used directly)`);
  }
  if (profileDir) log(`CPU profiles of the timed uploads in ${profileDir}/api and ${profileDir}/gateway`);
  const rejected = uploaded.flatMap((f) => (f.status === 'rejected' ? [f] : []));
  if (rejected.length) throw new Error(`${rejected.length} images were rejected, first: ${rejected[0].filename}: ${rejected[0].error.message}`);
  const viaApi = uploaded.map((f) => classIndices(uploadedTags(f)));
  const perImage = (ms: number | undefined) => (ms === undefined ? undefined : ms / paths.length);
  const truth = images.map((i) => i.classIndex);
  return {
    n: images.length,
    api: topKRates(truth, viaApi),
    direct: topKRates(truth, direct),
    agree: viaApi.filter((p, i) => p[0] === direct[i][0]).length,
    imagesPerSecond: images.length / viaTagger.seconds,
    directImagesPerSecond: images.length / directly.seconds,
    duplicates: uploaded.filter((f) => f.status === 'duplicate').length,
    cpu: { api: perImage(viaTagger.apiCpuMs), gateway: perImage(viaTagger.gatewayCpuMs) },
    directGatewayCpu: perImage(directly.gatewayCpuMs),
    clientCpu: perImage(viaTagger.clientCpuMs),
    directClientCpu: perImage(directly.clientCpuMs),
  };
}

async function evaluateCoco(apiUrl: string, gateway: GatewayClient) {
  const dataset = loadCocoDataset({ instancesFile: join(args.coco, 'instances_val2017.json'), imagesDir: join(args.coco, 'val2017') });
  const categoryIdByName = new Map(dataset.categories.map((c) => [c.name, c.id]));
  const truth: GroundTruthBox[] = dataset.images.flatMap((image: CocoImageEntry) =>
    image.boxes.filter((b) => !b.isCrowd).map((b) => ({ imageId: image.id, classId: b.categoryId, bbox: b.bbox })),
  );
  const started = performance.now();
  const uploaded = (
    await mapLimit(chunks(dataset.images, Number(args['coco-batch'])), 1, (batch) =>
      uploadFiles(
        apiUrl,
        batch.map((i) => i.filePath),
        { features: 'classify,detect', tags: 'all', collection: 'evaluate-coco' },
      ),
    )
  ).flat();
  const seconds = (performance.now() - started) / 1000;
  const objectTags = uploaded.map((f) => uploadedTags(f).filter((t) => t.source === 'detector'));
  // AP integrates over every threshold: all stored boxes (the API keeps those ≥ IMAGE_TAGGER_DETECT_FLOOR, 0.01).
  const apiBoxes: DetectedBox[] = objectTags.flatMap((tags, i) =>
    tags.flatMap((t) =>
      (t.boxes ?? []).map((b) => ({ imageId: dataset.images[i].id, classId: categoryIdByName.get(t.name) ?? -1, bbox: b.box, score: b.score })),
    ),
  );
  // What a person sees: the object tags shown at the threshold in force, against the image's true classes.
  const shown = objectTags.map((tags) => new Set(tags.filter((t) => t.visible).map((t) => t.name)));
  const trueTags = dataset.images.map((image) => new Set(image.categoryNames));
  const tags = tagPrecisionRecall(trueTags, shown);
  // The same at other global thresholds (what a per-tag or global threshold change would give).
  const sweep = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((threshold) => ({
    threshold,
    ...tagPrecisionRecall(
      trueTags,
      objectTags.map((list) => new Set(list.filter((t) => t.confidence >= threshold).map((t) => t.name))),
    ),
  }));

  log('the same images straight to the gateway detector (the model used directly)');
  const direct = await mapLimit(dataset.images, 4, async (image) =>
    (
      await gateway.detectImage(readFileSync(image.filePath), { model: 'centernet-coco', minScore: 0.01, contentType: 'image/jpeg' })
    ).results[0].detections.flatMap((d) => {
      const classId = categoryIdByName.get(d.label);
      return classId === undefined ? [] : [{ imageId: image.id, classId, bbox: d.box, score: d.score }];
    }),
  );
  return {
    n: dataset.images.length,
    boxes: truth.length,
    api: detectionAveragePrecision(truth, apiBoxes).meanAp,
    direct: detectionAveragePrecision(truth, direct.flat()).meanAp,
    tags,
    sweep,
    imagesPerSecond: dataset.images.length / seconds,
  };
}

async function main(): Promise<void> {
  const started: ManagedProcess[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'image-tagger-evaluate-'));
  const stopAll = async () => {
    for (const p of started.splice(0).reverse()) await p.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const gateway = await startGatewayProcess({
      MODEL_MANIFEST: imageModelsManifest(),
      GATEWAY_MODEL_STORE: join(scratch, 'model-store'),
      ...profiledEnv(args['cpu-prof'], 'gateway'),
    });
    started.push(gateway);
    log(`gateway ready at ${gateway.url}`);
    const client = new GatewayClient({ baseUrl: gateway.url, timeoutMs: 120_000 });
    const runCoco = args.coco !== 'none';
    if (runCoco) await client.loadModel('centernet-coco');
    const databaseUrl = `file:${join(scratch, 'evaluate.db')}`;
    await migrateDatabase(databaseUrl);
    const api = await startAppProcess('image-tagger-api', {
      readyPath: '/health/ready',
      env: {
        GATEWAY_URL: gateway.url,
        IMAGE_TAGGER_DATABASE_URL: databaseUrl,
        IMAGE_STORE_DIR: join(scratch, 'store'),
        IMAGE_TAGGER_MIN_CONFIDENCE: args.threshold,
        IMAGE_TAGGER_RETAG_ON_MODEL_CHANGE: 'false',
        IMAGE_TAGGER_FEATURES: 'classify',
        ...profiledEnv(args['cpu-prof'], 'api'),
      },
      readyTimeoutMs: 120_000,
    });
    started.push(api);
    log(`image-tagger-api ready at ${api.url}`);

    const imagenet = await evaluateImagenet(api.url, client, { api: api.pid, gateway: gateway.pid });
    const coco = runCoco ? await evaluateCoco(api.url, client) : undefined;
    const name =
      args.images
        .replace(/\/+$/, '')
        .split('/')
        .filter((p) => p !== 'images')
        .pop() ?? 'images';
    const rows = [
      {
        dataset: name,
        n: imagenet.n,
        metric: 'top-1',
        'via the tagger': r3(imagenet.api.top1),
        'model directly': r3(imagenet.direct.top1),
        note: `top-1 agree ${imagenet.agree}/${imagenet.n}`,
      },
      { dataset: name, n: imagenet.n, metric: 'top-5', 'via the tagger': r3(imagenet.api.top5), 'model directly': r3(imagenet.direct.top5), note: '' },
      {
        dataset: name,
        n: imagenet.n,
        metric: 'images/s',
        'via the tagger': Number(imagenet.imagesPerSecond.toFixed(1)),
        'model directly': Number(imagenet.directImagesPerSecond.toFixed(1)),
        note: `uploads of ${args.batch}, ${args.concurrency} in flight (checks, classify, store, DB) vs 8 raw calls; ${args.rounds} alternating rounds`,
      },
    ];
    const ms = (x: number | undefined) => (x === undefined ? 'n/a' : Number(x.toFixed(1)));
    rows.push(
      {
        dataset: name,
        n: imagenet.n,
        metric: 'gateway CPU ms/image',
        'via the tagger': ms(imagenet.cpu.gateway),
        'model directly': ms(imagenet.directGatewayCpu),
        note: 'CPU time of the gateway process (other load on the machine does not count)',
      } as never,
      {
        dataset: name,
        n: imagenet.n,
        metric: 'API CPU ms/image',
        'via the tagger': ms(imagenet.cpu.api),
        'model directly': '',
        note: 'multipart + SHA-256, checks, gateway calls, files, DB, answer (thumbnails: on first view)',
      } as never,
      {
        dataset: name,
        n: imagenet.n,
        metric: 'client CPU ms/image',
        'via the tagger': ms(imagenet.clientCpu),
        'model directly': ms(imagenet.directClientCpu),
        note: 'this evaluation as the load generator (multipart uploads vs raw-body calls), on the same cores',
      } as never,
    );
    if (coco) {
      rows.push(
        { dataset: 'coco-mini', n: coco.n, metric: 'AP50', 'via the tagger': r3(coco.api), 'model directly': r3(coco.direct), note: `${coco.boxes} boxes` },
        {
          dataset: 'coco-mini',
          n: coco.n,
          metric: 'tag precision',
          'via the tagger': r3(coco.tags.precision),
          'model directly': '',
          note: `object tags shown at threshold ${args.threshold} vs true classes`,
        } as never,
        {
          dataset: 'coco-mini',
          n: coco.n,
          metric: 'tag recall',
          'via the tagger': r3(coco.tags.recall),
          'model directly': '',
          note: `classify + detect: ${coco.imagesPerSecond.toFixed(1)} images/s`,
        } as never,
      );
    }
    console.log(`\n${formatTable(rows)}\n`);
    if (coco) {
      console.log('coco-mini object tags against the true classes, by threshold:');
      console.log(`${formatTable(coco.sweep.map((s) => ({ threshold: s.threshold, precision: r3(s.precision), recall: r3(s.recall), f1: r3(s.f1) })))}\n`);
    }
    const load = loadavg()[0];
    console.log(
      `(${cpus().length} CPUs; 1-minute load average at the end ${load.toFixed(1)}: images/s counts against everything else running, the CPU ms/image do not)\n`,
    );
    console.log(
      JSON.stringify({
        dataset: name,
        n: imagenet.n,
        top1: r3(imagenet.api.top1),
        top5: r3(imagenet.api.top5),
        images_per_s: Number(imagenet.imagesPerSecond.toFixed(1)),
        direct_images_per_s: Number(imagenet.directImagesPerSecond.toFixed(1)),
        ratio: r3(imagenet.imagesPerSecond / imagenet.directImagesPerSecond),
        top1_agree: imagenet.agree,
        api_cpu_ms_per_image: imagenet.cpu.api === undefined ? null : Number(imagenet.cpu.api.toFixed(1)),
        gateway_cpu_ms_per_image: imagenet.cpu.gateway === undefined ? null : Number(imagenet.cpu.gateway.toFixed(1)),
        load1: Number(load.toFixed(1)),
      }),
    );
    if (coco)
      console.log(JSON.stringify({ dataset: 'coco-mini', ap50: r3(coco.api), tag_precision: r3(coco.tags.precision), tag_recall: r3(coco.tags.recall) }));
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
