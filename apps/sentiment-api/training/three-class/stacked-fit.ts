import { createRng, shuffled } from '@matrix/evaluation-metrics';
import { STACKED_FEATURES, stackedFeatures, type StackedModel } from '../../src/scoring/stacked-decision';
import type { ThreeClassDecision } from '../../src/scoring/three-class-decision';
import { scorePredictions, servedClass, type DecisionScores, type HeldOutText } from './decision-grid';

/**
 * The stacked decision (stacked-decision.ts), fit on held-out texts and judged by cross-validation, so
 * its macro-F1 is as honest as the grid's (which fits 2 weights, a stack fits 15 numbers). Fixed
 * beforehand, never tuned: full-batch gradient descent on the mean cross-entropy + L2 (weights, not
 * intercepts), every sentence of a text labelled with the text's label.
 */
export const STACK_FIT = { l2: 0.001, learningRate: 0.5, iterations: 3000, folds: 5 } as const;

const NO_CORRECTION = { negative: 1, neutral: 1, positive: 1 };

export function fitStackedModel(
  x: readonly number[][],
  y: readonly number[],
  fit: { l2: number; learningRate: number; iterations: number } = STACK_FIT,
): StackedModel {
  const width = STACKED_FEATURES + 1;
  const w = [0, 1, 2].map(() => new Array<number>(width).fill(0));
  const n = x.length;
  if (n === 0) throw new Error('no rows to fit the stacked decision on');
  for (let step = 0; step < fit.iterations; step++) {
    const grad = [0, 1, 2].map(() => new Array<number>(width).fill(0));
    for (let r = 0; r < n; r++) {
      const row = [...x[r], 1];
      const z = w.map((wc) => row.reduce((s, v, i) => s + v * wc[i], 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = e[0] + e[1] + e[2];
      for (let c = 0; c < 3; c++) {
        const err = e[c] / total - (y[r] === c ? 1 : 0);
        for (let i = 0; i < width; i++) grad[c][i] += (err * row[i]) / n;
      }
    }
    for (let c = 0; c < 3; c++) for (let i = 0; i < width; i++) w[c][i] -= fit.learningRate * (grad[c][i] + (i < STACKED_FEATURES ? fit.l2 * w[c][i] : 0));
  }
  return { coefficients: [w[0], w[1], w[2]] };
}

/** A stacked decision fit on every sentence of `texts` (each labelled with its text's label). */
export function stackedDecisionFor(texts: readonly HeldOutText[]): ThreeClassDecision {
  const x = texts.flatMap((t) => t.sentences.map((s) => stackedFeatures(s.binaryPositive, s.threeClass)));
  const y = texts.flatMap((t) => t.sentences.map(() => t.label));
  return { polarity: 'stacked', classWeights: NO_CORRECTION, stacked: fitStackedModel(x, y) };
}

/**
 * Out-of-fold scores: texts shuffled (seeded) into `folds` parts, each labelled as the API would by a
 * stack fit on the other parts; the pooled predictions are scored once. The decision to serve is the
 * stack fit on all texts.
 */
export function crossValidatedStack(
  texts: readonly HeldOutText[],
  seed: number,
  folds: number = STACK_FIT.folds,
): { decision: ThreeClassDecision; scores: DecisionScores; predicted: number[] } {
  const order = shuffled(
    texts.map((_, i) => i),
    createRng(seed),
  );
  const predicted = new Array<number>(texts.length);
  for (let k = 0; k < folds; k++) {
    const test = order.filter((_, j) => j % folds === k);
    const testSet = new Set(test);
    const decision = stackedDecisionFor(texts.filter((_, i) => !testSet.has(i)));
    for (const i of test) predicted[i] = servedClass(texts[i], decision);
  }
  return {
    decision: stackedDecisionFor(texts),
    predicted,
    scores: scorePredictions(
      texts.map((t) => t.label),
      predicted,
    ),
  };
}
