import * as tf from '@tensorflow/tfjs';
import { loadUseTokenizer } from '@matrix/tokenization';
import { buildDenseHead, layersModelFiles, loadLayersModelFiles, projectTable, quantizeLayersFiles, sparseFeatureInputs, tokenInputs, tokenizeAll, useSubwordTable, useWasmBackend } from '@matrix/model-training';
import { averagedModel, chooseMemberWeights } from './averaged-model';
import { buildNgramHead } from './ngram-head';
import { buildTokenHead } from './token-head';

// The wasm backend with the embedding kernels it lacks (the token head trains there).
beforeAll(() => useWasmBackend());

const table = { rows: 50, dim: 8, values: Float32Array.from({ length: 400 }, (_, i) => Math.sin(i * 0.7)) };

describe('token inputs (as the gateway builds them)', () => {
  it('right-pads ids with 0 and puts 1/len on each real token, so the mean ignores padding', () => {
    const rows = [Int32Array.from([5, 6, 7]), Int32Array.from([9])];
    const [ids, weights] = tokenInputs(rows, [1, 0], 4);
    expect(Array.from(ids.dataSync())).toEqual([9, 0, 0, 0, 5, 6, 7, 0]);
    expect(Array.from(weights.dataSync())).toEqual([1, 0, 0, 0, 1 / 3, 1 / 3, 1 / 3, 0].map((v) => expect.closeTo(v, 6)));
    expect(weights.shape).toEqual([2, 4, 1]);
  });

  it('word dropout leaves tokens out of the mean but always keeps one, weights summing to 1', () => {
    let state = 1;
    const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 200 }, (_, i) => Int32Array.from({ length: 1 + (i % 6) }, (_, j) => j + 1));
    const [, weights] = tokenInputs(rows, rows.map((_, i) => i), 6, 0.5, random);
    const w = weights.dataSync();
    let dropped = 0;
    rows.forEach((row, i) => {
      const mine = Array.from(w.subarray(i * 6, i * 6 + 6));
      expect(mine.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      dropped += row.length - mine.filter((v) => v > 0).length;
    });
    expect(dropped).toBeGreaterThan(100);
  });

  it('tokenizes with the USE SentencePiece vocabulary and truncates to maxTokens', async () => {
    const tokenizer = await loadUseTokenizer();
    const [short, long] = tokenizeAll(tokenizer, ['not bad at all', 'word '.repeat(100)], 8);
    expect(Array.from(short)).toEqual(tokenizer.encodeIds('not bad at all'));
    expect(long).toHaveLength(8);
  });
});

describe('the USE subword table', () => {
  it('is read from the use-lite-en weights: 8002 × 256, pieces of similar words close together', () => {
    const t = useSubwordTable();
    expect([t.rows, t.dim]).toEqual([8002, 256]);
    const row = (id: number) => t.values.subarray(id * t.dim, (id + 1) * t.dim);
    const cos = (a: Float32Array, b: Float32Array) => {
      let ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < a.length; i++) {
        ab += a[i] * b[i];
        aa += a[i] * a[i];
        bb += b[i] * b[i];
      }
      return ab / Math.sqrt(aa * bb);
    };
    return loadUseTokenizer().then((tokenizer) => {
      const [good] = tokenizer.encodeIds('good');
      const [great] = tokenizer.encodeIds('great');
      const [table] = tokenizer.encodeIds('table');
      expect(cos(row(good), row(great))).toBeGreaterThan(cos(row(good), row(table)));
    });
  });

  it('projects onto k principal directions with unit mean row norm', () => {
    const p = projectTable(table, 3, 1);
    expect([p.rows, p.dim, p.values.length]).toEqual([50, 3, 150]);
    let norms = 0;
    for (let r = 0; r < 50; r++) norms += Math.hypot(...p.values.subarray(r * 3, r * 3 + 3));
    expect(norms / 50).toBeCloseTo(1, 4);
  });
});

describe('choosing the member weights on held-out data', () => {
  it('takes the weights with the best held-out accuracy, ties going to the ones nearest equal weights', () => {
    // Only a token weight of 0.3 (of two members) gets all four: more flips row 0 or row 1, less row 2 or 3.
    const labels = [1, 0, 1, 0];
    const embedding = [0.6, 0.4, 0.45, 0.55];
    const tokens = [0.3, 0.7, 0.9, 0.1];
    expect(chooseMemberWeights([embedding, tokens], labels)).toEqual({ weights: [0.7, 0.3], accuracy: 1 });
    expect(chooseMemberWeights([[0.9, 0.1], [0.9, 0.1]], [1, 0])).toEqual({ weights: [0.5, 0.5], accuracy: 1 });
  });

  it('searches every weight vector summing to 1 for three members', () => {
    // The third member alone is right on all rows; the first two are wrong on rows they disagree with it.
    const labels = [1, 0, 1, 0];
    const result = chooseMemberWeights([[0.1, 0.9, 0.6, 0.4], [0.6, 0.4, 0.1, 0.9], [0.8, 0.2, 0.8, 0.2]], labels);
    expect(result.accuracy).toBe(1);
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(result.weights[2]).toBeGreaterThan(0.3);
  });
});

describe('token head, averaging and quantized files', () => {
  const shape = { maxTokens: 6, table, ngrams: [2, 3], filters: 16, hidden: [16], dropout: 0, seed: 3 };
  const batch = () => tokenInputs([Int32Array.from([1, 2, 3]), Int32Array.from([4, 5, 6, 7, 8, 9])], [0, 1], 6);

  it('trains on the wasm backend (embedding gradient included) and its loss falls', async () => {
    const model = buildTokenHead(shape);
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const x = batch();
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    const before = model.getLayer('subword_embedding').getWeights()[0].dataSync().slice();
    const history = await model.fit(x, y, { epochs: 15, batchSize: 2, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    expect(model.getLayer('subword_embedding').getWeights()[0].dataSync()).not.toEqual(before);
  });

  it('the averaged model outputs Σ w·mean(heads of each member), feeds each head by input name, and survives uint8 quantization', async () => {
    const tokenHead = buildTokenHead(shape);
    const ngramHead = buildNgramHead({ ratios: Float32Array.from({ length: 32 }, (_, i) => Math.cos(i)), l2: 0, seed: 5 });
    ngramHead.getLayer('ngram_weights').setWeights([tf.tensor2d(Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)), [32, 1])]);
    const heads = [2, 3].map((seed) => buildDenseHead({ name: `test_head_${seed}`, inputDim: 5, hidden: [3], outputs: 2, dropout: 0, l2: 0, seed }));
    const model = averagedModel(
      [
        { heads, weight: 0.5 },
        { heads: [tokenHead], weight: 0.3 },
        { heads: [ngramHead], weight: 0.2 },
      ],
      { embeddingDim: 5 },
    );
    const [ids, weights] = batch();
    const embedding = tf.tensor2d([[0.1, 0.2, 0.3, 0.4, 0.5], [0.5, 0.4, 0.3, 0.2, 0.1]]);
    const [featureIds, featureValues] = sparseFeatureInputs([{ indices: Int32Array.from([3, 7, 30]), values: Float32Array.from([0.5, 0.5, 0.7]) }, { indices: Int32Array.from([1]), values: Float32Array.from([1]) }], [0, 1]);
    const [a1, a2] = heads.map((head) => (head.predict(embedding) as tf.Tensor).dataSync());
    const b = (tokenHead.predict([ids, weights]) as tf.Tensor).dataSync();
    const c = (ngramHead.predict([featureIds, featureValues]) as tf.Tensor).dataSync();
    const all = (model.predict([ids, weights, embedding, featureIds, featureValues]) as tf.Tensor).dataSync();
    expect(Array.from(all)).toEqual(Array.from(b).map((v, i) => expect.closeTo(0.5 * ((a1[i] + a2[i]) / 2) + 0.3 * v + 0.2 * c[i], 5)));
    expect(all[0] + all[1]).toBeCloseTo(1, 5);

    const files = await layersModelFiles(model);
    const small = quantizeLayersFiles(files, 16);
    expect(small['weights.bin'].byteLength).toBeLessThan(files['weights.bin'].byteLength / 2);
    const specs = (JSON.parse(small['model.json'].toString()) as tf.io.ModelJSON).weightsManifest[0].weights;
    expect(specs.filter((s) => s.quantization?.dtype === 'uint8').length).toBeGreaterThan(0);
    expect(specs.filter((s) => s.shape.reduce((x, y) => x * y, 1) < 16).every((s) => !s.quantization)).toBe(true);
    const reloaded = await loadLayersModelFiles(small);
    const again = (reloaded.predict([ids, weights, embedding, featureIds, featureValues]) as tf.Tensor).dataSync();
    expect(Array.from(again)).toEqual(Array.from(all).map((v) => expect.closeTo(v, 1)));
    // tfjs suffixes names already taken in this process (input_ids_2…); the gateway matches by prefix.
    expect(reloaded.inputs.map((i) => i.name)).toEqual(['input_ids', 'token_weights', 'embedding', 'feature_ids', 'feature_values'].map((n) => expect.stringMatching(new RegExp(`^${n}`))));
  });

  it('refuses weights that do not sum to 1', () => {
    const heads = [buildDenseHead({ name: 'test_head_w', inputDim: 5, hidden: [], outputs: 2, dropout: 0, l2: 0, seed: 1 })];
    expect(() => averagedModel([{ heads, weight: 0.5 }, { heads: [buildTokenHead(shape)], weight: 0.3 }], { embeddingDim: 5 })).toThrow('sum to 1');
  });
});
