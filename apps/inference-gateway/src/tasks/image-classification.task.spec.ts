import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledManifestsDir, defaultRuntimes, loadManifestFile, loadModelLoadingSettings, ModelRepository } from '@matrix/model-loading';
import { datasetsDir, modelsDir } from '@matrix/paths';
import { pooledRuntimes } from '../models/worker-pool/pooled-runtime';
import { DEFAULT_IMAGE_LIMITS } from './image-decode';
import { createImageClassifier, type ImageClassifier } from './image-classification.task';

const top1 = (probabilities: Float32Array) => probabilities.indexOf(Math.max(...probabilities));

describe('image classifier (MobileNetV2-int8 of the offline manifest)', () => {
  let repository: ModelRepository;
  let classifier: ImageClassifier;
  const images = [
    readFileSync(join(modelsDir(), 'mobilenetv2-12-int8', 'finch.jpeg')),
    readFileSync(join(datasetsDir(), 'imagenet-sample', 'images', 'n01440764_tench.JPEG')),
    readFileSync(join(datasetsDir(), 'imagenet-sample', 'images', 'n01494475_hammerhead.JPEG')),
  ];

  beforeAll(async () => {
    const manifest = await loadManifestFile(join(bundledManifestsDir(), 'offline.yaml'));
    repository = new ModelRepository(manifest, { settings: loadModelLoadingSettings(), runtimes: pooledRuntimes(defaultRuntimes()) });
    const status = await repository.load('mobilenetv2-int8');
    classifier = createImageClassifier({
      entry: repository.entry('mobilenetv2-int8'),
      handle: repository.handle('mobilenetv2-int8'),
      status,
      labels: repository.labels('mobilenetv2-int8'),
    });
  }, 60_000);

  afterAll(() => repository?.unloadAll());

  it('reuses the pixel buffers of a batch that has run for the next images, and the answers stay the same', async () => {
    const first = await Promise.all(images.map((bytes) => classifier.prepare(bytes, DEFAULT_IMAGE_LIMITS)));
    const firstBuffers = new Set(first.map((s) => s.rgb?.buffer));
    const answers = await classifier.adapter.run(first);
    // finch.jpeg is a house finch (12), the next a tench (0) on every x64 CPU (MATRIX_ORT_INT8_PRECISION=auto widens int8
    // products where they would saturate); the third is the model's own (it is not always right).
    expect(answers.map(top1).slice(0, 2)).toEqual([12, 0]);

    // The same images in the other order: decoded into the buffers the first batch gave back.
    const again = await Promise.all([...images].reverse().map((bytes) => classifier.prepare(bytes, DEFAULT_IMAGE_LIMITS)));
    expect(again.every((s) => firstBuffers.has(s.rgb?.buffer))).toBe(true);
    const second = await classifier.adapter.run(again);
    expect(second.map(top1)).toEqual(answers.map(top1).reverse());
    second.reverse().forEach((row, i) => expect(Array.from(row)).toEqual(Array.from(answers[i])));
  });

  it('keeps the pixels of images still waiting for a batch apart: a run gives back only its own buffers', async () => {
    const [finch, tench, third] = images;
    const [alone] = await classifier.adapter.run([await classifier.prepare(tench, DEFAULT_IMAGE_LIMITS)]);
    const waiting = await classifier.prepare(tench, DEFAULT_IMAGE_LIMITS);
    const pixels = Uint8Array.from(waiting.rgb ?? []);
    const ran = await classifier.adapter.run(await Promise.all([finch, third].map((bytes) => classifier.prepare(bytes, DEFAULT_IMAGE_LIMITS))));
    // Other images decoded after that run take its buffers (or new ones), never the waiting tench's.
    await Promise.all([finch, third, finch].map((bytes) => classifier.prepare(bytes, DEFAULT_IMAGE_LIMITS)));
    expect(ran).toHaveLength(2);
    expect(Buffer.compare(Buffer.from(waiting.rgb ?? []), Buffer.from(pixels))).toBe(0);
    expect(Array.from((await classifier.adapter.run([waiting]))[0])).toEqual(Array.from(alone));
  });
});
