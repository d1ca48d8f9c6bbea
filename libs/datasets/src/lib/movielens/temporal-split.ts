import type { Rating, RatingSplit } from './ratings';
import { assertTrainRatio, cutEachUser, ratingsByUser } from './per-user-cut';

export interface TemporalSplitOptions {
  /** Share of each user's earliest ratings kept for training; default 0.8 (last 20% held out). */
  trainRatio?: number;
}

/**
 * Per-user temporal split, as Recommenders' `python_chrono_split`: each user's ratings are ordered
 * by timestamp and the latest share is held out, so the model is tested on what a user rated after
 * everything it trained on. Ties in timestamp are broken by item id to keep the split deterministic;
 * hence every held-out timestamp is >= every training timestamp of the same user.
 */
export function temporalSplit(ratings: readonly Rating[], options: TemporalSplitOptions = {}): RatingSplit {
  const { trainRatio = 0.8 } = options;
  assertTrainRatio(trainRatio);
  const orderedGroups = ratingsByUser(ratings).map((group) => group.slice().sort((a, b) => a.timestamp - b.timestamp || a.itemId - b.itemId));
  return cutEachUser(orderedGroups, trainRatio);
}
