import * as tf from '@tensorflow/tfjs';
import { FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT, featureRows } from '@matrix/head-inputs';
import { sparseFeatureInputs, trainClassifier, type TrainHeadOptions, type TrainHeadResult } from '@matrix/model-training';
import type { HashedNgramSpec } from '@matrix/tokenization';

/**
 * A K-class logistic regression on hashed word n-grams as a tfjs-layers model the gateway serves
 * beside other heads: one weight per bucket and class (an embedding table [buckets, K]), summed
 * over the text's buckets by value, then a K-way softmax (bias and scale).
 * Inputs `feature_ids` [n, F] int32 and `feature_values` [n, F, 1], as @matrix/head-inputs builds them.
 */
export function buildMulticlassNgramHead(options: { dimensions: number; classes: number; l2: number; seed: number }): tf.LayersModel {
  const ids = tf.input({ shape: [null], dtype: 'int32', name: FEATURE_IDS_INPUT });
  const values = tf.input({ shape: [null, 1], name: FEATURE_VALUES_INPUT });
  const table = tf.layers
    .embedding({
      inputDim: options.dimensions,
      outputDim: options.classes,
      embeddingsInitializer: 'zeros',
      embeddingsRegularizer: options.l2 > 0 ? tf.regularizers.l2({ l2: options.l2 }) : undefined,
      name: 'ngram3_weights',
    })
    .apply(ids) as tf.SymbolicTensor;
  const summed = tf.layers.flatten({ name: 'ngram3_logits' }).apply(tf.layers.dot({ axes: 1, name: 'ngram3_sum' }).apply([values, table])) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: options.classes, activation: 'softmax', kernelInitializer: tf.initializers.identity({}), name: 'ngram3_softmax' })
    .apply(summed) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, values], outputs: out, name: 'three_class_ngram_head' });
}

/** Row-major [n, classes] probabilities of a sparse-feature head, in batches. */
export function predictFeatureRows(model: tf.LayersModel, rows: ReturnType<typeof featureRows>, classes: number, batchSize = 1024): Float32Array {
  const out = new Float32Array(rows.length * classes);
  for (let start = 0; start < rows.length; start += batchSize) {
    const order = Array.from({ length: Math.min(batchSize, rows.length - start) }, (_, i) => start + i);
    const x = sparseFeatureInputs(rows, order);
    const p = tf.tidy(() => (model.predict(x) as tf.Tensor2D).dataSync());
    tf.dispose(x);
    out.set(p, start * classes);
  }
  return out;
}

/** Trains the head on the rows `split.train` of `texts`, early stopping on `split.heldOut`. */
export async function trainMulticlassNgramHead(
  texts: readonly string[],
  labels: readonly number[],
  split: { train: number[]; heldOut: number[] },
  options: TrainHeadOptions & { spec: HashedNgramSpec; l2: number; classes: number },
): Promise<{ model: tf.LayersModel; result: TrainHeadResult; predict: (batch: readonly string[]) => Float32Array }> {
  const features = featureRows(texts, options.spec);
  const trainRows = split.train.map((i) => features[i]);
  const heldOutRows = split.heldOut.map((i) => features[i]);
  const model = buildMulticlassNgramHead({ dimensions: options.spec.dimensions, classes: options.classes, l2: options.l2, seed: options.seed });
  const result = await trainClassifier(
    model,
    {
      count: trainRows.length,
      labels: split.train.map((i) => labels[i]),
      inputsFor: (order) => sparseFeatureInputs(trainRows, order),
      heldOutLabels: split.heldOut.map((i) => labels[i]),
      predictHeldOut: (m) => ({ probabilities: predictFeatureRows(m, heldOutRows, options.classes), classes: options.classes }),
    },
    options,
  );
  return { model, result, predict: (batch) => predictFeatureRows(model, featureRows(batch, options.spec), options.classes) };
}
