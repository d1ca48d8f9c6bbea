import { assertHasRelevant, hitsAtK, Relevance, relevantSet } from './ranking-common';

/*
 * Definitions follow Microsoft Recommenders, recommenders/evaluation/python_evaluation.py
 * (recommenders-team/recommenders @ 0a1b98f796e39d085defbfc0a289340e5076c45f):
 *   precision_at_k = hits in top k / k   — k even when fewer than k items were recommended
 *                                          (so the best achievable value can be < 1, as in Spark);
 *   recall_at_k    = hits in top k / |relevant|  — not min(|relevant|, k).
 */

export function precisionAtK<T>(recommended: readonly T[], relevant: Relevance<T>, k: number): number {
  return hitsAtK('precisionAtK', recommended, relevant, k) / k;
}

export function recallAtK<T>(recommended: readonly T[], relevant: Relevance<T>, k: number): number {
  const rel = relevantSet(relevant);
  assertHasRelevant('recallAtK', rel);
  return hitsAtK('recallAtK', recommended, rel, k) / rel.size;
}

/** 1 if any of the first k recommendations is relevant, else 0 (its mean is the hit rate@k). */
export function hitRateAtK<T>(recommended: readonly T[], relevant: Relevance<T>, k: number): number {
  return hitsAtK('hitRateAtK', recommended, relevant, k) > 0 ? 1 : 0;
}
