import { binaryScores } from './binary-metrics';

describe('binaryScores', () => {
  it('computes accuracy, macro-F1 and the confusion matrix (worked by hand)', () => {
    // truth 1,1,0,0 / predicted 1,0,0,0: TP 1, FN 1, TN 2, FP 0.
    // F1(positive) = 2·1/(1+2) = 0.6667; F1(negative) = 2·2/(2+3) = 0.8; macro = 0.7333.
    const s = binaryScores([1, 1, 0, 0], [1, 0, 0, 0]);
    expect(s.n).toBe(4);
    expect(s.accuracy).toBe(0.75);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
    expect(s.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });

  it('gives a bootstrap interval around the accuracy, reproducible by seed', () => {
    const truth = Array.from({ length: 200 }, (_, i) => i % 2);
    const pred = truth.map((y, i) => (i % 5 === 0 ? 1 - y : y)); // 80% right
    const a = binaryScores(truth, pred, 3);
    expect(a.accuracy).toBe(0.8);
    expect(a.accuracyCi[0]).toBeLessThan(0.8);
    expect(a.accuracyCi[1]).toBeGreaterThan(0.8);
    // Normal approximation: ±1.96·sqrt(0.8·0.2/200) ≈ ±0.055.
    expect(a.accuracyCi[1] - a.accuracyCi[0]).toBeGreaterThan(0.07);
    expect(a.accuracyCi[1] - a.accuracyCi[0]).toBeLessThan(0.15);
    expect(binaryScores(truth, pred, 3).accuracyCi).toEqual(a.accuracyCi);
  });
});
