import { UserRanking } from './ranking-mean-over-users';

/**
 * The rating_true / rating_pred fixtures of Microsoft Recommenders' unit tests
 * (recommenders-team/recommenders, tests/unit/recommenders/evaluation/conftest.py), turned into
 * per-user lists: `recommended` is rating_pred sorted by prediction (desc), `relevant` maps each
 * rating_true item to its rating. Their test_python_evaluation.py publishes the metric values
 * at k = 10 that the specs check against.
 */
const ratingTrue: [user: number, item: number, rating: number][] = [
  [1, 3, 3],
  [2, 1, 5],
  [2, 4, 5],
  [2, 5, 3],
  [2, 6, 3],
  [2, 7, 1],
  [3, 2, 5],
  [3, 5, 5],
  [3, 6, 5],
  [3, 8, 4],
  [3, 9, 4],
  [3, 10, 3],
  [3, 11, 3],
  [3, 12, 3],
  [3, 13, 2],
  [3, 14, 1],
  [1, 1, 5],
  [1, 2, 4],
];
const ratingPred: [user: number, item: number, prediction: number][] = [
  [1, 12, 12],
  [2, 10, 14],
  [2, 3, 13],
  [2, 5, 12],
  [2, 11, 11],
  [2, 13, 10],
  [3, 4, 14],
  [3, 10, 13],
  [3, 7, 12],
  [3, 13, 11],
  [3, 1, 10],
  [3, 3, 9],
  [3, 5, 8],
  [3, 2, 7],
  [3, 11, 6],
  [3, 14, 5],
  [1, 3, 14],
  [1, 10, 13],
];

function rankedBy(rows: [number, number, number][], user: number): number[] {
  return rows
    .filter(([u]) => u === user)
    .sort((a, b) => b[2] - a[2])
    .map(([, item]) => item);
}

export const recommendersFixtureUsers: UserRanking<number>[] = [1, 2, 3].map((user) => ({
  recommended: rankedBy(ratingPred, user),
  relevant: new Map(ratingTrue.filter(([u]) => u === user).map(([, item, rating]) => [item, rating])),
}));

/** Their "rating_pred = rating_true" case: each user's own truth ranked by rating. */
export const recommendersFixturePerfectUsers: UserRanking<number>[] = [1, 2, 3].map((user) => ({
  recommended: rankedBy(ratingTrue, user),
  relevant: new Map(ratingTrue.filter(([u]) => u === user).map(([, item, rating]) => [item, rating])),
}));
