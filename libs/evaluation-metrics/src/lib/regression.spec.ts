import { mae, rmse } from './regression';

describe('rmse / mae', () => {
  // Reference: sklearn mean_squared_error / mean_absolute_error docstring example
  // y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8] → MSE 0.375, MAE 0.5.
  const yTrue = [3, -0.5, 2, 7];
  const yPred = [2.5, 0, 2, 8];

  it('matches the sklearn examples', () => {
    expect(rmse(yTrue, yPred)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(mae(yTrue, yPred)).toBeCloseTo(0.5, 12);
  });

  it('is 0 for exact predictions', () => {
    expect(rmse([1, 2], [1, 2])).toBe(0);
    expect(mae([1, 2], [1, 2])).toBe(0);
  });

  it('rejects misaligned, empty and non-finite input', () => {
    expect(() => rmse([1], [1, 2])).toThrow(/length mismatch/);
    expect(() => mae([], [])).toThrow(/no samples/);
    expect(() => rmse([1], [NaN])).toThrow(/yPred\[0\] is not a finite number/);
  });
});
