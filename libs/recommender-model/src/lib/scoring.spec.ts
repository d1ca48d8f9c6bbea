import { predictRating } from './biased-mf-model';
import { easeScores } from './ease-scores';
import { factorScores } from './factor-ranker';
import { knnScores } from './item-neighbours';
import { l2Normalise } from './l2-normalise';

describe('recommender scoring', () => {
  it('predictRating: μ + b_u + b_i + p_u · q_i, clipped to the scale', () => {
    const model = {
      globalMean: 3,
      factors: 2,
      userFactors: Float32Array.of(1, 0, 2, 2),
      itemFactors: Float32Array.of(0.5, 0.5),
      userBias: Float32Array.of(0.25, 0),
      itemBias: Float32Array.of(-0.5),
      minRating: 1,
      maxRating: 5,
    };
    expect(predictRating(model, 0, 0)).toBe(3 + 0.25 - 0.5 + 0.5);
    expect(predictRating(model, 1, 0)).toBe(4.5);
    expect(predictRating({ ...model, globalMean: 9 }, 1, 0)).toBe(5);
  });

  it('factorScores: p_u · q_i + b_i for every item', () => {
    const ranker = { factors: 1, userFactors: Float32Array.of(2), itemFactors: Float32Array.of(1, -1), itemBias: Float32Array.of(0, 0.5) };
    expect(Array.from(factorScores(ranker, 0))).toEqual([2, -1.5]);
  });

  it("easeScores and knnScores sum the rows of the user's items", () => {
    const weights = Float32Array.of(0, 1, 2, 3, 0, 4, 5, 6, 0);
    expect(Array.from(easeScores(weights, 3, [0, 2]))).toEqual([5, 7, 2]);
    expect(
      Array.from(
        knnScores(
          {
            neighbours: [
              [[1, 0.5]],
              [],
              [
                [1, 0.25],
                [0, 1],
              ],
            ],
          },
          3,
          [0, 2],
        ),
      ),
    ).toEqual([1, 0.75, 0]);
  });

  it('l2Normalise scales in place to unit length; a zero row stays zero', () => {
    expect(Array.from(l2Normalise(Float32Array.of(3, 4)))).toEqual([0.6, 0.8].map(Math.fround));
    expect(Array.from(l2Normalise(new Float32Array(2)))).toEqual([0, 0]);
  });
});
