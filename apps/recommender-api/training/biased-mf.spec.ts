import { createRng } from '@matrix/evaluation-metrics';
import { predictRating, TrainingCancelledError } from '@matrix/recommender-model';
import { averageModels, gaussianArray, trainBiasedMf } from './biased-mf';

// Biased MF on small synthetic data whose answer is known.

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

  it('lowers the training loss epoch after epoch', async () => {
    const losses: number[] = [];
    await trainBiasedMf(
      ratings,
      users,
      items,
      { factors: 4, epochs: 12, batchSize: 64, learningRate: 0.02, ensemble: 1 },
      { onProgress: (progress) => losses.push(Number(/loss (\S+)/.exec(progress.detail ?? '')?.[1])) },
    );
    expect(losses).toHaveLength(12);
    expect(losses.every(Number.isFinite)).toBe(true);
    for (let e = 1; e < losses.length; e++) expect(losses[e]).toBeLessThan(losses[e - 1]);
    expect(losses[11]).toBeLessThan(losses[0] * 0.5);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const options = { factors: 3, epochs: 4, batchSize: 50, ensemble: 2 };
    const a = await trainBiasedMf(ratings, users, items, { ...options, seed: 9 });
    const b = await trainBiasedMf(ratings, users, items, { ...options, seed: 9 });
    const c = await trainBiasedMf(ratings, users, items, { ...options, seed: 10 });
    for (const key of ['userFactors', 'itemFactors', 'userBias', 'itemBias'] as const) {
      expect(Array.from(a[key])).toEqual(Array.from(b[key]));
      expect(Array.from(a[key])).not.toEqual(Array.from(c[key]));
    }
  });
});

describe('gaussianArray', () => {
  it('draws mean-0 values of the asked standard deviation, the same for the same generator seed', () => {
    const values = gaussianArray(20001, 0.3, createRng(1));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(std).toBeGreaterThan(0.29);
    expect(std).toBeLessThan(0.31);
    expect(Array.from(gaussianArray(5, 1, createRng(2)))).toEqual(Array.from(gaussianArray(5, 1, createRng(2))));
  });
});
