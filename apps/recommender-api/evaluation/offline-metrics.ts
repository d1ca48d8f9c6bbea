import { Rating } from '@matrix/datasets';
import { mapAtK, meanOverUsers, ndcgAtK, precisionAtK, recallAtK, rmse, UserRanking } from '@matrix/evaluation-metrics';
import { predictRating, type BiasedMfModel } from '@matrix/recommender-model';

export interface RankingMetrics {
  'ndcg@10': number;
  'precision@10': number;
  'recall@10': number;
  'map@10': number;
  users: number;
}

/** Indices of the k best scores, leaving out `exclude`. */
export function topIndices(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number>): number[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude.has(i)) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, k);
}

/**
 * Recommenders' ranking metrics at k over every user with held-out items: the model's top k of
 * the items the user has not seen in training, relevant = all the user's held-out items (binary).
 */
export function rankingMetrics(
  test: readonly Rating[],
  userIndex: ReadonlyMap<string, number>,
  itemIds: readonly string[],
  seen: readonly Int32Array[],
  scoresFor: (user: number) => ArrayLike<number>,
  k = 10,
): RankingMetrics {
  const relevantByUser = new Map<string, Set<string>>();
  for (const r of test) {
    const key = String(r.userId);
    if (!relevantByUser.has(key)) relevantByUser.set(key, new Set());
    relevantByUser.get(key)!.add(String(r.itemId));
  }
  const rankings: UserRanking<string>[] = [...relevantByUser].map(([userId, relevant]) => {
    const user = userIndex.get(userId);
    const recommended = user === undefined ? [] : topIndices(scoresFor(user), k, new Set(seen[user])).map((i) => itemIds[i]);
    return { recommended, relevant };
  });
  return {
    'ndcg@10': meanOverUsers(rankings, (rec, rel) => ndcgAtK(rec, rel, k)).mean,
    'precision@10': meanOverUsers(rankings, (rec, rel) => precisionAtK(rec, rel, k)).mean,
    'recall@10': meanOverUsers(rankings, (rec, rel) => recallAtK(rec, rel, k)).mean,
    'map@10': meanOverUsers(rankings, (rec, rel) => mapAtK(rec, rel, k)).mean,
    users: rankings.length,
  };
}

/** RMSE of the MF predictions on held-out ratings; unknown users/items get the global mean + known bias. */
export function ratingRmse(
  model: BiasedMfModel,
  test: readonly Rating[],
  userIndex: ReadonlyMap<string, number>,
  itemIndex: ReadonlyMap<string, number>,
): number {
  const predictions = test.map((r) => {
    const u = userIndex.get(String(r.userId));
    const i = itemIndex.get(String(r.itemId));
    if (u !== undefined && i !== undefined) return predictRating(model, u, i);
    const bias = (u !== undefined ? model.userBias[u] : 0) + (i !== undefined ? model.itemBias[i] : 0);
    return Math.min(model.maxRating, Math.max(model.minRating, model.globalMean + bias));
  });
  return rmse(
    test.map((r) => r.rating),
    predictions,
  );
}
