import { argmaxRows } from '@matrix/model-training';

/**
 * The weight w of member A in w·A + (1 − w)·B that classifies the held-out rows best (grid of
 * `steps`+1 values; ties go to the weight nearest 0.5, the least opinionated blend).
 */
export function bestEnsembleWeight(a: Float32Array, b: Float32Array, classes: number, labels: ArrayLike<number>, steps = 20): { weight: number; accuracy: number; grid: Array<{ weight: number; accuracy: number }> } {
  const grid: Array<{ weight: number; accuracy: number }> = [];
  const blend = new Float32Array(a.length);
  for (let s = 0; s <= steps; s++) {
    const w = s / steps;
    for (let i = 0; i < a.length; i++) blend[i] = w * a[i] + (1 - w) * b[i];
    const predicted = argmaxRows(blend, classes);
    const correct = predicted.filter((p, i) => p === labels[i]).length;
    grid.push({ weight: w, accuracy: correct / predicted.length });
  }
  const best = grid.reduce((x, y) => (y.accuracy > x.accuracy + 1e-12 || (Math.abs(y.accuracy - x.accuracy) <= 1e-12 && Math.abs(y.weight - 0.5) < Math.abs(x.weight - 0.5)) ? y : x));
  return { ...best, grid };
}
