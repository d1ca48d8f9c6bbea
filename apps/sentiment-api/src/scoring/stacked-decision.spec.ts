import { stackedProbabilities, type StackedModel } from './stacked-decision';
import { decideProbabilities } from './three-class-decision';

const THREE = { negative: 0.3, neutral: 0.4, positive: 0.3 };

describe('stackedProbabilities', () => {
  it('is the softmax of one linear score per class over [q, p_neg, p_neu, p_pos, 1]', () => {
    // Scores: negative −q·2 = −1.6, neutral 0, positive q·2 = 1.6 (q = 0.8).
    const model: StackedModel = {
      coefficients: [
        [-2, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0],
      ],
    };
    const p = stackedProbabilities(0.8, THREE, model);
    const e = [Math.exp(-1.6), 1, Math.exp(1.6)];
    const total = e[0] + e[1] + e[2];
    expect(p.negative).toBeCloseTo(e[0] / total, 12);
    expect(p.neutral).toBeCloseTo(e[1] / total, 12);
    expect(p.positive).toBeCloseTo(e[2] / total, 12);
  });

  it('uses the intercepts and the three-class features, and does not overflow on large scores', () => {
    const model: StackedModel = {
      coefficients: [
        [0, 0, 0, 0, 0],
        [0, 0, 5000, 0, 0],
        [0, 0, 0, 0, 1],
      ],
    };
    const p = stackedProbabilities(0.5, THREE, model);
    expect(p.neutral).toBeCloseTo(1, 12);
    expect(Number.isFinite(p.negative)).toBe(true);
  });

  it('is what a stacked decision serves; a stacked decision without its model is refused', () => {
    const model: StackedModel = {
      coefficients: [
        [0, 1, 0, 0, 0],
        [0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0],
      ],
    };
    const weights = { negative: 1, neutral: 1, positive: 1 };
    expect(decideProbabilities(0.9, THREE, { polarity: 'stacked', classWeights: weights, stacked: model })).toEqual(stackedProbabilities(0.9, THREE, model));
    expect(() => decideProbabilities(0.9, THREE, { polarity: 'stacked', classWeights: weights })).toThrow(/stacked model/);
  });
});
