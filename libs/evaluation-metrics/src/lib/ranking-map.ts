import { assertHasRelevant, Relevance, relevantSet, topK } from './ranking-common';

export interface AveragePrecisionAtKOptions {
  /**
   * Denominator of AP@k. 'min(relevant,k)' (default) is Recommenders' current map_at_k
   * (its docstring cites Spark MLlib RankingMetrics); 'relevant' divides by |relevant|, which is
   * Recommenders' `map` function and what map_at_k computed in older releases (checked in older
   * copies of python_evaluation.py) — use it to compare MAP with benchmark tables produced by
   * those releases, such as the ML-100K table. nDCG@k did not change between those versions.
   */
  denominator?: 'min(relevant,k)' | 'relevant';
}

/**
 * AP@k for one user; its mean over users is MAP@k. Follows Microsoft Recommenders'
 * map_at_k (python_evaluation.py, commit 0a1b98f796e39d085defbfc0a289340e5076c45f):
 *   AP@k = Σ over hits in the first k of (hits so far / rank)  ÷  min(|relevant|, k).
 * (Their `map` uses ÷ |relevant|; older releases' map_at_k did too — see `denominator`.)
 */
export function averagePrecisionAtK<T>(recommended: readonly T[], relevant: Relevance<T>, k: number, options: AveragePrecisionAtKOptions = {}): number {
  const items = topK('averagePrecisionAtK', recommended, k);
  const rel = relevantSet(relevant);
  assertHasRelevant('averagePrecisionAtK', rel);
  let hits = 0;
  let sum = 0;
  items.forEach((item, i) => {
    if (rel.has(item)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  const denominator = (options.denominator ?? 'min(relevant,k)') === 'relevant' ? rel.size : Math.min(rel.size, k);
  return sum / denominator;
}

/** Alias that reads naturally with meanOverUsers: mean of AP@k over users = MAP@k. */
export const mapAtK = averagePrecisionAtK;
