import { invertSymmetricPositiveDefinite } from './symmetric-inverse';

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
