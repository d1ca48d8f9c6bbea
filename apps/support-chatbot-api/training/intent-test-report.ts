import type * as tf from '@tensorflow/tfjs';
import { precisionRecallF1 } from '@matrix/evaluation-metrics';
import { argmaxRows, predictProbabilities, weightedAverage } from '@matrix/model-training';
import type { HashedNgramSpec } from '@matrix/tokenization';
import type { IntentRows } from './intent-data';
import { ngramMatrix } from './ngram-matrix';

export interface IntentTestReport {
  accuracy: number;
  macroF1: number;
  /** Each member's accuracy alone. */
  members: number[];
}

/** Test: reported for the model card only (evaluate runs the served pipeline on it). */
export function intentTestReport(
  finalModels: tf.LayersModel[],
  test: IntentRows,
  testEmbeddings: { matrix: Float32Array; dim: number },
  ngramSpec: HashedNgramSpec,
  weight: number,
  classes: number,
): IntentTestReport {
  const probs = [
    predictProbabilities(finalModels[0], testEmbeddings).probabilities,
    predictProbabilities(finalModels[1], { matrix: ngramMatrix(test.texts, ngramSpec), dim: ngramSpec.dimensions }).probabilities,
  ];
  const predicted = argmaxRows(weightedAverage(probs, [weight, 1 - weight]), classes);
  const acc = (p: number[]) => p.filter((x, i) => x === test.labels[i]).length / p.length;
  return {
    accuracy: acc(predicted),
    macroF1: precisionRecallF1(test.labels, predicted).macro.f1,
    members: probs.map((p) => acc(argmaxRows(p, classes))),
  };
}
