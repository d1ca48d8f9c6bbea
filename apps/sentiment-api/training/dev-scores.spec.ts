import { devScorer } from './dev-scores';

describe('devScorer', () => {
  it('predicts positive at P ≥ 0.5 and scores accuracy and macro-F1 against the dev labels', () => {
    const score = devScorer([1, 0, 1, 0]);
    const result = score([0.5, 0.49, 0.2, 0.1]);
    expect(result.yPred).toEqual([1, 0, 0, 0]);
    expect(result.accuracy).toBe(0.75);
    expect(result.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 6);
  });
});
