import { Relevance, relevantSet, topK } from './ranking-common';

/**
 * 1 / rank of the first relevant recommendation (rank from 1), 0 if none is relevant;
 * its mean over users is MRR. `k` optionally limits how deep to look (MRR@k).
 * Recommenders' python_evaluation has no MRR; this is the standard definition.
 */
export function reciprocalRank<T>(recommended: readonly T[], relevant: Relevance<T>, k?: number): number {
  const items = topK('reciprocalRank', recommended, k ?? Math.max(1, recommended.length));
  const rel = relevantSet(relevant);
  const index = items.findIndex((item) => rel.has(item));
  return index < 0 ? 0 : 1 / (index + 1);
}
