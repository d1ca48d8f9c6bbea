import type { ClassProbabilities } from './label-rules';

/**
 * A multinomial logistic regression over both heads' outputs of a sentence: features
 * [binary P(positive), three-class P(negative), P(neutral), P(positive)], one row of 4 weights and an
 * intercept per class (negative, neutral, positive). Fit on held-out rows (training/three-class), it
 * learns how far to trust each head instead of fixing it by a rule.
 */
export interface StackedModel {
  coefficients: [number[], number[], number[]];
}

export const STACKED_FEATURES = 4;

export function stackedFeatures(binaryPositive: number, threeClass: ClassProbabilities): number[] {
  return [binaryPositive, threeClass.negative, threeClass.neutral, threeClass.positive];
}

/** Softmax of the three linear scores (max-subtracted, so large scores cannot overflow). */
export function stackedProbabilities(binaryPositive: number, threeClass: ClassProbabilities, model: StackedModel): ClassProbabilities {
  const x = stackedFeatures(binaryPositive, threeClass);
  const z = model.coefficients.map((w) => x.reduce((sum, xi, i) => sum + xi * w[i], w[STACKED_FEATURES]));
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e[0] + e[1] + e[2];
  return { negative: e[0] / total, neutral: e[1] / total, positive: e[2] / total };
}
