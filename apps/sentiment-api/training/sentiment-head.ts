import * as tf from '@tensorflow/tfjs';

export interface HeadShape {
  inputDim: number;
  /** Widths of the hidden ReLU layers, e.g. [256]; [] gives logistic regression. */
  hidden: number[];
  dropout: number;
  /** L2 penalty on the hidden kernels (0 = none). */
  l2: number;
  seed: number;
}

/**
 * The sentiment head: sentence embedding → ReLU layers with dropout → 2-way softmax
 * [negative, positive]. Plain dense layers only, so the gateway's tfjs-layers runtime serves it
 * as is and training needs no gather kernels.
 */
export function buildSentimentHead(shape: HeadShape): tf.Sequential {
  const model = tf.sequential({ name: 'sentiment_head' });
  shape.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [shape.inputDim] } : {}),
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: shape.seed + i }),
        kernelRegularizer: shape.l2 > 0 ? tf.regularizers.l2({ l2: shape.l2 }) : undefined,
      }),
    );
    if (shape.dropout > 0) model.add(tf.layers.dropout({ rate: shape.dropout, seed: shape.seed + 100 + i }));
  });
  model.add(
    tf.layers.dense({
      ...(shape.hidden.length === 0 ? { inputShape: [shape.inputDim] } : {}),
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + 50 }),
    }),
  );
  return model;
}
