import { accuracy, bootstrapPairedCi, confusionMatrix, precisionRecallF1 } from '@matrix/evaluation-metrics';

export interface BinaryScores {
  n: number;
  accuracy: number;
  macroF1: number;
  /** 95% percentile-bootstrap interval of the accuracy (1000 resamples, seeded). */
  accuracyCi: [number, number];
  /** Rows = truth [negative, positive], columns = prediction. */
  confusion: [[number, number], [number, number]];
}

/** Accuracy, macro-F1, bootstrap CI and confusion matrix of 0/1 predictions. */
export function binaryScores(yTrue: readonly number[], yPred: readonly number[], seed = 0): BinaryScores {
  const matrix = confusionMatrix(yTrue, yPred, { labels: [0, 1] }).matrix;
  const ci = bootstrapPairedCi(yTrue, yPred, accuracy, { seed, resamples: 1000 });
  return {
    n: yTrue.length,
    accuracy: accuracy(yTrue, yPred),
    macroF1: precisionRecallF1(yTrue, yPred, { labels: [0, 1] }).macro.f1,
    accuracyCi: [ci.lower, ci.upper],
    confusion: [
      [matrix[0][0], matrix[0][1]],
      [matrix[1][0], matrix[1][1]],
    ],
  };
}
