import { loadMovieLensRatings, movieLens100kDir } from '@matrix/datasets';
import { join } from 'node:path';
import type { BiasedMfModel } from '@matrix/recommender-model';
import { rankingMetrics, ratingRmse, topIndices } from './offline-metrics';
import { protocolSplits, randomFolds } from './protocols';

describe('evaluation protocols', () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({ userId: i % 4, itemId: i, rating: 3, timestamp: i }));

  it('cuts disjoint random folds that together cover every rating once', () => {
    const folds = randomFolds(rows, 5, 42);
    expect(folds).toHaveLength(5);
    const tested = folds.flatMap((f) => f.test.map((r) => r.itemId)).sort((a, b) => a - b);
    expect(tested).toEqual(rows.map((r) => r.itemId));
    for (const fold of folds) expect(fold.train.length + fold.test.length).toBe(rows.length);
    expect(randomFolds(rows, 5, 42)[0].test).toEqual(folds[0].test);
  });

  it('uses the shipped u1 split for --protocol u1 and explains a folder without it', () => {
    const u1 = protocolSplits('u1', movieLens100kDir(), 42, 5);
    expect([u1.ranking.train.length, u1.ranking.test.length]).toEqual([80_000, 20_000]);
    expect(u1.rmseFolds[0]).toBe(u1.ranking);
    expect(() => protocolSplits('u1', '/nonexistent', 42, 5)).toThrow('--protocol u1 needs u1.base and u1.test in /nonexistent');
  });

  it('splits 75/25 per user for random (RMSE by k folds) and holds out the latest 20 % for temporal', () => {
    const ratings = loadMovieLensRatings(join(movieLens100kDir(), 'u.data'));
    const random = protocolSplits('random', movieLens100kDir(), 42, 5);
    expect(random.ranking.train).toHaveLength(74_646);
    expect(random.rmseFolds).toHaveLength(5);
    expect(random.description).toMatch(/stratified 75\/25.*seed 42/);
    const temporal = protocolSplits('temporal', movieLens100kDir(), 42, 5);
    expect(temporal.ranking.train.length + temporal.ranking.test.length).toBe(ratings.length);
    expect(temporal.ranking.train).toHaveLength(79_619);
  });
});

describe('offline metrics', () => {
  it('picks the top indices outside the exclusion set', () => {
    expect(topIndices([0.1, 0.9, 0.5, 0.7], 2, new Set([1]))).toEqual([3, 2]);
  });

  it('scores each test user’s top 10 of unseen items against all their held-out items', () => {
    // Two users, items a..d. User 1 saw a, holds out b and c; the model ranks b, d, c.
    const itemIds = ['a', 'b', 'c', 'd'];
    const userIndex = new Map([
      ['1', 0],
      ['2', 1],
    ]);
    const seen = [Int32Array.from([0]), Int32Array.from([1])];
    const scores = [Float32Array.from([9, 3, 1, 2]), Float32Array.from([0, 9, 1, 2])];
    const test = [
      { userId: 1, itemId: 'b' as unknown as number, rating: 4, timestamp: 0 },
      { userId: 1, itemId: 'c' as unknown as number, rating: 2, timestamp: 0 },
      { userId: 2, itemId: 'd' as unknown as number, rating: 5, timestamp: 0 },
    ];
    const m = rankingMetrics(test, userIndex, itemIds, seen, (u) => scores[u], 10);
    // User 1: list b,d,c → hits at ranks 1 and 3: DCG 1 + 1/log2(4) = 1.5, IDCG 1 + 1/log2(3).
    // User 2: list d,c,a → hit at rank 1: nDCG 1.
    const ndcg1 = 1.5 / (1 + 1 / Math.log2(3));
    expect(m['ndcg@10']).toBeCloseTo((ndcg1 + 1) / 2, 10);
    expect(m['precision@10']).toBeCloseTo((2 / 10 + 1 / 10) / 2, 10);
    expect(m['recall@10']).toBeCloseTo(1, 10);
    // AP@10: user 1 (1/1 + 2/3) / min(2, 10); user 2: 1.
    expect(m['map@10']).toBeCloseTo(((1 + 2 / 3) / 2 + 1) / 2, 10);
    expect(m.users).toBe(2);
  });

  it('computes RMSE with a bias-only fallback for unknown users and items', () => {
    const model: BiasedMfModel = {
      globalMean: 3,
      factors: 1,
      userFactors: Float32Array.from([1]),
      itemFactors: Float32Array.from([0.5]),
      userBias: Float32Array.from([0.5]),
      itemBias: Float32Array.from([-1]),
      minRating: 1,
      maxRating: 5,
    };
    const rows = [
      { userId: 7, itemId: 9, rating: 3, timestamp: 0 }, // known: 3 + 0.5 − 1 + 0.5 = 3 → error 0
      { userId: 8, itemId: 9, rating: 4, timestamp: 0 }, // unknown user: 3 − 1 = 2 → error 2
    ];
    expect(ratingRmse(model, rows, new Map([['7', 0]]), new Map([['9', 0]]))).toBeCloseTo(Math.sqrt((0 + 4) / 2), 10);
  });
});
