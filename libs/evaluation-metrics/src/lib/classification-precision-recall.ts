import { confusionMatrix } from './classification-confusion-matrix';
import { Label } from './classification-labels';

export interface ClassScores<T extends Label = Label> {
  label: T;
  precision: number;
  recall: number;
  f1: number;
  /** Number of samples whose true label is this class. */
  support: number;
}

export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface PrecisionRecallF1<T extends Label = Label> {
  perClass: ClassScores<T>[];
  /** Unweighted mean of the per-class scores (macro F1 is the mean of per-class F1, not F1 of macro P/R). */
  macro: AveragedScores;
  /** From pooled TP/FP/FN over the labels; equals accuracy when the labels cover every sample. */
  micro: AveragedScores;
  /** Per-class scores weighted by support. */
  weighted: AveragedScores;
}

/** 0/0 → 0: sklearn's zero_division=0. */
const safeDivide = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/**
 * Per-class precision/recall/F1/support plus macro, micro and weighted averages,
 * matching sklearn.metrics.precision_recall_fscore_support with zero_division=0.
 */
export function precisionRecallF1<T extends Label>(yTrue: readonly T[], yPred: readonly T[], options: { labels?: readonly T[] } = {}): PrecisionRecallF1<T> {
  // The matrix restricted to the chosen labels; predictions of other labels still count as
  // misses for recall, so recompute per-class counts from the raw samples.
  const { labels } = confusionMatrix(yTrue, yPred, options);
  const perClass = labels.map((label) => {
    let tp = 0;
    let predicted = 0;
    let support = 0;
    for (let i = 0; i < yTrue.length; i++) {
      const isTrue = yTrue[i] === label;
      const isPred = yPred[i] === label;
      if (isTrue) support++;
      if (isPred) predicted++;
      if (isTrue && isPred) tp++;
    }
    return { label, tp, predicted, support };
  });

  const scores: ClassScores<T>[] = perClass.map(({ label, tp, predicted, support }) => ({
    label,
    precision: safeDivide(tp, predicted),
    recall: safeDivide(tp, support),
    f1: safeDivide(2 * tp, predicted + support),
    support,
  }));

  const totalSupport = scores.reduce((s, c) => s + c.support, 0);
  const mean = (pick: (c: ClassScores<T>) => number): number => scores.reduce((s, c) => s + pick(c), 0) / scores.length;
  const weightedMean = (pick: (c: ClassScores<T>) => number): number =>
    safeDivide(
      scores.reduce((s, c) => s + pick(c) * c.support, 0),
      totalSupport,
    );

  const tpSum = perClass.reduce((s, c) => s + c.tp, 0);
  const predSum = perClass.reduce((s, c) => s + c.predicted, 0);
  return {
    perClass: scores,
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1), support: totalSupport },
    micro: {
      precision: safeDivide(tpSum, predSum),
      recall: safeDivide(tpSum, totalSupport),
      f1: safeDivide(2 * tpSum, predSum + totalSupport),
      support: totalSupport,
    },
    weighted: {
      precision: weightedMean((c) => c.precision),
      recall: weightedMean((c) => c.recall),
      f1: weightedMean((c) => c.f1),
      support: totalSupport,
    },
  };
}
