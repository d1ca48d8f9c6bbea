/** score(u, i) = p_u · q_i + b_i (row-major factors): what BPR learns. */
export interface FactorRanker {
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  itemBias: Float32Array;
}

/** Scores of every item for one user. */
export function factorScores(model: FactorRanker, user: number): Float32Array {
  const k = model.factors;
  const items = model.itemBias.length;
  const out = new Float32Array(items);
  for (let i = 0; i < items; i++) {
    let s = model.itemBias[i];
    for (let f = 0; f < k; f++) s += model.userFactors[user * k + f] * model.itemFactors[i * k + f];
    out[i] = s;
  }
  return out;
}
