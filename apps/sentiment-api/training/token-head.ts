import * as tf from '@tensorflow/tfjs';
import { TOKEN_IDS_INPUT, TOKEN_WEIGHTS_INPUT } from '@matrix/head-inputs';
import type { SubwordTable } from '@matrix/model-training';

export interface TokenHeadShape {
  /** Fixed input length in tokens (the gateway pads or truncates to it). */
  maxTokens: number;
  /** Pretrained subword vectors the trainable embedding starts from. */
  table: SubwordTable;
  /** n-gram widths of the convolution-like feature maps (e.g. [2, 3]); [] = pure averaging network. */
  ngrams: number[];
  /** Feature maps per n-gram width. */
  filters: number;
  hidden: number[];
  dropout: number;
  seed: number;
}

/**
 * A token-level sentiment head: trainable USE subword embeddings → (a) their mean over the text
 * (a deep averaging network) and (b) for each n-gram width k, a ReLU map of every k consecutive
 * vectors max-pooled over the text (a text CNN built from crop + dense layers, whose gradients the
 * wasm backend has) → ReLU layers → 2-way softmax. Inputs: `input_ids` [n, L], `token_weights` [n, L, 1].
 */
export function buildTokenHead(shape: TokenHeadShape): tf.LayersModel {
  const { maxTokens: length, table } = shape;
  const ids = tf.input({ shape: [length], dtype: 'int32', name: TOKEN_IDS_INPUT });
  const weights = tf.input({ shape: [length, 1], name: TOKEN_WEIGHTS_INPUT });
  const vectors = tf.layers
    .embedding({ inputDim: table.rows, outputDim: table.dim, weights: [tf.tensor2d(table.values, [table.rows, table.dim])], name: 'subword_embedding' })
    .apply(ids) as tf.SymbolicTensor;
  const mean = tf.layers.flatten({ name: 'mean_of_tokens' }).apply(tf.layers.dot({ axes: 1 }).apply([weights, vectors])) as tf.SymbolicTensor;
  const features: tf.SymbolicTensor[] = [mean];
  if (shape.ngrams.length) {
    const grid = tf.layers.reshape({ targetShape: [length, table.dim, 1] }).apply(vectors) as tf.SymbolicTensor;
    const shifted = (start: number, k: number) =>
      tf.layers.reshape({ targetShape: [length - k + 1, table.dim] }).apply(
        tf.layers
          .cropping2D({
            cropping: [
              [start, k - 1 - start],
              [0, 0],
            ],
          })
          .apply(grid),
      ) as tf.SymbolicTensor;
    for (const k of shape.ngrams) {
      const windows = tf.layers.concatenate().apply(Array.from({ length: k }, (_, j) => shifted(j, k))) as tf.SymbolicTensor;
      const maps = tf.layers
        .dense({ units: shape.filters, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: shape.seed + k }), name: `ngram${k}` })
        .apply(windows);
      features.push(tf.layers.globalMaxPooling1d({ name: `ngram${k}_max` }).apply(maps) as tf.SymbolicTensor);
    }
  }
  let h = features.length > 1 ? (tf.layers.concatenate().apply(features) as tf.SymbolicTensor) : mean;
  h = tf.layers.dropout({ rate: shape.dropout, seed: shape.seed + 100 }).apply(h) as tf.SymbolicTensor;
  shape.hidden.forEach((units, i) => {
    h = tf.layers
      .dense({ units, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: shape.seed + 10 + i }) })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers.dropout({ rate: shape.dropout, seed: shape.seed + 200 + i }).apply(h) as tf.SymbolicTensor;
  });
  const out = tf.layers
    .dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + 50 }) })
    .apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, weights], outputs: out, name: 'sentiment_token_head' });
}
