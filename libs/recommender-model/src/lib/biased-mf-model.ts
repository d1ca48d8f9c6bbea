/** r̂(u, i) = μ + b_u + b_i + p_u · q_i, as plain arrays (row-major factors). */
export interface BiasedMfModel {
  globalMean: number;
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  minRating: number;
  maxRating: number;
}

/** The model's rating for one user-item pair, clipped to the scale. */
export function predictRating(model: BiasedMfModel, user: number, item: number): number {
  const k = model.factors;
  let dot = 0;
  for (let f = 0; f < k; f++) dot += model.userFactors[user * k + f] * model.itemFactors[item * k + f];
  const raw = model.globalMean + model.userBias[user] + model.itemBias[item] + dot;
  return Math.min(model.maxRating, Math.max(model.minRating, raw));
}
