/** Scales `row` in place to unit length (cosine = dot product); a zero row stays zero. */
export function l2Normalise(row: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < row.length; i++) norm += row[i] * row[i];
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < row.length; i++) row[i] /= norm;
  return row;
}
