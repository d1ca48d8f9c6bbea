import * as tf from '@tensorflow/tfjs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { headBatch, parseHeadPreprocessing } from '@matrix/head-inputs';
import { headInputTensors, loadLayersModelFiles, useWasmBackend } from '@matrix/model-training';
import { loadUseTokenizer } from '@matrix/tokenization';
import { latestSentimentArtifact, sentimentModelDir, type SentimentHeadConfig } from '@matrix/sentiment-model';

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

const TEXT = 'A gorgeous, witty, seductive movie.';

/** The model's inputs as the gateway builds them, by input name: the embedding, plus the text's tokens and hashed n-grams where the model reads them. */
async function inputsFor(model: tf.LayersModel, preprocessing: SentimentHeadConfig['preprocessing']): Promise<tf.Tensor[]> {
  const prep = parseHeadPreprocessing('sentiment-head', { ...preprocessing });
  const embedding = input.dataSync() as Float32Array;
  return headInputTensors(model, headBatch([TEXT], prep, prep.tokens ? await loadUseTokenizer() : undefined, [embedding]));
}

async function probabilities(model: tf.LayersModel, preprocessing: SentimentHeadConfig['preprocessing']): Promise<number[]> {
  const out = model.predict(await inputsFor(model, preprocessing)) as tf.Tensor;
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

describe('the committed sentiment-head artifact', () => {
  it('loads with tf.loadLayersModel(fromMemory) and gives two probabilities summing to 1 for the inputs its preprocessing names', async () => {
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
    const { tokenizer, maxTokens, features } = artifact.config.preprocessing;
    // An embedding head reads [n, 512]; a token head also reads the text's USE ids and mean weights; an n-gram head the hashed n-gram ids and values.
    const shapes = model.inputs.map((i) => i.shape);
    const expected = [
      ...(tokenizer
        ? [
            [null, maxTokens],
            [null, maxTokens, 1],
          ]
        : []),
      [null, 512],
      ...(features
        ? [
            [null, null],
            [null, null, 1],
          ]
        : []),
    ];
    expect(shapes).toEqual(expected);
    const p = await probabilities(model, artifact.config.preprocessing);
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
