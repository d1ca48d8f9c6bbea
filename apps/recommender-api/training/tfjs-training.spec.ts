import * as tf from '@tensorflow/tfjs';
import { createRng } from '@matrix/evaluation-metrics';
import { useWasmBackend } from '@matrix/model-training';
import { factorScores, predictRating, TrainingCancelledError } from '@matrix/recommender-model';
import { averageModels, trainBiasedMf } from './biased-mf';
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

describe('biased matrix factorisation', () => {
  // Ratings from a known rank-2 model: r = 3 + b_u + b_i + p_u · q_i, 30 users × 20 items, 70 % observed.
  const rng = createRng(7);
  const users = 30;
  const items = 20;
  const p = Array.from({ length: users }, () => [rng() - 0.5, rng() - 0.5]);
  const q = Array.from({ length: items }, () => [rng() * 2 - 1, rng() * 2 - 1]);
  const ratings: Array<{ user: number; item: number; value: number }> = [];
  const held: typeof ratings = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      const value = 3 + (u % 3) * 0.3 - (i % 4) * 0.2 + p[u][0] * q[i][0] * 2 + p[u][1] * q[i][1] * 2;
      (rng() < 0.7 ? ratings : held).push({ user: u, item: i, value });
    }
  }
  const rmseOf = (model: Awaited<ReturnType<typeof trainBiasedMf>>, rows: typeof ratings) =>
    Math.sqrt(rows.reduce((s, r) => s + (predictRating(model, r.user, r.item) - r.value) ** 2, 0) / rows.length);

  it('recovers held-out ratings far better than the global mean', async () => {
    const model = await trainBiasedMf(ratings, users, items, {
      factors: 4,
      epochs: 60,
      batchSize: 64,
      learningRate: 0.02,
      factorL2: 0.001,
      biasL2: 0.001,
      ensemble: 1,
    });
    const mean = ratings.reduce((s, r) => s + r.value, 0) / ratings.length;
    const baseline = Math.sqrt(held.reduce((s, r) => s + (mean - r.value) ** 2, 0) / held.length);
    expect(rmseOf(model, held)).toBeLessThan(baseline * 0.5);
  });

  it('averages an ensemble into one model whose prediction is the members’ mean', async () => {
    const a = await trainBiasedMf(ratings, users, items, { factors: 2, epochs: 3, ensemble: 1, seed: 1 });
    const b = await trainBiasedMf(ratings, users, items, { factors: 2, epochs: 3, ensemble: 1, seed: 2 });
    const both = averageModels([a, b]);
    expect(both.factors).toBe(4);
    for (const [u, i] of [
      [0, 0],
      [5, 7],
      [29, 19],
    ]) {
      const raw = (m: typeof a) =>
        m.globalMean + m.userBias[u] + m.itemBias[i] + [0, 1].reduce((s, f) => s + m.userFactors[u * 2 + f] * m.itemFactors[i * 2 + f], 0);
      let dot = 0;
      for (let f = 0; f < 4; f++) dot += both.userFactors[u * 4 + f] * both.itemFactors[i * 4 + f];
      expect(both.globalMean + both.userBias[u] + both.itemBias[i] + dot).toBeCloseTo((raw(a) + raw(b)) / 2, 5);
    }
  });

  it('reports progress per epoch and stops when cancelled', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = trainBiasedMf(
      ratings,
      users,
      items,
      { epochs: 50, ensemble: 1 },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress.detail ?? '');
          if (seen.length === 2) controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(seen[0]).toMatch(/^model 1\/1, epoch 1\/50 loss \d/);
    expect(seen).toHaveLength(2);
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
