import { logLoss } from './classification-log-loss';

describe('logLoss', () => {
  it('matches the sklearn log_loss docstring example', () => {
    // Reference: sklearn log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) → 0.21616…
    // Classes are sorted, so ham = 0 and spam = 1.
    const yTrue = [1, 0, 0, 1];
    expect(
      logLoss(yTrue, [
        [0.1, 0.9],
        [0.9, 0.1],
        [0.8, 0.2],
        [0.35, 0.65],
      ]),
    ).toBeCloseTo(0.21616187, 7);
    // The same with a probability-of-class-1 vector.
    expect(logLoss(yTrue, [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(0.21616187, 7);
  });

  it('clips at 1e-15 so a confidently wrong prediction is finite', () => {
    // Hand-worked: −ln(1e-15) = 34.538776…
    expect(logLoss([0], [[0, 1]])).toBeCloseTo(-Math.log(1e-15), 9);
    expect(logLoss([0], [[0, 1]])).toBeCloseTo(34.5387764, 6);
  });

  it('rejects rows that do not sum to 1, bad labels and misaligned input', () => {
    expect(() => logLoss([0], [[0.2, 0.2]])).toThrow(/sums to 0.4/);
    expect(() => logLoss([0], [[-0.5, 1.5]])).toThrow(/outside \[0, 1\]/);
    expect(() => logLoss([2], [[0.5, 0.5]])).toThrow(/not a class index/);
    expect(() => logLoss([0, 1], [[0.5, 0.5]])).toThrow(/length mismatch/);
    expect(() => logLoss([], [])).toThrow(/no probability rows/);
  });
});
