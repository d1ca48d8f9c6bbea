import { accuracy, precisionRecallF1 } from '@matrix/evaluation-metrics';

export interface DevScore {
  yPred: number[];
  accuracy: number;
  macroF1: number;
}

/** Scores P(positive) per dev sentence (positive at ≥ 0.5) against the dev labels. */
export function devScorer(yTrue: number[]): (p: ArrayLike<number>) => DevScore {
  return (p) => {
    const yPred = Array.from(p, (q) => (q >= 0.5 ? 1 : 0));
    return { yPred, accuracy: accuracy(yTrue, yPred), macroF1: precisionRecallF1(yTrue, yPred).macro.f1 };
  };
}
