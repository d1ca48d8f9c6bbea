import { Label, sortedUniqueLabels } from './classification-labels';
import { assertNonEmpty, assertSameLength } from './validation';

export interface ConfusionMatrix<T extends Label = Label> {
  /** Row/column order: matrix[i][j] counts samples of true label labels[i] predicted as labels[j]. */
  labels: T[];
  matrix: number[][];
}

/**
 * Confusion matrix with sklearn's orientation (rows = truth, columns = prediction).
 * `labels` fixes the order and may select a subset; samples whose true or predicted
 * label is outside it are not counted (as sklearn does).
 */
export function confusionMatrix<T extends Label>(yTrue: readonly T[], yPred: readonly T[], options: { labels?: readonly T[] } = {}): ConfusionMatrix<T> {
  assertSameLength('confusionMatrix', yTrue, yPred);
  assertNonEmpty('confusionMatrix', yTrue);
  const labels = options.labels ? [...options.labels] : sortedUniqueLabels(yTrue, yPred);
  assertNonEmpty('confusionMatrix', labels, 'labels');
  const index = new Map<T, number>();
  labels.forEach((label, i) => {
    if (index.has(label)) throw new Error(`confusionMatrix: duplicate label ${String(label)}`);
    index.set(label, i);
  });
  const matrix = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) {
    const row = index.get(yTrue[i]);
    const col = index.get(yPred[i]);
    if (row !== undefined && col !== undefined) matrix[row][col]++;
  }
  return { labels, matrix };
}
