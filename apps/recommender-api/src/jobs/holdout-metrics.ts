import { createRng, mapAtK, meanOverUsers, ndcgAtK, precisionAtK, recallAtK, rmse, shuffled } from '@matrix/evaluation-metrics';
import { easeScores, factorScores, predictRating, type TrainedRecommender, type TrainingEvent } from '@matrix/recommender-model';

/** Per-user random hold-out (seeded): each user with ≥ 2 interactions keeps floor((1 − share)·n) for training. */
export function holdoutSplit(events: readonly TrainingEvent[], share: number, seed = 42): { train: TrainingEvent[]; test: TrainingEvent[] } {
  const byUser = new Map<string, TrainingEvent[]>();
  for (const e of events) (byUser.get(e.userId) ?? byUser.set(e.userId, []).get(e.userId)!).push(e);
  const rng = createRng(seed);
  const train: TrainingEvent[] = [];
  const test: TrainingEvent[] = [];
  for (const userId of [...byUser.keys()].sort()) {
    const list = shuffled(
      byUser
        .get(userId)!
        .slice()
        .sort((a, b) => (a.itemId < b.itemId ? -1 : 1)),
      rng,
    );
    const cut = list.length < 2 ? list.length : Math.max(1, Math.floor(list.length * (1 - share)));
    train.push(...list.slice(0, cut));
    test.push(...list.slice(cut));
  }
  return { train, test };
}

/** nDCG/precision/recall/MAP@10 of the served ranker and RMSE of MF on held-out events. */
export function holdoutMetrics(trained: TrainedRecommender, test: readonly TrainingEvent[], k = 10): Record<string, number> {
  const userIndex = new Map(trained.userIds.map((id, i) => [id, i]));
  const itemIndex = new Map(trained.itemIds.map((id, i) => [id, i]));
  const items = trained.itemIds.length;
  const relevant = new Map<number, Set<string>>();
  for (const e of test) {
    const u = userIndex.get(e.userId);
    if (u !== undefined) (relevant.get(u) ?? relevant.set(u, new Set()).get(u)!).add(e.itemId);
  }
  const rankings = [...relevant].map(([u, rel]) => {
    const scores = trained.ease ? easeScores(trained.ease, items, trained.seen[u]) : factorScores(trained.bpr!, u);
    const seen = new Set(trained.seen[u]);
    const order = Array.from({ length: items }, (_, i) => i).filter((i) => !seen.has(i));
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    return { recommended: order.slice(0, k).map((i) => trained.itemIds[i]), relevant: rel };
  });
  const metrics: Record<string, number> = {};
  if (rankings.length) {
    metrics['ndcg@10'] = meanOverUsers(rankings, (r, rel) => ndcgAtK(r, rel, k)).mean;
    metrics['precision@10'] = meanOverUsers(rankings, (r, rel) => precisionAtK(r, rel, k)).mean;
    metrics['recall@10'] = meanOverUsers(rankings, (r, rel) => recallAtK(r, rel, k)).mean;
    metrics['map@10'] = meanOverUsers(rankings, (r, rel) => mapAtK(r, rel, k)).mean;
    metrics.users = rankings.length;
  }
  const rated = test.filter((e) => e.rating !== null && userIndex.has(e.userId) && itemIndex.has(e.itemId));
  if (trained.mf && rated.length) {
    metrics.rmse = rmse(
      rated.map((e) => e.rating!),
      rated.map((e) => predictRating(trained.mf!, userIndex.get(e.userId)!, itemIndex.get(e.itemId)!)),
    );
  }
  for (const key of Object.keys(metrics)) metrics[key] = Math.round(metrics[key] * 1e4) / 1e4;
  return metrics;
}
