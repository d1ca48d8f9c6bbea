import { hashedNgramFeatures, type HashedNgramSpec } from '@matrix/tokenization';

/** Row-major [texts.length, spec.dimensions] hashed n-gram features: exactly what the gateway computes when serving. */
export function ngramMatrix(texts: readonly string[], spec: HashedNgramSpec): Float32Array {
  const matrix = new Float32Array(texts.length * spec.dimensions);
  texts.forEach((text, i) => matrix.set(hashedNgramFeatures(text, spec), i * spec.dimensions));
  return matrix;
}
