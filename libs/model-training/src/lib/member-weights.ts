import { argmaxRows } from './train-head';

export interface MemberWeightsOptions {
  /** Grid step of each weight (0.1 → 0, 0.1, …, 1). */
  step?: number;
  /**
   * 1 (default): each member's scores are P(positive) per row, predicted positive at ≥ 0.5 (binary);
   * K ≥ 2: row-major [n, K] class probabilities, predicted by argmax.
   */
  classes?: number;
}

export interface MemberWeights {
  weights: number[];
  accuracy: number;
  /** Every weight vector tried and its held-out accuracy. */
  grid: Array<{ weights: number[]; accuracy: number }>;
}

/**
 * The members' weights in the average, chosen on held-out data (never the test set): every weight
 * vector on a grid of `step` that sums to 1, the one with the best held-out accuracy; ties go to the
 * one nearest equal weights (the least opinionated blend).
 */
export function chooseMemberWeights(memberP: readonly ArrayLike<number>[], labels: ArrayLike<number>, options: MemberWeightsOptions = {}): MemberWeights {
  const { step = 0.1, classes = 1 } = options;
  const steps = Math.round(1 / step);
  const uniform = 1 / memberP.length;
  const grid: MemberWeights['grid'] = [];
  let best = { weights: memberP.map(() => uniform), accuracy: -1, distance: Infinity };
  const visit = (prefix: number[], left: number) => {
    if (prefix.length === memberP.length - 1) {
      const weights = [...prefix, left].map((k) => k / steps);
      const accuracy = blendAccuracy(memberP, weights, labels, classes);
      grid.push({ weights, accuracy });
      const distance = Math.hypot(...weights.map((w) => w - uniform));
      if (accuracy > best.accuracy + 1e-12 || (Math.abs(accuracy - best.accuracy) <= 1e-12 && distance < best.distance)) best = { weights, accuracy, distance };
      return;
    }
    for (let k = 0; k <= left; k++) visit([...prefix, k], left - k);
  };
  visit([], steps);
  return { weights: best.weights, accuracy: best.accuracy, grid };
}

function blendAccuracy(memberP: readonly ArrayLike<number>[], weights: number[], labels: ArrayLike<number>, classes: number): number {
  let correct = 0;
  if (classes === 1) {
    for (let i = 0; i < labels.length; i++) {
      const p = weights.reduce((sum, w, m) => sum + w * memberP[m][i], 0);
      if (p >= 0.5 === (labels[i] === 1)) correct++;
    }
  } else {
    const blend = weightedAverage(memberP, weights);
    argmaxRows(blend, classes).forEach((p, i) => {
      if (p === labels[i]) correct++;
    });
  }
  return correct / labels.length;
}

/** Σ_m w_m · p_m over equally long score arrays (the average the combined model computes). */
export function weightedAverage(memberP: readonly ArrayLike<number>[], weights: readonly number[]): Float32Array {
  if (memberP.length === 0 || memberP.length !== weights.length)
    throw new Error(`need one weight per member (${memberP.length} members, ${weights.length} weights)`);
  // Summed in double precision, rounded once.
  const sum = new Float64Array(memberP[0].length);
  memberP.forEach((p, m) => {
    if (p.length !== sum.length) throw new Error('every member must score the same rows and classes');
    for (let i = 0; i < sum.length; i++) sum[i] += weights[m] * p[i];
  });
  return Float32Array.from(sum);
}
