import * as tf from '@tensorflow/tfjs';
import { loadUseTokenizer } from '@matrix/tokenization';
import {
  averagedModel,
  buildDenseHead,
  layersModelFiles,
  loadLayersModelFiles,
  projectTable,
  quantizeLayersFiles,
  sparseFeatureInputs,
  tokenInputs,
  useSubwordTable,
  useWasmBackend,
} from '@matrix/model-training';
import { buildNgramHead } from './ngram-head';
import { buildTokenHead } from './token-head';

// The wasm backend with the embedding kernels it lacks (the token head trains there).
beforeAll(() => useWasmBackend());

const table = { rows: 50, dim: 8, values: Float32Array.from({ length: 400 }, (_, i) => Math.sin(i * 0.7)) };

describe('the USE subword table', () => {
  it('is read from the use-lite-en weights: 8002 × 256, pieces of similar words close together', () => {
    const t = useSubwordTable();
    expect([t.rows, t.dim]).toEqual([8002, 256]);
    const row = (id: number) => t.values.subarray(id * t.dim, (id + 1) * t.dim);
    const cos = (a: Float32Array, b: Float32Array) => {
      let ab = 0,
        aa = 0,
        bb = 0;
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

describe('token head, averaging and quantized files', () => {
  const shape = { maxTokens: 6, table, ngrams: [2, 3], filters: 16, hidden: [16], dropout: 0, seed: 3 };
  const batch = () => tokenInputs([Int32Array.from([1, 2, 3]), Int32Array.from([4, 5, 6, 7, 8, 9])], [0, 1], 6);

  it('trains on the wasm backend (embedding gradient included) and its loss falls', async () => {
    const model = buildTokenHead(shape);
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const x = batch();
    const y = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const before = model.getLayer('subword_embedding').getWeights()[0].dataSync().slice();
    const history = await model.fit(x, y, { epochs: 15, batchSize: 2, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    expect(model.getLayer('subword_embedding').getWeights()[0].dataSync()).not.toEqual(before);
  });

  it('the averaged model outputs Σ w·mean(heads of each member), feeds each head by input name, and survives uint8 quantization', async () => {
    const tokenHead = buildTokenHead(shape);
    const ngramHead = buildNgramHead({ ratios: Float32Array.from({ length: 32 }, (_, i) => Math.cos(i)), l2: 0, seed: 5 });
    ngramHead.getLayer('ngram_weights').setWeights([
      tf.tensor2d(
        Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)),
        [32, 1],
      ),
    ]);
    const heads = [2, 3].map((seed) => buildDenseHead({ name: `test_head_${seed}`, inputDim: 5, hidden: [3], outputs: 2, dropout: 0, l2: 0, seed }));
    const model = averagedModel(
      [
        { heads, weight: 0.5 },
        { heads: [tokenHead], weight: 0.3 },
        { heads: [ngramHead], weight: 0.2 },
      ],
      { embeddingDim: 5, name: 'sentiment_ensemble' },
    );
    const [ids, weights] = batch();
    const embedding = tf.tensor2d([
      [0.1, 0.2, 0.3, 0.4, 0.5],
      [0.5, 0.4, 0.3, 0.2, 0.1],
    ]);
    const [featureIds, featureValues] = sparseFeatureInputs(
      [
        { indices: Int32Array.from([3, 7, 30]), values: Float32Array.from([0.5, 0.5, 0.7]) },
        { indices: Int32Array.from([1]), values: Float32Array.from([1]) },
      ],
      [0, 1],
    );
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
    expect(reloaded.inputs.map((i) => i.name)).toEqual(
      ['input_ids', 'token_weights', 'embedding', 'feature_ids', 'feature_values'].map((n) => expect.stringMatching(new RegExp(`^${n}`))),
    );
  });

  it('refuses weights that do not sum to 1', () => {
    const heads = [buildDenseHead({ name: 'test_head_w', inputDim: 5, hidden: [], outputs: 2, dropout: 0, l2: 0, seed: 1 })];
    expect(() =>
      averagedModel(
        [
          { heads, weight: 0.5 },
          { heads: [buildTokenHead(shape)], weight: 0.3 },
        ],
        { embeddingDim: 5 },
      ),
    ).toThrow('sum to 1');
  });
});
