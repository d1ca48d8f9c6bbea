import { averagePrecision } from './classification-average-precision';

describe('averagePrecision', () => {
  it('matches the sklearn average_precision_score docstring example', () => {
    // Reference: sklearn average_precision_score docstring, ([0,0,1,1], [0.1,0.4,0.35,0.8]) → 0.8333…
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333, 9);
  });

  it('treats tied scores as one threshold (no optimistic ordering inside a tie)', () => {
    // Hand-worked: both samples share one threshold → recall 1 at precision ½ → AP ½
    // (an ordering that put the positive first would give 1).
    expect(averagePrecision([1, 0], [0.5, 0.5])).toBe(0.5);
    // Hand-worked: thresholds 0.9 (P=1, R=⅓), 0.5 (P=¾, R=1) → ⅓·1 + ⅔·¾ = 0.8333…
    expect(averagePrecision([1, 1, 0, 1], [0.9, 0.5, 0.5, 0.5])).toBeCloseTo(1 / 3 + (2 / 3) * 0.75, 12);
  });

  it('is 1 for a perfect ranking', () => {
    expect(averagePrecision([true, true, false], [0.9, 0.8, 0.1])).toBe(1);
  });

  it('rejects inputs without positives and misaligned inputs', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/no positive/);
    expect(() => averagePrecision([0, 1], [0.1])).toThrow(/length mismatch/);
  });
});
