import type { Rating, RatingSplit } from './ratings';

/** Validates a train share strictly between 0 and 1. */
export function assertTrainRatio(trainRatio: number): void {
  if (!(trainRatio > 0 && trainRatio < 1)) throw new RangeError(`trainRatio must be in (0, 1), got ${trainRatio}`);
}

/** Groups ratings by user, users in ascending id order so that seeded draws are reproducible. */
export function ratingsByUser(ratings: readonly Rating[]): Rating[][] {
  const groups = new Map<number, Rating[]>();
  for (const rating of ratings) {
    const group = groups.get(rating.userId);
    if (group) group.push(rating);
    else groups.set(rating.userId, [rating]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/**
 * How many of a user's `count` ordered ratings go to train. Mirrors Microsoft Recommenders'
 * `_do_stratification`: the k-th rating (1-based) has rank k/count and is train when
 * rank <= ratio, i.e. floor(count * ratio) up to floating point, compared the same way.
 */
export function trainCount(count: number, trainRatio: number): number {
  let cut = 0;
  for (let k = 1; k <= count; k++) if (k / count <= trainRatio) cut = k;
  return cut;
}

/**
 * Cuts each user's already ordered ratings at `trainCount`; everything after the cut is test
 * (Recommenders keeps rank <= ratio + (1 - ratio), which can drop the last rating when that sum
 * rounds below 1; we keep it).
 */
export function cutEachUser(orderedGroups: readonly Rating[][], trainRatio: number): RatingSplit {
  const train: Rating[] = [];
  const test: Rating[] = [];
  for (const group of orderedGroups) {
    const cut = trainCount(group.length, trainRatio);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}
