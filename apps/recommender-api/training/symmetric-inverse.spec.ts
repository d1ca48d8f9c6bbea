import { invertSymmetricPositiveDefinite } from './symmetric-inverse';
import { createRng } from '@matrix/evaluation-metrics';

describe('invertSymmetricPositiveDefinite', () => {
  it('inverts a 3×3 SPD matrix: A · A⁻¹ = I', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const inv = invertSymmetricPositiveDefinite(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    // Symmetric, as the inverse of a symmetric matrix is.
    expect(inv[1]).toBeCloseTo(inv[3], 14);
  });

  it('matches the closed form of a 2×2 inverse', () => {
    // [[2, 1], [1, 2]]⁻¹ = 1/3 [[2, −1], [−1, 2]]
    expect(Array.from(invertSymmetricPositiveDefinite(Float64Array.from([2, 1, 1, 2]), 2)).map((x) => +x.toFixed(12))).toEqual(
      [2 / 3, -1 / 3, -1 / 3, 2 / 3].map((x) => +x.toFixed(12)),
    );
  });

  it('refuses a matrix that is not positive definite, and a wrong size', () => {
    expect(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite \(pivot 1/);
    expect(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 3]), 2)).toThrow('expected 2×2 values, got 3');
  });
});

/** A random SPD matrix: MᵀM/n + shift·I, from a seeded generator. */
function randomSpd(n: number, seed: number, shift = 0.5): Float64Array {
  const rng = createRng(seed);
  const m = Array.from({ length: n * n }, () => rng() * 2 - 1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = s / n + (i === j ? shift : 0);
    }
  }
  return a;
}

/** Reference inverse: Gauss–Jordan elimination with partial pivoting on [A | I], no symmetry used. */
function gaussJordanInverse(a: Float64Array, n: number): Float64Array {
  const w = Array.from({ length: n }, (_, i) => [...Array.from(a.subarray(i * n, (i + 1) * n)), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(w[r][c]) > Math.abs(w[p][c])) p = r;
    [w[c], w[p]] = [w[p], w[c]];
    const d = w[c][c];
    for (let j = 0; j < 2 * n; j++) w[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = w[r][c];
      for (let j = 0; j < 2 * n; j++) w[r][j] -= f * w[c][j];
    }
  }
  return Float64Array.from(w.flatMap((row) => row.slice(n)));
}

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

describe('invertSymmetricPositiveDefinite on random SPD matrices (blocked paths and their remainders)', () => {
  // Sizes around the 8-row panels, 4-row passes and column pairs: every remainder path runs.
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 31, 40, 67])('n = %i: matches Gauss–Jordan and A·A⁻¹ ≈ I', (n) => {
    const a = randomSpd(n, 1000 + n);
    const inv = invertSymmetricPositiveDefinite(a, n);
    const reference = gaussJordanInverse(a, n);
    const scale = maxAbs(reference);
    const difference = Array.from(inv, (v, i) => v - reference[i]);
    expect(maxAbs(difference) / scale).toBeLessThan(1e-10);
    const residual = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
        residual[i * n + j] = s - (i === j ? 1 : 0);
      }
    }
    expect(maxAbs(residual)).toBeLessThan(1e-10);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
  });

  it('reads only the upper triangle of A, as documented', () => {
    const n = 13;
    const a = randomSpd(n, 7);
    const upperOnly = Float64Array.from(a, (v, index) => (index % n >= Math.floor(index / n) ? v : Number.NaN));
    expect(Array.from(invertSymmetricPositiveDefinite(upperOnly, n))).toEqual(Array.from(invertSymmetricPositiveDefinite(a, n)));
  });

  it('refuses an indefinite matrix at the pivot where it fails, in the middle of a panel', () => {
    const n = 11;
    const a = randomSpd(n, 3);
    // Row/column 9 a copy of row/column 2 with 1 less on the diagonal: pivot 9's Schur complement is −1.
    for (let k = 0; k < n; k++) {
      a[9 * n + k] = a[2 * n + k];
      a[k * n + 9] = a[k * n + 2];
    }
    a[9 * n + 9] = a[2 * n + 2] - 1;
    expect(() => invertSymmetricPositiveDefinite(a, n)).toThrow(/not positive definite \(pivot 9 /);
  });
});
