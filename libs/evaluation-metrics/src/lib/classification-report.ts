import { accuracy } from './classification';
import { ConfusionMatrix, confusionMatrix } from './classification-confusion-matrix';
import { Label } from './classification-labels';
import { AveragedScores, ClassScores, precisionRecallF1 } from './classification-precision-recall';

/** The content of sklearn's classification_report(output_dict=True), plus the confusion matrix. */
export interface ClassificationReport<T extends Label = Label> {
  classes: ClassScores<T>[];
  accuracy: number;
  macroAvg: AveragedScores;
  microAvg: AveragedScores;
  weightedAvg: AveragedScores;
  confusionMatrix: ConfusionMatrix<T>;
  samples: number;
}

export function classificationReport<T extends Label>(
  yTrue: readonly T[],
  yPred: readonly T[],
  options: { labels?: readonly T[] } = {},
): ClassificationReport<T> {
  const scores = precisionRecallF1(yTrue, yPred, options);
  return {
    classes: scores.perClass,
    accuracy: accuracy(yTrue, yPred),
    macroAvg: scores.macro,
    microAvg: scores.micro,
    weightedAvg: scores.weighted,
    confusionMatrix: confusionMatrix(yTrue, yPred, options),
    samples: yTrue.length,
  };
}
