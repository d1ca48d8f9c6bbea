import * as tf from '@tensorflow/tfjs';
import {
  batchWidth,
  buildHeadInputs,
  featureIdsTensor,
  featureValuesTensor,
  tokenIdsTensor,
  tokenWeightsTensor,
  type HeadBatch,
  type HeadTensor,
} from '@matrix/head-inputs';
import type { SparseFeatures } from '@matrix/tokenization';

/** A @matrix/head-inputs tensor as a tf.Tensor. */
export function toTfTensor(value: HeadTensor): tf.Tensor {
  return tf.tensor(value.data, value.shape, value.dtype);
}

/**
 * The token head's two inputs for the rows in `order`, built by @matrix/head-inputs as the gateway
 * builds them: `input_ids` [n, L] and `token_weights` [n, L, 1]. With `wordDropout` > 0 (training
 * only) each token is left out of the mean with that probability (at least one stays).
 */
export function tokenInputs(
  rows: readonly Int32Array[],
  order: readonly number[],
  length: number,
  wordDropout = 0,
  random: () => number = Math.random,
): [tf.Tensor2D, tf.Tensor3D] {
  const picked = order.map((row) => rows[row]);
  return [
    toTfTensor(tokenIdsTensor(picked, length)) as tf.Tensor2D,
    toTfTensor(tokenWeightsTensor(picked, length, { rate: wordDropout, random })) as tf.Tensor3D,
  ];
}

/**
 * A sparse-feature head's two inputs for the rows in `order`, built by @matrix/head-inputs as the
 * gateway builds them: `feature_ids` [n, F] and `feature_values` [n, F, 1], F = the longest row unless `length` is given.
 */
export function sparseFeatureInputs(rows: readonly SparseFeatures[], order: readonly number[], length?: number): [tf.Tensor2D, tf.Tensor3D] {
  const picked = order.map((row) => rows[row]);
  const width = batchWidth(
    picked.map((row) => row.indices.length),
    length,
  );
  return [toTfTensor(featureIdsTensor(picked, width)) as tf.Tensor2D, toTfTensor(featureValuesTensor(picked, width)) as tf.Tensor3D];
}

/** Every input of a layers model for a batch, in the model's input order, by input name exactly as the gateway feeds it. */
export function headInputTensors(model: tf.LayersModel, batch: HeadBatch): tf.Tensor[] {
  const byName = buildHeadInputs(
    model.inputs.map((input) => ({ name: input.name, shape: input.shape })),
    batch,
  );
  return model.inputs.map((input) => toTfTensor(byName[input.name]));
}
