import { assertHasRelevant, Relevance, relevantSet, topK } from './ranking-common';

export interface NdcgOptions {
  /**
   * How a graded relevance value becomes a gain: 'raw' uses it as is, 'exp' uses 2^rel − 1
   * (Recommenders' score_type 'raw' / 'exp'). Ignored for binary relevance (gain 1 per hit).
   */
  gain?: 'raw' | 'exp';
}

/**
 * nDCG@k as Microsoft Recommenders' ndcg_at_k (python_evaluation.py, commit 0a1b98f):
 *   DCG  = Σ over the first k recommendations of gain(item) / log(1 + rank), rank from 1;
 *   IDCG = the same sum over the user's relevant items sorted by gain, best first, top k —
 *          i.e. the ideal ranking comes from the relevant set, not from the recommended list.
 * Binary relevance (a set or array) gives gain 1, Recommenders' default score_type='binary';
 * graded relevance (a Map item → rating) matches score_type='raw' or 'exp'. The log base
 * cancels in DCG/IDCG, so Recommenders' natural-log default and log2 give the same value.
 */
export function ndcgAtK<T>(recommended: readonly T[], relevant: Relevance<T>, k: number, options: NdcgOptions = {}): number {
  const items = topK('ndcgAtK', recommended, k);
  assertHasRelevant('ndcgAtK', relevantSet(relevant));
  const gainOf = gainFunction(relevant, options.gain ?? 'raw');

  let dcg = 0;
  items.forEach((item, i) => {
    dcg += gainOf(item) / Math.log2(i + 2);
  });
  const idealGains = [...relevantSet(relevant)]
    .map(gainOf)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = idealGains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);
  if (idcg <= 0) throw new Error('ndcgAtK: the relevant items have no positive gain, so nDCG is undefined');
  return dcg / idcg;
}

function gainFunction<T>(relevant: Relevance<T>, kind: 'raw' | 'exp'): (item: T) => number {
  if (relevant instanceof Map) {
    for (const [item, value] of relevant) {
      if (!Number.isFinite(value) || value < 0) throw new Error(`ndcgAtK: relevance of ${String(item)} must be a non-negative number, got ${value}`);
    }
    return (item) => {
      const value = relevant.get(item) ?? 0;
      return kind === 'exp' ? 2 ** value - 1 : value;
    };
  }
  const set = relevantSet(relevant);
  return (item) => (set.has(item) ? 1 : 0);
}
