import { rocAuc, rocAucOneVsRest } from './classification-roc-auc';

describe('rocAuc', () => {
  it('matches the sklearn roc_auc_score docstring example', () => {
    // Reference: sklearn roc_auc_score docstring (y=[0,0,1,1], scores=[0.1,0.4,0.35,0.8]) → 0.75.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it('gives tied positive/negative scores half credit', () => {
    // Hand-worked: positive pairs (0.5 vs 0.5 → ½, 0.5 vs 0.2 → 1, 0.9 vs both → 2) = 3.5 of 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([true, false], [0.3, 0.3])).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.3])).toBe(1);
    expect(rocAuc([1, 0, 0], [0.1, 0.2, 0.3])).toBe(0);
  });

  it('rejects a single class, bad labels and misaligned input', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/only one class/);
    expect(() => rocAuc([0, 2], [0.2, 0.3])).toThrow(/not a binary label/);
    expect(() => rocAuc([0, 1], [0.2])).toThrow(/length mismatch/);
    expect(() => rocAuc([], [])).toThrow(/no samples/);
    expect(() => rocAuc([0, 1], [0.2, NaN])).toThrow(/finite/);
  });
});

describe('rocAucOneVsRest', () => {
  // Hand-worked: per-class one-vs-rest AUCs 7/8, 6.5/8 (one tie), 8/8 → macro 0.8958333.
  const yTrue = [0, 1, 2, 0, 1, 2];
  const probabilities = [
    [0.7, 0.2, 0.1],
    [0.2, 0.5, 0.3],
    [0.1, 0.3, 0.6],
    [0.3, 0.4, 0.3],
    [0.5, 0.3, 0.2],
    [0.2, 0.2, 0.6],
  ];

  it('averages the per-class one-vs-rest AUCs (macro)', () => {
    expect(rocAucOneVsRest(yTrue, probabilities)).toBeCloseTo((0.875 + 0.8125 + 1) / 3, 12);
  });

  it('rejects rows not summing to 1, absent classes and out-of-range labels', () => {
    expect(() =>
      rocAucOneVsRest(
        [0, 1],
        [
          [0.5, 0.6],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/sums to 1.1/);
    expect(() =>
      rocAucOneVsRest(
        [0, 0],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/class 1 never occurs/);
    expect(() =>
      rocAucOneVsRest(
        [0, 3],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).toThrow(/not a class index/);
    expect(() => rocAucOneVsRest([0, 1], [[0.5, 0.5], [1]])).toThrow(/row 1 has 1 columns/);
  });
});
