import * as tf from '@tensorflow/tfjs';
import { averagedModel } from './averaged-model';
import { buildDenseHead } from './dense-head';
import { chooseMemberWeights, weightedAverage } from './member-weights';
import { sparseInputHead } from './sparse-input-head';
import { useWasmBackend } from './tfjs-wasm';

// The backend the gateway serves tfjs models with here.
beforeAll(() => useWasmBackend());

describe('choosing the member weights on held-out data', () => {
  it('takes the weights with the best held-out accuracy, ties going to the ones nearest equal weights', () => {
    // Only a token weight of 0.3 (of two members) gets all four: more flips row 0 or row 1, less row 2 or 3.
    const labels = [1, 0, 1, 0];
    const embedding = [0.6, 0.4, 0.45, 0.55];
    const tokens = [0.3, 0.7, 0.9, 0.1];
    expect(chooseMemberWeights([embedding, tokens], labels)).toMatchObject({ weights: [0.7, 0.3], accuracy: 1 });
    expect(
      chooseMemberWeights(
        [
          [0.9, 0.1],
          [0.9, 0.1],
        ],
        [1, 0],
      ),
    ).toMatchObject({ weights: [0.5, 0.5], accuracy: 1 });
  });

  it('searches every weight vector summing to 1 for three members', () => {
    // The third member alone is right on all rows; the first two are wrong on rows they disagree with it.
    const labels = [1, 0, 1, 0];
    const result = chooseMemberWeights(
      [
        [0.1, 0.9, 0.6, 0.4],
        [0.6, 0.4, 0.1, 0.9],
        [0.8, 0.2, 0.8, 0.2],
      ],
      labels,
    );
    expect(result.accuracy).toBe(1);
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(result.weights[2]).toBeGreaterThan(0.3);
  });

  it('picks the blend of class-probability rows that classifies the held-out rows best (multi-class, by argmax)', () => {
    // Row 0 (label 0): A right, B wrong. Row 1 (label 1): A wrong but unsure, B right and sure.
    const a = Float32Array.from([0.9, 0.1, 0.55, 0.45]);
    const b = Float32Array.from([0.4, 0.6, 0.0, 1.0]);
    const result = chooseMemberWeights([a, b], [0, 1], { classes: 2, step: 0.1 });
    expect(result.accuracy).toBe(1);
    expect(result.grid).toHaveLength(11);
    expect(result.grid.find((g) => g.weights[0] === 0)?.accuracy).toBe(0.5);
    expect(result.grid.find((g) => g.weights[0] === 1)?.accuracy).toBe(0.5);
  });
});

describe('weightedAverage', () => {
  it('is Σ w·p over the members and refuses mismatched members', () => {
    expect(
      Array.from(
        weightedAverage(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          [0.75, 0.25],
        ),
      ),
    ).toEqual([0.75, 0.25, 0]);
    expect(() => weightedAverage([[1, 0]], [1, 1])).toThrow('need one weight per member');
    expect(() => weightedAverage([[1, 0], [1]], [0.5, 0.5])).toThrow('every member must score the same rows and classes');
  });
});

describe('one model out of an embedding head and a dense n-gram head', () => {
  const dims = 12;
  const classes = 4;
  let dense: tf.Sequential;
  let denseRows: tf.Tensor2D;
  let featureIds: tf.Tensor2D;
  let featureValues: tf.Tensor3D;
  beforeAll(async () => {
    await useWasmBackend();
    dense = tf.sequential({ name: 'test_ngram_head' });
    dense.add(
      tf.layers.dense({
        inputShape: [dims],
        units: classes,
        activation: 'softmax',
        kernelInitializer: tf.initializers.randomNormal({ seed: 3 }),
        biasInitializer: tf.initializers.randomNormal({ seed: 4 }),
      }),
    );
    // Two texts' hashed n-grams, sparse and as the dense vectors the head was trained on.
    const sparse = [
      { ids: [1, 5, 9], values: [0.5, 0.5, 0.7] },
      { ids: [2], values: [1] },
    ];
    denseRows = tf.tensor2d(
      sparse.flatMap((r) => Array.from({ length: dims }, (_, j) => (r.ids.includes(j) ? r.values[r.ids.indexOf(j)] : 0))),
      [2, dims],
    );
    featureIds = tf.tensor2d([1, 5, 9, 2, 0, 0], [2, 3], 'int32');
    featureValues = tf.tensor3d([0.5, 0.5, 0.7, 1, 0, 0], [2, 3, 1]);
  });

  it('sparseInputHead reads feature_ids/feature_values and gives the dense head probabilities', () => {
    const converted = sparseInputHead(dense);
    expect(converted.inputs.map((i) => i.name)).toEqual([expect.stringMatching(/^feature_ids/), expect.stringMatching(/^feature_values/)]);
    const want = (dense.predict(denseRows) as tf.Tensor).dataSync();
    const got = (converted.predict([featureIds, featureValues]) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 6)));
  });

  it('averagedModel outputs w·embedding head + (1 − w)·n-gram head over K classes', () => {
    const embeddingHead = buildDenseHead({ name: 'test_embedding_head', inputDim: 3, hidden: [5], outputs: classes, dropout: 0, l2: 0, seed: 7 });
    const model = averagedModel(
      [
        { heads: [embeddingHead], weight: 0.3 },
        { heads: [sparseInputHead(dense)], weight: 0.7 },
      ],
      { embeddingDim: 3, classes, name: 'test_intents' },
    );
    expect(model.inputs.map((i) => i.name)).toEqual([/^embedding/, /^feature_ids/, /^feature_values/].map((re) => expect.stringMatching(re)));
    const embedding = tf.tensor2d([0.1, 0.2, 0.3, 0.3, 0.2, 0.1], [2, 3]);
    const a = (embeddingHead.predict(embedding) as tf.Tensor).dataSync();
    const b = (dense.predict(denseRows) as tf.Tensor).dataSync();
    const got = (model.predict([embedding, featureIds, featureValues]) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(weightedAverage([a, b], [0.3, 0.7])).map((v) => expect.closeTo(v, 6)));
  });

  it('averagedModel serves one head alone when the other members weigh 0 (nothing to concatenate)', () => {
    const embeddingHead = buildDenseHead({ name: 'test_lone_head', inputDim: 3, hidden: [4], outputs: classes, dropout: 0, l2: 0, seed: 9 });
    const model = averagedModel(
      [
        { heads: [embeddingHead], weight: 1 },
        { heads: [sparseInputHead(dense)], weight: 0 },
      ],
      { embeddingDim: 3, classes, name: 'test_lone' },
    );
    expect(model.inputs.map((i) => i.name)).toEqual([expect.stringMatching(/^embedding/)]);
    const embedding = tf.tensor2d([0.1, 0.2, 0.3, 0.3, 0.2, 0.1], [2, 3]);
    const want = (embeddingHead.predict(embedding) as tf.Tensor).dataSync();
    const got = (model.predict(embedding) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 6)));
  });
});
