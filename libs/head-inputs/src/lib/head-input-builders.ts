import { hashedNgramFeatures, hashedNgramSparse, type HashedNgramSpec, type SparseFeatures, type UseTokenizer } from '@matrix/tokenization';
import type { HeadTensor } from './head-tensor';

/** The texts' USE SentencePiece ids, truncated to maxTokens (row i = text i). */
export function tokenRows(tokenizer: UseTokenizer, texts: readonly string[], maxTokens: number): Int32Array[] {
  return texts.map((text) => Int32Array.from(tokenizer.encodeIds(text).slice(0, maxTokens)));
}

/** The texts' hashed n-grams as sparse buckets and values (row i = text i). */
export function featureRows(texts: readonly string[], spec: HashedNgramSpec): SparseFeatures[] {
  return texts.map((text) => hashedNgramSparse(text, spec));
}

/** A batch's row width: the model's fixed length where it has one, else the longest row (at least 1). */
export function batchWidth(rowLengths: readonly number[], fixed?: number | null): number {
  return typeof fixed === 'number' && fixed > 0 ? fixed : Math.max(1, ...rowLengths);
}

/** `input_ids` [n, L] int32, right-padded with 0 and cut at L. */
export function tokenIdsTensor(rows: readonly ArrayLike<number>[], length: number): HeadTensor {
  const data = new Int32Array(rows.length * length);
  rows.forEach((row, i) => {
    for (let j = 0; j < Math.min(row.length, length); j++) data[i * length + j] = row[j];
  });
  return { dtype: 'int32', shape: [rows.length, length], data };
}

/** Word dropout (training only): each token is left out of the mean with probability `rate`, at least one stays. */
export interface WordDropout {
  rate: number;
  random: () => number;
}

/**
 * `token_weights` [n, L, 1]: 1/len on each real token, 0 on padding, so the head's mean over tokens is
 * one dot product that padding never counts in. With word dropout (Iyyer et al., 2015, the deep
 * averaging network's regulariser) the kept tokens share the weight.
 */
export function tokenWeightsTensor(rows: readonly ArrayLike<number>[], length: number, dropout?: WordDropout): HeadTensor {
  const data = new Float32Array(rows.length * length);
  const rate = dropout?.rate ?? 0;
  const random = dropout?.random ?? Math.random;
  rows.forEach((row, i) => {
    const n = Math.min(row.length, length);
    const keep = Array.from({ length: n }, () => rate === 0 || random() >= rate);
    if (n > 0 && !keep.some(Boolean)) keep[Math.floor(random() * n)] = true;
    const kept = keep.filter(Boolean).length;
    keep.forEach((k, j) => {
      if (k) data[i * length + j] = 1 / kept;
    });
  });
  return { dtype: 'float32', shape: [rows.length, length, 1], data };
}

/** `feature_ids` [n, F] int32: the hashed n-gram buckets, right-padded with bucket 0 (its value is 0, so padding adds nothing). */
export function featureIdsTensor(rows: readonly SparseFeatures[], length: number): HeadTensor {
  const data = new Int32Array(rows.length * length);
  rows.forEach((row, i) => data.set(row.indices.subarray(0, length), i * length));
  return { dtype: 'int32', shape: [rows.length, length], data };
}

/** `feature_values` [n, F, 1]: their values, 0 on padding. */
export function featureValuesTensor(rows: readonly SparseFeatures[], length: number): HeadTensor {
  const data = new Float32Array(rows.length * length);
  rows.forEach((row, i) => data.set(row.values.subarray(0, length), i * length));
  return { dtype: 'float32', shape: [rows.length, length, 1], data };
}

/** The sentence embeddings [n, d]; every row must be there and of the same width. */
export function embeddingTensor(vectors: readonly (Float32Array | undefined)[]): HeadTensor {
  const width = vectors[0]?.length ?? 0;
  const data = new Float32Array(width * vectors.length);
  vectors.forEach((vector, i) => {
    if (!vector || vector.length !== width) throw new Error('every sample needs an embedding of the same width');
    data.set(vector, i * width);
  });
  return { dtype: 'float32', shape: [vectors.length, width], data };
}

/** A features-only head's one input [n, dimensions]: each text's dense hashed n-gram vector. */
export function denseFeaturesTensor(texts: readonly string[], spec: HashedNgramSpec): HeadTensor {
  const data = new Float32Array(texts.length * spec.dimensions);
  texts.forEach((text, i) => data.set(hashedNgramFeatures(text, spec), i * spec.dimensions));
  return { dtype: 'float32', shape: [texts.length, spec.dimensions], data };
}
