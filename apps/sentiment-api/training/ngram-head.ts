import * as tf from '@tensorflow/tfjs';

import { FEATURE_IDS_INPUT, FEATURE_VALUES_INPUT } from '@matrix/head-inputs';

/**
 * An NB-weighted logistic regression on hashed word n-grams (NBSVM, Wang & Manning 2012) as a
 * tfjs-layers model: logit = Σ value_j · r_j · w_j over the text's n-gram buckets j, then a 2-way
 * softmax. r (the Naive Bayes ratios) is fixed; w is trained, L2-regularised, starting at 0.
 * Inputs: `feature_ids` [n, F] int32, `feature_values` [n, F, 1] (F varies by batch).
 */
export function buildNgramHead(options: { ratios: Float32Array; l2: number; seed: number }): tf.LayersModel {
  const dimensions = options.ratios.length;
  const { ids, values } = ngramInputs();
  const ratios = tf.layers
    .embedding({ inputDim: dimensions, outputDim: 1, weights: [tf.tensor2d(options.ratios, [dimensions, 1])], trainable: false, name: 'nb_ratios' })
    .apply(ids);
  const weights = tf.layers
    .embedding({
      inputDim: dimensions,
      outputDim: 1,
      embeddingsInitializer: 'zeros',
      embeddingsRegularizer: options.l2 > 0 ? tf.regularizers.l2({ l2: options.l2 }) : undefined,
      name: 'ngram_weights',
    })
    .apply(ids) as tf.SymbolicTensor;
  const scaled = tf.layers.multiply({ name: 'nb_scaled_values' }).apply([values, ratios as tf.SymbolicTensor]) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, values], outputs: logitToSoftmax(scaled, weights, options.seed), name: 'sentiment_ngram_head' });
}

/**
 * The served form of a trained head: r and w folded into one table r⊙w, so the artifact carries one
 * value per bucket and the gateway computes the same logit.
 */
export function foldNgramHead(trained: tf.LayersModel): tf.LayersModel {
  const ratios = trained.getLayer('nb_ratios').getWeights()[0];
  const weights = trained.getLayer('ngram_weights').getWeights()[0];
  const folded = tf.tidy(() => ratios.mul(weights));
  const { ids, values } = ngramInputs();
  const table = tf.layers.embedding({ inputDim: folded.shape[0], outputDim: 1, weights: [folded], name: 'ngram_weights' }).apply(ids) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [ids, values], outputs: logitToSoftmax(values, table, 0), name: 'sentiment_ngram_head' });
  model.getLayer('ngram_softmax').setWeights(trained.getLayer('ngram_softmax').getWeights());
  folded.dispose();
  return model;
}

function ngramInputs() {
  return {
    ids: tf.input({ shape: [null], dtype: 'int32', name: FEATURE_IDS_INPUT }),
    values: tf.input({ shape: [null, 1], name: FEATURE_VALUES_INPUT }),
  };
}

/** Σ over the text's buckets of value · weight → one logit → a 2-way softmax (the logistic regression's bias and scale). */
function logitToSoftmax(values: tf.SymbolicTensor, weights: tf.SymbolicTensor, seed: number): tf.SymbolicTensor {
  const logit = tf.layers.flatten({ name: 'ngram_logit' }).apply(tf.layers.dot({ axes: 1, name: 'ngram_sum' }).apply([values, weights])) as tf.SymbolicTensor;
  return tf.layers
    .dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed }), name: 'ngram_softmax' })
    .apply(logit) as tf.SymbolicTensor;
}
