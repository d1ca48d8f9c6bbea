import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestWithModels, startGatewayProcess, type GatewayProcess } from '@matrix/dev-harness';
import { GatewayClient } from '@matrix/gateway-client';
import {
  FEATURE_IDS_INPUT,
  FEATURE_VALUES_INPUT,
  EMBEDDING_INPUT,
  headBatch,
  parseHeadPreprocessing,
  TOKEN_IDS_INPUT,
  TOKEN_WEIGHTS_INPUT,
} from '@matrix/head-inputs';
import { headInputTensors, layersModelFiles, useWasmBackend } from '@matrix/model-training';
import { loadUseTokenizer, type HashedNgramSpec } from '@matrix/tokenization';

/**
 * A head trained through @matrix/head-inputs (the module the gateway builds its inputs with) and
 * served by a real gateway process gives the same probabilities: every input kind (tokens, the
 * sentence embedding, hashed n-grams), a batch of mixed lengths, to 1e-5.
 */

const MAX_TOKENS = 16;
const FEATURES: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 256, wordNgrams: [1, 2], charNgrams: [0, 0] };
const PREPROCESSING = { embeddingModel: 'use-lite-en', tokenizer: 'use-sentencepiece', maxTokens: MAX_TOKENS, features: FEATURES };

/** A few dozen labelled sentences of mixed lengths: positive and negative opinions of a few things. */
function labelledSentences(): { texts: string[]; labels: number[] } {
  const things = ['the film', 'this phone', 'our hotel room', 'the service at the bank', 'my new laptop', 'the concert last night'];
  const good = ['was wonderful', 'is great and I loved it', 'works perfectly every single day without any trouble at all'];
  const bad = ['was awful', 'is broken and I hated it', 'fails constantly and the support team never answers my calls'];
  const rows = things.flatMap((thing) => [
    ...good.map((phrase) => ({ text: `${thing} ${phrase}`, label: 1 })),
    ...bad.map((phrase) => ({ text: `${thing} ${phrase}`, label: 0 })),
  ]);
  return { texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) };
}

/** Tokens (mean of a small trainable table), the embedding and the n-grams (Σ value · table row), side by side into a 2-way softmax. */
function tinyHead(): tf.LayersModel {
  const ids = tf.input({ shape: [MAX_TOKENS], dtype: 'int32', name: TOKEN_IDS_INPUT });
  const weights = tf.input({ shape: [MAX_TOKENS, 1], name: TOKEN_WEIGHTS_INPUT });
  const embedding = tf.input({ shape: [512], name: EMBEDDING_INPUT });
  const featureIds = tf.input({ shape: [null], dtype: 'int32', name: FEATURE_IDS_INPUT });
  const featureValues = tf.input({ shape: [null, 1], name: FEATURE_VALUES_INPUT });
  const init = (seed: number) => tf.initializers.randomNormal({ stddev: 0.1, seed });
  const tokenVectors = tf.layers.embedding({ inputDim: 8002, outputDim: 4, embeddingsInitializer: init(1) }).apply(ids) as tf.SymbolicTensor;
  const tokenMean = tf.layers.flatten().apply(tf.layers.dot({ axes: 1 }).apply([weights, tokenVectors])) as tf.SymbolicTensor;
  const ngramVectors = tf.layers
    .embedding({ inputDim: FEATURES.dimensions, outputDim: 4, embeddingsInitializer: init(2) })
    .apply(featureIds) as tf.SymbolicTensor;
  const ngramSum = tf.layers.flatten().apply(tf.layers.dot({ axes: 1 }).apply([featureValues, ngramVectors])) as tf.SymbolicTensor;
  const sentence = tf.layers.dense({ units: 4, kernelInitializer: init(3) }).apply(embedding) as tf.SymbolicTensor;
  const all = tf.layers.concatenate().apply([tokenMean, sentence, ngramSum]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(4) }).apply(all) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, weights, embedding, featureIds, featureValues], outputs: out });
}

describe('a head trained through @matrix/head-inputs, served by the gateway', () => {
  let gateway: GatewayProcess;
  let client: GatewayClient;
  beforeAll(async () => {
    // The backend the gateway serves tfjs heads with here.
    await useWasmBackend();
    gateway = await startGatewayProcess({
      MODEL_MANIFEST: manifestWithModels(['use-lite-en']),
      GATEWAY_MODEL_STORE: mkdtempSync(join(tmpdir(), 'parity-store-')),
    });
    client = new GatewayClient({ baseUrl: gateway.url, maxRetries: 0 });
  }, 90_000);
  afterAll(() => gateway?.stop());

  const prep = parseHeadPreprocessing('parity-head', PREPROCESSING);
  const embed = async (texts: string[]) => (await client.embed(texts, { model: 'use-lite-en' })).embeddings.map((e) => Float32Array.from(e));

  it('gives the same probabilities as the trained model for a batch of mixed lengths', async () => {
    const tokenizer = await loadUseTokenizer();
    const { texts, labels } = labelledSentences();
    const model = tinyHead();
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const x = headInputTensors(model, headBatch(texts, prep, tokenizer, await embed(texts)));
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
    const history = await model.fit(x, y, { epochs: 30, batchSize: 12, shuffle: false, verbose: 0 });
    // It learned something, so the comparison is of a real, non-trivial head.
    expect((history.history.acc as number[]).at(-1)).toBeGreaterThan(0.9);

    const config = {
      version: '1',
      task: 'text-classification',
      runtime: 'tfjs-layers',
      labels: { type: 'inline', values: ['negative', 'positive'] },
      preprocessing: PREPROCESSING,
    };
    expect((await client.registerModel('parity-head', config, await layersModelFiles(model))).state).toBe('READY');

    // New texts: one word, punctuation only (no n-grams), past maxTokens, in between.
    const batch = [
      'Great!',
      '???',
      'the hotel was awful',
      `the laptop works perfectly ${'and it is fast '.repeat(12)}`,
      'I loved the concert',
      'my phone is broken again',
    ];
    const served = (await client.classify(batch, { model: 'parity-head' })).results.map((r) => [r.scores.negative, r.scores.positive]);
    const local = Array.from((model.predict(headInputTensors(model, headBatch(batch, prep, tokenizer, await embed(batch)))) as tf.Tensor).dataSync());
    expect(served.flat()).toEqual(local.map((p) => expect.closeTo(p, 5)));
    expect(
      served
        .flat()
        .map((p, i) => Math.abs(p - local[i]))
        .every((d) => d < 1e-5),
    ).toBe(true);
  }, 60_000);
});
