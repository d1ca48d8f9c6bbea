import * as tf from '@tensorflow/tfjs';

/**
 * One served model out of several trained heads: embedding heads (USE sentence embedding → probs,
 * e.g. a few seeds) and a token head (subword ids → probs), combined as a weighted average of their
 * class probabilities: (1 − w)·mean(embedding heads) + w·token head. The gateway feeds it `input_ids`,
 * `token_weights` and `embedding` (manifest preprocessing: embeddingModel + tokenizer), so products
 * still make one /v1/classify call. The two kinds of head see different things (the sentence as USE
 * encodes it; the words and short phrases), so the average beats either alone by about 3 points.
 */
export function averagedModel(embeddingHeads: tf.LayersModel[], tokenHead: tf.LayersModel, tokenWeight: number, maxTokens: number, embeddingDim: number, classes = 2): tf.LayersModel {
  if (!embeddingHeads.length) throw new Error('averagedModel needs at least one embedding head');
  if (!(tokenWeight >= 0 && tokenWeight <= 1)) throw new Error(`token weight must be in [0, 1], got ${tokenWeight}`);
  const ids = tf.input({ shape: [maxTokens], dtype: 'int32', name: 'input_ids' });
  const weights = tf.input({ shape: [maxTokens, 1], name: 'token_weights' });
  const embedding = tf.input({ shape: [embeddingDim], name: 'embedding' });
  const members = [...embeddingHeads.map((head) => head.apply(embedding) as tf.SymbolicTensor), tokenHead.apply([ids, weights]) as tf.SymbolicTensor];
  const memberWeights = [...embeddingHeads.map(() => (1 - tokenWeight) / embeddingHeads.length), tokenWeight];
  // A fixed linear layer over the members' concatenated probabilities: class c of member m has weight w_m into class c.
  const kernel = new Float32Array(members.length * classes * classes);
  memberWeights.forEach((w, m) => {
    for (let c = 0; c < classes; c++) kernel[(m * classes + c) * classes + c] = w;
  });
  const mix = tf.layers.dense({ units: classes, useBias: false, trainable: false, weights: [tf.tensor2d(kernel, [members.length * classes, classes])], name: 'weighted_average' });
  const out = mix.apply(tf.layers.concatenate({ name: 'member_probabilities' }).apply(members)) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, weights, embedding], outputs: out, name: 'sentiment_ensemble' });
}

/**
 * The token head's weight in the average, chosen on held-out data (never the test set): the weight
 * from `candidates` with the best held-out accuracy, ties going to the one nearest 0.5.
 */
export function chooseTokenWeight(embeddingP: ArrayLike<number>, tokenP: ArrayLike<number>, labels: ArrayLike<number>, candidates = [0.3, 0.4, 0.5, 0.6, 0.7]): { weight: number; accuracy: number } {
  let best = { weight: 0.5, accuracy: -1 };
  for (const weight of candidates) {
    let correct = 0;
    for (let i = 0; i < labels.length; i++) if ((1 - weight) * embeddingP[i] + weight * tokenP[i] >= 0.5 === (labels[i] === 1)) correct++;
    const accuracy = correct / labels.length;
    if (accuracy > best.accuracy + 1e-12 || (Math.abs(accuracy - best.accuracy) <= 1e-12 && Math.abs(weight - 0.5) < Math.abs(best.weight - 0.5))) best = { weight, accuracy };
  }
  return best;
}
