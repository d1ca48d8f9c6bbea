/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major Float64Array) by Cholesky:
 * A = L Lᵀ, then A⁻¹ = L⁻ᵀ L⁻¹. TensorFlow.js has no matrix inverse; this is O(n³) in plain
 * float64 (≈ 3 s for n = 1,682 on one core). Throws when A is not positive definite.
 */
export function invertSymmetricPositiveDefinite(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new Error(`expected ${n}×${n} values, got ${a.length}`);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j];
    for (let k = 0; k < j; k++) d -= l[rowJ + k] * l[rowJ + k];
    if (!(d > 0)) throw new Error(`matrix is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    l[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= l[rowI + k] * l[rowJ + k];
      l[rowI + j] = s / ljj;
    }
  }
  // Linv: inverse of lower-triangular L (also lower-triangular), row by row.
  const linv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    linv[rowI + i] = 1 / l[rowI + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[rowI + k] * linv[k * n + j];
      linv[rowI + j] = -s / l[rowI + i];
    }
  }
  // A⁻¹ = Linvᵀ Linv = Σ_k (row k of Linv)ᵀ (row k of Linv): contiguous rows, lower half then mirrored.
  const inv = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const v = linv[rowK + i];
      if (v === 0) continue;
      const rowI = i * n;
      for (let j = 0; j <= i; j++) inv[rowI + j] += v * linv[rowK + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j];
  return inv;
}
