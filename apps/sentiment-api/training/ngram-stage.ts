import {
  naiveBayesRatios,
  predictPositiveInBatches,
  sparseFeatureInputs,
  trainClassifier,
  useWasmBackend,
  type TrainHeadOptions,
} from '@matrix/model-training';
import { featureRows } from '@matrix/head-inputs';
import type { HashedNgramSpec } from '@matrix/tokenization';
import type { TrainedStage } from './trained-stage';
import { buildNgramHead, foldNgramHead } from './ngram-head';

export interface NgramStageOptions extends TrainHeadOptions {
  spec: HashedNgramSpec;
  l2: number;
}

export type NgramStage = TrainedStage;

/**
 * Trains the n-gram head on the same phrases and held-out split as the other heads: hashed word
 * n-grams of each phrase (as the gateway computes them), Naive Bayes ratios from the training rows
 * only, then the logistic regression with early stopping on the held-out loss.
 */
export async function trainNgramStage(
  texts: readonly string[],
  labels: ArrayLike<number>,
  split: { train: number[]; heldOut: number[] },
  options: NgramStageOptions,
): Promise<NgramStage> {
  await useWasmBackend();
  const features = featureRows(texts, options.spec);
  const trainRows = split.train.map((i) => features[i]);
  const trainLabels = split.train.map((i) => labels[i]);
  const ratios = naiveBayesRatios(trainRows, trainLabels, options.spec.dimensions);
  const trained = buildNgramHead({ ratios, l2: options.l2, seed: options.seed });
  const heldOutRows = split.heldOut.map((i) => features[i]);
  let served = trained;
  const predictRows = (rows: typeof features) => predictPositiveInBatches(served, rows.length, (order) => sparseFeatureInputs(rows, order));
  const result = await trainClassifier(
    trained,
    {
      count: trainRows.length,
      labels: trainLabels,
      inputsFor: (order) => sparseFeatureInputs(trainRows, order),
      heldOutLabels: split.heldOut.map((i) => labels[i]),
      predictHeldOut: () => {
        const positive = predictRows(heldOutRows);
        return {
          probabilities: Float32Array.from({ length: positive.length * 2 }, (_, i) => (i % 2 ? positive[(i - 1) / 2] : 1 - positive[i / 2])),
          classes: 2,
        };
      },
    },
    options,
  );
  served = foldNgramHead(trained);
  const [wMin, wMax] = options.spec.wordNgrams;
  return {
    model: served,
    architecture: `hashed word ${wMin}–${wMax}-grams (${options.spec.dimensions} buckets) → NB-weighted logistic regression (L2 ${options.l2})`,
    result,
    predict: (batch) => predictRows(featureRows(batch, options.spec)),
  };
}
