/**
 * `npx nx run inference-gateway:evaluate` — model quality through the gateway's HTTP API, checked
 * against the same models called in-process: ImageNet top-1/top-5 (MobileNetV2-int8) and COCO AP50
 * (CenterNet). Starts and stops its own gateway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs, startGatewayProcess } from '@matrix/dev-harness';
import { CocoImageEntry, loadCocoDataset, loadImageFolder } from '@matrix/datasets';
import { DetectedBox, detectionAveragePrecision, formatTable, GroundTruthBox } from '@matrix/evaluation-metrics';
import { GatewayClient } from '@matrix/gateway-client';
import { datasetsDir } from '@matrix/paths';
import { DEFAULT_IMAGE_LIMITS } from '../src/tasks/image-decode';
import { createImageClassifier } from '../src/tasks/image-classification.task';
import { createObjectDetector } from '../src/tasks/object-detection.task';
import { loadInProcess } from './in-process-model';

const USAGE = `Usage: nx run inference-gateway:evaluate [--images <folder named like imagenet-sample>] [--coco <folder with instances_val2017.json and val2017/>] [--concurrency 8]`;
const args = cliArgs(USAGE, {
  images: join(datasetsDir(), 'imagenet-sample', 'images'),
  coco: join(datasetsDir(), 'coco-val2017-mini'),
  concurrency: '8',
});

/** Runs `work` over items with at most `limit` in flight, keeping order. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

function topKRates(truth: number[], predictions: number[][]): { top1: number; top5: number } {
  const hits = (k: number) => truth.filter((t, i) => predictions[i].slice(0, k).includes(t)).length / truth.length;
  return { top1: hits(1), top5: hits(5) };
}

async function evaluateImagenet(client: GatewayClient) {
  const images = loadImageFolder(args.images);
  const bytes = images.map((image) => readFileSync(image.path));
  const started = performance.now();
  const viaApi = await mapLimit(bytes, Number(args.concurrency), async (b) =>
    (await client.classifyImage(b, { model: 'mobilenetv2-int8', topK: 5, contentType: 'image/jpeg' })).results[0].top.map((t) => t.index),
  );
  const seconds = (performance.now() - started) / 1000;

  const { ctx, dispose } = await loadInProcess('mobilenetv2-int8');
  const classifier = createImageClassifier(ctx);
  const direct: number[][] = [];
  for (const b of bytes) {
    const [probabilities] = await classifier.adapter.run([await classifier.prepare(b, DEFAULT_IMAGE_LIMITS)]);
    direct.push(
      Array.from(probabilities.keys())
        .sort((x, y) => probabilities[y] - probabilities[x] || x - y)
        .slice(0, 5),
    );
  }
  await dispose();
  const truth = images.map((image) => image.classIndex);
  return {
    n: images.length,
    api: topKRates(truth, viaApi),
    direct: topKRates(truth, direct),
    agree: viaApi.filter((p, i) => p[0] === direct[i][0]).length,
    imagesPerSecond: images.length / seconds,
  };
}

async function evaluateCoco(client: GatewayClient) {
  const dataset = loadCocoDataset({ instancesFile: join(args.coco, 'instances_val2017.json'), imagesDir: join(args.coco, 'val2017') });
  const categoryIdByName = new Map(dataset.categories.map((c) => [c.name, c.id]));
  const truth: GroundTruthBox[] = dataset.images.flatMap((image: CocoImageEntry) =>
    image.boxes.filter((b) => !b.isCrowd).map((b) => ({ imageId: image.id, classId: b.categoryId, bbox: b.bbox })),
  );
  const toBoxes = (imageId: number, detections: Array<{ label: string; score: number; box: [number, number, number, number] }>): DetectedBox[] =>
    detections.flatMap((d) => {
      const classId = categoryIdByName.get(d.label);
      return classId === undefined ? [] : [{ imageId, classId, bbox: d.box, score: d.score }];
    });
  // Every candidate (min_score 0.01): AP integrates over all thresholds.
  const viaApi = await mapLimit(dataset.images, Number(args.concurrency), async (image) =>
    toBoxes(image.id, (await client.detect([readFileSync(image.filePath)], { model: 'centernet-coco', minScore: 0.01 })).results[0].detections),
  );
  const { ctx, dispose } = await loadInProcess('centernet-coco');
  const detector = createObjectDetector(ctx);
  const direct: DetectedBox[][] = [];
  for (const image of dataset.images) {
    const [detections] = await detector.adapter.run([await detector.prepare(readFileSync(image.filePath), DEFAULT_IMAGE_LIMITS)]);
    direct.push(
      toBoxes(
        image.id,
        detections.filter((d) => d.score >= 0.01),
      ),
    );
  }
  await dispose();
  return {
    images: dataset.images.length,
    boxes: truth.length,
    api: detectionAveragePrecision(truth, viaApi.flat()).meanAp,
    direct: detectionAveragePrecision(truth, direct.flat()).meanAp,
  };
}

async function main(): Promise<void> {
  const gateway = await startGatewayProcess();
  try {
    const client = new GatewayClient({ baseUrl: gateway.url, timeoutMs: 120_000 });
    await client.loadModel('centernet-coco');
    const imagenet = await evaluateImagenet(client);
    const coco = await evaluateCoco(client);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    console.log(
      formatTable([
        {
          dataset: 'imagenet-sample',
          n: imagenet.n,
          metric: 'top-1',
          'via API': r3(imagenet.api.top1),
          'model directly': r3(imagenet.direct.top1),
          note: `top-1 agree ${imagenet.agree}/${imagenet.n}`,
        },
        {
          dataset: 'imagenet-sample',
          n: imagenet.n,
          metric: 'top-5',
          'via API': r3(imagenet.api.top5),
          'model directly': r3(imagenet.direct.top5),
          note: `${imagenet.imagesPerSecond.toFixed(1)} images/s via API`,
        },
        {
          dataset: 'coco-mini',
          n: coco.images,
          metric: 'AP50',
          'via API': r3(coco.api),
          'model directly': r3(coco.direct),
          note: `${coco.boxes} boxes; reference 0.457 (human's decoder)`,
        },
      ]),
    );
    console.log(JSON.stringify({ dataset: 'imagenet-sample', n: imagenet.n, top1: r3(imagenet.api.top1), top5: r3(imagenet.api.top5) }));
    console.log(JSON.stringify({ dataset: 'coco-mini', ap50: r3(coco.api) }));
  } finally {
    await gateway.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
