import * as tf from '@tensorflow/tfjs';
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

/**
 * A sparse-feature head's two inputs exactly as the gateway builds them (apps/inference-gateway
 * head-inputs.ts): `feature_ids` [n, F] and `feature_values` [n, F, 1], right-padded with bucket 0 and
 * value 0 (padding adds nothing), F = the longest row in `order` unless `length` is given.
 */
export function sparseFeatureInputs(rows: readonly SparseFeatures[], order: readonly number[], length?: number): [tf.Tensor2D, tf.Tensor3D] {
  const width = Math.max(1, length ?? Math.max(0, ...order.map((row) => rows[row].indices.length)));
  const ids = new Int32Array(order.length * width);
  const values = new Float32Array(order.length * width);
  order.forEach((row, i) => {
    ids.set(rows[row].indices.subarray(0, width), i * width);
    values.set(rows[row].values.subarray(0, width), i * width);
  });
  return [tf.tensor2d(ids, [order.length, width], 'int32'), tf.tensor3d(values, [order.length, width, 1])];
}
