import { assertClassIndices, assertFiniteNumbers, assertNonEmpty, assertProbabilityRows, assertSameLength, toBinaryTargets } from './validation';

/**
 * Binary ROC-AUC. Computed as the Mann–Whitney U statistic with mid-ranks for tied scores,
 * which equals the trapezoidal area under sklearn's roc_curve (ties give half credit).
 * Throws when only one class is present (sklearn raises too: AUC is undefined).
 */
export function rocAuc(yTrue: readonly (number | boolean)[], scores: readonly number[]): number {
  assertSameLength('rocAuc', yTrue, scores, 'labels/scores');
  assertNonEmpty('rocAuc', yTrue);
  assertFiniteNumbers('rocAuc', scores, 'scores');
  const positive = toBinaryTargets('rocAuc', yTrue);
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new Error('rocAuc: only one class present in yTrue; ROC-AUC is undefined');

  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const midRank = (start + end) / 2 + 1; // 1-based average rank of the tie group
    for (let i = start; i <= end; i++) if (positive[order[i]]) positiveRankSum += midRank;
    start = end + 1;
  }
  return (positiveRankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Multi-class ROC-AUC, one-vs-rest, macro-averaged — sklearn's
 * roc_auc_score(y, proba, multi_class='ovr', average='macro'). `yTrue` holds class indices
 * into the probability columns; every class must occur (otherwise its AUC is undefined).
 */
export function rocAucOneVsRest(yTrue: readonly number[], probabilities: readonly (readonly number[])[]): number {
  assertSameLength('rocAucOneVsRest', yTrue, probabilities, 'labels/probability rows');
  const classes = assertProbabilityRows('rocAucOneVsRest', probabilities);
  assertClassIndices('rocAucOneVsRest', yTrue, classes);
  const present = new Set(yTrue);
  for (let c = 0; c < classes; c++) {
    if (!present.has(c)) throw new Error(`rocAucOneVsRest: class ${c} never occurs in yTrue; its one-vs-rest AUC is undefined`);
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    sum += rocAuc(
      yTrue.map((y) => y === c),
      probabilities.map((row) => row[c]),
    );
  }
  return sum / classes;
}
