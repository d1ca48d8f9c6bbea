import { assertClassIndices, assertFiniteNumbers, assertProbabilityRows, assertSameLength } from './validation';

/** sklearn's historical log_loss clipping: keeps log(0) finite for confidently wrong predictions. */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Mean cross-entropy, as sklearn.metrics.log_loss: −mean(log clip(p[true class], ε, 1−ε)).
 * `probabilities` is either one row per sample (class indices in `yTrue` address the columns;
 * rows must sum to 1), or, for binary problems, the probability of class 1 per sample.
 */
export function logLoss(
  yTrue: readonly number[],
  probabilities: readonly (readonly number[])[] | readonly number[],
  options: { epsilon?: number } = {},
): number {
  const eps = options.epsilon ?? LOG_LOSS_EPSILON;
  assertSameLength('logLoss', yTrue, probabilities, 'labels/probabilities');
  const rows = toRows(probabilities);
  const classes = assertProbabilityRows('logLoss', rows);
  assertClassIndices('logLoss', yTrue, classes);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(rows[i][yTrue[i]], eps), 1 - eps);
    total -= Math.log(p);
  }
  return total / yTrue.length;
}

function toRows(probabilities: readonly (readonly number[])[] | readonly number[]): readonly (readonly number[])[] {
  if (probabilities.length === 0 || Array.isArray(probabilities[0])) return probabilities as readonly (readonly number[])[];
  const positive = probabilities as readonly number[];
  assertFiniteNumbers('logLoss', positive, 'probabilities');
  return positive.map((p) => [1 - p, p]);
}
