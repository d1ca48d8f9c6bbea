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

/** Above this k a full sort is cheaper than keeping a sorted shortlist. */
const SHORTLIST_MAX = 32;

/** The k best classes, highest first; ties keep the lower index first. */
export function topK(probabilities: ArrayLike<number>, k: number, labels?: readonly string[]): LabelScore[] {
  const want = Math.min(Math.max(0, Math.floor(k)), probabilities.length);
  const best = want <= SHORTLIST_MAX ? shortlist(probabilities, want) : sortedIndices(probabilities).slice(0, want);
  return best.map((index) => ({ index, label: labels?.[index] ?? String(index), score: probabilities[index] }));
}

function sortedIndices(probabilities: ArrayLike<number>): number[] {
  const indices = Array.from({ length: probabilities.length }, (_, i) => i);
  return indices.sort((a, b) => probabilities[b] - probabilities[a] || a - b);
}

/**
 * One pass keeping the `want` best indices sorted (insertion): for a top-5 of 1,000 classes, per
 * answer, this skips sorting a thousand boxed indices. A later index never passes an equal score.
 */
function shortlist(probabilities: ArrayLike<number>, want: number): number[] {
  const best: number[] = [];
  if (want === 0) return best;
  for (let i = 0; i < probabilities.length; i++) {
    const score = probabilities[i];
    const full = best.length === want;
    if (full && !(score > probabilities[best[want - 1]])) continue;
    let at = full ? want - 1 : best.length;
    while (at > 0 && score > probabilities[best[at - 1]]) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  return best;
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
