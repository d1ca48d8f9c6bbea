import { accuracy, bootstrapPairedCi, confusionMatrix, precisionRecallF1 } from '@matrix/evaluation-metrics';

export interface MulticlassScores {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Mean per-class recall (TweetEval's sentiment metric). */
  macroRecall: number;
  accuracyCi: [number, number];
  /** Rows = truth, columns = prediction, classes in `labels` order. */
  confusion: number[][];
}

/** Accuracy, macro-F1, macro-recall, bootstrap CI of the accuracy and the confusion matrix of class predictions. */
export function multiclassScores(yTrue: readonly number[], yPred: readonly number[], labels: readonly number[], seed = 0): MulticlassScores {
  const prf = precisionRecallF1(yTrue, yPred, { labels });
  const ci = bootstrapPairedCi(yTrue, yPred, accuracy, { seed, resamples: 1000 });
  return {
    n: yTrue.length,
    accuracy: accuracy(yTrue, yPred),
    macroF1: prf.macro.f1,
    macroRecall: prf.macro.recall,
    accuracyCi: [ci.lower, ci.upper],
    confusion: confusionMatrix(yTrue, yPred, { labels }).matrix,
  };
}
