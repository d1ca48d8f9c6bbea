import { assertFiniteNumbers, assertNonEmpty, assertSameLength } from './validation';

function checkedPairs(metric: string, yTrue: readonly number[], yPred: readonly number[]): void {
  assertSameLength(metric, yTrue, yPred, 'targets/predictions');
  assertNonEmpty(metric, yTrue);
  assertFiniteNumbers(metric, yTrue, 'yTrue');
  assertFiniteNumbers(metric, yPred, 'yPred');
}

/** Root mean squared error. */
export function rmse(yTrue: readonly number[], yPred: readonly number[]): number {
  checkedPairs('rmse', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return Math.sqrt(sum / yTrue.length);
}

/** Mean absolute error. */
export function mae(yTrue: readonly number[], yPred: readonly number[]): number {
  checkedPairs('mae', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}
