import * as tf from '@tensorflow/tfjs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadLayersModelFiles, tokenInputs, tokenizeAll, useWasmBackend } from '@matrix/model-training';
import { loadUseTokenizer } from '@matrix/tokenization';
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

/** The model's inputs as the gateway builds them: the embedding, plus the tokens of a text for a token head. */
async function inputsFor(model: tf.LayersModel, maxTokens: number | undefined): Promise<tf.Tensor[]> {
  if (model.inputs.length === 1) return [input];
  const tokenizer = await loadUseTokenizer();
  const rows = tokenizeAll(tokenizer, ['A gorgeous, witty, seductive movie.'], maxTokens ?? 64);
  const [ids, weights] = tokenInputs(rows, [0], maxTokens ?? 64);
  return model.inputs.map((i) => (i.name.startsWith('input_ids') ? ids : i.name.startsWith('token_weights') ? weights : input));
}

async function probabilities(model: tf.LayersModel, maxTokens?: number): Promise<number[]> {
  const out = model.predict(await inputsFor(model, maxTokens)) as tf.Tensor;
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
    const { tokenizer, maxTokens } = artifact.config.preprocessing;
    // An embedding head reads [n, 512]; a token head also reads the text's USE ids and mean weights.
    const shapes = model.inputs.map((i) => i.shape);
    expect(shapes).toEqual(tokenizer ? [[null, maxTokens], [null, maxTokens, 1], [null, 512]] : [[null, 512]]);
    const p = await probabilities(model, maxTokens);
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
