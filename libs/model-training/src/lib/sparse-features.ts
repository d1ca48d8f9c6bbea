import type { SparseFeatures } from '@matrix/tokenization';

/**
 * Naive Bayes log-count ratios of sparse features for a binary task (Wang & Manning, 2012, "NBSVM"):
 * r = log((p / |p|₁) / (q / |q|₁)) with p = α + Σ positive rows, q = α + Σ negative rows. Scaling the
 * features by r before a logistic regression makes its L2 prior favour the Naive Bayes direction,
 * which is what lifts n-gram models on short sentiment texts.
 */
export function naiveBayesRatios(rows: readonly SparseFeatures[], labels: ArrayLike<number>, dimensions: number, alpha = 1): Float32Array {
  if (rows.length !== labels.length) throw new Error(`naiveBayesRatios: ${rows.length} rows but ${labels.length} labels`);
  const p = new Float64Array(dimensions).fill(alpha);
  const q = new Float64Array(dimensions).fill(alpha);
  rows.forEach((row, i) => {
    const sums = labels[i] === 1 ? p : q;
    row.indices.forEach((bucket, j) => (sums[bucket] += row.values[j]));
  });
  const pTotal = p.reduce((a, b) => a + b, 0);
  const qTotal = q.reduce((a, b) => a + b, 0);
  return Float32Array.from(p, (pj, j) => Math.log(pj / pTotal / (q[j] / qTotal)));
}
