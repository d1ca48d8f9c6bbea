import * as tf from '@tensorflow/tfjs';
import { naiveBayesRatios, sparseFeatureInputs, trainClassifier, useWasmBackend } from '@matrix/model-training';
import { hashedNgramSparse, type HashedNgramSpec } from '@matrix/tokenization';
import { buildNgramHead, foldNgramHead } from './ngram-head';

// The wasm backend with the embedding kernels it lacks (the n-gram table trains there).
beforeAll(() => useWasmBackend());

const spec: HashedNgramSpec = { type: 'hashed-ngrams', dimensions: 4096, wordNgrams: [1, 2], charNgrams: [0, 0] };

// Sentiment carried by a few words and by negation ("not good" is negative): a bigram model can learn it, a bag of words cannot fully.
const positive = ['good', 'great fun', 'not bad at all', 'a good film', 'really great', 'not boring'];
const negative = ['bad', 'boring mess', 'not good', 'a bad film', 'really boring', 'not great'];
const texts = [...positive, ...negative];
const labels = texts.map((_, i) => (i < positive.length ? 1 : 0));

describe('the NB-weighted n-gram head', () => {
  it('learns sentiment phrases through the hashed n-grams (negation included) and the held-out loss falls', async () => {
    const rows = texts.map((t) => hashedNgramSparse(t, spec));
    const ratios = naiveBayesRatios(rows, labels, spec.dimensions);
    const model = buildNgramHead({ ratios, l2: 0, seed: 1 });
    const all = rows.map((_, i) => i);
    const result = await trainClassifier(
      model,
      {
        count: rows.length,
        labels,
        inputsFor: (order) => sparseFeatureInputs(rows, order),
        heldOutLabels: labels,
        predictHeldOut: (m) => {
          const p = (m.predict(sparseFeatureInputs(rows, all)) as tf.Tensor).dataSync() as Float32Array;
          return { probabilities: Float32Array.from(p), classes: 2 };
        },
      },
      { maxEpochs: 60, patience: 60, batchSize: 4, learningRate: 0.05, labelSmoothing: 0, seed: 3 },
    );
    expect(result.epochs[result.epochs.length - 1].heldOutLoss).toBeLessThan(result.epochs[0].heldOutLoss / 2);
    const p = (model.predict(sparseFeatureInputs(rows, all)) as tf.Tensor).dataSync();
    texts.forEach((text, i) => expect([text, p[i * 2 + 1] >= 0.5]).toEqual([text, labels[i] === 1]));
  });

  it('the folded served form (one ratio × weight table) gives the trained model’s probabilities', () => {
    const ratios = Float32Array.from({ length: 64 }, (_, i) => Math.cos(i) * 2);
    const trained = buildNgramHead({ ratios, l2: 0, seed: 2 });
    trained.getLayer('ngram_weights').setWeights([
      tf.tensor2d(
        Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.3)),
        [64, 1],
      ),
    ]);
    const served = foldNgramHead(trained);
    expect(served.getWeights().map((w) => w.shape)).toEqual([[64, 1], [1, 2], [2]]);
    const rows = [
      { indices: Int32Array.from([1, 5, 63]), values: Float32Array.from([0.6, 0.6, 0.52]) },
      { indices: Int32Array.from([9]), values: Float32Array.from([1]) },
    ];
    const x = sparseFeatureInputs(rows, [0, 1]);
    const expected = (trained.predict(x) as tf.Tensor).dataSync();
    expect(Array.from((served.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 5)));
  });
});
