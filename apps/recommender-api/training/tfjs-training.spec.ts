import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '@matrix/model-training';
import { factorScores } from '@matrix/recommender-model';
import { trainBpr } from './bpr';

// The trainers on the WASM backend they run on in production, on small synthetic data whose answer is known.

beforeAll(async () => {
  await useWasmBackend();
});

describe('WASM embedding kernels', () => {
  it('gathers rows and sums gradients back into them (tf.gather is differentiable on WASM)', () => {
    const table = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const ids = tf.tensor1d([2, 0, 2], 'int32');
    expect(tf.gather(table, ids).arraySync()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)))(table);
    expect(grad.arraySync()).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
    expect(() => tf.gather(table, tf.tensor1d([3], 'int32'))).toThrow(/index value 3 is not in \[0, 2\]/);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('BPR', () => {
  it('ranks the items of a user’s own taste group above the others', async () => {
    // Users 0–9 interact with items 0–4 (some), users 10–19 with items 5–9.
    const seen = Array.from({ length: 20 }, (_, u) => Int32Array.from([0, 1, 2, 3, 4].filter((i) => (i + u) % 5 !== 0).map((i) => (u < 10 ? i : i + 5))));
    const model = await trainBpr(seen, 10, { factors: 8, epochs: 30, batchSize: 32, learningRate: 0.05, l2: 0.0001 });
    for (const u of [0, 3, 12, 17]) {
      const scores = factorScores(model, u);
      const own = u < 10 ? [0, 1, 2, 3, 4] : [5, 6, 7, 8, 9];
      const other = u < 10 ? [5, 6, 7, 8, 9] : [0, 1, 2, 3, 4];
      // The held-back item of the user's group beats every item of the other group.
      const missing = own.find((i) => !Array.from(seen[u]).includes(i))!;
      for (const j of other) expect(scores[missing]).toBeGreaterThan(scores[j]);
    }
  });
});
