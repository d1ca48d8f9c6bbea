import { assertFiniteNumbers, assertNonEmpty, assertSameLength, toBinaryTargets } from './validation';

/**
 * Average precision (area under the precision–recall curve), sklearn's
 * average_precision_score step definition: AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score
 * thresholds in descending order (tied scores form one threshold; no interpolation).
 * Use this as the PR-AUC: the trapezoidal PR area is optimistic (sklearn docs).
 */
export function averagePrecision(yTrue: readonly (number | boolean)[], scores: readonly number[]): number {
  assertSameLength('averagePrecision', yTrue, scores, 'labels/scores');
  assertNonEmpty('averagePrecision', yTrue);
  assertFiniteNumbers('averagePrecision', scores, 'scores');
  const positive = toBinaryTargets('averagePrecision', yTrue);
  const nPos = positive.filter(Boolean).length;
  if (nPos === 0) throw new Error('averagePrecision: no positive samples in yTrue; average precision is undefined');

  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tp = 0;
  let seen = 0;
  let previousRecall = 0;
  let ap = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    for (let i = start; i <= end; i++) if (positive[order[i]]) tp++;
    seen = end + 1;
    const recall = tp / nPos;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
    start = end + 1;
  }
  return ap;
}
