/** Numerically stable softmax of one row of logits. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** True when the row already is a probability distribution (a model that ends in softmax). */
export function isDistribution(row: ArrayLike<number>): boolean {
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] < 0 || row[i] > 1) return false;
    sum += row[i];
  }
  return Math.abs(sum - 1) < 1e-3;
}

export interface LabelScore {
  index: number;
  label: string;
  score: number;
}

/** The k best classes, highest first; ties keep the lower index first. */
export function topK(probabilities: ArrayLike<number>, k: number, labels?: readonly string[]): LabelScore[] {
  const indices = Array.from({ length: probabilities.length }, (_, i) => i);
  indices.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return indices.slice(0, Math.max(0, k)).map((index) => ({ index, label: labels?.[index] ?? String(index), score: probabilities[index] }));
}

/**
 * transformers.js pipelines answer `[{label, score}]` per input; this lays each row out as a
 * probability vector in `labels` order (the manifest's, else the first row's sorted labels).
 */
export function labelScoresToRows(
  rows: Array<Array<{ label: string; score: number }>>,
  labels?: readonly string[],
): { labels: string[]; rows: Float32Array[] } {
  const order = labels ? [...labels] : rows[0].map((r) => r.label).sort();
  return {
    labels: order,
    rows: rows.map((row) => {
      const probabilities = new Float32Array(order.length);
      for (const { label, score } of row) probabilities[order.indexOf(label)] = score;
      return probabilities;
    }),
  };
}
