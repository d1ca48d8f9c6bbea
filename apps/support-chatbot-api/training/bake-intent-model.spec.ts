import * as tf from '@tensorflow/tfjs';
import { buildDenseHead, useWasmBackend, weightedAverage } from '@matrix/model-training';
import { bakeIntentModel, intentClassifierConfig, INTENT_MODEL_ID } from './bake-intent-model';

const spec = { type: 'hashed-ngrams' as const, dimensions: 16, wordNgrams: [1, 2] as [number, number], charNgrams: [3, 5] as [number, number] };

describe('bakeIntentModel', () => {
  beforeAll(() => useWasmBackend());

  it('serves w · USE head + (1 − w) · n-gram head as one model reading the embedding and sparse n-grams', () => {
    const use = buildDenseHead({ name: 'test_use_head', inputDim: 4, hidden: [3], outputs: 3, dropout: 0, l2: 0, seed: 1 });
    const ngram = buildDenseHead({ name: 'test_ngram_head', inputDim: spec.dimensions, hidden: [], outputs: 3, dropout: 0, l2: 0, seed: 2 });
    const model = bakeIntentModel({ use, ngram }, 0.4, 4, 3);
    expect(model.inputs.map((i) => i.name)).toEqual([/^embedding/, /^feature_ids/, /^feature_values/].map((re) => expect.stringMatching(re)));
    const embedding = tf.tensor2d([0.5, -0.5, 0.1, 0.2], [1, 4]);
    const dense = tf.tensor2d(
      Array.from({ length: 16 }, (_, j) => (j === 3 ? 0.6 : j === 11 ? 0.8 : 0)),
      [1, 16],
    );
    const want = weightedAverage([(use.predict(embedding) as tf.Tensor).dataSync(), (ngram.predict(dense) as tf.Tensor).dataSync()], [0.4, 0.6]);
    const got = (model.predict([embedding, tf.tensor2d([3, 11], [1, 2], 'int32'), tf.tensor3d([0.6, 0.8], [1, 2, 1])]) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 6)));
  });
});

describe('intentClassifierConfig', () => {
  it('describes one gateway model reading use-lite-en and the n-grams, with its members and weights', () => {
    const config = intentClassifierConfig({
      version: '2026-12-03.1',
      labels: ['a', 'b'],
      decision: { threshold: 0.3, gap: 0.1 },
      useWeight: 0.45,
      ngramSpec: spec,
    });
    expect(config).toMatchObject({
      model: INTENT_MODEL_ID,
      gateway: {
        version: '2026-12-03.1',
        task: 'text-classification',
        runtime: 'tfjs-layers',
        labels: { type: 'inline', values: ['a', 'b'] },
        preprocessing: { embeddingModel: 'use-lite-en', features: spec },
      },
      members: [
        { model: 'chatbot-intent-use', weight: 0.45 },
        { model: 'chatbot-intent-ngram', weight: 0.55 },
      ],
    });
  });

  it('leaves out the input of a member with weight 0', () => {
    expect(
      intentClassifierConfig({ version: '1', labels: ['a'], decision: { threshold: 0.3, gap: 0.1 }, useWeight: 1, ngramSpec: spec }).gateway.preprocessing,
    ).toEqual({ embeddingModel: 'use-lite-en' });
  });
});
