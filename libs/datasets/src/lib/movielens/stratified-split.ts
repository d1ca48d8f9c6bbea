import { createRng, shuffled } from '@matrix/evaluation-metrics';
import type { Rating, RatingSplit } from './ratings';
import { assertTrainRatio, cutEachUser, ratingsByUser } from './per-user-cut';

export interface StratifiedSplitOptions {
  /** Share of each user's ratings kept for training (Recommenders' `ratio`); default 0.75. */
  trainRatio?: number;
  /** Seed for the per-user shuffles; default 42 as in Recommenders. */
  seed?: number;
}

/**
 * Seeded random per-user stratified split, following Microsoft Recommenders'
 * `python_stratified_split` (recommenders/datasets/python_splitters.py, `_do_stratification` with
 * is_random=True, filter_by="user", min_rating=1). Matched: each user's ratings are put in random
 * order and the first floor(n * ratio) (rank k/n <= ratio) go to train, the rest to test, so every
 * user appears in both sides in proportion. Not matched: Recommenders draws one numpy uniform per
 * row and sorts by it; we Fisher–Yates shuffle each user's ratings with the mulberry32 generator
 * of `@matrix/evaluation-metrics` (same distribution, different draws), and we have no
 * min_rating filter or multi-way ratios. Each user's ratings are first sorted by item id, so the
 * result depends on the set of ratings and the seed, not on the input order.
 */
export function stratifiedSplit(ratings: readonly Rating[], options: StratifiedSplitOptions = {}): RatingSplit {
  const { trainRatio = 0.75, seed = 42 } = options;
  assertTrainRatio(trainRatio);
  const rng = createRng(seed);
  const orderedGroups = ratingsByUser(ratings).map((group) =>
    shuffled(
      group.slice().sort((a, b) => a.itemId - b.itemId || a.timestamp - b.timestamp),
      rng,
    ),
  );
  return cutEachUser(orderedGroups, trainRatio);
}
