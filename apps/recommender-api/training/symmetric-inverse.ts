/**
 * Inverse of a symmetric positive-definite n×n matrix (row-major Float64Array) by Cholesky:
 * A = UᵀU (U upper-triangular), X = U⁻¹, A⁻¹ = X Xᵀ — n³/2 multiply-adds in all, float64.
 * Every O(n³) loop runs along contiguous rows and applies four rows per pass (rank-4 updates,
 * 4-way dot products), so a row is loaded once per four multiply-adds instead of once per one:
 * V8 has no SIMD for plain JS, so memory traffic and loop overhead are what there is to cut.
 * Only A's upper triangle is read. Throws when A is not positive definite.
 */
export function invertSymmetricPositiveDefinite(a: Float64Array, n: number): Float64Array {
  if (a.length !== n * n) throw new Error(`expected ${n}×${n} values, got ${a.length}`);
  const x = Float64Array.from(a);
  choleskyUpperInPlace(x, n);
  invertUpperInPlace(x, n);
  return gramOfUpperRows(x, n);
}

/**
 * Overwrites the upper triangle of `u` (holding A's) with U, A = UᵀU, right-looking: four pivot
 * rows are finished, then every row below takes their rank-4 update in one pass.
 */
export function choleskyUpperInPlace(u: Float64Array, n: number): void {
  for (let k0 = 0; k0 < n; k0 += 8) {
    const kEnd = Math.min(k0 + 8, n);
    // The panel: pivot rows k0..kEnd−1, each scaled and then applied to the remaining panel rows.
    for (let k = k0; k < kEnd; k++) {
      const rowK = k * n;
      const d = u[rowK + k];
      if (!(d > 0)) throw new Error(`matrix is not positive definite (pivot ${k} is ${d})`);
      const pivot = Math.sqrt(d);
      u[rowK + k] = pivot;
      const scale = 1 / pivot;
      for (let j = k + 1; j < n; j++) u[rowK + j] *= scale;
      for (let i = k + 1; i < kEnd; i++) {
        const rowI = i * n;
        const c = u[rowK + i];
        for (let j = i; j < n; j++) u[rowI + j] -= c * u[rowK + j];
      }
    }
    // The trailing rows: row i −= Σ_m U[m][i] · U[m][i..] over the (up to) eight pivot rows m.
    const r0 = k0 * n;
    if (kEnd - k0 === 8) {
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      const r4 = r3 + n;
      const r5 = r4 + n;
      const r6 = r5 + n;
      const r7 = r6 + n;
      for (let i = kEnd; i < n; i++) {
        const rowI = i * n;
        const c0 = u[r0 + i];
        const c1 = u[r1 + i];
        const c2 = u[r2 + i];
        const c3 = u[r3 + i];
        const c4 = u[r4 + i];
        const c5 = u[r5 + i];
        const c6 = u[r6 + i];
        const c7 = u[r7 + i];
        for (let j = i; j < n; j++)
          u[rowI + j] -= c0 * u[r0 + j] + c1 * u[r1 + j] + c2 * u[r2 + j] + c3 * u[r3 + j] + c4 * u[r4 + j] + c5 * u[r5 + j] + c6 * u[r6 + j] + c7 * u[r7 + j];
      }
    } else {
      for (let k = k0; k < kEnd; k++) {
        const rowK = k * n;
        for (let i = kEnd; i < n; i++) {
          const rowI = i * n;
          const c = u[rowK + i];
          for (let j = i; j < n; j++) u[rowI + j] -= c * u[rowK + j];
        }
      }
    }
  }
}

/**
 * Overwrites the upper-triangular U in `u` with X = U⁻¹ (upper-triangular), bottom row first:
 * X[i] = (e_i − Σ_{k>i} U[i][k] · X[k]) / U[i][i], four rows X[k] per pass. The strict lower
 * triangle is zeroed (X's lower triangle), which lets the passes run over whole row tails.
 */
export function invertUpperInPlace(u: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) u.fill(0, i * n, i * n + i);
  const acc = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const rowI = i * n;
    acc.fill(0, i, n);
    let k = i + 1;
    for (; k + 7 < n; k += 8) {
      const c0 = u[rowI + k];
      const c1 = u[rowI + k + 1];
      const c2 = u[rowI + k + 2];
      const c3 = u[rowI + k + 3];
      const c4 = u[rowI + k + 4];
      const c5 = u[rowI + k + 5];
      const c6 = u[rowI + k + 6];
      const c7 = u[rowI + k + 7];
      const x0 = k * n;
      const x1 = x0 + n;
      const x2 = x1 + n;
      const x3 = x2 + n;
      const x4 = x3 + n;
      const x5 = x4 + n;
      const x6 = x5 + n;
      const x7 = x6 + n;
      for (let j = k; j < n; j++)
        acc[j] += c0 * u[x0 + j] + c1 * u[x1 + j] + c2 * u[x2 + j] + c3 * u[x3 + j] + c4 * u[x4 + j] + c5 * u[x5 + j] + c6 * u[x6 + j] + c7 * u[x7 + j];
    }
    for (; k + 3 < n; k += 4) {
      const c0 = u[rowI + k];
      const c1 = u[rowI + k + 1];
      const c2 = u[rowI + k + 2];
      const c3 = u[rowI + k + 3];
      const x0 = k * n;
      const x1 = x0 + n;
      const x2 = x1 + n;
      const x3 = x2 + n;
      // X[k..k+3] are zero left of their diagonals, so starting at column k is exact.
      for (let j = k; j < n; j++) acc[j] += c0 * u[x0 + j] + c1 * u[x1 + j] + c2 * u[x2 + j] + c3 * u[x3 + j];
    }
    for (; k < n; k++) {
      const c = u[rowI + k];
      const xk = k * n;
      for (let j = k; j < n; j++) acc[j] += c * u[xk + j];
    }
    const inverseDiagonal = 1 / u[rowI + i];
    u[rowI + i] = inverseDiagonal;
    for (let j = i + 1; j < n; j++) u[rowI + j] = -acc[j] * inverseDiagonal;
  }
}

/**
 * X Xᵀ of an upper-triangular X (zero below the diagonal), both triangles filled:
 * (X Xᵀ)[i][j] = Σ_{k ≥ max(i, j)} X[i][k] X[j][k], a dot product of two row tails. Columns j, j+1
 * and rows i..i+3 go together: eight sums from six row loads per step (X[j+1][j] = 0, so column
 * j+1's sums can start at k = j too).
 */
export function gramOfUpperRows(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j += 2) {
    const rowJ = j * n;
    const pair = j + 1 < n;
    const rowJ1 = pair ? rowJ + n : rowJ;
    let i = 0;
    for (; i + 3 <= j; i += 4) {
      const x0 = i * n;
      const x1 = x0 + n;
      const x2 = x1 + n;
      const x3 = x2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let k = j; k < n; k++) {
        const v = x[rowJ + k];
        const w = x[rowJ1 + k];
        const a0 = x[x0 + k];
        const a1 = x[x1 + k];
        const a2 = x[x2 + k];
        const a3 = x[x3 + k];
        s0 += a0 * v;
        s1 += a1 * v;
        s2 += a2 * v;
        s3 += a3 * v;
        t0 += a0 * w;
        t1 += a1 * w;
        t2 += a2 * w;
        t3 += a3 * w;
      }
      out[x0 + j] = s0;
      out[x1 + j] = s1;
      out[x2 + j] = s2;
      out[x3 + j] = s3;
      if (pair) {
        out[x0 + j + 1] = t0;
        out[x1 + j + 1] = t1;
        out[x2 + j + 1] = t2;
        out[x3 + j + 1] = t3;
      }
    }
    for (const col of pair ? [j, j + 1] : [j]) {
      const rowCol = col * n;
      for (let r = i; r <= col; r++) {
        const xr = r * n;
        let s = 0;
        for (let k = col; k < n; k++) s += x[xr + k] * x[rowCol + k];
        out[xr + col] = s;
      }
    }
  }
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i];
  return out;
}
