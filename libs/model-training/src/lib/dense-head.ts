import * as tf from '@tensorflow/tfjs';

export interface DenseHeadShape {
  inputDim: number;
  /** Widths of the hidden ReLU layers, e.g. [256]; [] gives (multinomial) logistic regression. */
  hidden: number[];
  /** Classes of the softmax output (2 for a binary head). */
  outputs: number;
  dropout: number;
  /** L2 penalty on the hidden kernels (0 = none); on the output kernel too when there is no hidden layer. */
  l2: number;
  seed: number;
  /** The model's name in model.json. */
  name?: string;
}

/**
 * A classifier head: feature vector (a sentence embedding, hashed n-grams, …) → ReLU layers with
 * dropout → softmax. Plain dense layers only, so the gateway's tfjs-layers runtime serves it as is
 * and training needs no gather kernels.
 */
export function buildDenseHead(shape: DenseHeadShape): tf.Sequential {
  const model = tf.sequential({ name: shape.name ?? 'dense_head' });
  const l2 = shape.l2 > 0 ? tf.regularizers.l2({ l2: shape.l2 }) : undefined;
  shape.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [shape.inputDim] } : {}),
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: shape.seed + i }),
        kernelRegularizer: l2,
      }),
    );
    if (shape.dropout > 0) model.add(tf.layers.dropout({ rate: shape.dropout, seed: shape.seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      ...(shape.hidden.length === 0 ? { inputShape: [shape.inputDim] } : {}),
      units: shape.outputs,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + 50 }),
      kernelRegularizer: shape.hidden.length === 0 ? l2 : undefined,
    }),
  );
  return model;
}
