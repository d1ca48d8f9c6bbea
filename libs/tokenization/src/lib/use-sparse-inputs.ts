/**
 * The Universal Sentence Encoder lite graph takes a batch as a sparse matrix:
 * `indices` int32 [n, 2] holds (row, position) of each token and `values` int32 [n]
 * its id, n being the total token count. Same layout as `embed` in
 * @tensorflow-models/universal-sentence-encoder and @energetic-ai/embeddings
 * (Apache-2.0): rows in batch order, positions in token order.
 */
export interface UseSparseInputs {
  /** Row-major (row, position) pairs: [r0, p0, r1, p1, …]. */
  indices: Int32Array;
  values: Int32Array;
  /** Shape for `tf.tensor2d(indices, indicesShape, 'int32')`. */
  indicesShape: [number, 2];
  /** Shape for `tf.tensor1d(values, 'int32')`. */
  valuesShape: [number];
}

const INT32_MAX = 2 ** 31 - 1;

export function toUseSparseInputs(batch: ReadonlyArray<readonly number[]>): UseSparseInputs {
  const total = batch.reduce((sum, ids) => sum + ids.length, 0);
  const indices = new Int32Array(total * 2);
  const values = new Int32Array(total);
  let k = 0;
  batch.forEach((ids, row) => {
    ids.forEach((id, position) => {
      // Int32Array would wrap a bad id silently; the model would then embed the wrong token.
      if (!Number.isInteger(id) || id < 0 || id > INT32_MAX) {
        throw new RangeError(`Token id ${id} at row ${row}, position ${position} is not a non-negative int32`);
      }
      indices[2 * k] = row;
      indices[2 * k + 1] = position;
      values[k] = id;
      k++;
    });
  });
  return { indices, values, indicesShape: [total, 2], valuesShape: [total] };
}
