import * as tf from '@tensorflow/tfjs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadLayersModelFiles, useWasmBackend } from '@matrix/model-training';
import { latestSentimentArtifact, sentimentModelDir } from './model-artifact';

// The backend the gateway serves tfjs models with here.
beforeAll(() => useWasmBackend());

// A fixed 512-d input: a unit vector like the L2-normalised USE embeddings the head reads.
let input: tf.Tensor;
beforeAll(() => {
  input = tf.tidy(() => {
    const raw = tf.sin(tf.range(0, 512).mul(0.37));
    return raw.div(raw.norm()).reshape([1, 512]);
  });
});

async function probabilities(model: tf.LayersModel): Promise<number[]> {
  const out = model.predict(input) as tf.Tensor;
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

describe('the committed sentiment-head artifact', () => {
  it('loads with tf.loadLayersModel(fromMemory) and gives two probabilities summing to 1 for a 512-d input', async () => {
    const artifact = latestSentimentArtifact();
    expect(artifact.name).toBe('sentiment-head');
    expect(artifact.config).toMatchObject({
      version: artifact.version,
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: { embeddingModel: 'use-lite-en' },
    });
    const model = await loadLayersModelFiles(artifact.files);
    expect(model.inputs[0].shape).toEqual([null, 512]);
    const p = await probabilities(model);
    expect(p).toHaveLength(2);
    expect(p[0] + p[1]).toBeCloseTo(1, 5);
    expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
  });

  it('stays under 2 MiB', () => {
    const { version } = latestSentimentArtifact();
    const bytes = ['model.json', 'weights.bin'].reduce((sum, f) => sum + statSync(join(sentimentModelDir(), version, f)).size, 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
