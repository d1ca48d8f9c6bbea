import * as tf from '@tensorflow/tfjs';
import { FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT } from '@matrix/head-inputs';

/**
 * A head trained on dense hashed n-gram vectors, rewritten to read them sparse (`feature_ids`,
 * `feature_values`), as the gateway feeds n-grams beside other inputs. Its first dense layer
 * x·W + b becomes Σ_j value_j · W[id_j] (an embedding lookup of W's rows, summed by value) + b: the
 * same numbers, since the dense vector is zero off its buckets and padding has value 0.
 */
export function sparseInputHead(dense: tf.LayersModel, name = `${dense.name}_sparse`): tf.LayersModel {
  const [first, ...rest] = dense.layers;
  const [kernel, bias] = first.getWeights();
  if (first.getClassName() !== 'Dense' || kernel?.rank !== 2 || !bias)
    throw new Error(`sparseInputHead: ${dense.name} must start with a Dense layer with a bias`);
  const [dimensions, units] = kernel.shape;
  const ids = tf.input({ shape: [null], dtype: 'int32', name: FEATURE_IDS_INPUT });
  const values = tf.input({ shape: [null, 1], name: FEATURE_VALUES_INPUT });
  const rows = tf.layers.embedding({ inputDim: dimensions, outputDim: units, weights: [kernel], name: `${name}_kernel_rows` }).apply(ids) as tf.SymbolicTensor;
  const summed = tf.layers.flatten({ name: `${name}_sum` }).apply(tf.layers.dot({ axes: 1, name: `${name}_dot` }).apply([values, rows])) as tf.SymbolicTensor;
  // The bias and activation of the first layer, on an identity kernel (x·I is exact).
  const activation = (first.getConfig() as { activation?: string }).activation ?? 'linear';
  const biased = tf.layers
    .dense({ units, activation: activation as 'linear', weights: [tf.eye(units), bias], name: `${name}_bias` })
    .apply(summed) as tf.SymbolicTensor;
  const out = rest.reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, biased);
  return tf.model({ inputs: [ids, values], outputs: out, name });
}
