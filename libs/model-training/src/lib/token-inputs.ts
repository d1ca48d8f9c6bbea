import * as tf from '@tensorflow/tfjs';
import type { UseTokenizer } from '@matrix/tokenization';

/** The texts' USE SentencePiece ids, truncated to maxTokens (row i = text i). */
export function tokenizeAll(tokenizer: UseTokenizer, texts: readonly string[], maxTokens: number): Int32Array[] {
  return texts.map((text) => Int32Array.from(tokenizer.encodeIds(text).slice(0, maxTokens)));
}

/**
 * The token head's two inputs exactly as the gateway builds them (apps/inference-gateway head-inputs.ts):
 * `input_ids` [n, L] right-padded with 0 and `token_weights` [n, L, 1] = 1/len on real tokens.
 * With `wordDropout` > 0 (training only) each token is left out of the mean with that probability
 * (at least one stays): the regulariser of deep averaging networks (Iyyer et al., 2015).
 */
export function tokenInputs(rows: readonly Int32Array[], order: readonly number[], length: number, wordDropout = 0, random: () => number = Math.random): [tf.Tensor2D, tf.Tensor3D] {
  const ids = new Int32Array(order.length * length);
  const weights = new Float32Array(order.length * length);
  order.forEach((row, i) => {
    const tokens = rows[row].subarray(0, length);
    ids.set(tokens, i * length);
    const keep = Array.from(tokens, () => wordDropout === 0 || random() >= wordDropout);
    if (tokens.length > 0 && !keep.some(Boolean)) keep[Math.floor(random() * tokens.length)] = true;
    const kept = keep.filter(Boolean).length;
    keep.forEach((k, j) => {
      if (k) weights[i * length + j] = 1 / kept;
    });
  });
  return [tf.tensor2d(ids, [order.length, length], 'int32'), tf.tensor3d(weights, [order.length, length, 1])];
}
