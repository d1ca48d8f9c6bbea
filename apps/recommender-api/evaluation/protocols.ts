import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { loadMovieLensRatings, Rating, RatingSplit, stratifiedSplit, temporalSplit } from '@matrix/datasets';
import { createRng, shuffled } from '@matrix/evaluation-metrics';

export const PROTOCOLS = ['random', 'temporal', 'u1'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** A protocol's splits: one for ranking, one or more (folds) for RMSE, and how to describe them. */
export interface ProtocolSplits {
  description: string;
  ranking: RatingSplit;
  rmseFolds: RatingSplit[];
  rmseDescription: string;
}

/** k disjoint random folds of the ratings (seeded): fold f tests on every k-th shuffled rating. */
export function randomFolds(ratings: readonly Rating[], folds: number, seed: number): RatingSplit[] {
  const order = shuffled(ratings, createRng(seed));
  return Array.from({ length: folds }, (_, f) => ({
    train: order.filter((_, i) => i % folds !== f),
    test: order.filter((_, i) => i % folds === f),
  }));
}

/**
 * - random: Microsoft Recommenders' benchmark — per-user stratified random 75/25 (seed), k = 10;
 *   RMSE as 5-fold random 80/20 cross-validation (the protocol of Surprise's ML-100K table).
 * - temporal: each user's latest 20% of ratings by timestamp held out; RMSE on the same split.
 * - u1: GroupLens' shipped u1.base / u1.test for both.
 */
export function protocolSplits(protocol: Protocol, dir: string, seed: number, rmseFolds: number): ProtocolSplits {
  if (protocol === 'u1') {
    const base = join(dir, 'u1.base');
    const test = join(dir, 'u1.test');
    if (!existsSync(base) || !existsSync(test)) throw new Error(`--protocol u1 needs u1.base and u1.test in ${dir}`);
    const split = { train: loadMovieLensRatings(base), test: loadMovieLensRatings(test) };
    return {
      description: 'u1.base/u1.test (GroupLens shipped split), k=10, seen items excluded',
      ranking: split,
      rmseFolds: [split],
      rmseDescription: 'u1.test',
    };
  }
  const ratings = loadMovieLensRatings(join(dir, 'u.data'));
  if (protocol === 'temporal') {
    const split = temporalSplit(ratings, { trainRatio: 0.8 });
    return {
      description: "temporal per-user split: each user's last 20% of ratings by timestamp held out, k=10, seen items excluded",
      ranking: split,
      rmseFolds: [split],
      rmseDescription: 'same temporal split',
    };
  }
  return {
    description: `random per-user stratified 75/25 split (Microsoft Recommenders python_stratified_split), seed ${seed}, k=10, seen items excluded, binary relevance`,
    ranking: stratifiedSplit(ratings, { trainRatio: 0.75, seed }),
    rmseFolds: randomFolds(ratings, rmseFolds, seed),
    rmseDescription: `${rmseFolds}-fold random cross-validation (${Math.round((100 * (rmseFolds - 1)) / rmseFolds)}/${Math.round(100 / rmseFolds)}), seed ${seed}`,
  };
}
