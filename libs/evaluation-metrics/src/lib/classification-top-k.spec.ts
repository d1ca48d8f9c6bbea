import { topKAccuracy } from './classification-top-k';

describe('topKAccuracy', () => {
  // Reference: sklearn.metrics.top_k_accuracy_score docstring example, k=2 → 0.75.
  const yTrue = [0, 1, 2, 2];
  const scores = [
    [0.5, 0.2, 0.2],
    [0.3, 0.4, 0.2],
    [0.2, 0.4, 0.3],
    [0.7, 0.2, 0.1],
  ];

  it('matches the sklearn example', () => {
    expect(topKAccuracy(yTrue, scores, 2)).toBe(0.75);
  });

  it('is plain accuracy at k=1 and 1 at k = number of classes', () => {
    expect(topKAccuracy(yTrue, scores, 1)).toBe(0.5);
    expect(topKAccuracy(yTrue, scores, 3)).toBe(1);
  });

  it('breaks ties as sklearn (higher class index first)', () => {
    // Scores tie between classes 0 and 1: class 1 takes the single top slot.
    expect(topKAccuracy([1], [[0.5, 0.5]], 1)).toBe(1);
    expect(topKAccuracy([0], [[0.5, 0.5]], 1)).toBe(0);
  });

  it('rejects bad k and ragged rows', () => {
    expect(() => topKAccuracy(yTrue, scores, 0)).toThrow(/k must be a positive integer/);
    expect(() => topKAccuracy([0, 0], [[1, 0], [1]], 1)).toThrow(/row 1 has 1 columns/);
  });
});
